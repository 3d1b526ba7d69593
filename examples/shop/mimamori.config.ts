// Project config: where checks run and the defaults every check inherits.
import { defineConfig } from 'mimamori';

export default defineConfig({
  baseURL: 'http://127.0.0.1:3210',
  // Starts the demo shop before a run; skipped when BASE_URL is set (then checks run against that site).
  webServer: {
    command: 'node demo/server.mjs',
    url: 'http://127.0.0.1:3210/api/health',
  },
  // Declared secrets a run does not find in the environment come from here (default `.env`, git-ignored). This one
  // holds only the demo shop's public password, so `npm run check` works on a fresh clone.
  secretsFile: 'demo/demo.env',
  // `npx mimamori deploy` (here: npm run deploy -- --dry-run prints the sam deploy command without AWS).
  deploy: {
    stackName: 'mimamori-demo-shop',
    region: 'ap-northeast-1',
  },
  defaults: {
    screenshot: 'final',
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 720 },
  },
});
