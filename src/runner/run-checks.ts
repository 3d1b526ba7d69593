// The runner's entry: checks in, results out — one browser, a fresh context per check, bounded parallelism.
import { availableParallelism } from 'node:os';
import type { CheckResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { browserProvider, type BrowserProvider } from './browser-provider.ts';
import type { RunHooks } from './hooks.ts';
import { mapLimit } from './pool.ts';
import { runCheck } from './run-check.ts';

/** Checks mostly wait on the network, so a few more than the cores; capped to keep memory predictable. */
export const DEFAULT_WORKERS = Math.min(4, availableParallelism() + 1);

export interface RunOptions {
  workers?: number;
  hooks?: RunHooks;
  /** Pass one to start the browser early (while checks load) or to reuse it; closed here only if created here. */
  browsers?: BrowserProvider;
  /** Aborted before a deadline (Lambda's): running journeys stop as timeouts and no retry starts. */
  signal?: AbortSignal;
  /** Epoch ms: a retry that could not have its whole timeoutMs before this is not started. */
  deadline?: number;
}

export async function runChecks(checks: ResolvedCheck[], options: RunOptions = {}): Promise<CheckResult[]> {
  const browsers = options.browsers ?? browserProvider();
  try {
    return await mapLimit(checks, options.workers ?? DEFAULT_WORKERS, (check) => runCheck(browsers, check, options.hooks, options.signal, options.deadline));
  } finally {
    if (!options.browsers) await browsers.close();
  }
}
