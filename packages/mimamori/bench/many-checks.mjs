// Issue 22's "200 trivial checks with default workers": N generated checks (open a tiny local page, one assertion)
// through `node bin/mimamori.js` with its default workers, against a tiny server this script runs. Prints the wall
// time, the peak PSS of the process tree and, from results.json's timestamps, where the wall time goes: before the
// first check starts (host start, config and N files loaded and compiled, workers and Chromium up), the checks phase,
// and after the last check (store, reports, exit). `npm run bench:many` (BENCH_CHECKS=200, BENCH_ROUNDS=1,
// BENCH_WORKERS=<n> to pass --workers, BENCH_CONFIG=<file> a config, BENCH_PSS_BY_TYPE=1 to also print peak PSS per process type).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants, measureRun, median } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'bench/results/many');
const N = Number(process.env.BENCH_CHECKS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WORKERS = process.env.BENCH_WORKERS ? ['--workers', process.env.BENCH_WORKERS] : [];
const CONFIG = process.env.BENCH_CONFIG ? ['--config', process.env.BENCH_CONFIG] : []; // e.g. one with trace 'off'

// The tiny site: one page, no assets, answered at once.
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(`<!doctype html><title>t</title><h1>ok ${req.url}</h1>`);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE_URL = `http://127.0.0.1:${server.address().port}`;

rmSync(DIR, { recursive: true, force: true });
mkdirSync(join(DIR, 'checks'), { recursive: true });
for (let i = 0; i < N; i++) {
  writeFileSync(join(DIR, 'checks', `c${String(i).padStart(3, '0')}.check.ts`), `import { defineCheck, expect } from 'mimamori';

export default defineCheck({
  name: 'trivial ${i}',
  async run({ page }) {
    await page.goto('/p${i}');
    await expect(page.locator('h1')).toHaveText('ok /p${i}');
  },
});
`);
}

/** Peak PSS by process type (host = the CLI, worker = its forked Node processes, chromium = the rest), sampled apart. */
function pssByType(root, peaks) {
  const now = { host: 0, worker: 0, chromium: 0 };
  for (const pid of descendants(root)) {
    try {
      const kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      now[pid === root ? 'host' : /chromium|chrome/.test(cmd.split('\0')[0]) ? 'chromium' : 'worker'] += kb;
    } catch { /* gone */ }
  }
  for (const k of Object.keys(now)) peaks[k] = Math.max(peaks[k] ?? 0, now[k]);
}

const rows = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const out = join(DIR, `out-${round}`);
    const started = Date.now();
    const peaks = {};
    let sampler;
    if (process.env.BENCH_PSS_BY_TYPE) {
      // measureRun's child is the CLI itself (node bin/mimamori.js): find it as our newest node child.
      sampler = setInterval(() => {
        const me = [...descendants(process.pid)].filter((p) => p !== process.pid);
        const cli = me.find((p) => { try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('bin/mimamori.js'); } catch { return false; } });
        if (cli) pssByType(cli, peaks);
      }, 100);
    }
    const run = await measureRun(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), 'bin/mimamori.js', 'check', join(DIR, 'checks'), ...WORKERS, ...CONFIG, '--out', out], { cwd: ROOT, env: { BASE_URL } });
    clearInterval(sampler);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const list = results.results;
    const at = (t) => (typeof t === 'number' ? t : Date.parse(t));
    const starts = list.map((r) => at(r.startedAt));
    const ends = list.map((r) => at(r.startedAt) + r.durationMs);
    const runStart = at(results.startedAt); // the host's run clock: its own start is before this
    const first = Math.min(...starts);
    const last = Math.max(...ends);
    const durations = list.map((r) => r.durationMs).filter(Number.isFinite);
    rows.push({
      ms: run.ms, peakMb: run.peakMb, passed: list.filter((r) => r.status === 'passed').length,
      host: runStart - started, load: first - runStart, checks: last - first, after: started + run.ms - last,
      runEnd: runStart + results.durationMs - last,
      perCheck: median(durations), peaks,
    });
    console.log(`round ${round + 1}: ${(run.ms / 1000).toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB, ${rows.at(-1).passed}/${N} passed`);
  }
} finally {
  server.close();
}

const m = (k) => median(rows.map((r) => r[k]));
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`\n${N} trivial checks, default workers${WORKERS.length ? ` (--workers ${WORKERS[1]})` : ''}, ${cpus().length} cores (${cpus()[0].model}), load ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${ROUNDS} round(s), medians:`);
console.log(`  wall                                   ${s(m('ms'))}   (spread ${s(Math.min(...rows.map((r) => r.ms)))}–${s(Math.max(...rows.map((r) => r.ms)))})`);
console.log(`  peak PSS of the process tree           ${m('peakMb').toFixed(0)} MB`);
console.log(`  spawn → the host's run starts          ${s(m('host'))}   (Node start, CLI bundle evaluated)`);
console.log(`  run starts → first check begins        ${s(m('load'))}   (config + ${N} files loaded/compiled, workers + Chromium up)`);
console.log(`  first check begins → last check ends   ${s(m('checks'))}   (one check's own durationMs: ${m('perCheck')} ms median)`);
console.log(`  last check ends → exit                 ${s(m('after'))}   (store, reports, workers closed; the run's own end ${s(m('runEnd'))} after the last check)`);
if (process.env.BENCH_PSS_BY_TYPE) for (const k of ['host', 'worker', 'chromium']) console.log(`  peak PSS, ${k.padEnd(8)}                     ${(median(rows.map((r) => r.peaks[k] ?? 0)) / 1024).toFixed(0)} MB`);
console.log(`  (${readdirSync(join(DIR, 'checks')).length} check files in ${DIR})`);
