// A picture of an HTML page mimamori draws (a chart, the daily digest): `html` in a fresh context of a Chromium,
// screenshot once the page says it has drawn (`<html data-ready="1">`), the context closed either way. The worker's
// render request and `npm run digest` both use it.
import type { Browser } from 'playwright-core';
import { closeContext } from './browser.ts';
import { within } from './within.ts';

export interface RenderLimits {
  /** Loading the page, the screenshot, and closing the context: each at most this long. */
  timeoutMs: number;
  /** The page's script gets this long to set data-ready. */
  readyMs: number;
}

export async function renderPage(browser: Browser, html: string, size: { width: number; height: number }, limits: RenderLimits): Promise<Buffer> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: limits.timeoutMs });
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: limits.readyMs, polling: 'raf' })
      .catch((error: Error) => {
        throw /timeout/i.test(error.message) ? new Error(`the page did not set data-ready="1" within ${limits.readyMs} ms (did its script fail?)`) : error;
      });
    return await page.screenshot({ type: 'png', timeout: limits.timeoutMs });
  } finally {
    await within(closeContext(context), limits.timeoutMs);
  }
}
