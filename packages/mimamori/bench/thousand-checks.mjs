// Issue 24's "a thousand checks": 1,000 trivial checks on 5-minute schedules (rate(5 minutes) and cron), built with the
// project's own build, then
// - the BUILT dispatcher invoked as Lambda invokes it (test/helpers/lambda-invoke.cjs, one warm process) for a simulated
//   hour of ticks — the scheduled events' times are its clock — against the fake FIFO SQS of the tests: tick time,
//   SendMessageBatch calls and messages a tick, message groups; a few fresh processes for its cold start; the share of
//   the schedule evaluation (dueRuns from src, the same function, timed alone on the same ticks);
// - the BUILT runner on a few of those checks (one cold invocation, warm ones; S3 = s3rver on loopback behind a proxy
//   that counts the requests a run makes; the site a tiny local server), for a run's overhead, S3 requests and log bytes;
// - from these, the runner concurrency (Little's law) and the month's bill (bench/monthly-cost.ts).
// This machine cannot run 1,000 browsers every 5 minutes: the runner side is extrapolated, and says how.
// `npm run bench:thousand -w mimamori` (run it on Node ≥ 22.17: `node ../../scripts/with-node.mjs npm run bench:thousand`).
// BENCH_CHECKS (1000), BENCH_TICKS (60), BENCH_WARM (8 warm runner invocations), BENCH_JOURNEYS (seconds, "3,10").
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import { importFromSrc } from './import-src.mjs';
import { costTable, fmt, monthlyCost } from './monthly-cost.ts';
import { dispatcherEnv, scheduledEvent } from '../test/helpers/dispatcher-lambda.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'bench/results/thousand');
const N = Number(process.env.BENCH_CHECKS ?? 1000);
const TICKS = Number(process.env.BENCH_TICKS ?? 60);
const WARM = Number(process.env.BENCH_WARM ?? 8);
const JOURNEYS = (process.env.BENCH_JOURNEYS ?? '3,10').split(',').map(Number);
const COLD_DISPATCHERS = 3;
const INVOKE = join(ROOT, 'test/helpers/lambda-invoke.cjs');
/** What Lambda itself writes per invocation (START, END, REPORT lines), not in the handler's logs. */
const PLATFORM_LOG_BYTES = 350;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Check i's schedule: 70 % rate(5 minutes) (spread over the minutes by a hash of the name), 20 % cron at :00/:05/…
 * (how most people write "every 5 minutes"), 10 % cron at :02/:07/…. */
const scheduleOf = (i) => (i % 10 < 7 ? 'rate(5 minutes)' : i % 10 < 9 ? 'cron(0/5 * * * ? *)' : 'cron(2/5 * * * ? *)');
const nameOf = (i) => `trivial ${String(i).padStart(4, '0')}`;

