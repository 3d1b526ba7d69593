// How long a check or config file's top-level code may take to import (MIMAMORI_IMPORT_TIMEOUT, seconds): a file that
// awaits something that never comes is then one bad file, not a run that waits for ever.
import { performance } from 'node:perf_hooks';

export const IMPORT_TIMEOUT_ENV = 'MIMAMORI_IMPORT_TIMEOUT';
/**
 * Per file, from the start of its import (after compiling), counting the time it waits (see withinWaiting). Files import
 * at once, so a hanging check file costs a run this long once; with a hanging config file as well, twice — which still
 * fits the 60 s the host gives the whole load (LOAD_TIMEOUT_MS in src/runner/worker-host.ts).
 */
export const DEFAULT_IMPORT_TIMEOUT_MS = 20_000;

/** The limit from the environment (decimals allowed), or the default; a bad value is a RangeError naming the variable. */
export function importTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[IMPORT_TIMEOUT_ENV];
  if (value === undefined || value === '') return DEFAULT_IMPORT_TIMEOUT_MS;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 600) throw new RangeError(`${IMPORT_TIMEOUT_ENV} must be a number of seconds above 0 and at most 600, got '${value}'`);
  return Math.round(s * 1000);
}

/** "20 s", "1.5 s". */
export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Milliseconds this process's event loop has spent waiting (idle) since the call, as a function to ask again. */
export function waitedSince(): () => number {
  const start = performance.eventLoopUtilization();
  return () => performance.eventLoopUtilization(start).idle;
}

export const TIMED_OUT = Symbol('timed out');

/**
 * `promise`, or TIMED_OUT once the event loop has waited `ms` for it. Waiting, not wall time: on a busy machine a file
 * slow to load (Playwright's modules, a large helper) is computing and is not cut short; a top-level await that never
 * settles leaves the loop idle, and is given up on after about `ms`. (A rejection after that is handled by the race.)
 */
export async function withinWaiting<T>(promise: Promise<T>, ms: number, waited = waitedSince()): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setInterval(() => waited() >= ms && resolve(TIMED_OUT), Math.min(250, ms / 4));
  });
  return Promise.race([promise, late]).finally(() => clearInterval(timer));
}
