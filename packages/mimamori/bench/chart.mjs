// Benchmark of the trend chart a degraded alert carries (issue 12): the chart page (40 runs, budgets, usual band, uPlot
// inlined) rendered to a 600×240 PNG by a warm worker's Chromium through WorkerPool.render — the built Lambda
// runner's worker (its Chromium from the layer, as on Lambda) and the CLI's worker. Prints the first (cold) render and
// the median and p90 of BENCH_RENDERS (default 20) warm renders, against the 300 ms target. `npm run bench:chart`.
// BENCH_WORKER=lambda|cli|both (default both); BENCH_SKIP_BUILD=1 reuses bench/results/lambda-build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDist } from '../scripts/dist.mjs';
import { importFromSrc } from './import-src.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results/chart');
const LAMBDA_BUILD = join(ROOT, 'bench/results/lambda-build');
const RENDERS = Number(process.env.BENCH_RENDERS ?? 20);
const WHICH = process.env.BENCH_WORKER ?? 'both';
const TARGET_MS = 300;

// The chart module and the pool, from src/ (TypeScript), bundled next to node_modules so uPlot's files resolve.
const { WorkerPool, TREND_SIZE, trendChartHtml, trendOf } = await importFromSrc(RESULTS, 'chart-bench',
  "export * from '../../../src/render/trend-chart.ts'; export { WorkerPool } from '../../../src/runner/worker-pool.ts';");

const t0 = Date.UTC(2026, 10, 29, 3, 0);
const history = Array.from({ length: 39 }, (_, i) => ({ at: t0 + i * 300_000, ms: 800 + ((i * 37) % 120), steps: {} }));
const result = { name: 'checkout', startedAt: t0 + 39 * 300_000, durationMs: 2_400, status: 'degraded', budget: { degradedResponseTime: 2_000, maxResponseTime: 5_000 } };
const chart = trendOf(result, { history, baseline: { journeyMs: 850 } }, 1.5, 'Asia/Tokyo');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

async function bench(label, pool) {
  try {
    const cold = Date.now();
    // The page is built each time, as after-run builds it for each alert (uPlot's files are read once, then kept).
    let png = await pool.render(trendChartHtml(chart), TREND_SIZE);
    const coldMs = Date.now() - cold;
    const warm = [];
    for (let i = 0; i < RENDERS; i++) {
      const started = performance.now();
      png = await pool.render(trendChartHtml(chart), TREND_SIZE);
      warm.push(Math.round(performance.now() - started));
    }
    writeFileSync(join(RESULTS, `trend-chart-${label.split(' ')[0]}.png`), png);
    const m = median(warm);
    console.log(`  ${label.padEnd(34)} first ${String(coldMs).padStart(5)} ms   warm median ${String(m).padStart(4)} ms   p90 ${String(p90(warm)).padStart(4)} ms   ` +
      `(${png.length} bytes; target ≤ ${TARGET_MS} ms ${m <= TARGET_MS ? 'met' : 'MISSED'})`);
    return m;
  } finally {
    await pool.close();
  }
}

console.log(`Trend chart ${TREND_SIZE.width}×${TREND_SIZE.height}, ${chart.runs.length} runs, page ${Math.round(trendChartHtml(chart).length / 1024)} KB; ${RENDERS} warm renders each:`);
if (WHICH === 'lambda' || WHICH === 'both') {
  if (!process.env.BENCH_SKIP_BUILD) {
    const built = spawnSync(process.execPath, ['bin/mimamori.js', 'build', '--out', LAMBDA_BUILD], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(built.stderr || built.stdout);
  }
  // The Lambda runner's worker, with the layer's packages and fonts and a fresh /tmp (it inflates Chromium as on Lambda).
  await bench('lambda worker (built runner)', new WorkerPool({
    script: join(LAMBDA_BUILD, 'runner/worker.js'), size: 1,
    env: {
      ...process.env, NODE_PATH: join(LAMBDA_BUILD, 'layer/nodejs/node_modules'), MIMAMORI_LAYER_FONTS: join(LAMBDA_BUILD, 'layer/fonts'),
      TMPDIR: mkdtempSync(join(tmpdir(), 'bench-chart-tmp-')), AWS_LAMBDA_FUNCTION_NAME: 'bench-runner',
    },
  }));
}
if (WHICH === 'cli' || WHICH === 'both') {
  await bench('cli worker', new WorkerPool({ script: join(dirname(await ensureDist()), 'worker.mjs'), size: 1 }));
}
