// The baseline: the bench journeys as a bare playwright-core script — same Chromium, same flags, one browser,
// a context per journey, a final screenshot each — so bench/run.mjs can price what mimamori adds.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { expect } from 'playwright/test';

const { delay } = JSON.parse(readFileSync(new URL('./journeys.json', import.meta.url), 'utf8'));
const baseURL = process.env.BASE_URL;

// Kept in step with src/runner/browser.ts (COMMON_ARGS, DROPPED_SPARTICUZ_ARGS).
const args = [
  ...chromium.args.filter((a) => !/^--(single-process|headless|no-zygote)(=|$)/.test(a)),
  '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--no-sandbox',
];

const journeys = {
  async browse(page) {
    await page.goto(`/?delay=${delay}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Mimamori Mart' })).toBeVisible();
    await page.goto(`/products/42?delay=${delay}`);
    await expect(page.getByRole('heading', { name: 'Sencha green tea' })).toBeVisible();
  },
  async login(page) {
    await page.goto(`/login?delay=${delay}`);
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Password').fill('sencha-demo-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Welcome back, demo@example.com')).toBeVisible();
  },
  async search(page) {
    await page.goto(`/search?q=tea&delay=${delay}`);
    await expect(page.getByRole('heading', { name: '3 results for “tea”' })).toBeVisible();
    await page.goto(`/cart?delay=${delay}`);
    await expect(page.getByText('Your cart is empty')).toBeVisible();
  },
};

const executablePath = await chromium.executablePath();
// The same fonts as mimamori (src/runner/fonts.ts puts Noto Sans JP in $TMPDIR/fonts): the same pixels to draw.
process.env.FONTCONFIG_PATH ??= join(tmpdir(), 'fonts');
const browser = await playwright.launch({ executablePath, args, headless: true });
for (const [name, journey] of Object.entries(journeys)) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const t0 = Date.now();
  await journey(page);
  await page.screenshot({ path: `${process.env.OUT ?? '/tmp'}/${name}.png` });
  await context.close();
  console.log(`${name} passed in ${Date.now() - t0} ms`);
}
await browser.close();
