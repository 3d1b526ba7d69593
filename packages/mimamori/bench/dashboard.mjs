// Benchmark of `npm run dashboard` at the scale issue 12 asks for: 10 checks × 30 days of 5-minute runs (≈ 86,400 runs)
// in the compact day history, in s3rver on loopback. The history is generated here and written straight as day
// objects (`history/<check>/<yyyy>/<mm>/<dd>.json`) and state objects with the S3 client — as after-run would have
// left them — then the CLI (`node bin/mimamori.js dashboard`, what `npm run dashboard` runs) is timed against it.
// Prints wall time, the S3 requests the CLI counted, and the page's size; targets ≤ 10 s and ≤ 1,000 requests.
// `npm run bench:dashboard` (BENCH_ROUNDS, default 3, after one warm-up run that may rebuild the CLI bundle).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { pad, runFolder, runId, seeded, syntheticRun, utcDay } from './synthetic-history.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results/dashboard');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHECKS = 10;
const DAYS = 30;
const EVERY = 5 * 60_000;
const BUCKET = 'mimamori-bench';
const TARGET_MS = 10_000;
const TARGET_REQUESTS = 1_000;

const gaussian = (random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * s3rver 3.7.1 leaves out of a delimiter listing the folders whose keys sit more than one level deeper (S3 returns
 * them as CommonPrefixes): `history/` would list no checks. The same fix as test/fixtures/s3.ts.
 */
function fixDelimiterListing(store) {
  const listAll = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    const { delimiter, prefix = '' } = options;
    if (!delimiter) return listAll(bucket, options);
    const all = await listAll(bucket, { ...options, delimiter: '', maxKeys: Infinity });
    const prefixes = new Set();
    const objects = all.objects.filter((o) => {
      const at = o.key.slice(prefix.length).indexOf(delimiter);
      if (at === -1) return true;
      prefixes.add(o.key.slice(0, prefix.length + at + delimiter.length));
      return false;
    });
    return { objects, commonPrefixes: [...prefixes].sort(), isTruncated: false };
  };
}


/**
 * One check's 30 days: steps with log-normal jitter around their level and a daily swell, a slow run now and then,
 * degraded over the budget, a single failure the alert policy let pass a few times a week, and about three incidents
 * (an hour or so of failures, marked i: 1 / i: 2 as the notification decision marks them). Names are plain ASCII, so a
 * key segment is the name itself.
 */
function generate(c, now) {
  const random = seeded(1000 + c);
  const check = `bench-check-${pad(c)}`;
  const steps = ['open home', 'search', 'open product', 'add to cart', 'checkout'].slice(0, 3 + (c % 3));
  const levels = steps.map(() => 150 + random() * 600);
  const budget = { degradedResponseTime: Math.round(levels.reduce((a, b) => a + b, 0) * 1.8), maxResponseTime: Math.round(levels.reduce((a, b) => a + b, 0) * 4) };
  const first = Math.ceil((now - DAYS * 86_400_000) / EVERY) * EVERY;
  const incidents = Array.from({ length: 3 }, () => {
    const start = first + Math.floor(random() * (DAYS * 288 - 60)) * EVERY;
    return { start, end: start + (3 + Math.floor(random() * 20)) * EVERY };
  });
  // Check 0 has an incident open now.
  if (c === 0) incidents.push({ start: Math.floor(now / EVERY) * EVERY - 6 * EVERY, end: Infinity });
  const days = new Map();
  let n = 0;
  let last;
  for (let t = first; t <= now; t += EVERY) {
    const swell = 1 + 0.15 * Math.sin(((t % 86_400_000) / 86_400_000) * 2 * Math.PI);
    const st = levels.map((l) => Math.round(l * swell * Math.exp(0.2 * gaussian(random)) * (random() < 0.02 ? 3 : 1)));
    const ms = st.reduce((a, b) => a + b, 0) + Math.round(80 + random() * 40);
    const id = runId(t, n++);
    const run = syntheticRun({ check, t, id, st, ms, steps, budget, incidents, random });
    const day = utcDay(t);
    if (!days.has(day)) days.set(day, { v: 1, check, day, steps, budget, usualMs: Math.round(levels.reduce((a, b) => a + b, 0) + 100), runs: [] });
    days.get(day).runs.push(run);
    last = run;
  }
  const open = incidents.find((x) => x.end === Infinity);
  const state = {
    check, lastStatus: { p: 'passed', d: 'degraded', f: 'failed' }[last.s], lastRunId: last.id, lastRunAt: new Date(last.t).toISOString(),
    lastDurationMs: last.ms, lastRunFolder: runFolder(check, last.id, last.t), consecutiveFailures: last.s === 'f' ? 6 : 0,
    incident: open ? { kind: 'site', openedAt: new Date(open.start).toISOString(), openedRunId: open.id, failures: 6 } : null,
  };
  return { check, days: [...days.values()], state };
}

