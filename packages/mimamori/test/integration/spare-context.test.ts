// The spare context a warm worker opens for the next check (src/runner/spare-context.ts), in real Chromium: taken by an
// attempt with the same options in the same browser, closed for any other, never made for options with credentials —
// and an attempt that takes it runs its journey in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../src/runner/browser.ts';
import { SpareContexts } from '../../src/runner/spare-context.ts';
import { contextOptions, runAttempt } from '../../src/runner/attempt.ts';
import { resolveCheck } from '../../src/check/resolve.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';

let browser: Browser;
let site: FixtureSite;
beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startFixtureSite()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close()]);
});

const OPTIONS = { viewport: { width: 1280, height: 720 }, locale: 'en-US', timezoneId: 'UTC' };

describe('the spare context', () => {
  it('is taken once by the same options in the same browser', async () => {
    const spares = new SpareContexts();
    spares.prepare(browser, OPTIONS);
    const opened = await spares.take(browser, { ...OPTIONS });
    expect(opened?.page.isClosed()).toBe(false);
    expect(browser.contexts()).toContain(opened!.context);
    expect(await spares.take(browser, OPTIONS)).toBeUndefined();
    await opened!.context.close();
  });

  it('is closed, not given, when the next options differ — and counted as made for nothing', async () => {
    let discarded = 0;
    const spares = new SpareContexts(() => discarded++);
    const before = browser.contexts().length;
    spares.prepare(browser, OPTIONS);
    // It exists first (opened in the background), then is gone once refused.
    await expect.poll(() => browser.contexts().length).toBe(before + 1);
    expect(await spares.take(browser, { ...OPTIONS, locale: 'ja-JP' })).toBeUndefined();
    await expect.poll(() => browser.contexts().length).toBe(before);
    expect(discarded).toBe(1);
  });

  it('is never made for options that carry credentials', async () => {
    const spares = new SpareContexts();
    const before = browser.contexts().length;
    spares.prepare(browser, { ...OPTIONS, httpCredentials: { username: 'u', password: 'p' } });
    expect(browser.contexts().length).toBe(before);
    expect(await spares.take(browser, { ...OPTIONS, httpCredentials: { username: 'u', password: 'p' } })).toBeUndefined();
  });

  it('carries an attempt that takes it: the journey runs in the spare page', async () => {
    const check = resolveCheck({
      name: 'home', retries: 0, async run({ page }) { await page.goto('/'); },
    }, 'checks/home.check.ts', {}, site.url);
    const spares = new SpareContexts();
    spares.prepare(browser, contextOptions(check));
    let taken: unknown;
    const result = await runAttempt(browser, check, 1, undefined, { spare: async (o) => (taken = await spares.take(browser, o)) as never });
    expect(taken).toBeDefined();
    expect(result.status, JSON.stringify(result.error)).toBe('passed');
    expect(result.navigations[0]?.url).toBe(`${site.url}/`);
  });
});
