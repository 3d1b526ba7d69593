// Failure classification: every error a check meets becomes ErrorInfo with a class (assertion/timeout/network/runner).
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
export const httpStatus = (method: string, url: string, status: number) =>
  new CheckFailure('HttpStatusError', `${method} ${url} answered HTTP ${status}`, 'network');
export const stoppedEarly = () =>
  new CheckFailure('CheckTimeoutError', 'Stopped before the Lambda deadline, to leave time to store and notify', 'timeout');
export const pageCrash = () =>
  new CheckFailure('PageCrashError', 'The page crashed (renderer process died — often out of memory)', 'runner');
export const browserGone = () =>
  new CheckFailure('BrowserClosedError', 'The browser closed or crashed during the check', 'runner');

// Chromium's network error codes, as Playwright reports them in navigation errors.
const NETWORK = /net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_|ADDRESS_|CERT_|SSL_|BAD_SSL|EMPTY_RESPONSE|INTERNET_DISCONNECTED|NETWORK_|TUNNEL_|PROXY_|TIMED_OUT|INVALID_RESPONSE|HTTP2_|QUIC_|ABORTED|FAILED|SOCKET_|TOO_MANY_REDIRECTS|UNSAFE_PORT|BLOCKED)/;
const BROWSER_GONE = /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected|Target crashed/i;

export function classify(error: unknown): FailureClass {
  if (error instanceof CheckFailure) return error.failureClass;
  const e = error as { name?: string; message?: string; matcherResult?: unknown };
  const message = e?.message ?? '';
  // Playwright's expect errors carry matcherResult; a web-first assertion that ran out of time is still an assertion.
  if (e?.matcherResult !== undefined) return 'assertion';
  if (NETWORK.test(message)) return 'network';
  if (e?.name === 'TimeoutError') return 'timeout';
  if (BROWSER_GONE.test(message)) return 'runner';
  return 'assertion';
}


/** Errors cross boundaries (files, S3, Slack) as plain `{ name, message, stack, step, class }`. */
export function toErrorInfo(error: unknown, step?: string, failureClass = classify(error)): ErrorInfo {
  const e = error instanceof Error ? error : new Error(String(error));
  const info: ErrorInfo = { name: e.name, message: stripAnsi(e.message), class: failureClass };
  if (e.stack && !(error instanceof CheckFailure)) info.stack = stripAnsi(e.stack);
  if (step !== undefined) info.step = step;
  return info;
}
