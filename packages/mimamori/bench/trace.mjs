// Benchmark of Playwright tracing: the extra run time of `trace: 'retain-on-failure'` (recorded, discarded when the
// run passes) against `trace: 'off'` on the bench journeys (target ≤ 10 %), the same for a failing journey (where the
// trace is written and kept), and the size of every trace on the bench journeys and the example checks (`trace: 'on'`).
// `npm run bench:trace` (BENCH_ROUNDS, default 7).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The example project (the demo shop and its checks), beside the package since the workspace move. */
const EXAMPLE = join(ROOT, '../../examples/shop');
const RESULTS = join(ROOT, 'bench/results/trace');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PORT = 3298;
const BASE_URL = `http://127.0.0.1:${PORT}`;

/** A config whose defaults set the trace policy (BASE_URL wins over its baseURL; the demo's secrets file for checks/). */
function config(mode) {
  const file = join(RESULTS, `trace-${mode}.config.ts`);
  const secretsFile = relative(RESULTS, join(EXAMPLE, 'demo/demo.env'));
  writeFileSync(file, `export default { secretsFile: ${JSON.stringify(secretsFile)}, defaults: { trace: '${mode}', retries: 0 } };\n`);
  return file;
}

/** One CLI run: wall ms, the checks phase (first check's start to the last one's end) and the results. */
function run(checks, mode, out, expectCode) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['bin/mimamori.js', checks, '--workers', '1', '--config', config(mode), '--out', out, '--no-slack'], {
      cwd: ROOT, env: { ...process.env, BASE_URL, MIMAMORI_S3_BUCKET: '', SLACK_BOT_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (expectCode !== undefined && code !== expectCode) return reject(new Error(`${checks} (${mode}) exited ${code}\n${output}`));
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const checksMs = results.startedAt + results.durationMs - Math.min(...results.results.map((r) => r.startedAt));
      resolve({ ms, checksMs, results });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function alternate(label, checks, modes, expectCode) {
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (const m of modes) await run(checks, m, join(RESULTS, `out-${m}`), expectCode); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    for (const m of i % 2 ? [...modes].reverse() : modes) runs[m].push(await run(checks, m, join(RESULTS, `out-${m}`), expectCode));
    process.stdout.write('.');
  }
  const stat = Object.fromEntries(modes.map((m) => [m, { ms: median(runs[m].map((r) => r.ms)), checksMs: median(runs[m].map((r) => r.checksMs)) }]));
  console.log(`\n${label}`);
  for (const m of modes) console.log(`  trace: '${m}'`.padEnd(32) + `median ${stat[m].ms.toFixed(0).padStart(6)} ms   checks phase ${stat[m].checksMs.toFixed(0).padStart(6)} ms`);
  return stat;
}

/** Every kept trace's size per check, in kB, with `trace: 'on'`. */
async function sizes(checks, name) {
  const { results } = await run(checks, "on", join(RESULTS, `sizes-${name}`));
  return results.results.map((r) => ({ check: r.name, status: r.status, kB: r.trace?.size ? Math.round(r.trace.size / 1024) : 0, skipped: r.trace?.skipped }));
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(join(RESULTS, 'failing'), { recursive: true });
// A failing bench journey: the product page, then a heading that never appears (a 2 s wait, as a real failure spends).
writeFileSync(join(RESULTS, 'failing/failing.check.ts'), `import { defineCheck, expect } from 'mimamori';
import { delay } from '../../../journeys.ts';
export default defineCheck({
  name: 'bench failing',
  screenshot: 'only-on-failure',
  async run({ page, step }) {
    await step('open product', () => page.goto(\`/products/42?delay=\${delay}\`));
    await step('see the missing heading', () => expect(page.getByRole('heading', { name: 'Not on this page' })).toBeVisible({ timeout: 2000 }));
  },
});
`);

const server = spawn(process.execPath, ['demo/server.mjs'], { cwd: EXAMPLE, env: { ...process.env, PORT: String(PORT) }, stdio: 'ignore' });
try {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${BASE_URL}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`mimamori trace bench: ${ROUNDS} alternating rounds, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const passing = await alternate('3 passing bench journeys (2 pages each, 400 ms server time per page), --workers 1:', 'bench/checks', ['off', 'retain-on-failure'], 0);
  const failing = await alternate('1 failing journey (a product page, then a 2 s wait for a heading that never comes):', join(RESULTS, 'failing'), ['off', 'retain-on-failure'], 1);
  const bench = await sizes('bench/checks', 'bench');
  const examples = await sizes(join(EXAMPLE, 'checks'), 'examples');
  const failed = await sizes(join(RESULTS, 'failing'), 'failing');
  const extra = (s) => ({ wall: s['retain-on-failure'].ms / s.off.ms - 1, checks: s['retain-on-failure'].checksMs / s.off.checksMs - 1 });
  const figures = { passing: extra(passing), failing: extra(failing) };
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  console.log('\nExtra time of retain-on-failure over off (target ≤ 10 %):');
  console.log(`  passing journeys   whole command ${pct(figures.passing.wall)}   checks phase ${pct(figures.passing.checks)}   ${figures.passing.checks <= 0.1 ? 'met' : 'MISSED'}`);
  console.log(`  failing journey    whole command ${pct(figures.failing.wall)}   checks phase ${pct(figures.failing.checks)}   (the trace is written and kept)`);
  console.log("\nTrace sizes (trace: 'on'):");
  for (const s of [...bench, ...examples, ...failed]) console.log(`  ${s.check.padEnd(28)} ${s.status.padEnd(9)} ${s.skipped ? `none: ${s.skipped.slice(0, 60)}…` : `${s.kB} kB`}`);
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify({ rounds: ROUNDS, figures, passing, failing, sizes: { bench, examples, failed } }, null, 2));
} finally {
  server.kill();
}
