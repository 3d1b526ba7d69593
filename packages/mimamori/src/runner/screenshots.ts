// Takes screenshots per the check's policy: bounded in time, masked, never throwing (a crashed page has no picture).
import type { Page } from 'playwright-core';
import type { Screenshot } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { within } from './within.ts';

/**
 * A short, file-name-safe form of a step name; Unicode letters and digits survive (`ログイン` stays readable).
 * At most `max` characters — cut between code points, never inside one — so at most 4 × max bytes of UTF-8.
 */
export function slug(text: string, max = 40): string {
  const s = Array.from(text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, ''))
    .slice(0, max)
    .join('')
    .replace(/-+$/, '');
  return s || 'step';
}

/** Width and height from the PNG header (IHDR), so results say what was captured without decoding. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface ShotRequest {
  kind: Screenshot['kind'];
  attempt: number;
  /** 1-based index of the step it belongs to (0 when outside any step). */
  index: number;
  step?: string;
}

export function screenshotFile({ kind, attempt, index, step }: ShotRequest): string {
  const prefix = attempt > 1 ? `attempt${attempt}-` : '';
  if (kind === 'final') return `${prefix}final.png`;
  const base = `${String(index).padStart(2, '0')}-${slug(step ?? 'check')}`;
  return `${prefix}${base}${kind === 'failure' ? '-failure' : ''}.png`;
}

const SHOT_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 1_000;

/**
 * Stops a navigation still in flight (a hung server, a timed-out step): Chromium will not paint a frame for the
 * screenshot until it commits, so without this the failure picture waits out its timeout and shows nothing.
 */
async function stopLoading(page: Page): Promise<void> {
  // Not Chromium, or the page is gone (crashed targets may never answer): the screenshot below copes.
  await within((async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.stopLoading');
    await cdp.detach();
  })(), STOP_TIMEOUT_MS);
}

export async function takeScreenshot(page: Page, check: ResolvedCheck, request: ShotRequest): Promise<Screenshot | undefined> {
  try {
    if (request.kind === 'failure') await stopLoading(page);
    const bytes = await page.screenshot({
      fullPage: check.fullPage,
      // A visual check's masks hide its dynamic regions from the pictures it compares (and from what is stored).
      mask: [...check.mask, ...(check.visual ? check.visual.mask : [])].map((selector) => page.locator(selector)),
      timeout: SHOT_TIMEOUT_MS,
      // Always (not only for visual checks): finished animations and no blinking caret make pictures comparable.
      animations: 'disabled',
      caret: 'hide',
    });
    return { file: screenshotFile(request), step: request.step, kind: request.kind, attempt: request.attempt, ...pngSize(bytes), bytes };
  } catch {
    // The page may have crashed or closed; the failure itself is already on the result.
    return undefined;
  }
}
