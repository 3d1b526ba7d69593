// Example check: a multi-step journey that logs in through a form.
import { defineCheck, expect } from 'mimamori';

// Demo credentials; for a real site, read them from the environment (never commit secrets).
const email = process.env.LOGIN_EMAIL ?? 'demo@example.com';
const password = process.env.LOGIN_PASSWORD ?? 'mimamori';

export default defineCheck({
  name: 'login',
  description: 'A customer can log in and reach their account',
  tags: ['journey'],
  schedule: 'cron(0/10 * * * ? *)', // every 10 minutes
  // Hide personal data in screenshots (they end up in S3 and Slack).
  mask: ['.account-email'],

  async run({ page, step }) {
    await step('Open the login page', async () => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    });

    await step('Log in', async () => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
    });

    await step('See the account page', async () => {
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText(`Welcome back, ${email}`)).toBeVisible();
    });
  },
});
