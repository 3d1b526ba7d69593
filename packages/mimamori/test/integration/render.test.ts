// The render primitive: a worker's Chromium screenshots an HTML page (a chart) for the host, between attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/runner/worker-pool.ts';
import { decodePng } from '../helpers/png.ts';
import { workerScript } from '../helpers/worker-script.ts';

const RED_SQUARE = `<!doctype html><html><body style="margin:0;background:#fff">
<div style="position:absolute;left:20px;top:10px;width:50px;height:50px;background:#ff0000"></div>
<script>requestAnimationFrame(function () { document.documentElement.dataset.ready = '1'; });</script>
</body></html>`;

/** The pixel at (x, y) as [r, g, b]. */
function pixel(png: ReturnType<typeof decodePng>, x: number, y: number): [number, number, number] {
  const i = (png.width * y + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

describe('WorkerPool.render', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool({ script: await workerScript(), size: 1 });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('screenshots the page once it says it is ready: a PNG of the viewport with the red square', async () => {
    const png = decodePng(await pool.render(RED_SQUARE, { width: 120, height: 80 }));
    expect([png.width, png.height]).toEqual([120, 80]);
    expect(pixel(png, 40, 30)).toEqual([255, 0, 0]);
    expect(pixel(png, 100, 70)).toEqual([255, 255, 255]);
    // Warm: the same worker and Chromium render again (its speed is bench/chart.mjs's business, not a timed test's).
    const again = decodePng(await pool.render(RED_SQUARE, { width: 200, height: 100 }));
    expect([again.width, again.height]).toEqual([200, 100]);
    expect(pixel(again, 21, 11)).toEqual([255, 0, 0]);
  });

  it('fails clearly when the page never says it has drawn, and the worker renders again after it', async () => {
    await expect(pool.render('<!doctype html><p>no script</p>', { width: 100, height: 50 })).rejects.toThrow(/data-ready="1" within 2000 ms/);
    await expect(pool.render('<!doctype html><script>throw new Error("x")</script>', { width: 100, height: 50 })).rejects.toThrow(/RenderError|rendering failed/);
    const png = decodePng(await pool.render(RED_SQUARE, { width: 120, height: 80 }));
    expect(pixel(png, 40, 30)).toEqual([255, 0, 0]);
  });

  it('renders asked at once share the one worker, one at a time (as attempts do: the pool lends a worker to one)', async () => {
    const shots = await Promise.all([1, 2, 3].map(() => pool.render(RED_SQUARE, { width: 80, height: 80 })));
    for (const shot of shots) expect(pixel(decodePng(shot), 40, 30)).toEqual([255, 0, 0]);
  });
});
