// A check with its retries: a failed attempt is retried after a short backoff in a fresh context (a blip of the site
// or the network passes; an outage does not); the result says which attempt counted.
import type { CheckResult } from '../result/types.ts';
import type { CheckData } from '../check/check-data.ts';
import { redactAttempt, redactResult, structuralRedactor, type Redactor } from '../result/redact.ts';
import { screenTrace, tracePolicy } from './trace.ts';
import type { AttemptResult } from './attempt-result.ts';
import type { AttemptRunner } from './attempt-runner.ts';
import type { RunHooks } from './hooks.ts';
import { limitWarnings } from './warnings.ts';

export interface CheckRunOptions {
  hooks?: RunHooks;
  /** Aborted before a deadline (Lambda's): the journey stops as a timeout and no retry starts. */
  signal?: AbortSignal;
  /** Epoch ms: a retry that could not have its whole timeoutMs before this is not started. */
  deadline?: number;
  /** Aborted when the run is interrupted (a signal): what was cut short is no result at all, not a failure. */
  interrupt?: AbortSignal;
  /** How the backoff waits (a simulation passes one that does not sleep). */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The host's one redaction step (declared secrets, credentials in URLs, headers and parameters become `***`): each
   * attempt as it comes back from the worker, before a progress hook prints it, and the check's result it makes.
   */
  redactor?: Redactor;
}

/** Before retry n: 1 s, 2 s, … — long enough for a dropped connection or a restarting pod, short for an outage. */
export const backoffMs = (retry: number) => retry * 1_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * What an attempt may take beyond its timeout: the journey's grace, the failure screenshot, the trace written and the
 * context closed (attempt.ts bounds each; 5 s to close, 10 s to stop a trace). Counted when guessing whether a retry will
 * follow: guessing "it will" wrongly would leave the counted attempt without its trace.
 */
export const ATTEMPT_OVERRUN_MS = 20_000;

/**
 * The check as attempt `n` runs it. Only the counted attempt's trace is kept (the last), so with `retain-on-failure`
 * an attempt that a retry would follow if it failed records nothing: a passing run with retries pays nothing for
 * tracing, and a failed one keeps the same trace as before. An attempt that might be the last (no retries left, or
 * the deadline leaves no room for one after it) records.
 */
export function forAttempt(check: CheckData, n: number, deadline: number, now = Date.now()): CheckData {
  if (tracePolicy(check) !== 'retain-on-failure') return check;
  const mightBeLast = n > check.retries || now + check.timeoutMs + ATTEMPT_OVERRUN_MS + backoffMs(n) + check.timeoutMs > deadline;
  return mightBeLast ? check : { ...check, trace: 'off' };
}

/** The check's result, or undefined when the run was interrupted before it finished. */
export async function runCheck(runner: AttemptRunner, check: CheckData, options: CheckRunOptions = {}): Promise<CheckResult | undefined> {
  const { hooks = {}, signal, deadline = Infinity, interrupt, wait = sleep, redactor } = options;
  hooks.onCheckBegin?.(check);
  const attempts: AttemptResult[] = [];
  for (let n = 1; n <= check.retries + 1; n++) {
    if (n > 1) {
      await wait(backoffMs(n - 1), interrupt && signal ? AbortSignal.any([interrupt, signal]) : interrupt ?? signal);
      if (interrupt?.aborted) return undefined;
    }
    const result = await runner.attempt(forAttempt(check, n, deadline), n, signal);
    // An attempt cut short by the interrupt says nothing about the site.
    if (interrupt?.aborted) return undefined;
    if (redactor) redactAttempt(result, redactor);
    attempts.push(result);
    hooks.onAttemptEnd?.(check, result);
    // No retry once the caller's deadline has passed, or when it would cut the retry short: the first failure's
    // own error is the one worth reporting.
    if (result.status !== 'failed' || signal?.aborted || Date.now() + backoffMs(n) + check.timeoutMs > deadline) break;
  }
  const last = attempts[attempts.length - 1]!;
  // Before it is kept: a trace holding a credential the check or the site put in a URL (or a secret's value) is dropped.
  const trace = last.trace && screenTrace(last.trace, redactor ?? structuralRedactor());
  const result: CheckResult = {
    name: check.name,
    file: check.file,
    description: check.description,
    tags: check.tags,
    baseURL: check.baseURL,
    status: last.status,
    startedAt: attempts[0]!.startedAt,
    durationMs: last.durationMs,
    budget: { degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime },
    attempts: attempts.length,
    flaky: attempts.length > 1 && last.status !== 'failed',
    attemptHistory: attempts.map(({ attempt, status, durationMs, error }) => ({ attempt, status, durationMs, error })),
    steps: last.steps,
    navigations: last.navigations,
    // Earlier attempts' pictures stay: a flaky failure is evidence too.
    screenshots: attempts.flatMap((a) => a.screenshots),
    pageErrors: last.pageErrors,
    error: last.error,
    // The counted attempt's trace: the one that explains the verdict (earlier attempts' traces are not kept).
    ...(trace && { trace: { file: 'trace.zip' as const, ...trace } }),
  };
  const warnings = limitWarnings(result, check);
  if (warnings.length) result.warnings = warnings;
  if (redactor) redactResult(result, redactor);
  hooks.onCheckEnd?.(result);
  return result;
}