// ---- the project ----
rmSync(DIR, { recursive: true, force: true });
mkdirSync(join(DIR, 'checks'), { recursive: true });
for (let i = 0; i < N; i++) {
  writeFileSync(join(DIR, 'checks', `c${String(i).padStart(4, '0')}.check.ts`), `import { defineCheck, expect } from 'mimamori';

export default defineCheck({
  name: ${JSON.stringify(nameOf(i))},
  schedule: ${JSON.stringify(scheduleOf(i))},
  async run({ page }) {
    await page.goto('/p${i}');
    await expect(page.locator('h1')).toHaveText('ok /p${i}');
  },
});
`);
}
writeFileSync(join(DIR, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(DIR, 'checks'))} };\n`);
const buildStarted = Date.now();
const built = spawnSync(process.execPath, [join(ROOT, 'bin/mimamori.js'), 'build', '--out', join(DIR, 'build')], { cwd: DIR, encoding: 'utf8' });
if (built.status !== 0) throw new Error(built.stderr || built.stdout);
const buildMs = Date.now() - buildStarted;

/**
 * Runs lambda-invoke.cjs on `handler` with `invocations`; resolves the invocations and the process's wall time. Its
 * stdout goes to a file: lambda-invoke ends with process.exit, which can cut a long answer short on a pipe.
 */
function invoke(handler, invocations, env) {
  return new Promise((resolve, reject) => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-invoke-')), 'stdout');
    const fd = openSync(out, 'w');
    const t0 = performance.now();
    const child = spawn(process.execPath, [INVOKE, handler, JSON.stringify(invocations)], { env, stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const stdout = readFileSync(out, 'utf8');
      const at = stdout.lastIndexOf('@@RESULT@@');
      if (code !== 0 || at < 0) reject(new Error(`invoke exited ${code}\n${stderr.slice(-3000)}`));
      else resolve({ invocations: JSON.parse(stdout.slice(at + 10)), wallMs });
    });
  });
}

// ---- the dispatcher: an hour of ticks ----
const { startFakeSqs } = await import('../test/helpers/fake-sqs.ts');
const sqs = await startFakeSqs();
const HOUR = Date.parse('2026-12-07T10:00:00Z');
const tickTime = (k) => new Date(HOUR + k * 60_000 + 2_000).toISOString(); // EventBridge delivers a few seconds late
const tickEnv = dispatcherEnv(sqs, mkdtempSync(join(tmpdir(), 'lambda-tmp-')));
const DISPATCHER = join(DIR, 'build/dispatcher/dispatcher.js');

// Each call the fake got, tagged with the tick it belongs to (ticks run one after another in one process).
const perTick = [];
const hour = await invoke(DISPATCHER, Array.from({ length: TICKS }, (_, k) => ({ event: scheduledEvent(tickTime(k)), timeoutMs: 30_000 })), tickEnv);
{
  // Split the fake's calls by the answers: tick k sent the due runs (answer.enqueued) less those
  // this warm container had already put on the queue (answer.alreadyQueued), in ceil(n / 10) SendMessageBatch calls.
  let at = 0;
  for (const inv of hour.invocations) {
    if (inv.error) throw new Error(`a tick failed: ${inv.error.errorMessage}`);
    // (The bench's project has no digest: a tick's messages are its checks' runs.)
    const n = inv.answer.enqueued.length - (inv.answer.alreadyQueued ?? 0);
    const calls = sqs.received.slice(at, at + Math.ceil(n / 10));
    at += calls.length;
    const entries = calls.flatMap((c) => c.input.Entries);
    perTick.push({ ms: inv.ms, due: inv.answer.enqueued.length, calls: calls.length, messages: entries.length, groups: new Set(entries.map((e) => e.MessageGroupId)).size, logBytes: inv.logs.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0) });
  }
  if (at !== sqs.received.length) throw new Error(`the fake got ${sqs.received.length} calls, the ticks account for ${at}`);
}
// New runs a tick (what SQS did not drop as duplicates): the queue in order of arrival, by the tick that sent it.
const newPerTick = [];
{
  const seen = new Set();
  let at = 0;
  for (const t of perTick) {
    const entries = sqs.received.slice(at, at + t.calls).flatMap((c) => c.input.Entries);
    at += t.calls;
    newPerTick.push(entries.filter((e) => !seen.has(e.MessageDeduplicationId) && seen.add(e.MessageDeduplicationId)).length);
  }
}
const allGroups = new Set(sqs.queue.map((m) => m.MessageGroupId)).size;
const sqsRequestBytes = median(sqs.received.map((c) => Buffer.byteLength(JSON.stringify(c.input))));
await sqs.close();

// Cold starts: fresh processes, one tick each (spawn → exit, and the handler's own first invocation).
const coldSqs = await startFakeSqs();
const colds = [];
for (let c = 0; c < COLD_DISPATCHERS; c++) {
  const one = await invoke(DISPATCHER, [{ event: scheduledEvent(tickTime(c)), timeoutMs: 30_000 }], { ...tickEnv, AWS_ENDPOINT_URL_SQS: coldSqs.url, RUN_QUEUE_URL: coldSqs.queueUrl });
  colds.push({ wallMs: one.wallMs, firstMs: one.invocations[0].ms });
}
await coldSqs.close();
const bareNode = [];
for (let c = 0; c < COLD_DISPATCHERS; c++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bareNode.push(performance.now() - t0);
}

// The schedule evaluation alone: the dispatcher's dueRuns over the same 1,000 schedules and ticks, in this process.
const { dueRuns } = await importFromSrc(join(DIR, 'src'), 'due-runs', `export { dueRuns } from ${JSON.stringify(join(ROOT, 'src/lambda/dispatch.ts'))};`);
const schedules = Array.from({ length: N }, (_, i) => ({ name: nameOf(i), schedule: scheduleOf(i) }));
dueRuns(schedules, Date.parse(tickTime(0)), 'UTC'); // first call parses and warms, as the first tick does
const evalMs = [];
for (let k = 0; k < TICKS; k++) {
  const t0 = performance.now();
  const { entries } = dueRuns(schedules, Date.parse(tickTime(k)), 'UTC');
  evalMs.push(performance.now() - t0);
  if (entries.length !== perTick[k].due) throw new Error(`dueRuns gives ${entries.length} runs at tick ${k}, the built dispatcher found ${perTick[k].due} due`);
}

// ---- the runner: a few of the same checks, cold then warm ----
const site = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!doctype html><title>t</title><h1>ok ${req.url}</h1>`);
});
await new Promise((r) => site.listen(0, '127.0.0.1', r));
const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'bench-s3-')), configureBuckets: [{ name: 'bench' }] });
const { port: s3Port } = await s3.run();
// The runner's S3 endpoint: a proxy that notes each request (method, key, bytes up) and passes it to s3rver.
const s3Requests = [];
const proxy = createServer((req, res) => {
  const noted = { method: req.method, url: req.url, bytes: 0, at: Date.now() };
  s3Requests.push(noted);
  req.on('data', (d) => (noted.bytes += d.length));
  const up = request({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  req.pipe(up);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const runnerEvent = (i) => ({
  Records: [{
    messageId: `bench-${i}`, eventSource: 'aws:sqs', body: JSON.stringify({ check: nameOf(i), scheduledAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() }),
    attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), ApproximateFirstReceiveTimestamp: String(Date.now()) },
  }],
});
const BUILD = join(DIR, 'build');
const runnerMb = 2048; // template.yaml RunnerMemorySize's default
let runner;
try {
  runner = await invoke(join(BUILD, 'runner/runner.js'), Array.from({ length: WARM + 1 }, (_, i) => ({ event: runnerEvent(i), timeoutMs: 120_000 })), {
    ...process.env,
    NODE_PATH: join(BUILD, 'layer/nodejs/node_modules'), MIMAMORI_LAYER_FONTS: join(BUILD, 'layer/fonts'),
    TMPDIR: mkdtempSync(join(tmpdir(), 'bench-lambda-tmp-')), // fresh: the first invocation inflates Chromium
    AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(runnerMb),
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction', AWS_LAMBDA_LOG_STREAM_NAME: '2026/12/07/[$LATEST]abc',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    MIMAMORI_STACK_NAME: 'mimamori', BASE_URL: `http://127.0.0.1:${site.address().port}`,
    SLACK_BOT_TOKEN: '', SLACK_TOKEN_PARAMETER: '', POWERTOOLS_LOG_LEVEL: 'INFO', AWS_LAMBDA_LOG_LEVEL: '', POWERTOOLS_DEV: '',
    MIMAMORI_S3_BUCKET: 'bench', AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${proxy.address().port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1',
  });
} finally {
  site.close();
  proxy.close();
  await s3.close();
}
const runs = runner.invocations.map((inv, i) => {
  if (inv.error || inv.answer?.batchItemFailures?.length) throw new Error(`runner invocation ${i} failed: ${JSON.stringify(inv.error ?? inv.answer)}\n${inv.logs.join('\n').slice(-2000)}`);
  const line = inv.logs.filter((l) => l.startsWith('{')).map((l) => { try { return JSON.parse(l); } catch { return {}; } })
    .find((l) => /^check (passed|failed|degraded)$/.test(l.message ?? ''));
  if (!line) throw new Error(`runner invocation ${i}: no "check <status>" line:\n${inv.logs.join('\n').slice(-2000)}`);
  return { ms: inv.ms, status: line.status, journeyMs: line.durationMs, logBytes: inv.logs.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0), logs: inv.logs };
});
const [cold, ...warm] = runs;
// S3 requests a run: the proxy's log over the runs (each invocation is one run of a different check).
const kind = (r) => (r.method === 'PUT' || r.method === 'POST' ? 'PUT' : r.method === 'GET' && /[?&]list-type=2|[?&]prefix=/.test(r.url) ? 'LIST' : r.method === 'DELETE' ? 'DELETE' : r.method);
const byKind = {};
for (const r of s3Requests) byKind[kind(r)] = (byKind[kind(r)] ?? 0) + 1;
const perRun = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, v / runs.length]));
const putBytes = s3Requests.filter((r) => kind(r) === 'PUT').reduce((s, r) => s + r.bytes, 0) / runs.length;
// Keys a run touches, with the run's own folder and check name shown as <run> and <check>.
const keyShapes = [...new Set(s3Requests.map((r) => `${kind(r)} ${decodeURIComponent(r.url.split('?')[0]).replace(/^\/bench\//, '').replace(/trivial(%20| |-)\d{4}/g, '<check>').replace(/\d{8}T\d{6}Z-[0-9a-f]{6}/g, '<run>').replace(/\d{4}-\d{2}-\d{2}/g, '<day>')}${/[?&](list-type|prefix)=/.test(r.url) ? ' (list)' : ''}`))].sort();