async function putAll(client, objects, concurrency = 16) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < objects.length) {
      const { key, body } = objects[next++];
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/json' }));
    }
  }));
}

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'bin/mimamori.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`dashboard exited ${code}\n${stdout}\n${stderr}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const directory = await mkdtemp(join(tmpdir(), 's3rver-bench-'));
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
fixDelimiterListing(server.store);
const { port } = await server.run();
const endpoint = `http://127.0.0.1:${port}`;
const env = {
  AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1',
  MIMAMORI_S3_BUCKET: BUCKET,
};
try {
  console.log(`mimamori dashboard bench: ${CHECKS} checks × ${DAYS} days of 5-minute runs, s3rver on loopback, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const t0 = Date.now();
  const now = Date.now();
  const generated = Array.from({ length: CHECKS }, (_, c) => generate(c, now));
  const objects = generated.flatMap(({ check, days, state }) => [
    ...days.map((d) => ({ key: `history/${check}/${d.day.slice(0, 4)}/${d.day.slice(5, 7)}/${d.day.slice(8, 10)}.json`, body: JSON.stringify(d) })),
    { key: `state/${check}.json`, body: `${JSON.stringify(state, null, 2)}\n` },
  ]);
  const runs = generated.reduce((n, g) => n + g.days.reduce((m, d) => m + d.runs.length, 0), 0);
  const historyBytes = objects.reduce((n, o) => n + Buffer.byteLength(o.body), 0);
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  await putAll(client, objects);
  client.destroy();
  console.log(`  history: ${runs} runs in ${objects.length} objects (${(historyBytes / 1e6).toFixed(1)} MB, ${Math.round(historyBytes / runs)} bytes a run), written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const out = join(RESULTS, 'dashboard.html');
  const args = ['dashboard', '--out', out];
  await runCli(args, env); // warm-up: the CLI bundle is rebuilt here if src/ changed, and the config compiled
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const run = await runCli(args, env);
    const requests = /S3 requests: (\d+)(.*)/.exec(run.stdout);
    if (!requests) throw new Error(`no request count in the output:\n${run.stdout}`);
    rounds.push({ ms: run.ms, requests: Number(requests[1]), kinds: requests[2].trim(), bytes: statSync(out).size, stdout: run.stdout });
    process.stdout.write('.');
  }
  const ms = median(rounds.map((r) => r.ms));
  const requests = Math.max(...rounds.map((r) => r.requests));
  const bytes = rounds.at(-1).bytes;
  console.log(`\n  last run's output:\n${rounds.at(-1).stdout.replace(/^/gm, '    ')}`);
  console.log(`  wall time (median of ${ROUNDS}, whole process)  ${(ms / 1000).toFixed(2)} s   (≤ ${TARGET_MS / 1000} s)      ${ms <= TARGET_MS ? 'met' : 'MISSED'}   runs: ${rounds.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')} s`);
  console.log(`  S3 requests                             ${requests}   (≤ ${TARGET_REQUESTS})    ${requests <= TARGET_REQUESTS ? 'met' : 'MISSED'}   ${rounds.at(-1).kinds}`);
  console.log(`  page size                               ${(bytes / 1024).toFixed(0)} KB   (${out})`);
  if (ms > TARGET_MS || requests > TARGET_REQUESTS) process.exitCode = 1;
} finally {
  await server.close();
  await rm(directory, { recursive: true, force: true });
}
