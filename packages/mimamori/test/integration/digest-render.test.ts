// The daily picture drawn in real Chromium: the page of five checks (one failing, one degraded, one never run) renders
// to a PNG of the layout's size, through the CLI's own Chromium and through a worker pool's render; the cards show
// their status colours, the screenshots and the sparklines drew.
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/runner/browser.ts';
import { WorkerPool } from '../../src/runner/worker-pool.ts';
import { digestHtml, digestLayout, STATUS_COLOURS } from '../../src/render/digest-page.ts';
import { digestSummary, type DigestCheck, type DigestData } from '../../src/render/digest-summary.ts';
import { renderLocally } from '../../src/cli/digest.ts';
import { workerScript } from '../helpers/worker-script.ts';

/** A 320×200 screenshot stand-in of one flat colour. */
function shot(rgb: [number, number, number]): string {
  const image = new PNG({ width: 320, height: 200 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  return `data:image/png;base64,${PNG.sync.write(image).toString('base64')}`;
}

const now = Date.parse('2026-11-29T00:00:00Z');
const spark = Array.from({ length: 24 }, (_, i) => 300 + ((i * 53) % 200));
const checks: DigestCheck[] = [
  { name: 'checkout', status: 'failed', uptime: { h24: 97.2 }, incidents: [{ start: now - 40 * 60_000 }], spark },
  { name: 'home', status: 'passed', uptime: { h24: 100 }, incidents: [], spark },
  { name: 'login', status: 'passed', uptime: { h24: 99.65 }, incidents: [], spark: [...spark.slice(0, 10), null, ...spark.slice(11)] },
  { name: 'new check', status: 'unknown', uptime: { h24: null }, incidents: [], spark: [] },
  { name: '検索 search', status: 'degraded', uptime: { h24: 100 }, incidents: [], spark },
];
const data: DigestData = { generatedAt: now, timeZone: 'Asia/Tokyo', checks };
const shots = new Map([['checkout', shot([240, 240, 250])], ['home', shot([30, 60, 200])], ['login', shot([200, 200, 60])], ['検索 search', shot([90, 200, 210])]]);
const html = digestHtml(data, { shots, summary: digestSummary(data) });
const layout = digestLayout(checks.length);

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
/** Pixels of exactly this colour. */
function count(png: PNG, colour: string): number {
  const [r, g, b] = hex(colour);
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  return n;
}
/** Runs of one colour along the row `y`: the cards' top borders on the first row of cards. */
function segments(png: PNG, y: number, colour: string): number {
  const [r, g, b] = hex(colour);
  let runs = 0;
  let inside = false;
  for (let x = 0; x < png.width; x++) {
    const i = (y * png.width + x) * 4;
    const hit = png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b;
    if (hit && !inside) runs++;
    inside = hit;
  }
  return runs;
}

function expectPicture(bytes: Buffer): void {
  const png = PNG.sync.read(bytes);
  expect([png.width, png.height]).toEqual([layout.width, layout.height]);
  // A card's 6-px top border in its status colour, the dot, the status word and the sparkline: hundreds of pixels.
  const border = layout.cardWidth * 6;
  expect(count(png, STATUS_COLOURS.failed)).toBeGreaterThan(border);
  expect(count(png, STATUS_COLOURS.passed)).toBeGreaterThan(2 * border);
  expect(count(png, STATUS_COLOURS.degraded)).toBeGreaterThan(border);
  // The first row's borders, 3 px into them: failed, passed, passed — two cards, two runs of green.
  const y = 24 + 92 + 3;
  expect(segments(png, y, STATUS_COLOURS.failed)).toBe(1);
  expect(segments(png, y, STATUS_COLOURS.passed)).toBe(2);
  // The screenshots are in: the home card's blue.
  expect(count(png, '#1e3cc8')).toBeGreaterThan(10_000);
}

describe('the digest page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  it('draws one card per check, every sparkline with its points, and says it is ready', async () => {
    const page = await browser.newPage({ viewport: { width: layout.width, height: layout.height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setContent(html);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 5_000 });
    expect(errors).toEqual([]);
    expect(await page.locator('.card').count()).toBe(5);
    expect(await page.locator('.card[data-status="failed"] .status').textContent()).toBe('failing since 08:20');
    expect(await page.locator('.card .uptime').allTextContents()).toEqual(['24 h 97.20%', '24 h 100%', '24 h 99.65%', '24 h –', '24 h 100%']);
    const points = await page.locator('canvas.spark').evaluateAll((all) => all.map((c) => (c as HTMLCanvasElement).dataset.points ?? null));
    expect(points).toEqual(['24', '24', '23', null, '24']);
    // The first sparkline is not blank: some of its pixels are the failing colour.
    const inked = await page.locator('canvas.spark').first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 200) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(50);
    expect(await page.locator('img').evaluateAll((all) => all.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([320, 320, 320, 320]);
    await page.close();
  });

  it('shows each screenshot whole: a 1280×720 story screenshot fills its card\'s picture, nothing cropped off the sides', async () => {
    const viewport = new PNG({ width: 1280, height: 720 });
    for (let i = 0; i < viewport.data.length; i += 4) viewport.data.set([30, 60, 200, 255], i);
    const whole = `data:image/png;base64,${PNG.sync.write(viewport).toString('base64')}`;
    const page = await browser.newPage({ viewport: { width: layout.width, height: layout.height } });
    await page.setContent(digestHtml(data, { shots: new Map([['home', whole]]), summary: 'one' }));
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 5_000 });
    const box = await page.locator('.card[data-status="passed"] .shot').first().evaluate((shot) => {
      const img = shot.querySelector('img')!;
      const r = img.getBoundingClientRect();
      const s = shot.getBoundingClientRect();
      return { width: r.width, height: r.height, left: r.left - s.left, top: r.top - s.top, shotWidth: s.width, shotHeight: s.height, fit: getComputedStyle(img).objectFit };
    });
    await page.close();
    // The image's box has the picture's own shape (so no object-fit crop inside it) and lies inside the card's picture.
    expect(box.fit === 'fill' || box.fit === 'contain').toBe(true);
    expect(Math.abs(box.width / box.height - 1280 / 720)).toBeLessThan(0.02);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.width).toBeLessThanOrEqual(box.shotWidth + 0.5);
    expect(box.width).toBeGreaterThan(box.shotWidth - 3);
    expect(box.top + box.height).toBeLessThanOrEqual(box.shotHeight + 0.5);
  });

  it('renders to the PNG with the cards in their status colours (the CLI\'s own Chromium)', async () => {
    expectPicture(await renderLocally(html, layout));
  }, 60_000);

  it('renders the same through a worker pool (what the runner uses on Lambda)', async () => {
    const pool = new WorkerPool({ script: await workerScript(), size: 1 });
    try {
      expectPicture(await pool.render(html, layout));
    } finally {
      await pool.close();
    }
  }, 90_000);
});