// ---- figures ----
const ticksMs = perTick.map((t) => t.ms);
const warmOverheadMs = median(warm.map((r) => r.ms - r.journeyMs));
const logBytes = median(warm.map((r) => r.logBytes)) + PLATFORM_LOG_BYTES;
const lambdaRate = N / 300; // runs a second, 1,000 checks every 5 minutes
// The first ticks also send what was due in the minutes before the hour (the 4-minute look-back): the busiest minute
// is taken after them.
const peakNew = Math.max(...newPerTick.slice(4));
console.log(`mimamori, ${N} checks every 5 minutes (${N * 0.7} rate(5 minutes), ${N * 0.2} cron(0/5 …), ${N * 0.1} cron(2/5 …)); node ${process.version}, ${cpus().length} cores (${cpus()[0].model}); build ${(buildMs / 1000).toFixed(1)} s`);
console.log(`\nBuilt dispatcher, ${TICKS} ticks (a simulated hour, one warm process), fake FIFO SQS on loopback:`);
console.log(`  tick time         median ${median(ticksMs)} ms, p95 ${pct(ticksMs, 95)} ms, max ${Math.max(...ticksMs)} ms (the first, warming the SDK: ${ticksMs[0]} ms)`);
console.log(`  cold start        process spawn → exit ${colds.map((c) => c.wallMs.toFixed(0)).join(', ')} ms (a bare \`node -e 0\` ${median(bareNode).toFixed(0)} ms), its one tick ${colds.map((c) => c.firstMs).join(', ')} ms: init (module load) ≈ ${median(colds.map((c) => c.wallMs - c.firstMs)) - median(bareNode) | 0} ms`);
console.log(`  SQS a tick        ${median(perTick.map((t) => t.calls))} SendMessageBatch (max ${Math.max(...perTick.map((t) => t.calls))}), ${median(perTick.map((t) => t.messages))} messages (max ${Math.max(...perTick.map((t) => t.messages))}) of ${median(perTick.map((t) => t.due))} due in the look-back (the rest this warm container had already queued), request ≈ ${(sqsRequestBytes / 1024).toFixed(1)} KB`);
console.log(`  new runs a tick   median ${median(newPerTick)}, busiest minute ${peakNew} (a warm dispatcher sends only these; a cold one sends the whole look-back for SQS to drop)`);
console.log(`  message groups    ${median(perTick.map((t) => t.groups))} a tick, ${allGroups} over the hour (one per check); ${sqs.queue.length} runs queued in the hour (${N * 12} due)`);
console.log(`  schedule eval     dueRuns alone median ${median(evalMs).toFixed(2)} ms, max ${Math.max(...evalMs).toFixed(2)} ms: ${((100 * median(evalMs)) / median(ticksMs)).toFixed(0)} % of the median tick`);
console.log(`  log a tick        ${median(perTick.map((t) => t.logBytes))} B from the handler`);
console.log(`\nBuilt runner, ${runs.length} trivial checks of the same build (1 cold, ${WARM} warm, one process), s3rver on loopback:`);
console.log(`  cold invocation   ${cold.ms} ms (journey ${cold.journeyMs} ms)`);
console.log(`  warm invocation   median ${median(warm.map((r) => r.ms))} ms (journey ${median(warm.map((r) => r.journeyMs))} ms): overhead over the journey ${warmOverheadMs} ms`);
console.log(`  statuses          ${runs.map((r) => r.status).join(', ')}`);
console.log(`  S3 a run          ${Object.entries(perRun).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; ${(putBytes / 1024).toFixed(0)} KB written`);
for (const shape of keyShapes) console.log(`    ${shape}`);
console.log(`  log a run         ${logBytes} B (the handler's ${logBytes - PLATFORM_LOG_BYTES} B + ≈ ${PLATFORM_LOG_BYTES} B of START/END/REPORT)`);

