// Attempts in this process, with a browser of its own: what tests of the engine use. The run itself never does this —
// its checks go to worker processes (WorkerPool), so check code cannot take the run down.
import type { ResolvedCheck } from '../check/types.ts';
import { runAttempt } from './attempt.ts';
import { runnerFailure } from './attempt-result.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import type { BrowserProvider } from './browser-provider.ts';

/** `check` must be a ResolvedCheck (with its `run`): in this process the code is at hand. */
export function inProcess(browsers: BrowserProvider): AttemptRunner {
  return {
    async attempt(check, attempt, signal) {
      const startedAt = Date.now();
      try {
        return await runAttempt(await browsers.get(), check as ResolvedCheck, attempt, signal);
      } catch (error) {
        // The browser did not start: the monitor is broken, not the site.
        return runnerFailure(attempt, startedAt, error);
      }
    },
  };
}
