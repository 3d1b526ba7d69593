// One deadline for everything after the checks (Playwright's TimeoutManager: one budget, several slots): storing in
// S3, reading the state, notifying and the last state write draw from it, each with an AbortSignal that says why it
// stopped. S3 may use the first half, so a slow or hung bucket can never take the alert's time.
import { formatMs } from '../result/format.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, type CallOptions } from '../store/store.ts';
import type { NotifyLimits } from '../notify/notifier.ts';

/** The default budget of the after-run phase (MIMAMORI_AFTER_RUN_TIMEOUT) when the caller gives no deadline. */
export const DEFAULT_AFTER_RUN_MS = 60_000;
/** S3 before alerting (evidence, state read) may use this share of the budget; the notifier keeps the rest. */
const S3_SHARE = 0.5;
/** Waiting for probe regions may use at most this share of the budget: storing and alerting keep the rest. */
const CONFIRM_SHARE = 0.6;
/** …and only when that share is at least this long: a cold probe (Chromium, then the journey) needs seconds to answer. */
const CONFIRM_MIN_MS = 15_000;
/** The notifier stops this share of the budget (at most one request timeout) before the deadline, for the last state write. */
const LAST_WRITE_SHARE = 0.1;

/** The phase ran out of time, or a slot of it did: the message says which. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export interface BudgetOptions {
  /** Aborted when after-run must stop now (Ctrl-C, the Lambda deadline): calls in flight stop, nothing new starts. */
  signal?: AbortSignal;
  /** Epoch ms by which after-run is finished; default now + `budgetMs`. */
  deadline?: number;
  /** The budget when no deadline is given (default 60 s). */
  budgetMs?: number;
  /** Bound on one S3 or notifier request, its retries included (default 10 s). */
  requestTimeoutMs?: number;
  /**
   * The longest a failing run may wait for its probe regions (confirmFrom) before it is judged: at most this share of
   * the budget, and the S3 and alerting slots start after it (a wait must not eat the time to store and alert).
   */
  confirmMs?: number;
}

export interface AfterRunBudget {
  deadline: number;
  requestTimeoutMs: number;
  /** S3 before alerting: the first half of the budget, and a breaker shared by the run's calls. */
  s3: CallOptions;
  /** S3 after alerting (the state write): until the deadline, same breaker. */
  s3Last: CallOptions;
  /** Until when a failing run may wait for its probe regions (now, when it has none). */
  confirmDeadline: number;
  /** The notifier (Slack, or whichever it is): until shortly before the deadline. */
  notify: NotifyLimits;
  /** Clears the timers (they never keep the process alive, but need not outlive the phase). */
  dispose(): void;
}

export function afterRunBudget(options: BudgetOptions, now = Date.now()): AfterRunBudget {
  const deadline = options.deadline ?? now + (options.budgetMs ?? DEFAULT_AFTER_RUN_MS);
  const total = Math.max(0, deadline - now);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const timers: ReturnType<typeof setTimeout>[] = [];
  /** A signal aborted at `at` (with `why`) or when the caller's signal aborts, whichever is first. */
  const until = (at: number, why: string): AbortSignal => {
    const own = new AbortController();
    if (at <= now) own.abort(new DeadlineError(why));
    else timers.push(setTimeout(() => own.abort(new DeadlineError(why)), at - now).unref());
    return options.signal ? AbortSignal.any([options.signal, own.signal]) : own.signal;
  };
  const outOfTime = total === 0 ? 'no time was left before the after-run deadline' : `the after-run time (${formatMs(total)}) ran out`;
  // A wait for probe regions ends by its own timeout (confirmMs, from when it asks) or at this share, whichever is first;
  // the S3 slot starts after the wait it expects, so a wait never eats the time to store and alert.
  // Too short a share (a run near its deadline) is no wait at all: storing and alerting keep the whole budget.
  const confirmDeadline = now + (options.confirmMs && total * CONFIRM_SHARE >= CONFIRM_MIN_MS ? total * CONFIRM_SHARE : 0);
  const s3From = Math.min(confirmDeadline, now + (options.confirmMs ?? 0));
  const s3Until = s3From + (deadline - s3From) * S3_SHARE;
  const notifyUntil = deadline - Math.min(requestTimeoutMs, total * LAST_WRITE_SHARE);
  const breaker = {};
  // Only an explicit request timeout overrides the store's own (a Lambda sizes its S3 client for its deadline).
  const timeoutMs = options.requestTimeoutMs;
  const all = until(deadline, outOfTime);
  return {
    deadline,
    requestTimeoutMs,
    confirmDeadline,
    s3: { signal: total === 0 ? all : until(s3Until, `S3's share of the after-run time (${formatMs(s3Until - now)}) ran out, to leave the rest for alerting`), breaker, timeoutMs },
    s3Last: { signal: all, breaker, timeoutMs },
    notify: { signal: total === 0 ? all : until(notifyUntil, outOfTime), deadline: notifyUntil, requestTimeoutMs },
    dispose: () => timers.forEach(clearTimeout),
  };
}

/** A duration in seconds from the environment (decimals allowed), or undefined when unset. */
function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 3600) throw new RangeError(`${name} must be a number of seconds above 0 and at most 3600, got '${value}'`);
  return Math.round(s * 1000);
}

/** MIMAMORI_AFTER_RUN_TIMEOUT and MIMAMORI_REQUEST_TIMEOUT (seconds), read once; undefined means the default. */
export function afterRunSettings(env: NodeJS.ProcessEnv = process.env): { budgetMs?: number; requestTimeoutMs?: number } {
  return { budgetMs: seconds(env, 'MIMAMORI_AFTER_RUN_TIMEOUT'), requestTimeoutMs: seconds(env, 'MIMAMORI_REQUEST_TIMEOUT') };
}
