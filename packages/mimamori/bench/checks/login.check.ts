// Bench journey 2 (mirrored in bench/bare.mjs): a login form.
import { defineCheck, expect } from 'mimamori';
import { delay } from '../journeys.ts';

// Every option left at its default (retries and the trace policy too): issue 22's targets are for the defaults.
export default defineCheck({
  name: 'bench login',
  async run({ page, step }) {
    await step('open login', () => page.goto(`/login?delay=${delay}`));
    await step('log in', async () => {
      await page.getByLabel('Email').fill('demo@example.com');
      await page.getByLabel('Password').fill('sencha-demo-2026');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByText('Welcome back, demo@example.com')).toBeVisible();
    });
  },
});
