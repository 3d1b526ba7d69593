// The worker watchdog's decisions, one row per situation: the clock and what the host has heard go in, the verdict
// comes out. Times are offsets from the attempt being sent (0); the timings are small, round numbers of their own.
import { describe, expect, it } from 'vitest';
import { attemptDue, WATCHDOG_DEFAULTS, watchAttempt, watchdogTimings, watchLoad, watchRender, type AttemptVerdict, type AttemptWatch } from '../../src/runner/watchdog.ts';

const timings = watchdogTimings({ intervalMs: 10, blockedMs: 200, overrunMs: 1_000, stopGraceMs: 500, startMs: 3_000, loadBlockedMs: 400 });
// The check began at 100 with a timeout of 1000: due at 1100.
const begun = { sentAt: 0, begunAt: 100, timeoutMs: 1_000 };

describe('watchAttempt', () => {
  const rows: [string, Omit<AttemptWatch, 'sentAt' | 'timeoutMs'> & Partial<AttemptWatch>, AttemptVerdict][] = [
    ['a check within its time, heard just now: wait', { ...begun, now: 900, lastHeard: 890 }, { action: 'wait' }],
    ['silent for long but still within its time (a slow step): wait', { ...begun, now: 1_000, lastHeard: 100 }, { action: 'wait' }],
    ['past its timeout and silent past blockedMs: blocked', { ...begun, now: 1_150, lastHeard: 900 }, { action: 'blocked', silentMs: 250 }],
    ['past its timeout, silent exactly blockedMs: not yet', { ...begun, now: 1_150, lastHeard: 950 }, { action: 'wait' }],
    ['past its timeout but still answering (its own timeout handling runs): wait', { ...begun, now: 1_500, lastHeard: 1_490 }, { action: 'wait' }],
    ['told to stop before its timeout and silent past blockedMs: blocked at once, not after the grace', { ...begun, now: 600, lastHeard: 350, stopSentAt: 300 }, { action: 'blocked', silentMs: 250 }],
    ['told to stop, silent less than blockedMs: wait', { ...begun, now: 600, lastHeard: 450, stopSentAt: 300 }, { action: 'wait' }],
    ['told to stop, still answering past the grace: did not stop', { ...begun, now: 801, lastHeard: 795, stopSentAt: 300 }, { action: 'didNotStop', graceMs: 500 }],
    ['told to stop, still answering exactly at the grace: wait', { ...begun, now: 800, lastHeard: 795, stopSentAt: 300 }, { action: 'wait' }],
    ['still answering past its timeout plus overrunMs: overran', { ...begun, now: 2_101, lastHeard: 2_095 }, { action: 'overran', overMs: 1_001 }],
    ['still answering exactly at its timeout plus overrunMs: wait', { ...begun, now: 2_100, lastHeard: 2_095 }, { action: 'wait' }],
    ['overran and silent: blocked is named first (a silent worker tells nothing more)', { ...begun, now: 2_500, lastHeard: 2_000 }, { action: 'blocked', silentMs: 500 }],
    ['overran after being told to stop: overran is named before the grace', { ...begun, now: 2_200, lastHeard: 2_195, stopSentAt: 1_600 }, { action: 'overran', overMs: 1_100 }],
    // Not begun: the timeout counts from startMs after the attempt was sent (3000 + 1000 = 4000).
    ['not begun yet (a cold worker starting), silent within startMs: wait', { sentAt: 0, timeoutMs: 1_000, now: 3_500, lastHeard: 100 }, { action: 'wait' }],
    ['not begun, past startMs plus the timeout, silent: blocked', { sentAt: 0, timeoutMs: 1_000, now: 4_001, lastHeard: 3_000 }, { action: 'blocked', silentMs: 1_001 }],
    ['not begun, told to stop, still answering past the grace: did not stop (the worker, still starting)', { sentAt: 0, timeoutMs: 1_000, now: 1_000, lastHeard: 990, stopSentAt: 400 }, { action: 'didNotStop', graceMs: 500 }],
  ];
  it.each(rows)('%s', (_name, watch, verdict) => {
    expect(watchAttempt({ sentAt: 0, timeoutMs: 1_000, ...watch }, timings)).toEqual(verdict);
  });

  it('counts the check\'s time from when the worker began it, or from startMs after sending while it has not', () => {
    expect(attemptDue(begun, timings)).toBe(1_100);
    expect(attemptDue({ sentAt: 50, timeoutMs: 1_000 }, timings)).toBe(4_050);
  });
});

describe('watchLoad', () => {
  it.each([
    ['heard recently, within its time: wait', { now: 900, lastHeard: 800, until: 1_000 }, { action: 'wait' }],
    ['silent past loadBlockedMs: blocked (top-level code loops)', { now: 900, lastHeard: 499, until: 1_000 }, { action: 'blocked' }],
    ['still answering past its time: too long (a top-level await never settles)', { now: 1_001, lastHeard: 1_000, until: 1_000 }, { action: 'tooLong' }],
    ['silent and past its time: blocked is named first', { now: 2_000, lastHeard: 1_000, until: 1_000 }, { action: 'blocked' }],
  ] as const)('%s', (_name, watch, verdict) => {
    expect(watchLoad(watch, timings)).toEqual(verdict);
  });
});

describe('watchRender', () => {
  // startMs is 3000; the render's own time is 500, counted from when its browser was up.
  it.each([
    ['its browser still starting, within startMs: wait', { now: 3_000, sentAt: 0, timeoutMs: 500 }, { action: 'wait' }],
    ['its browser not up past startMs: not started (a cold Chromium that never comes)', { now: 3_001, sentAt: 0, timeoutMs: 500 }, { action: 'notStarted' }],
    ['its browser up late, within the render\'s own time: wait (the start is not the render\'s time)', { now: 3_400, sentAt: 0, begunAt: 2_950, timeoutMs: 500 }, { action: 'wait' }],
    ['its browser up, exactly at the render\'s time: wait', { now: 1_500, sentAt: 0, begunAt: 1_000, timeoutMs: 500 }, { action: 'wait' }],
    ['its browser up, no answer past the render\'s time: too long', { now: 1_501, sentAt: 0, begunAt: 1_000, timeoutMs: 500 }, { action: 'tooLong' }],
  ] as const)('%s', (_name, watch, verdict) => {
    expect(watchRender(watch, timings)).toEqual(verdict);
  });
});

describe('watchdogTimings', () => {
  it('keeps the documented defaults unless told otherwise: 250 ms polls, 2 s silence, 15 s overrun and grace', () => {
    expect(watchdogTimings()).toEqual({ intervalMs: 250, blockedMs: 2_000, overrunMs: 15_000, stopGraceMs: 15_000, startMs: 30_000, loadBlockedMs: 10_000 });
    expect(watchdogTimings({ stopGraceMs: 7_500, blockedMs: undefined })).toEqual({ ...WATCHDOG_DEFAULTS, stopGraceMs: 7_500 });
  });

  it('refuses an unknown timing or one that is not a number of milliseconds, naming it', () => {
    expect(() => watchdogTimings({ graceMs: 1 } as never)).toThrow(/unknown timing "graceMs"/);
    expect(() => watchdogTimings({ blockedMs: -1 })).toThrow(/blockedMs must be a number of milliseconds \(0 or more\), got -1/);
    expect(() => watchdogTimings({ intervalMs: 0 })).toThrow(/intervalMs must be a number of milliseconds above 0/);
    expect(() => watchdogTimings({ overrunMs: '5' as never })).toThrow(/overrunMs/);
  });
});
