// Check results built by hand for tests of what consumes them (policy, stores, notifiers): one home for their shape,
// so a test states only the fields it is about.
import type { CheckResult, CheckStatus, FailureClass, Screenshot } from '../../src/result/types.ts';

/**
 * A minimal valid run: `shop` passed on http://shop.test in 900 ms, one attempt, no steps, no evidence, no budget.
 * `file` follows `name` (`checks/<name>.check.ts`); every field can be overridden.
 */
export function checkResult(overrides: Partial<CheckResult> = {}): CheckResult {
  const name = overrides.name ?? 'shop';
  return {
    name, file: `checks/${name}.check.ts`, tags: [], baseURL: 'http://shop.test', status: 'passed', startedAt: 0, durationMs: 900,
    budget: {}, attempts: 1, flaky: false, attemptHistory: [], steps: [], navigations: [], screenshots: [],
    pageErrors: { consoleErrors: 0, failedRequests: 0, samples: [] },
    ...overrides,
  };
}

/**
 * A run as the alert policy sees it: only its status and time count. No site (`baseURL: ''`), 100 ms, and when it
 * failed an error `boom` of `failureClass` (assertion unless told).
 */
export function policyResult(
  status: CheckStatus, startedAt: number,
  { failureClass = 'assertion', ...overrides }: Partial<CheckResult> & { failureClass?: FailureClass } = {},
): CheckResult {
  return checkResult({
    baseURL: '', status, startedAt, durationMs: 100,
    ...(status === 'failed' && { error: { name: 'Error', message: 'boom', class: failureClass } }),
    ...overrides,
  });
}

/**
 * The shop's cart journey, for notifier and store tests: one step `open cart` (800 ms) on http://shop.test with
 * budgets 3 s / 10 s. Failed, it took 4.2 s over two attempts and the cart answered HTTP 500 (a HttpStatusError in
 * the step); otherwise 900 ms, one attempt, 200. No screenshots unless given (see `cartScreenshot`).
 */
export function cartResult(name: string, status: CheckStatus, { startedAt, ...overrides }: { startedAt: number } & Partial<CheckResult>): CheckResult {
  const failed = status === 'failed';
  return checkResult({
    name, status, startedAt, durationMs: failed ? 4200 : 900,
    budget: { degradedResponseTime: 3000, maxResponseTime: 10_000 }, attempts: failed ? 2 : 1,
    navigations: [{ url: 'http://shop.test/cart', status: failed ? 500 : 200, startedAt }],
    steps: [{ name: 'open cart', status: failed ? 'failed' : 'passed', durationMs: 800, budget: {} }],
    error: failed ? { name: 'HttpStatusError', message: 'GET http://shop.test/cart answered HTTP 500', class: 'network', step: 'open cart' } : undefined,
    ...overrides,
  });
}

/** The cart journey's picture (64×48): taken at the failure in `open cart` when it failed, else the final view. */
export function cartScreenshot(status: CheckStatus, more: Partial<Screenshot> = {}): Screenshot {
  const failed = status === 'failed';
  return {
    file: failed ? '01-open-cart-failure.png' : 'final.png', step: failed ? 'open cart' : undefined, kind: failed ? 'failure' : 'final',
    attempt: 1, width: 64, height: 48, ...more,
  };
}
