// Bench journey 3 (mirrored in bench/bare.mjs): search results.
import { defineCheck, expect } from 'mimamori';
import { delay } from '../journeys.ts';

// Every option left at its default (retries and the trace policy too): issue 22's targets are for the defaults.
export default defineCheck({
  name: 'bench search',
  async run({ page, step }) {
    await step('search', async () => {
      await page.goto(`/search?q=tea&delay=${delay}`);
      await expect(page.getByRole('heading', { name: '3 results for “tea”' })).toBeVisible();
    });
    await step('cart', async () => {
      await page.goto(`/cart?delay=${delay}`);
      await expect(page.getByText('Your cart is empty')).toBeVisible();
    });
  },
});
