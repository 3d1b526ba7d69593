// A check with its retries: a failed attempt is retried at once in a fresh context; the result says which attempt counted.
import type { CheckResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { runAttempt, runnerFailure, type AttemptResult } from './attempt.ts';
import type { BrowserProvider } from './browser-provider.ts';
import type { RunHooks } from './hooks.ts';
import { limitWarnings } from './warnings.ts';

async function attemptOnce(browsers: BrowserProvider, check: ResolvedCheck, attempt: number, signal?: AbortSignal): Promise<AttemptResult> {
  const startedAt = Date.now();
  try {
    return await runAttempt(await browsers.get(), check, attempt, signal);
  } catch (error) {
    // The browser did not start: the monitor is broken, not the site.
    return runnerFailure(attempt, startedAt, error);
  }
}

export async function runCheck(browsers: BrowserProvider, check: ResolvedCheck, hooks: RunHooks = {}, signal?: AbortSignal, deadline = Infinity): Promise<CheckResult> {
  hooks.onCheckBegin?.(check);
  const attempts: AttemptResult[] = [];
  for (let n = 1; n <= check.retries + 1; n++) {
    const result = await attemptOnce(browsers, check, n, signal);
    attempts.push(result);
    hooks.onAttemptEnd?.(check, result);
    // No retry once the caller's deadline has passed, or when it would cut the retry short: the first failure's
    // own error is the one worth reporting.
    if (result.status !== 'failed' || signal?.aborted || Date.now() + check.timeoutMs > deadline) break;
  }
  const last = attempts[attempts.length - 1];
  const result: CheckResult = {
    name: check.name,
    file: check.file,
    description: check.description,
    tags: check.tags,
    baseURL: check.baseURL,
    status: last.status,
    startedAt: attempts[0].startedAt,
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
  };
  const warnings = limitWarnings(result, check);
  if (warnings.length) result.warnings = warnings;
  hooks.onCheckEnd?.(result);
  return result;
}
