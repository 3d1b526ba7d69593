// The bill bench:thousand prints (docs/deploy.md "## Cost"): the same function priced the small example of that section.
import { describe, expect, it } from 'vitest';
import { metricsCost, monthlyCost, PRICES } from '../../bench/monthly-cost.ts';

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
