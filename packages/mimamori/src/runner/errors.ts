// Failure classification: every error a check meets becomes ErrorInfo with a class (assertion/timeout/network/runner).
import { inspect, types } from 'node:util';
import type { ErrorInfo, FailureClass } from '../result/types.ts';
import { stripAnsi } from '../result/strip-ansi.ts';

/** An error the runner raises itself, so it knows its class without guessing from the message. */
export class CheckFailure extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly failureClass: FailureClass,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const stepTimeout = (step: string, ms: number) =>
  new CheckFailure('StepTimeoutError', `Step "${step}" timed out after ${ms} ms (its timeout option)`, 'timeout');
export const runTimeout = (ms: number) =>
  new CheckFailure('CheckTimeoutError', `Check timed out after ${ms} ms (timeoutMs)`, 'timeout');
export const overBudget = (what: string, durationMs: number, maxMs: number) =>
  new CheckFailure('ResponseTimeError', `${what} took ${durationMs} ms, over its maxResponseTime of ${maxMs} ms`, 'timeout');
/** `expected`: the check's expectedStatus, when it sets one (the status was not among them). */
export const httpStatus = (method: string, url: string, status: number, expected?: number[]) =>
  new CheckFailure('HttpStatusError', `${method} ${url} answered HTTP ${status}${expected ? `, expected ${expected.join(' or ')} (expectedStatus)` : ''}`, 'network');
export const stoppedEarly = () =>
  new CheckFailure('CheckTimeoutError', 'Stopped before the Lambda deadline, to leave time to store and notify', 'timeout');
export const pageCrash = () =>
  new CheckFailure('PageCrashError', 'The page crashed (renderer process died — often out of memory)', 'runner');
export const browserGone = () =>
  new CheckFailure('BrowserClosedError', 'The browser closed or crashed during the check', 'runner');

// Chromium's network error codes, as Playwright reports them in navigation errors.
const NETWORK = /net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_|ADDRESS_|CERT_|SSL_|BAD_SSL|EMPTY_RESPONSE|INTERNET_DISCONNECTED|NETWORK_|TUNNEL_|PROXY_|TIMED_OUT|INVALID_RESPONSE|HTTP2_|QUIC_|ABORTED|FAILED|SOCKET_|TOO_MANY_REDIRECTS|UNSAFE_PORT|BLOCKED)/;
const BROWSER_GONE = /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected|Target crashed/i;

/** `instanceof` without surprises: a Proxy's getPrototypeOf trap may throw. */
function isCheckFailure(value: unknown): value is CheckFailure {
  try {
    return value instanceof CheckFailure;
  } catch {
    return false;
  }
}

export function classify(error: unknown): FailureClass {
  if (isCheckFailure(error)) return error.failureClass;
  try {
    const e = error as { name?: string; message?: string; matcherResult?: unknown };
    const message = typeof e?.message === 'string' ? e.message : '';
    // Playwright's expect errors carry matcherResult; a web-first assertion that ran out of time is still an assertion.
    if (e?.matcherResult !== undefined) return 'assertion';
    if (NETWORK.test(message)) return 'network';
    if (e?.name === 'TimeoutError') return 'timeout';
    if (BROWSER_GONE.test(message)) return 'runner';
  } catch {
    // A hostile value (a Proxy, a throwing getter) is the check's own doing.
  }
  return 'assertion';
}

// Thrown non-errors are shown compactly: enough to recognise, never a wall of text.
const INSPECT = { depth: 2, breakLength: Infinity, compact: true, maxArrayLength: 10, maxStringLength: 200, colors: false } as const;
const MAX_SHOWN = 1_000;
const ADVICE = "throw an Error (throw new Error('what went wrong')) to get a message and a stack";

const shown = (value: unknown): string => {
  const text = inspect(value, INSPECT);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
};

/** Looks like an error when it has a message: an Error from another realm or process, or `{ name, message }`. */
function errorLike(value: object): value is { name?: unknown; message: string; stack?: unknown } {
  return types.isNativeError(value) || value instanceof Error || typeof (value as { message?: unknown }).message === 'string';
}

/**
 * Whatever was thrown — an Error, a string, null, a plain object — as a name, a readable message and the thrower's
 * own stack (never one made here). Never throws, whatever getters or proxies the value hides.
 */
export function describeThrown(value: unknown): { name: string; message: string; stack?: string } {
  try {
    if (typeof value === 'string') return { name: 'Error', message: value };
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      return { name: 'Error', message: `The check threw ${shown(value)} instead of an Error: ${ADVICE}` };
    }
    if (!errorLike(value)) return { name: 'Error', message: shown(value) };
    const name = typeof value.name === 'string' && value.name ? value.name : 'Error';
    const message = String(value.message) || `${name} with no message`;
    return { name, message, stack: typeof value.stack === 'string' ? value.stack : undefined };
  } catch {
    return { name: 'Error', message: `The check threw a value that cannot be shown: ${ADVICE}` };
  }
}

/** Errors cross boundaries (files, S3, Slack) as plain `{ name, message, stack, step, class }`. */
export function toErrorInfo(error: unknown, step?: string, failureClass = classify(error)): ErrorInfo {
  const { name, message, stack } = describeThrown(error);
  const info: ErrorInfo = { name, message: stripAnsi(message), class: failureClass };
  if (stack && !isCheckFailure(error)) info.stack = stripAnsi(stack);
  if (step !== undefined) info.step = step;
  return info;
}
