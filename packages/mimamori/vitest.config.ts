// Tests run real Chromium and real servers on loopback: generous timeouts, three files at a time on the 2 cores —
// most of a test's time is waiting on a browser, a server or a child process, so a third file fills the idle time
// (quiet: 3 min 46 s with 3, 4 min 31 s with 2; beside two busy loops it holds, 5 min 18 s).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 3,
  },
});
