// Benchmark of the log-watch handler's own work on one delivery (issue 14): base64 → gunzip → JSON, the watch's
// regular expression on every line, and redaction and cutting of the matching ones — the part that grows with the
// delivery (Slack and S3 are one or two calls whatever its size, and are left out: Slack is off here). A delivery of
// BENCH_LINES (default 10,000) Lambda-style lines of ≈ 150 bytes, with 1 % and with every line matching; the median of
// BENCH_ROUNDS (default 15) warm runs each. `npm run bench:log-watch`.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importFromSrc } from './import-src.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results/log-watch');
const LINES = Number(process.env.BENCH_LINES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// Lambda's 256 MB function gets about a sixth of a vCPU: the delivery must leave most of its 30 s timeout.
const TARGET_MS = 1_000;

const { handleLogEvent } = await importFromSrc(RESULTS, 'log-watch-bench', "export { handleLogEvent } from '../../../src/lambda/log-watch.ts';");

const T0 = Date.UTC(2026, 10, 29, 7, 35);
const line = (i, level) => `${new Date(T0 + i).toISOString()}\t8f5e2b1c-42aa-4c1e-9d0b-5c7e3f1a2b3c\t${level}\t`
  + `GET https://api.example.com/orders/${i}?token=tok${i}secret&page=2 took ${i % 997} ms (user u-${i % 50})\n`;
function delivery(matchEvery) {
  const logEvents = Array.from({ length: LINES }, (_, i) => ({ id: String(T0 + i).padStart(56, '0'), timestamp: T0 + i, message: line(i, i % matchEvery === 0 ? 'ERROR' : 'INFO') }));
  const json = JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/api', logStream: '2026/11/29/[$LATEST]abc', subscriptionFilters: ['bench-api-errors'], logEvents });
  return { event: { awslogs: { data: gzipSync(json).toString('base64') } }, bytes: json.length };
}

const config = { logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/, filterPattern: '', windowMinutes: 5 }], redact: {}, timeZone: 'UTC' };
const quiet = { info() {}, warn() {} };
const env = { MIMAMORI_STACK_NAME: 'bench', AWS_REGION: 'ap-northeast-1' }; // no SLACK_CHANNEL: matched, then logged
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`Log watch, one delivery of ${LINES.toLocaleString('en')} lines; ${ROUNDS} warm runs each:`);
for (const [label, every] of [['1 % of the lines match', 100], ['every line matches', 1]]) {
  const { event, bytes } = delivery(every);
  const outcome = await handleLogEvent(event, config, quiet, env); // warm-up
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    await handleLogEvent(event, config, quiet, env);
    times.push(performance.now() - started);
  }
  const m = median(times);
  console.log(`  ${label.padEnd(24)} ${(bytes / 1e6).toFixed(2)} MB decoded (${Math.round(event.awslogs.data.length / 1024)} KB sent)   median ${m.toFixed(0).padStart(5)} ms   `
    + `${Math.round(LINES / (m / 1000)).toLocaleString('en')} lines/s   (${outcome.why}; target ≤ ${TARGET_MS} ms ${m <= TARGET_MS ? 'met' : 'MISSED'})`);
}
