// The runner's entry: checks in, results out — attempts on a runner (worker processes), bounded parallelism.
import { availableParallelism } from 'node:os';
import type { CheckResult } from '../result/types.ts';
import type { CheckData } from '../check/check-data.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import { mapLimit } from './pool.ts';
import { runCheck, type CheckRunOptions } from './run-check.ts';

/** Checks mostly wait on the network, so a few more than the cores; capped to keep memory predictable. */
export const DEFAULT_WORKERS = Math.min(4, availableParallelism() + 1);

export interface RunOptions extends CheckRunOptions {
  /** Where attempts run: a WorkerPool (check code never runs in this process), or inProcess for engine tests. */
  runner: AttemptRunner;
  workers?: number;
}

export interface ChecksOutcome {
  results: CheckResult[];
  /** Checks cut short or never started because the run was interrupted. */
  interrupted: CheckData[];
}

export async function runChecks(checks: CheckData[], options: RunOptions): Promise<ChecksOutcome> {
  const outcomes = await mapLimit(checks, options.workers ?? DEFAULT_WORKERS, async (check) =>
    (options.interrupt?.aborted ? undefined : await runCheck(options.runner, check, options)));
  return {
    results: outcomes.filter((r): r is CheckResult => r !== undefined),
    interrupted: checks.filter((_, i) => outcomes[i] === undefined),
  };
}
