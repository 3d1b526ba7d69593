// The runner's entry: checks in, results out — attempts on a runner (worker processes), bounded parallelism.
import { availableParallelism } from 'node:os';
import type { CheckResult } from '../result/types.ts';
import type { CheckData } from '../check/check-data.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import { mapLimit } from '../result/map-limit.ts';
import { runCheck, type CheckRunOptions } from './run-check.ts';

/**
 * One worker per core, at most 4 (each is a Node process and a Chromium). Not more than the cores: a worker costs
 * about a second of CPU to start (Node, Playwright, Chromium), and on 2 cores a third one starting beside two running
 * checks made the bench journeys slower than one worker (docs/performance.md); the pool never starts more workers than
 * there are checks.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores));
}

export const DEFAULT_WORKERS = defaultWorkers();

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
