// One attempt of one check: a fresh BrowserContext, the journey, its steps and budgets — always a result, never a throw.
import { devices, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import type { CheckStatus, StepResult } from '../result/types.ts';
import type { ResolvedCheck, StepFn } from '../check/types.ts';
import { runnerFailure, type AttemptResult } from './attempt-result.ts';
import { watchPage } from './page-watch.ts';
import { closeContext } from './browser.ts';
import { within } from './within.ts';
import { startTrace } from './trace.ts';
import { budgetStatus, Stepper, type Failure } from './steps.ts';
import { browserGone, httpStatus, overBudget, pageCrash, runTimeout, stoppedEarly, toErrorInfo } from './errors.ts';

export interface AttemptHooks {
  /** A step is starting; `steps` are those finished so far (the worker reports them, in case it dies mid-step). */
  onStepBegin?(name: string, steps: StepResult[]): void;
}

// After a fatal event (deadline, crash), the journey gets this long to walk through its remaining (skipped) steps.
const GRACE_MS = 250;
const CLOSE_TIMEOUT_MS = 5_000;

export function contextOptions(check: ResolvedCheck): BrowserContextOptions {
  const device = check.device ? devices[check.device] : undefined;
  return {
    ...device,
    baseURL: check.baseURL || undefined,
    viewport: check.viewport,
    locale: check.locale,
    timezoneId: check.timezoneId,
    // Credentials, as Playwright names them; absent ones stay Playwright's defaults.
    ...(check.httpCredentials && { httpCredentials: check.httpCredentials }),
    ...(check.extraHTTPHeaders && { extraHTTPHeaders: check.extraHTTPHeaders }),
    ...(check.ignoreHTTPSErrors !== undefined && { ignoreHTTPSErrors: check.ignoreHTTPSErrors }),
  };
}

/** A promise that rejects with the first fatal event; `fail` after the first is ignored. */
function fatalSignal() {
  let fail!: (error: unknown) => void;
  const promise = new Promise<never>((_, reject) => (fail = reject));
  promise.catch(() => {}); // observed by races; never an unhandled rejection
  return { promise, fail };
}

const delayed = (p: Promise<never>, ms: number) =>
  p.catch((e) => new Promise<never>((_, reject) => setTimeout(() => reject(e), ms)));

/**
 * Why the caller aborted: an error it chose (check code that threw where nothing awaited it, in a worker), or else
 * the deadline (Lambda's, through middy's signal, whose reason is a plain AbortError).
 */
function abortFailure(reason: unknown): unknown {
  return reason instanceof Error && reason.name !== 'AbortError' ? reason : stoppedEarly();
}

export async function runAttempt(browser: Browser, check: ResolvedCheck, attempt: number, signal?: AbortSignal, hooks: AttemptHooks = {}): Promise<AttemptResult> {
  const startedAt = Date.now();
  let context: BrowserContext;
  let page;
  try {
    context = await browser.newContext(contextOptions(check));
    page = await context.newPage();
  } catch (error) {
    return runnerFailure(attempt, startedAt, error);
  }
  // Navigation and action timeouts never outlive the whole check.
  context.setDefaultTimeout(Math.min(30_000, check.timeoutMs));
  // Before the journey: the trace shows it from its first action (kept or discarded once the verdict is known).
  const tracing = await startTrace(context, check);

  const fatal = fatalSignal();
  const onGone = () => fatal.fail(browserGone());
  page.on('crash', () => fatal.fail(pageCrash()));
  browser.on('disconnected', onGone);
  const deadline = setTimeout(() => fatal.fail(runTimeout(check.timeoutMs)), check.timeoutMs);
  // The caller's deadline (Lambda's, through middy's signal) ends the journey like a timeout, leaving time to report.
  const onAbort = () => fatal.fail(abortFailure(signal?.reason));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  let stepper: Stepper | undefined;
  const watch = watchPage(page, () => stepper?.current, check.expectedStatus);
  stepper = new Stepper(page, check, attempt, watch, fatal);
  const step: StepFn = (name, fn, options) => {
    hooks.onStepBegin?.(name, [...stepper!.steps]);
    return stepper!.step(name, fn, options);
  };
  const runStart = Date.now();
  let outside: Failure | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(() => check.run({ page, context, step, baseURL: check.baseURL })),
      delayed(fatal.promise, GRACE_MS),
    ]);
  } catch (error) {
    // Once a step has failed, later errors outside steps are consequences of it, not news.
    if (!stepper.failure) outside = { error };
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
  }
  // A fatal event can end the race while a step is still writing its record and screenshot.
  await stepper.idle();
  const durationMs = Date.now() - runStart - stepper.screenshotMs;

  let failure = stepper.failure ?? outside;
  if (!failure) {
    // A navigation outside any step may have answered with an error status.
    const http = watch.httpErrorSince(0);
    if (http) failure = { error: httpStatus('GET', http.url, http.status, http.expected), step: http.step };
  }
  const budget = { degradedResponseTime: check.degradedResponseTime, maxResponseTime: check.maxResponseTime };
  let status: CheckStatus = failure ? 'failed' : budgetStatus(durationMs, budget);
  if (!failure && status === 'failed') failure = { error: overBudget(`Check "${check.name}"`, durationMs, check.maxResponseTime!) };
  failure ??= stepper.budgetFailure;
  if (failure) status = 'failed';
  else if (stepper.steps.some((s) => s.status === 'degraded')) status = 'degraded';

  const hasFailureShot = stepper.screenshots.some((s) => s.kind === 'failure');
  if (failure && !hasFailureShot && check.screenshot !== 'off') await stepper.shoot('failure', failure.step);
  else if (!failure && check.screenshot === 'final') await stepper.shoot('final');

  // After the failure picture, before the context closes: the trace ends with the page as the screenshot shows it.
  const trace = await tracing.stop(status === 'failed');

  browser.off('disconnected', onGone);
  // A context stuck on a hung request must not hold the run.
  await within(closeContext(context), CLOSE_TIMEOUT_MS);
  return {
    attempt,
    status,
    startedAt,
    durationMs,
    steps: stepper.steps,
    navigations: watch.navigations,
    screenshots: stepper.screenshots,
    pageErrors: watch.pageErrors,
    error: failure ? toErrorInfo(failure.error, failure.step) : undefined,
    ...(trace && { trace }),
  };
}
