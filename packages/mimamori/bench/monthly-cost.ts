// The monthly bill of a deployment, line by line, from what a run and a tick cost (measured by bench/thousand-checks.mjs)
// and us-east-1 list prices. Pure: the bench prints its rows; docs/deploy.md's "## Cost" tables come from it.

/**
 * us-east-1 list prices (USD), as docs/deploy.md's "## Cost" uses them. Where each comes from:
 * - Lambda x86: $0.0000166667 per GB-second, $0.20 per million requests (aws.amazon.com/lambda/pricing).
 * - S3 Standard: PUT/COPY/POST/LIST $0.005 per 1,000, GET $0.0004 per 1,000, storage $0.023 per GB-month
 *   (aws.amazon.com/s3/pricing; deploy.md's 13 GB → $0.30 is this storage price).
 * - SQS FIFO: $0.50 per million requests, each 64 KB of a request one request (aws.amazon.com/sqs/pricing).
 * - CloudWatch: custom metrics $0.30 per metric-month for the first 10,000, $0.10 for the next 240,000; logs ingested
 *   $0.50 per GB, stored $0.03 per GB-month (aws.amazon.com/cloudwatch/pricing; deploy.md's 0.5 GB → $0.25).
 * Free tiers are left out: at a thousand checks they are noise.
 */
export const PRICES = {
  lambdaGbSecond: 0.0000166667,
  lambdaRequest: 0.2 / 1e6,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  s3GbMonth: 0.023,
  sqsFifoRequest: 0.5 / 1e6,
  metricTiers: [{ upTo: 10_000, perMetric: 0.3 }, { upTo: 250_000, perMetric: 0.1 }],
  logsIngestedGb: 0.5,
  logsStoredGbMonth: 0.03,
  // Data from one region to another (a probe region's evidence into the home bucket): $0.02 per GB (EC2/Lambda
  // data transfer pricing, inter-region).
  interRegionGb: 0.02,
};

/** Minutes in the 30-day month the prices are quoted for. */
export const MINUTES_A_MONTH = 43_200;

/** What `metrics` custom metrics cost a month, through the tiers. */
export function metricsCost(metrics: number, tiers: readonly { upTo: number; perMetric: number }[] = PRICES.metricTiers): number {
  let left = metrics;
  let from = 0;
  let cost = 0;
  for (const { upTo, perMetric } of tiers) {
    const n = Math.max(0, Math.min(left, upTo - from));
    cost += n * perMetric;
    left -= n;
    from = upTo;
  }
  return cost;
}

const GB = 1024 ** 3;

/** What a run and a tick cost, measured (bench/thousand-checks.mjs) or assumed; see monthlyCost. */
export interface CostInputs {
  checks: number;
  everyMinutes: number;
  runnerSeconds: number;
  runnerMb: number;
  dispatcherMb: number;
  tickSeconds: number;
  tickLogBytes: number;
  s3Puts: number;
  s3Gets: number;
  storedKb: number;
  retentionDays: number;
  tickSqsRequests: number;
  sqsRequests: number;
  logBytes: number;
  logRetentionDays: number;
  metrics: number;
  metricsNote: string;
}

export interface CostRow {
  line: string;
  quantity: string;
  usd: number;
}

/**
 * The month's lines for `checks` checks every `everyMinutes` minutes. Per run: `runnerSeconds` billed at `runnerMb`,
 * `s3Puts`/`s3Gets` requests, `storedKb` kept `retentionDays`, `logBytes` to CloudWatch Logs, `sqsRequests` (send share,
 * receive, delete); per tick (one a minute): `tickSeconds` at `dispatcherMb`, `tickSqsRequests`. `metrics`: custom
 * metrics alive all month. Returns rows `{ line, quantity, usd }` and the total.
 */
