// Benchmark: `npm run check` against a bare playwright-core script (bench/bare.mjs) on the same journeys, Chromium
// and flags, alternating in one run; then --workers 3 against --workers 1 on six checks whose pages wait 1 s.
// Prints ratios of medians and peak memory (PSS of the process tree, sampled every 50 ms). `npm run bench`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureRun, median, startDemo } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PORT = 3299;
const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Runs a command from the package folder against the demo site; wall ms, peak PSS and (given results.json) the checks phase. */
async function measure(command, args, env = {}, skipWrappers = 0, resultsJson = undefined) {
  const r = await measureRun(command, args, { cwd: ROOT, env: { BASE_URL, ...env }, skipWrappers: Boolean(skipWrappers) });
  return { ...r, checksMs: resultsJson ? checksPhase(resultsJson) : undefined };
}

/** From the first check's start to the end of the last: the part of a run that workers can parallelise. */
function checksPhase(path) {
  const run = JSON.parse(readFileSync(path, 'utf8'));
  return run.startedAt + run.durationMs - Math.min(...run.results.map((r) => r.startedAt));
}

const fmt = (x, unit) => `${x.toFixed(unit === 'ms' ? 0 : 1)} ${unit}`;

async function alternate(label, a, b) {
  const runs = { [a.name]: [], [b.name]: [] };
  await a.run(); await b.run(); // warm-up: Chromium inflated, CLI bundled, page cache hot
  for (let i = 0; i < ROUNDS; i++) {
    for (const side of i % 2 ? [b, a] : [a, b]) runs[side.name].push(await side.run());
    process.stdout.write('.');
  }
  const stat = (name) => ({
    ms: median(runs[name].map((r) => r.ms)),
    peakMb: Math.max(...runs[name].map((r) => r.peakMb)),
    checksMs: runs[name][0].checksMs === undefined ? undefined : median(runs[name].map((r) => r.checksMs)),
  });
  const sa = stat(a.name);
  const sb = stat(b.name);
  console.log(`\n${label}`);
  for (const [name, st] of [[a.name, sa], [b.name, sb]]) {
    const phase = st.checksMs === undefined ? '' : `   checks phase ${fmt(st.checksMs, 'ms')}`;
    console.log(`  ${name.padEnd(34)} median ${fmt(st.ms, 'ms').padStart(9)}   peak ${fmt(st.peakMb, 'MB')}${phase}`);
  }
  return { [a.name]: sa, [b.name]: sb, runs };
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(join(RESULTS, 'slow-checks'), { recursive: true });
// Six identical two-page journeys whose pages each wait 1 s on the server, generated so the repo holds one copy.
for (let i = 1; i <= 6; i++) {
  writeFileSync(join(RESULTS, `slow-checks/slow-${i}.check.ts`), `import { defineCheck, expect } from 'mimamori';
import { slowDelay } from '../../journeys.ts';
export default defineCheck({
  name: 'slow page ${i}',
  retries: 0,
  async run({ page, step }) {
    await step('open product', async () => {
      await page.goto(\`/products/42?delay=\${slowDelay}\`);
      await expect(page.getByRole('heading', { name: 'Sencha green tea' })).toBeVisible();
    });
    await step('search', async () => {
      await page.goto(\`/search?q=tea&delay=\${slowDelay}\`);
      await expect(page.getByRole('heading', { name: '3 results for “tea”' })).toBeVisible();
    });
  },
});
`);
}

const server = await startDemo(PORT);
try {
  console.log(`mimamori bench: ${ROUNDS} alternating rounds, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

  const overhead = await alternate(
    'Same 3 journeys (2 pages each, 400 ms server time per page), one at a time:',
    { name: 'npm run check -- bench/checks', run: () => measure('npm', ['run', 'check', '--silent', '--', 'bench/checks', '--workers', '1', '--out', join(RESULTS, 'out')], {}, 1) },
    { name: 'bare playwright-core script', run: () => measure(process.execPath, ['bench/bare.mjs'], { OUT: RESULTS }) },
  );
  // The same, without npm's own start-up (≈0.3 s of node loading npm): what mimamori itself adds.
  const direct = await alternate(
    'Same, calling the CLI without npm (node bin/mimamori.js):',
    { name: 'node bin/mimamori.js bench/checks', run: () => measure(process.execPath, ['bin/mimamori.js', 'bench/checks', '--workers', '1', '--out', join(RESULTS, 'out')]) },
    { name: 'bare playwright-core script', run: () => measure(process.execPath, ['bench/bare.mjs'], { OUT: RESULTS }) },
  );
  const workers = await alternate(
    'Six checks, two pages each, every page waiting 1 s on the server:',
    { name: 'npm run check -- --workers 1', run: () => measure('npm', ['run', 'check', '--silent', '--', 'bench/results/slow-checks', '--workers', '1', '--out', join(RESULTS, 'out1')], {}, 1, join(RESULTS, 'out1/results.json')) },
    { name: 'npm run check -- --workers 3', run: () => measure('npm', ['run', 'check', '--silent', '--', 'bench/results/slow-checks', '--workers', '3', '--out', join(RESULTS, 'out3')], {}, 1, join(RESULTS, 'out3/results.json')) },
  );

  const m = overhead['npm run check -- bench/checks'];
  const bare = overhead['bare playwright-core script'];
  const w1 = workers['npm run check -- --workers 1'];
  const w3 = workers['npm run check -- --workers 3'];
  const d = direct['node bin/mimamori.js bench/checks'];
  const dBare = direct['bare playwright-core script'];
  const figures = {
    wallRatio: m.ms / bare.ms,
    wallRatioWithoutNpm: d.ms / dBare.ms,
    memoryRatio: m.peakMb / bare.peakMb,
    workersSpeedup: w1.ms / w3.ms,
    workersSpeedupChecksPhase: w1.checksMs / w3.checksMs,
  };
  console.log('\nRatios (target):');
  console.log(`  wall, mimamori / bare          ${figures.wallRatio.toFixed(3)}×  (≤ 1.05×)  ${figures.wallRatio <= 1.05 ? 'met' : 'MISSED'}`);
  console.log(`  wall without npm, CLI / bare   ${figures.wallRatioWithoutNpm.toFixed(3)}×  (≤ 1.05×)  ${figures.wallRatioWithoutNpm <= 1.05 ? 'met' : 'MISSED'}`);
  console.log(`  peak memory, mimamori / bare   ${figures.memoryRatio.toFixed(3)}×  (≤ 1.10×)  ${figures.memoryRatio <= 1.1 ? 'met' : 'MISSED'}`);
  console.log(`  --workers 1 / --workers 3      ${figures.workersSpeedup.toFixed(2)}×  (≥ 2.5×)   ${figures.workersSpeedup >= 2.5 ? 'met' : 'MISSED'}   whole command`);
  console.log(`  --workers 1 / --workers 3      ${figures.workersSpeedupChecksPhase.toFixed(2)}×  (≥ 2.5×)   ${figures.workersSpeedupChecksPhase >= 2.5 ? 'met' : 'MISSED'}   checks phase`);
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify({ rounds: ROUNDS, figures, overhead, direct, workers }, null, 2));
} finally {
  server.kill();
}
