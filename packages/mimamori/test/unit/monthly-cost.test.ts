// The bill bench:thousand prints (docs/deploy.md "## Cost"): the same function priced the small example of that section.
import { describe, expect, it } from 'vitest';
import { confirmationCost, metricsCost, monthlyCost, PRICES } from '../../bench/monthly-cost.ts';

/** deploy.md's example: 10 checks every 5 minutes, 5 s at 2 GB, 3 PUTs a run, the stack's 5 metrics. */
const tenChecks = {
  checks: 10, everyMinutes: 5, runnerSeconds: 5, runnerMb: 2048, dispatcherMb: 256, tickSeconds: 0.1, tickLogBytes: 0,
  s3Puts: 3, s3Gets: 0, storedKb: 150, retentionDays: 30, tickSqsRequests: 0, sqsRequests: 0, logBytes: 0, logRetentionDays: 30,
  metrics: 5, metricsNote: '',
};
const usd = (line: string) => monthlyCost(tenChecks).rows.find((r) => r.line.startsWith(line))!.usd;

describe('monthlyCost', () => {
  it('counts 86,400 runs for 10 checks every 5 minutes and 8,640,000 for 1,000', () => {
    expect(monthlyCost(tenChecks).runs).toBe(86_400);
    expect(monthlyCost({ ...tenChecks, checks: 1000 }).runs).toBe(8_640_000);
  });

  it('prices the runner, its S3 PUTs and its metrics as the Cost section says for 10 checks', () => {
    expect(usd('Lambda runner:')).toBeCloseTo(14.4, 2); // 864,000 GB-s
    expect(usd('S3 PUT')).toBeCloseTo(1.3, 2); // 259,200 PUTs
    expect(usd('CloudWatch custom metrics')).toBeCloseTo(1.5, 2); // 5 × $0.30
  });

  it('charges metrics past the first 10,000 at the second tier', () => {
    expect(metricsCost(10_000)).toBeCloseTo(10_000 * PRICES.metricTiers[0]!.perMetric, 6);
    expect(metricsCost(12_000)).toBeCloseTo(3_000 + 2_000 * 0.1, 6);
  });

  it('totals its rows', () => {
    const bill = monthlyCost({ ...tenChecks, checks: 1000, metrics: 4002 });
    expect(bill.total).toBeCloseTo(bill.rows.reduce((s, r) => s + r.usd, 0), 9);
    expect(bill.rows.at(-1)!.usd).toBeCloseTo(1200.6, 2);
  });
});

describe('confirmationCost', () => {
  it('adds up one probe region\'s confirmation: the probe run, the home run waiting, SQS, S3 and the transfer', () => {
    const c = confirmationCost({ probeSeconds: 8, waitSeconds: 10, runnerMb: 2048, pollMs: 1000, probePuts: 3, transferKb: 1024 });
    expect(c.rows.map((r) => r.quantity)).toEqual(['16 GB-s', '20 GB-s', '3', '15', '1024 KB']);
    // 36 GB-s of Lambda is most of it: about 6 hundredths of a cent.
    expect(c.total).toBeCloseTo(36 * PRICES.lambdaGbSecond + PRICES.lambdaRequest + 3 * PRICES.sqsFifoRequest + 3 * PRICES.s3Put + 12 * PRICES.s3Get + PRICES.interRegionGb / 1024, 10);
    expect(c.total).toBeLessThan(0.001);
  });
});