console.log(`\nRunner concurrency (Little's law: concurrency = arrival rate × time in the runner), ${N} checks / 300 s = ${lambdaRate.toFixed(2)} runs/s on average,`);
console.log(`${peakNew} in the busiest minute (${(peakNew / 60).toFixed(2)} runs/s when the minute's runs are spread over it):`);
for (const j of JOURNEYS) {
  const w = j + warmOverheadMs / 1000;
  console.log(`  journey ${j} s → ${w.toFixed(2)} s a warm run: mean ${(lambdaRate * w).toFixed(1)}, busiest minute ${((peakNew / 60) * w).toFixed(1)} concurrent runners`);
}

const s3Puts = (perRun.PUT ?? 0) + (perRun.LIST ?? 0); // LIST is priced as a PUT; DELETE is free
const s3Gets = (perRun.GET ?? 0) + (perRun.HEAD ?? 0);
/** Each journey's inputs, for the README's table by size below. */
const months = [];
for (const j of JOURNEYS) {
  const inputs = {
    checks: N, everyMinutes: 5, runnerSeconds: j + warmOverheadMs / 1000, runnerMb, dispatcherMb: 256,
    tickSeconds: median(ticksMs) / 1000, tickLogBytes: median(perTick.map((t) => t.logBytes)) + PLATFORM_LOG_BYTES,
    s3Puts: Number(s3Puts.toFixed(1)), s3Gets: Number(s3Gets.toFixed(1)), // A real page's screenshot and result (deploy.md's 150 KB a run), not this trivial page's few KB.
    storedKb: Math.max(150, Math.round(putBytes / 1024)), retentionDays: 30,
    // Sent: the tick's batches (each ≤ 64 KB: one request). Received and deleted by the event source: ≥ 2 a run.
    tickSqsRequests: median(perTick.map((t) => t.calls)), sqsRequests: 2,
    logBytes, logRetentionDays: 30,
    // telemetry.ts: CheckRuns, CheckFailures, CheckDegraded, CheckDuration under {service, Stack}; StaleRunsSkipped
    // {service}. With the template's PerCheckMetrics 'true', CheckSuccess, CheckDegraded, CheckDuration per check too.
    metrics: 5, metricsNote: '5 stack-wide ({service, Stack})',
  };
  const bill = monthlyCost(inputs);
  const perCheck = monthlyCost({ ...inputs, metrics: 5 + 3 * N, metricsNote: '' });
  console.log(`\nA month at ${N} checks every 5 minutes, journey ${j} s (${fmt(bill.runs)} runs; us-east-1 list prices, no free tier):\n${costTable(bill)}`);
  console.log(`(with PerCheckMetrics 'true' — 3 more metrics a check under {service, check} — the metrics line is $${perCheck.rows.at(-1).usd.toFixed(2)}: the month $${perCheck.total.toFixed(0)})`);
  months.push({ j, inputs });
}

// The README's table: the same per-run and per-tick figures at 10 and 100 checks (a tick's batches scale with the
// checks; its time is the 1,000-check tick's, an upper bound), no free tier.
console.log(`\nREADME: a month by size (runs every 5 minutes; no free tier), journey ${JOURNEYS.map((j) => `${j} s`).join(' / ')}:`);
console.log(`| checks | ${JOURNEYS.map((j) => `journey ${j} s`).join(' | ')} |\n| ---: | ${JOURNEYS.map(() => '---:').join(' | ')} |`);
for (const n of [10, 100, N]) {
  const totals = months.map(({ inputs }) => monthlyCost({ ...inputs, checks: n, tickSqsRequests: Math.ceil((inputs.tickSqsRequests * n) / N) }).total);
  console.log(`| ${fmt(n)} | ${totals.map((t) => `≈ $${t < 100 ? t.toFixed(0) : fmt(t)}`).join(' | ')} |`);
}
