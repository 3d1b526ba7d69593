// What to say when check code misbehaves beyond a normal failure: it blocked its worker, ended it, outlived its
// timeout, or threw where nothing awaited it. Each names what happened and what to change in the check.
import { CheckFailure, describeThrown } from './errors.ts';

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export const workerBlocked = (timeoutMs: number, silentMs: number) =>
  new CheckFailure('CheckBlockedError',
    `The check's code blocked its worker process for ${seconds(silentMs)} without giving control back (a loop that never awaits, ` +
    `like while (true) {}), past the check's timeout of ${timeoutMs} ms; the worker was stopped`, 'timeout');

export const workerOverran = (timeoutMs: number, overMs: number) =>
  new CheckFailure('CheckTimeoutError',
    `The check did not finish within ${seconds(overMs)} after its timeout of ${timeoutMs} ms; its worker process was stopped`, 'timeout');

export const workerDidNotStop = (graceMs: number) =>
  new CheckFailure('CheckTimeoutError',
    `Stopped before the Lambda deadline: the check (or its worker, still starting) did not stop within ${seconds(graceMs)}, so the worker process was stopped`, 'timeout');

/** The worker process ended while it ran a check: check code called process.exit(), or the process died. */
export function workerExited(code: number | null, signal: NodeJS.Signals | null): CheckFailure {
  const how = signal
    ? `was killed by ${signal}${signal === 'SIGKILL' || signal === 'SIGABRT' ? ' (often: out of memory)' : ''}`
    : `exited with code ${code}${code === 0 ? ' — check code must not call process.exit()' : ''}`;
  return new CheckFailure('WorkerExitError', `The worker process running the check ${how}`, 'runner');
}

/**
 * An error nothing awaited (an `expect(…)` without `await`, a throw inside a `setTimeout`): it fails the check it
 * came from with what it says (an assertion stays an assertion, a net::ERR a network failure) and its own stack, which
 * points at the line to fix.
 */
export function uncaughtInCheck(error: unknown, kind: 'exception' | 'rejection'): Error {
  const what = kind === 'rejection'
    ? 'Unhandled rejection in the check (a promise nothing awaited, e.g. expect(…) without await)'
    : 'Uncaught exception in the check (thrown where nothing catches it, e.g. inside a setTimeout callback)';
  const thrown = describeThrown(error);
  const failure = Object.assign(new Error(`${what}: ${thrown.message}`, { cause: error }), {
    name: kind === 'rejection' ? 'UnhandledRejection' : 'UncaughtException',
    // classify() reads these: Playwright's expect errors carry matcherResult.
    matcherResult: (error as { matcherResult?: unknown } | null)?.matcherResult,
  });
  failure.stack = thrown.stack ? `${failure.name}: ${failure.message}\n${thrown.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}` : undefined;
  return failure;
}