export function monthlyCost(p: CostInputs): { runs: number; rows: CostRow[]; total: number } {
  const runs = p.checks * (MINUTES_A_MONTH / p.everyMinutes);
  const ticks = MINUTES_A_MONTH;
  const gbS = (seconds: number, mb: number) => seconds * (mb / 1024);
  const logGb = (runs * p.logBytes + ticks * p.tickLogBytes) / GB;
  const rows: CostRow[] = [
    { line: `Lambda runner: ${fmt(runs)} runs × ${p.runnerSeconds.toFixed(2)} s × ${p.runnerMb / 1024} GB`, quantity: `${fmt(runs * gbS(p.runnerSeconds, p.runnerMb))} GB-s`, usd: runs * gbS(p.runnerSeconds, p.runnerMb) * PRICES.lambdaGbSecond },
    { line: 'Lambda runner requests', quantity: fmt(runs), usd: runs * PRICES.lambdaRequest },
    { line: `Lambda dispatcher: ${fmt(ticks)} ticks × ${p.tickSeconds.toFixed(3)} s × ${p.dispatcherMb / 1024} GB + requests`, quantity: `${fmt(ticks * gbS(p.tickSeconds, p.dispatcherMb))} GB-s`, usd: ticks * (gbS(p.tickSeconds, p.dispatcherMb) * PRICES.lambdaGbSecond + PRICES.lambdaRequest) },
    { line: `S3 PUT/LIST: ${p.s3Puts} a run`, quantity: fmt(runs * p.s3Puts), usd: runs * p.s3Puts * PRICES.s3Put },
    { line: `S3 GET/HEAD: ${p.s3Gets} a run`, quantity: fmt(runs * p.s3Gets), usd: runs * p.s3Gets * PRICES.s3Get },
    { line: `S3 storage: ${p.storedKb} KB a run kept ${p.retentionDays} days`, quantity: `${fmt((runs * p.retentionDays / 30) * p.storedKb / 1024 ** 2)} GB`, usd: ((runs * p.retentionDays / 30) * p.storedKb * 1024 / GB) * PRICES.s3GbMonth },
    { line: `SQS FIFO: ${p.tickSqsRequests} SendMessageBatch a tick + ${p.sqsRequests} a run (receive, delete)`, quantity: fmt(ticks * p.tickSqsRequests + runs * p.sqsRequests), usd: (ticks * p.tickSqsRequests + runs * p.sqsRequests) * PRICES.sqsFifoRequest },
    { line: `CloudWatch Logs: ${fmt(p.logBytes)} B a run, ${fmt(p.tickLogBytes)} B a tick (ingested + ${p.logRetentionDays} days kept)`, quantity: `${logGb.toFixed(1)} GB`, usd: logGb * (PRICES.logsIngestedGb + PRICES.logsStoredGbMonth * p.logRetentionDays / 30) },
    { line: `CloudWatch custom metrics: ${p.metricsNote}`, quantity: fmt(p.metrics), usd: metricsCost(p.metrics) },
  ];
  return { runs, rows, total: rows.reduce((s, r) => s + r.usd, 0) };
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The rows as a Markdown table. */
export function costTable({ rows, total }: { rows: CostRow[]; total: number }): string {
  return ['| line | a month | USD |', '| --- | --- | ---: |',
    ...rows.map((r) => `| ${r.line} | ${r.quantity} | ${r.usd.toFixed(2)} |`),
    `| **total** | | **${total.toFixed(0)}** |`].join('\n');
}

/** What one probe region's confirmation of one failing run costs (confirmFrom); a passing run asks none. */
export interface ConfirmationInputs {
  /** The probe's invocation: usually a cold start (probes run rarely), Chromium and the journey once. */
  probeSeconds: number;
  /** The home runner waiting for the answer (billed while it waits). */
  waitSeconds: number;
  runnerMb: number;
  /** The home run reads the bucket once a second while it waits (ask-probes.ts POLL_MS), then the answer and picture. */
  pollMs: number;
  /** Written by the probe: answer, screenshot, trace on failure. */
  probePuts: number;
  /** Sent across regions: the screenshot, the answer and (on failure) the trace. */
  transferKb: number;
}

/** One confirmation's lines and total, in USD (the README's "Cost only on failure" arithmetic). */
export function confirmationCost(p: ConfirmationInputs): { rows: CostRow[]; total: number } {
  const gbS = (seconds: number) => seconds * (p.runnerMb / 1024);
  const gets = Math.ceil((p.waitSeconds * 1000) / p.pollMs) + 2;
  const rows: CostRow[] = [
    { line: `probe Lambda: ${p.probeSeconds} s × ${p.runnerMb / 1024} GB + 1 request`, quantity: `${gbS(p.probeSeconds)} GB-s`, usd: gbS(p.probeSeconds) * PRICES.lambdaGbSecond + PRICES.lambdaRequest },
    { line: `home runner waiting: ${p.waitSeconds} s × ${p.runnerMb / 1024} GB`, quantity: `${gbS(p.waitSeconds)} GB-s`, usd: gbS(p.waitSeconds) * PRICES.lambdaGbSecond },
    { line: 'SQS FIFO: send, receive, delete', quantity: '3', usd: 3 * PRICES.sqsFifoRequest },
    { line: `S3: ${p.probePuts} PUT by the probe, ${gets} GET by the home run`, quantity: `${p.probePuts + gets}`, usd: p.probePuts * PRICES.s3Put + gets * PRICES.s3Get },
    { line: `inter-region transfer: ${p.transferKb} KB`, quantity: `${p.transferKb} KB`, usd: (p.transferKb * 1024 / GB) * PRICES.interRegionGb },
  ];
  return { rows, total: rows.reduce((s, r) => s + r.usd, 0) };
}
