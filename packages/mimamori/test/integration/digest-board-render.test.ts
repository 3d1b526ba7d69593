// The large daily picture drawn in real Chromium: 1,000 checks over 30 tags render to a PNG of the board's size (under
// its ceiling), with the twelve cards' screenshots decoded and every tile and line inside the picture, none cut off.
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/runner/browser.ts';
import { renderLocally } from '../../src/cli/digest.ts';
import { BOARD_MAX_HEIGHT } from '../../src/render/digest-board-page.ts';
import { MAX_CARDS, MAX_TILES } from '../../src/render/digest-board.ts';
import { digestPicture } from '../../src/render/digest-page.ts';
import type { DigestCheck, DigestData } from '../../src/render/digest-summary.ts';

const now = Date.parse('2026-12-06T00:00:00Z');
function shot(rgb: [number, number, number]): string {
  const image = new PNG({ width: 320, height: 180 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  return `data:image/png;base64,${PNG.sync.write(image).toString('base64')}`;
}
const checks: DigestCheck[] = Array.from({ length: 1000 }, (_, i) => {
  const status = i % 50 === 0 ? 'failed' : i % 40 === 0 ? 'degraded' : 'passed';
  const c: DigestCheck = { name: `check ${i}`, status, lastRunAt: now - 60_000, uptime: { h24: status === 'failed' ? 75 : 100 }, incidents: [], spark: [300, 320, 310] };
  if (i < 950) c.tags = [`team-${i % 30}`];
  if (i === 3) c.quiet = [{ start: now - 600_000, end: now - 60_000, mode: 'silence', source: 'mute', name: 'check 3', by: 'aki' }];
  return c;
});
const data: DigestData = { generatedAt: now, timeZone: 'Asia/Tokyo', checks };
// A screenshot for every check: the picture embeds only the cards'.
const picture = digestPicture({ data, shots: new Map(checks.map((c) => [c.name, shot([30, 60, 200])])) });

describe('the large daily picture in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); }, 60_000);
  afterAll(async () => { await browser?.close(); });

  it('lays out twelve cards and 31 tiles inside the picture, nothing cut off', async () => {
    expect(picture.size.height).toBeLessThanOrEqual(BOARD_MAX_HEIGHT(MAX_CARDS, MAX_TILES));
    const page = await browser.newPage({ viewport: picture.size });
    await page.setContent(picture.html);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 10_000 });
    const seen = await page.evaluate(() => {
      const bottom = (sel: string) => Math.max(...Array.from(document.querySelectorAll(sel), (e) => e.getBoundingClientRect().bottom));
      return {
        images: Array.from(document.images, (i) => i.naturalWidth),
        tiles: document.querySelectorAll('.tile').length,
        lowest: Math.max(bottom('.tile'), bottom('.line'), bottom('.card')),
        height: document.body.getBoundingClientRect().height,
      };
    });
    await page.close();
    expect(seen.images).toEqual(Array(MAX_CARDS).fill(320));
    expect(seen.tiles).toBe(31); // 30 teams and untagged
    expect(seen.lowest).toBeLessThanOrEqual(seen.height - 24 + 0.5);
    expect(seen.lowest).toBeGreaterThan(seen.height - 24 - 30);
  }, 60_000);

  it('renders to a PNG of the board\'s size (the CLI\'s own Chromium)', async () => {
    const png = PNG.sync.read(await renderLocally(picture.html, picture.size));
    expect([png.width, png.height]).toEqual([picture.size.width, picture.size.height]);
  }, 60_000);
});
