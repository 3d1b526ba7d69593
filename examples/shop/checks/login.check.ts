// Example check: a multi-step journey that logs in through a form.
import { defineCheck, expect } from 'mimamori';

// Not a secret: a plain variable with the demo account as its default.
const email = process.env.LOGIN_EMAIL ?? 'demo@example.com';

export default defineCheck({
  name: 'login',
  description: 'A customer can log in and reach their account',
  tags: ['journey'],
  schedule: 'cron(0/10 * * * ? *)', // every 10 minutes
  // Hide personal data in screenshots (they end up in S3 and Slack).
  mask: ['.account-email'],
  // Declared: the check does not run without it (no fallback), and its value shows as *** in results and alerts.
  // Locally from the environment or .env — here the demo's public password in demo/demo.env (mimamori.config.ts);
  // on AWS from SSM Parameter Store.
  secrets: ['LOGIN_PASSWORD'],

  async run({ page, step }) {
    await step('Open the login page', async () => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    });

    await step('Log in', async () => {
      await page.getByLabel('Email').fill(email);
      // Read when the check runs (on Lambda the secret arrives for the run, after the file was loaded).
      await page.getByLabel('Password').fill(process.env.LOGIN_PASSWORD!);
      await page.getByRole('button', { name: 'Log in' }).click();
    });

    await step('See the account page', async () => {
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByText(`Welcome back, ${email}`)).toBeVisible();
    });
  },
});
