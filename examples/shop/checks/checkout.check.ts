// Example check: a shopping journey with response-time budgets for the whole run and for one step.
import { defineCheck, expect } from 'mimamori';

export default defineCheck({
  name: 'checkout',
  description: 'Find a product, add it to the cart, search the shop',
  tags: ['journey'],
  degradedResponseTime: 4000,
  maxResponseTime: 15000,
  screenshot: 'every-step', // one screenshot per step, handy to see where a journey went wrong

  async run({ page, step }) {
    await step('Open a product', async () => {
      await page.goto('/products/42');
      await expect(page.getByRole('heading', { name: 'Sencha green tea' })).toBeVisible();
    });

    // A step can have its own budget: over 1.5 s is degraded, over 5 s fails the check.
    await step('Add to cart', async () => {
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await expect(page.getByText('1 item in cart')).toBeVisible();
    }, { degradedResponseTime: 1500, maxResponseTime: 5000 });

    await step('Search for tea', async () => {
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search' }).fill('tea');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByRole('heading', { name: '3 results for “tea”' })).toBeVisible();
    });
  },
});
