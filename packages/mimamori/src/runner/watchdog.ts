// The worker watchdog's decisions, as pure functions of the clock and what the host has heard: one per request kind
// (load, attempt, render). The ProcessHost looks at them every `intervalMs` as a request's watch; the WorkerHost turns
// a verdict into the reason it gives up (the worker killed, the result made). Timings are options so tests (and a host
// that knows better, as Lambda's short stop grace) can set them; the defaults are the documented ones.

export interface WatchdogTimings {
  /** How often the host looks at a worker. */
  intervalMs: number;
  /** No heartbeat for this long once the check should have stopped: its code is blocking the event loop. */
  blockedMs: number;
  /** A worker still answering this long after the check's timeout is stopped (screenshot ≤ 6 s + closing ≤ 5 s fit). */
  overrunMs: number;
  /** After being told to stop (Lambda's deadline), time to stop, take the failure screenshot (≤ 6 s), close (≤ 5 s), report. */
  stopGraceMs: number;
  /** A worker gets this long to start an attempt or a render (a cold one loads Playwright, inflates and launches Chromium). */
  startMs: number;
  /** Loading check files without a heartbeat for this long: a file's top-level code is blocking. */
  loadBlockedMs: number;
}

export const WATCH_MS = 250;
export const BLOCKED_MS = 2_000;
export const OVERRUN_MS = 15_000;
export const STOP_GRACE_MS = 15_000;
export const START_MS = 30_000;
export const LOAD_BLOCKED_MS = 10_000;

export const WATCHDOG_DEFAULTS: Readonly<WatchdogTimings> = Object.freeze({
  intervalMs: WATCH_MS, blockedMs: BLOCKED_MS, overrunMs: OVERRUN_MS, stopGraceMs: STOP_GRACE_MS, startMs: START_MS, loadBlockedMs: LOAD_BLOCKED_MS,
});

/** The defaults with `given` over them; a timing that is not a number ≥ 0 (or > 0 for the interval) is refused, named. */
export function watchdogTimings(given: Partial<WatchdogTimings> = {}): WatchdogTimings {
  const timings = { ...WATCHDOG_DEFAULTS };
  for (const [key, value] of Object.entries(given) as [keyof WatchdogTimings, unknown][]) {
    if (value === undefined) continue;
    if (!(key in WATCHDOG_DEFAULTS)) throw new TypeError(`watchdog: unknown timing "${key}" (known: ${Object.keys(WATCHDOG_DEFAULTS).join(', ')})`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (key === 'intervalMs' && value === 0)) {
      throw new TypeError(`watchdog: ${key} must be a number of milliseconds${key === 'intervalMs' ? ' above 0' : ' (0 or more)'}, got ${String(value)}`);
    }
    timings[key] = value;
  }
  return timings;
}

/** What the host knows about one attempt when it looks (epoch ms). */
export interface AttemptWatch {
  now: number;
  /** When the host sent the attempt. */
  sentAt: number;
  /** When the worker said it began the attempt (its check loaded, its browser up); undefined while it is starting. */
  begunAt?: number;
  /** The check's timeoutMs. */
  timeoutMs: number;
  /** When the worker was last heard (a heartbeat or any message). */
  lastHeard: number;
  /** When the host told it to stop (Lambda's deadline is near); undefined if it has not. */
  stopSentAt?: number;
}

export type AttemptVerdict =
  | { action: 'wait' }
  /** Silent past `blockedMs` once the check should have stopped (its timeout passed, or it was told to stop). */
  | { action: 'blocked'; silentMs: number }
  /** Still answering `overrunMs` past the check's timeout. */
  | { action: 'overran'; overMs: number }
  /** Told to stop, still going `stopGraceMs` later. */
  | { action: 'didNotStop'; graceMs: number };

/** When the check's time is up: its timeout counts once the worker began it (or, until then, after `startMs`). */
export const attemptDue = (watch: Pick<AttemptWatch, 'sentAt' | 'begunAt' | 'timeoutMs'>, timings: Pick<WatchdogTimings, 'startMs'>): number =>
  (watch.begunAt ?? watch.sentAt + timings.startMs) + watch.timeoutMs;

/**
 * The watchdog's decision for an attempt. In this order: blocked (a silent worker says nothing more, so it is named
 * first), overran, did not stop. Silence alone is no fault while the check still has time: a step may be slow.
 */
export function watchAttempt(watch: AttemptWatch, timings: WatchdogTimings): AttemptVerdict {
  const { now, lastHeard, stopSentAt } = watch;
  const due = attemptDue(watch, timings);
  const silentMs = now - lastHeard;
  // Told to stop, a worker that is silent cannot be stopping: waiting for the grace would only spend Lambda's reserve.
  if ((now > due || stopSentAt !== undefined) && silentMs > timings.blockedMs) return { action: 'blocked', silentMs };
  if (now > due + timings.overrunMs) return { action: 'overran', overMs: now - due };
  if (stopSentAt !== undefined && now - stopSentAt > timings.stopGraceMs) return { action: 'didNotStop', graceMs: timings.stopGraceMs };
  return { action: 'wait' };
}

/** What the host knows about a load (the config and check files, Chromium's start) when it looks (epoch ms). */
export interface LoadWatch {
  now: number;
  lastHeard: number;
  /** The load must be done by then. */
  until: number;
}

export type LoadVerdict = { action: 'wait' } | { action: 'blocked' } | { action: 'tooLong' };

/** The watchdog's decision for a load: silent past `loadBlockedMs` (top-level code loops), then past its time. */
export function watchLoad(watch: LoadWatch, timings: Pick<WatchdogTimings, 'loadBlockedMs'>): LoadVerdict {
  if (watch.now - watch.lastHeard > timings.loadBlockedMs) return { action: 'blocked' };
  if (watch.now > watch.until) return { action: 'tooLong' };
  return { action: 'wait' };
}

/** What the host knows about a render when it looks (epoch ms). */
export interface RenderWatch {
  now: number;
  /** When the host sent the render. */
  sentAt: number;
  /** When the worker said its browser was up for it; undefined while it is starting. */
  begunAt?: number;
  /** The render's own time, from `begunAt`. */
  timeoutMs: number;
}

export type RenderVerdict = { action: 'wait' } | { action: 'notStarted' } | { action: 'tooLong' };

/** The watchdog's decision for a render: its browser not up within `startMs`, then no answer within its own time. */
export function watchRender(watch: RenderWatch, timings: Pick<WatchdogTimings, 'startMs'>): RenderVerdict {
  if (watch.begunAt === undefined) return watch.now - watch.sentAt > timings.startMs ? { action: 'notStarted' } : { action: 'wait' };
  return watch.now - watch.begunAt > watch.timeoutMs ? { action: 'tooLong' } : { action: 'wait' };
}
