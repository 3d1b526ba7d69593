// The alert's trend chart: its page, rendered through a worker's Chromium, draws the runs, this run and the bands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/runner/worker-pool.ts';
import { TREND_SIZE, trendChartHtml, trendOf, trendTitle } from '../../src/render/trend-chart.ts';
import { decodePng } from '../helpers/png.ts';
import { workerScript } from '../helpers/worker-script.ts';

/** Pixels within `tolerance` of the colour (anti-aliasing blends the edges of lines). */
function count(png: ReturnType<typeof decodePng>, [r, g, b]: [number, number, number], tolerance = 12): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r) <= tolerance && Math.abs(png.data[i + 1]! - g) <= tolerance && Math.abs(png.data[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

const T0 = Date.UTC(2026, 10, 29, 3, 0);
const history = Array.from({ length: 39 }, (_, i) => ({ at: T0 + i * 300_000, ms: 800 + ((i * 37) % 120), steps: {} }));
const result = { name: 'login <flow>', startedAt: T0 + 39 * 300_000, durationMs: 2_400, status: 'degraded' as const, budget: { degradedResponseTime: 2_000, maxResponseTime: 5_000 } };

describe('the trend chart', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({ script: await workerScript(), size: 1 });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('takes the runs from the state (this run last) with the usual band; none with a single run', () => {
    const chart = trendOf(result, { history, baseline: { journeyMs: 850 } }, 1.5, 'Asia/Tokyo')!;
    expect(chart.runs).toHaveLength(40);
    expect(chart.runs.at(-1)).toEqual({ at: result.startedAt, ms: 2_400 });
    expect(chart.usual).toEqual({ ms: 850, factor: 1.5 });
    expect(trendTitle(chart.runs.length)).toBe('response times · last 40 runs');
    expect(trendOf(result, { history: [] }, 1.5, 'UTC')).toBeUndefined();
    // The check's name is text, never markup.
    const html = trendChartHtml(chart);
    expect(html).toContain('login &lt;flow&gt;');
    expect(html).not.toContain('<flow>');
  });

  it('draws: the journey line, this run in the degraded colour, the budget lines', async () => {
    const chart = trendOf(result, { history, baseline: { journeyMs: 850 } }, 1.5, 'Asia/Tokyo')!;
    const bytes = await pool.render(trendChartHtml(chart), TREND_SIZE);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([TREND_SIZE.width, TREND_SIZE.height]);
    expect(count(png, [0x09, 0x69, 0xda], 30)).toBeGreaterThan(200); // the journey line and its points (the key has ~32)
    expect(count(png, [0x9a, 0x67, 0x00], 40)).toBeGreaterThan(40); // this run (degraded) and the degraded budget
    expect(count(png, [0xcf, 0x22, 0x2e], 40)).toBeGreaterThan(40); // the max budget (5 s, within 3× the highest run)
  });
});
