// Issue 24's dashboard at a thousand checks: 1,000 checks × 30 days of 5-minute runs (288 a day: 8.6 M runs in 30,000
// day objects) seeded as the write path leaves them — day objects and state objects, and (unless BENCH_SUMMARIES=0,
// history from before summaries existed) each check's summary of its finished days, made by the write path's own
// `summariseDay` (src/store/history-summary.ts, bundled from src like bench/thousand-checks.mjs does) — into a local
// results folder and into s3rver on loopback. Then the BUILT CLI (`node bin/mimamori.js dashboard`) is timed against
// each: wall time, the reads it counted (S3 requests by API, or local store calls), its peak RSS, the page's size.
// `npm run bench:dashboard-thousand -w mimamori` (on Node ≥ 22.17: `node ../../scripts/with-node.mjs npm run …`).
// BENCH_CHECKS (1000), BENCH_DAYS (30), BENCH_STORES ("s3,local"), BENCH_ARGS (extra dashboard flags, e.g. "--detail 0"),
// BENCH_SUMMARIES (1). The seeded history is kept under bench/results/dashboard-thousand/ and reused while its
// parameters match (BENCH_RESEED=1 seeds again): seeding writes ~1 GB and takes minutes.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { importFromSrc } from './import-src.mjs';
import { pad, runFolder, runId, seeded, syntheticRun, utcDay } from './synthetic-history.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'bench/results/dashboard-thousand');
const CHECKS = Number(process.env.BENCH_CHECKS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const STORES = (process.env.BENCH_STORES ?? 's3,local').split(',');
const SUMMARIES = process.env.BENCH_SUMMARIES !== '0';
const EXTRA = (process.env.BENCH_ARGS ?? '').split(' ').filter(Boolean);
const EVERY = 5 * 60_000;
const DAY = 86_400_000;
const BUCKET = 'mimamori-bench';
const TARGET_MS = 10_000;
/** A kept seed is reused while younger than this: its window has slid by at most that (a few hours of 30 days). */
const KEEP_SEED_MS = 6 * 3_600_000;


const dayKey = (check, day) => `history/${check}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}.json`;

/**
 * One check's days: 3–5 steps with jitter around their level, degraded over the budget now and then, a few incidents
 * a month (marked i: 1 / i: 2), a stray failure; 2 % of the checks failing now (an incident open), 3 % slow now.
 * Yields each day as it is made, so 8.6 M runs never sit in memory at once.
 */
function* generate(c) {
  const random = seeded(1000 + c);
  const check = `check-${pad(c, 4)}`;
  const steps = ['open home', 'search', 'open product', 'add to cart', 'checkout'].slice(0, 3 + (c % 3));
  const levels = steps.map(() => 150 + random() * 600);
  const sum = levels.reduce((a, b) => a + b, 0);
  const budget = { degradedResponseTime: Math.round(sum * 1.8), maxResponseTime: Math.round(sum * 4) };
  const first = Math.ceil((NOW - DAYS * DAY) / EVERY) * EVERY;
  const incidents = Array.from({ length: 2 + (c % 3) }, () => {
    const start = first + Math.floor(random() * (DAYS * 288 - 60)) * EVERY;
    return { start, end: start + (3 + Math.floor(random() * 20)) * EVERY };
  });
  const failingNow = c % 50 === 7;
  const slowNow = c % 33 === 5;
  if (failingNow) incidents.push({ start: NOW - 6 * EVERY, end: Infinity });
  const tags = [`team-${c % 7}`, c % 2 ? 'shop' : 'blog'];
  let n = 0;
  let last;
  let day;
  for (let t = first; t <= NOW; t += EVERY) {
    const slow = slowNow && t > NOW - 2 * 3_600_000 ? 2.2 : 1;
    const st = levels.map((l) => Math.round(l * slow * (0.8 + 0.4 * random()) * (random() < 0.02 ? 3 : 1)));
    const ms = st.reduce((a, b) => a + b, 0) + 100;
    const id = runId(t, n++);
    const run = syntheticRun({ check, t, id, st, ms, steps, budget, incidents, random });
    const d = utcDay(t);
    if (day?.day !== d) {
      if (day) yield { day };
      day = { v: 1, check, day: d, steps, budget, usualMs: Math.round(sum + 100), tags, runs: [] };
    }
    day.runs.push(run);
    last = run;
  }
  yield { day };
  const open = incidents.find((x) => x.end === Infinity);
  yield {
    state: {
      check, lastStatus: { p: 'passed', d: 'degraded', f: 'failed' }[last.s], lastRunId: last.id, lastRunAt: new Date(last.t).toISOString(),
      lastDurationMs: last.ms, lastRunFolder: runFolder(check, last.id, last.t), consecutiveFailures: last.s === 'f' ? 6 : 0,
      incident: open ? { kind: 'site', openedAt: new Date(open.start).toISOString(), openedRunId: open.id, failures: 6 } : null,
    },
  };
}

/** s3rver 3.7.1 leaves the folders out of a delimiter listing (S3 returns them as CommonPrefixes): they are read from
 * its directory here, without walking every object under the prefix (test/fixtures/s3.ts's fix walks all: 30,000
 * objects for `history/`). Keys are plain ASCII here, so s3rver's path is the key. */
function fixDelimiterListing(server, directory) {
  const store = server.store;
  const listAll = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    const { delimiter, prefix = '' } = options;
    if (delimiter !== '/' || (prefix && !prefix.endsWith('/'))) return listAll(bucket, options);
    const own = await listAll(bucket, options);
    const path = join(directory, bucket, ...prefix.split('/').filter(Boolean));
    const folders = existsSync(path) ? readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${prefix}${e.name}/`) : [];
    return { ...own, commonPrefixes: [...new Set([...own.commonPrefixes, ...folders])].sort() };
  };
}

async function pool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

// ---- seeding (kept while the parameters match) ----
const seedFile = join(DIR, 'seed.json');
const seedWanted = { CHECKS, DAYS, stores: ['local', 's3'] };
const seed = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, 'utf8')) : undefined;
const kept = seed && JSON.stringify(seed.wanted) === JSON.stringify(seedWanted) && Date.now() - seed.now < KEEP_SEED_MS && process.env.BENCH_RESEED !== '1';
/** The seed's "now": the newest run is at most 5 minutes before it. */
const NOW = kept ? seed.now : Math.floor(Date.now() / EVERY) * EVERY;
const s3Dir = join(DIR, 's3rver');
const localDir = join(DIR, 'local');
const summaries = SUMMARIES ? await importFromSrc(join(DIR, 'src'), 'history-summary', `export { summariseDay, addDaySummary, summaryKey } from ${JSON.stringify(join(ROOT, 'src/store/history-summary.ts'))};`) : undefined;

const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
fixDelimiterListing(server, s3Dir);
const { port } = await server.run();
const endpoint = `http://127.0.0.1:${port}`;

console.log(`mimamori dashboard at a thousand checks: ${CHECKS} checks × ${DAYS} days of 5-minute runs${SUMMARIES ? ', with day summaries' : ', no summaries (history from before them)'}; node ${process.version}, ${cpus().length} cores`);
if (!kept) {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  await server.close();
  // s3rver is restarted on the emptied folder below.
}
const live = kept ? server : new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
if (!kept) {
  fixDelimiterListing(live, s3Dir);
  await live.run();
  const t0 = Date.now();
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 6 });
  let objects = 0;
  let bytes = 0;
  let runs = 0;
  const put = async (key, body) => {
    objects++;
    bytes += Buffer.byteLength(body);
    await Promise.all([
      mkdir(dirname(join(localDir, key)), { recursive: true }).then(() => writeFile(join(localDir, key), body)),
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/json' })),
    ]);
  };
  await pool(Array.from({ length: CHECKS }, (_, c) => c), 8, async (c) => {
    for (const item of generate(c)) {
      if (item.state) await put(`state/${item.state.check}.json`, `${JSON.stringify(item.state, null, 2)}\n`);
      else {
        runs += item.day.runs.length;
        await put(dayKey(item.day.check, item.day.day), JSON.stringify(item.day));
      }
    }
    if (c % 100 === 99) process.stdout.write(`  seeded ${c + 1} checks (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  });
  client.destroy();
  writeFileSync(join(DIR, 'seed-stats.json'), JSON.stringify({ objects, bytes, runs }));
  writeFileSync(seedFile, JSON.stringify({ wanted: seedWanted, now: NOW }));
  console.log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// ---- the summaries: written (as the write path writes them, a day once it is over) or taken away, to measure both ----
const summaryMarker = join(DIR, 'summaries-written');
if (SUMMARIES !== existsSync(summaryMarker)) {
  const t0 = Date.now();
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 6 });
  const today = utcDay(NOW);
  await pool(Array.from({ length: CHECKS }, (_, c) => c), 8, async (c) => {
    const key = `history/check-${pad(c, 4)}/summary.json`;
    if (!SUMMARIES) {
      rmSync(join(localDir, key), { force: true });
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
      return;
    }
    let summary = { v: 1, check: `check-${pad(c, 4)}`, days: [] };
    for (const item of generate(c)) if (item.day && item.day.day < today) summary = summaries.addDaySummary(summary, summaries.summariseDay(item.day), item.day.tags ?? []);
    if (summaries.summaryKey(summary.check) !== key) throw new Error(`the summary's key is ${summaries.summaryKey(summary.check)}, not ${key}`);
    const body = JSON.stringify(summary);
    await mkdir(dirname(join(localDir, key)), { recursive: true });
    await writeFile(join(localDir, key), body);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/json' }));
  });
  client.destroy();
  if (SUMMARIES) writeFileSync(summaryMarker, '');
  else rmSync(summaryMarker);
  console.log(`  summaries ${SUMMARIES ? 'written' : 'taken away'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const stats = JSON.parse(readFileSync(join(DIR, 'seed-stats.json'), 'utf8'));
console.log(`  history: ${stats.runs} runs in ${stats.objects} objects per store (${(stats.bytes / 1e9).toFixed(2)} GB, ${Math.round(stats.bytes / stats.runs)} bytes a run)`);

// ---- the CLI, timed ----
const preload = join(DIR, 'preload.mjs');
writeFileSync(preload, `// The peak RSS report, from the CLI's own process.
process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('@@RSS ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });
`);
writeFileSync(join(DIR, 'mimamori.config.ts'), 'export default {};\n');

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), '--import', preload, join(ROOT, 'bin/mimamori.js'), ...args], { cwd: DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const [, rssKb = NaN, cpuUs = NaN] = /@@RSS (\d+) (\d+)/.exec(stderr) ?? [];
      const rss = Number(rssKb) * 1024;
      const cpu = Number(cpuUs) / 1000;
      // A dashboard that fails (S3 timing out under the load, say) is a result too: its time and first error line.
      resolve({ ms, rss, cpu, code, stdout: code === 0 ? stdout : `FAILED (exit ${code}): ${stderr.split('\n')[0]}\n${stdout}`, stderr: stderr.replace(/@@RSS \d+ \d+\n/, '') });
    });
  });
}

const rows = [];
try {
  for (const kind of STORES) {
    const out = join(DIR, `dashboard-${kind}.html`);
    const env = kind === 's3'
      ? { AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', MIMAMORI_S3_BUCKET: BUCKET }
      : { MIMAMORI_S3_BUCKET: '' };
    const args = ['dashboard', '--out', out, '--days', String(DAYS), ...(kind === 'local' ? ['--results', localDir] : []), ...EXTRA];
    const serverCpu = process.cpuUsage();
    const run = await runCli(args, env);
    const served = process.cpuUsage(serverCpu);
    const reads = /(S3 requests|store reads): (\d+)(.*)/.exec(run.stdout);
    const html = run.code === 0 ? statSync(out).size : NaN;
    const detailed = run.code === 0 ? (readFileSync(out, 'utf8').match(/<section class="check"/g) ?? []).length : 0;
    rows.push({ kind, code: run.code, ms: run.ms, cpu: run.cpu, serverCpu: kind === 's3' ? (served.user + served.system) / 1000 : NaN, reads: reads ? Number(reads[2]) : NaN, kinds: reads?.[3].trim() ?? '', rss: run.rss, html, detailed });
    console.log(`\n  ${kind}: ${run.stdout.trim().replace(/\n/g, '\n    ')}${run.stderr.trim() ? `\n    stderr: ${run.stderr.trim().split('\n').slice(0, 3).join(' | ')}` : ''}`);
  }
  console.log('\n  store   wall time        reads                                           peak RSS   page      charts');
  for (const r of rows) {
    console.log(`  ${r.kind.padEnd(6)}  ${(r.ms / 1000).toFixed(2).padStart(6)} s ${r.ms <= TARGET_MS && r.code === 0 ? 'met   ' : r.code ? 'FAILED' : 'MISSED'}  ${String(r.reads).padStart(6)} ${r.kinds.padEnd(38)}  ${(r.rss / 1e6).toFixed(0).padStart(5)} MB  ${(r.html / 1e6).toFixed(2).padStart(5)} MB  ${r.detailed} checks`);
  }
  for (const r of rows) console.log(`  ${r.kind}: CPU of the dashboard process ${(r.cpu / 1000).toFixed(1)} s${r.kind === 's3' ? `, of s3rver (this process) ${(r.serverCpu / 1000).toFixed(1)} s` : ''} (2 cores shared)`);
  console.log(`  (target: ≤ ${TARGET_MS / 1000} s for the whole process; s3rver on loopback answers faster than S3 over the internet)`);
  if (rows.some((r) => r.ms > TARGET_MS || r.code !== 0)) process.exitCode = 1;
} finally {
  await live.close();
}
