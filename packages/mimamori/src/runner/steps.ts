// Records named steps: timing, status against budgets, errors, screenshots; after the first failure, later steps are skipped.
import type { Page } from 'playwright-core';
import type { Budget, Screenshot, StepResult, StepStatus } from '../result/types.ts';
import type { ResolvedCheck, StepOptions } from '../check/types.ts';
import { stepOptionShape } from '../check/validate.ts';
import { validateShape } from '../check/rules.ts';
import type { PageWatch } from './page-watch.ts';
import { CheckFailure, httpStatus, overBudget, stepTimeout, toErrorInfo } from './errors.ts';
import { takeScreenshot } from './screenshots.ts';

/** passed under the degraded line, degraded under the max line, failed above it. */
export function budgetStatus(durationMs: number, budget: Budget): 'passed' | 'degraded' | 'failed' {
  if (budget.maxResponseTime !== undefined && durationMs > budget.maxResponseTime) return 'failed';
  if (budget.degradedResponseTime !== undefined && durationMs > budget.degradedResponseTime) return 'degraded';
  return 'passed';
}

export interface Failure {
  error: unknown;
  step?: string;
}

/** Rejects when the step's own timeout passes; cleared when the step ends. */
function timer(ms: number | undefined, make: () => Error): { promise: Promise<never>; clear(): void } {
  let id: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (ms !== undefined) id = setTimeout(() => reject(make()), ms);
  });
  return { promise, clear: () => clearTimeout(id) };
}

export class Stepper {
  readonly steps: StepResult[] = [];
  readonly screenshots: Screenshot[] = [];
  /** The first step that failed to do its job; it stops the journey. */
  failure?: Failure;
  /** The first step that did its job but slower than its maxResponseTime; the journey goes on. */
  budgetFailure?: Failure;
  current?: string;
  /** Time spent taking screenshots, which is not the site's response time. */
  screenshotMs = 0;

  constructor(
    private readonly page: Page,
    private readonly check: ResolvedCheck,
    private readonly attempt: number,
    private readonly watch: PageWatch,
    /** Rejects on the run's deadline, a page crash or the browser going away; a failed step trips it too. */
    private readonly fatal: { promise: Promise<never>; fail(error: unknown): void },
  ) {}

  async shoot(kind: Screenshot['kind'], step?: string, index = this.steps.length): Promise<void> {
    const t0 = Date.now();
    const shot = await takeScreenshot(this.page, this.check, { kind, attempt: this.attempt, index, step });
    this.screenshotMs += Date.now() - t0;
    if (shot) this.screenshots.push(shot);
  }

  /** The step being run or recorded, so the attempt can wait for its record after a fatal event. */
  private inflight?: Promise<unknown>;

  /** Resolves once no step is being run or recorded. */
  async idle(): Promise<void> {
    await this.inflight?.catch(() => {});
  }

  /** The `step` function check authors call. It never throws: a failure is recorded and later steps are skipped. */
  step = <T>(name: string, fn: () => Promise<T> | T, options: StepOptions = {}): Promise<T> => {
    const p = this.record(name, fn, options);
    this.inflight = p;
    return p;
  };

  private async record<T>(name: string, fn: () => Promise<T> | T, options: StepOptions): Promise<T> {
    // Skipping here, in one place, is what marks every step after a failure as skipped.
    if (this.failure) {
      this.steps.push({ name, status: 'skipped', durationMs: 0, budget: {} });
      return undefined as T;
    }
    const budget: Budget = { degradedResponseTime: options.degradedResponseTime, maxResponseTime: options.maxResponseTime };
    const startedAt = Date.now();
    const navFrom = this.watch.navigations.length;
    const limit = timer(options.timeout, () => stepTimeout(name, options.timeout!));
    this.current = name;
    // Whether something was thrown, not whether it was truthy: `throw null` and `throw undefined` fail a step too.
    let failed = false;
    let error: unknown;
    let value: T | undefined;
    try {
      const problems = validateShape(options, stepOptionShape, '', 'options');
      if (problems.length) throw new CheckFailure('StepOptionsError', `Bad step options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, 'assertion');
      value = await Promise.race([Promise.resolve().then(fn), limit.promise, this.fatal.promise]);
    } catch (e) {
      failed = true;
      error = e;
    } finally {
      limit.clear();
      this.current = undefined;
    }
    const durationMs = Date.now() - startedAt;
    // An HTTP error status of the main document is the root cause, even when an assertion failed after it.
    const http = this.watch.httpErrorSince(navFrom);
    if (http) {
      error = Object.assign(httpStatus('GET', http.url, http.status, http.expected), failed ? { cause: error } : {});
      failed = true;
    }

    const status: StepStatus = failed ? 'failed' : budgetStatus(durationMs, budget);
    const slow = !failed && status === 'failed' ? overBudget(`Step "${name}"`, durationMs, budget.maxResponseTime!) : undefined;
    if (slow) this.budgetFailure ??= { error: slow, step: name };
    const result: StepResult = { name, status, startedAt, durationMs, budget };
    if (failed || slow) result.error = toErrorInfo(failed ? error : slow, name);
    this.steps.push(result);
    if (failed) {
      this.failure = { error, step: name };
      // Code between steps gets a moment to reach its (skipped) steps, not the rest of the run's timeout.
      this.fatal.fail(error);
    }

    const policy = this.check.screenshot;
    if (failed && policy !== 'off') await this.shoot('failure', name);
    else if (policy === 'every-step') await this.shoot('step', name);
    return (failed ? undefined : value) as T;
  }
}
