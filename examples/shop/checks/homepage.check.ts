// Example check: the home page loads and shows the shop's title, heading and products.
import { defineCheck, expect } from 'mimamori';

export default defineCheck({
  name: 'homepage',
  description: 'Home page shows the shop and its products',
  tags: ['smoke'],
  schedule: 'rate(5 minutes)',
  // Slower than 3 s is "degraded"; slower than 10 s counts as a failure.
  degradedResponseTime: 3000,
  maxResponseTime: 10000,

  async run({ page, step }) {
    await step('Open the home page', async () => {
      await page.goto('/'); // relative to baseURL from mimamori.config.ts (or BASE_URL)
      await expect(page).toHaveTitle('Mimamori Mart');
    });

    await step('See the products', async () => {
      await expect(page.getByRole('heading', { level: 1, name: 'Mimamori Mart' })).toBeVisible();
      const products = page.getByRole('list', { name: 'Products' });
      await expect(products).toBeVisible();
      await expect(products.getByRole('link', { name: 'Sencha green tea' })).toBeVisible();
    });
  },
});
