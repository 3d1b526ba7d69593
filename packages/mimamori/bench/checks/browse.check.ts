// Bench journey 1 (mirrored in bench/bare.mjs): home → product, with server time on each page.
import { defineCheck, expect } from 'mimamori';
import { delay } from '../journeys.ts';

// Every option left at its default (retries and the trace policy too): issue 22's targets are for the defaults.
export default defineCheck({
  name: 'bench browse',
  async run({ page, step }) {
    await step('home', async () => {
      await page.goto(`/?delay=${delay}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Mimamori Mart' })).toBeVisible();
    });
    await step('product', async () => {
      await page.goto(`/products/42?delay=${delay}`);
      await expect(page.getByRole('heading', { name: 'Sencha green tea' })).toBeVisible();
    });
  },
});
