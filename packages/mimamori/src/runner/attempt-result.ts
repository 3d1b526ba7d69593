// One attempt's result, as data that crosses from a worker process to the host, and the attempt that never started.
import type { CheckStatus, ErrorInfo, Navigation, PageErrors, Screenshot, StepResult } from '../result/types.ts';
import { toErrorInfo } from './errors.ts';
import type { AttemptTrace } from './trace.ts';

export interface AttemptResult {
  attempt: number;
  status: CheckStatus;
  startedAt: number;
  durationMs: number;
  steps: StepResult[];
  navigations: Navigation[];
  screenshots: Screenshot[];
  pageErrors: PageErrors;
  error?: ErrorInfo;
  /** Playwright's trace when the check's `trace` option keeps it (its bytes cross the worker boundary as a Buffer). */
  trace?: AttemptTrace;
}

export const noPageErrors = (): PageErrors => ({ consoleErrors: 0, failedRequests: 0, samples: [] });

/** An attempt that never reached the site: the browser or its context could not be had — the monitor is broken. */
export function runnerFailure(attempt: number, startedAt: number, error: unknown): AttemptResult {
  return {
    attempt, status: 'failed', startedAt, durationMs: Date.now() - startedAt, steps: [], navigations: [], screenshots: [],
    pageErrors: noPageErrors(), error: toErrorInfo(error, undefined, 'runner'),
  };
}
