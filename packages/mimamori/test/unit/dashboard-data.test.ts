// The dashboard's numbers against a generated history whose answers are known: 30 days of 5-minute runs whose 12
// durations in each hour are 100…1200 ms (so every full hour's nearest-rank p50 is 600 and p95 1200), one incident
// with marks, one failure the alert policy let pass, one incident open now, a runner failure; in UTC, in a +05:30 zone
// and across New York's DST change.
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardInput, type DashboardSource } from '../../src/history/dashboard-data.ts';
import { percentile } from '../../src/result/percentile.ts';
import type { HistoryDay, HistoryRun } from '../../src/store/history-days.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1); // 1 Nov 2026 00:00 UTC — also the day New York leaves DST (06:00 UTC)
const NOW = T0 + 30 * DAY;
const STEPS = ['open', 'pay'];

/** The k-th run of an hour (k = 0…11) takes ((5k mod 12) + 1) × 100 ms: each hour holds 100…1200 once. */
const msOf = (t: number) => ((((t % HOUR) / (5 * MIN)) * 5) % 12 + 1) * 100;
const at = (day: number, hour: number, minute = 0) => T0 + day * DAY + hour * HOUR + minute * MIN;

function runAt(t: number, overrides: Partial<HistoryRun> = {}): HistoryRun {
  const ms = msOf(t);
  const id = `${new Date(t).toISOString().replace(/[-:]|\.\d+/g, '')}-aaaaaa`;
  return { t, id, s: 'p', ms, st: [ms / 4, (3 * ms) / 4], shot: `runs/shop/${id}/01-open.png`, ...overrides };
}

/** Runs every 5 minutes over [from, to), changed by `change` (a run's overrides by its time). */
function history(from: number, to: number, change: (t: number) => Partial<HistoryRun> | undefined = () => undefined): HistoryRun[] {
  const runs: HistoryRun[] = [];
  for (let t = from; t < to; t += 5 * MIN) runs.push(runAt(t, change(t)));
  return runs;
}

function daysOf(check: string, runs: HistoryRun[], extra: Partial<HistoryDay> = {}): HistoryDay[] {
  const byDay = new Map<string, HistoryRun[]>();
  for (const r of runs) {
    const day = new Date(r.t).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), r]);
  }
  return [...byDay].map(([day, dayRuns]) => ({ v: 1, check, day, steps: STEPS, runs: dayRuns, ...extra }));
}

const failed = (fields: Partial<HistoryRun> = {}): Partial<HistoryRun> => ({ s: 'f', fs: 'pay', e: 'expected "Thank you"', c: 'assertion', ...fields });

/** The known history: see the file's header. */
function shop(): DashboardSource {
  const incidentA = [at(9, 10), at(9, 11)]; // 12 failed runs, 10:00–10:55 on 10 Nov; recovered at 11:00
  const flaky = at(25, 5, 35); // one failure (k = 7: the 1200 ms run) on 26 Nov, no incident
  const runner = at(3, 4, 0); // the monitor could not run (k = 0: the 100 ms run) on 4 Nov
  const openAt = NOW - 15 * MIN; // the last three runs fail: open now
  const runs = history(T0, NOW, (t) => {
    if (t === incidentA[0]) return failed({ i: 1 });
    if (t > incidentA[0]! && t < incidentA[1]!) return failed();
    if (t === incidentA[1]) return { i: 2 };
    if (t === flaky) return failed({ c: 'timeout' });
    if (t === runner) return failed({ c: 'runner', fs: undefined });
    if (t === openAt) return failed({ i: 1, fs: 'open', e: 'net::ERR_CONNECTION_REFUSED', c: 'network', shot: undefined });
    if (t > openAt) return failed();
    return undefined;
  });
  const days = daysOf('shop', runs, { budget: { degradedResponseTime: 800, maxResponseTime: 1500 } });
  days.at(-1)!.usualMs = 650;
  days.at(-2)!.usualMs = 640;
  return {
    name: 'shop',
    days,
    state: { check: 'shop', lastStatus: 'failed', lastRunAt: new Date(NOW - 5 * MIN).toISOString(), incident: { openedAt: new Date(openAt).toISOString(), openedRunId: runAt(openAt).id } },
  };
}

const input = (checks: DashboardSource[], overrides: Partial<DashboardInput> = {}): DashboardInput => ({
  checks, now: NOW, timeZone: 'UTC', days: 30, links: (key) => `https://links.test/${key}`, ...overrides,
});

describe('percentile (nearest rank)', () => {
  it('is the smallest value with at least p% at or below it', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 95)).toBe(19);
  });
});

describe('buildDashboard on a known history (UTC)', () => {
  const data = buildDashboard(input([shop()]));
  const check = data.checks[0]!;

  it('says what it covers', () => {
    expect(data).toMatchObject({ generatedAt: NOW, timeZone: 'UTC', days: 30 });
    expect(check).toMatchObject({ name: 'shop', status: 'failed', lastRunAt: NOW - 5 * MIN, usualMs: 650, budget: { degradedResponseTime: 800, maxResponseTime: 1500 } });
  });

  it('counts uptime as runs that did not fail, leaving out runs the monitor could not run', () => {
    // 30 days: 8640 runs, one of them a runner failure (left out); 12 + 1 + 3 failed.
    expect(check.uptime.d30).toBeCloseTo(((8639 - 16) / 8639) * 100, 10);
    // 7 days: 2016 runs; the flaky failure and the 3 open ones.
    expect(check.uptime.d7).toBeCloseTo(((2016 - 4) / 2016) * 100, 10);
    // 24 h: 288 runs, the 3 open ones.
    expect(check.uptime.h24).toBeCloseTo((285 / 288) * 100, 10);
  });

  it('finds the incidents the marks say, newest first, with their failing step, error and evidence', () => {
    expect(check.incidents).toEqual([
      { start: NOW - 15 * MIN, durationMs: 15 * MIN, failingStep: 'open', error: 'net::ERR_CONNECTION_REFUSED', evidence: `https://links.test/runs/shop/2026/11/30/${runAt(NOW - 15 * MIN).id}/result.json` },
      { start: at(9, 10), end: at(9, 11), durationMs: HOUR, failingStep: 'pay', error: 'expected "Thank you"', evidence: `https://links.test/${runAt(at(9, 10)).shot}` },
    ]);
  });

  it('gives nearest-rank p50/p95 per hour of the runs that did not fail, journey and steps', () => {
    // 720 hours less the one whose runs all failed (10:00 on 10 Nov).
    expect(check.hourly).toHaveLength(719);
    expect(check.hourly.find((h) => h.t === at(9, 10))).toBeUndefined();
    expect(check.hourly[0]).toEqual({ t: T0, p50: 600, p95: 1200, steps: { open: { p50: 150, p95: 300 }, pay: { p50: 450, p95: 900 } } });
    expect(check.hourly.every((h, i) => i === 0 || h.t - check.hourly[i - 1]!.t >= HOUR)).toBe(true);
    // The flaky failure took the 1200 ms run out of its hour: 11 values, p95 the 11th (1100).
    expect(check.hourly.find((h) => h.t === at(25, 5))).toMatchObject({ p50: 600, p95: 1100 });
    // The runner failure took the 100 ms run out: p50 of 200…1200 is the 6th, 700.
    expect(check.hourly.find((h) => h.t === at(3, 4))).toMatchObject({ p50: 700, p95: 1200 });
    // The last hour: 9 runs passed (100, 200, 400, 500, 600, 700, 900, 1100, 1200).
    expect(check.hourly.at(-1)).toMatchObject({ t: at(29, 23), p50: 600, p95: 1200 });
  });

  it('draws the sparkline from the last 48 hourly p50s', () => {
    expect(check.spark).toEqual(check.hourly.slice(-48).map((h) => h.p50));
    expect(check.spark).toHaveLength(48);
  });

  it('shows the newest screenshot and a strip of the last 12, oldest first', () => {
    // The last run with a screenshot is the one 5 min before now (the run that opened the incident had none).
    expect(check.latestShot).toBe(`https://links.test/${runAt(NOW - 5 * MIN).shot}`);
    expect(check.strip).toHaveLength(12);
    expect(check.strip.map((s) => s.t)).toEqual([...Array.from({ length: 10 }, (_, i) => NOW - (13 - i) * 5 * MIN), NOW - 10 * MIN, NOW - 5 * MIN]);
    expect(check.strip.map((s) => s.status)).toEqual([...Array(10).fill('passed'), 'failed', 'failed']);
  });
});

describe('buildDashboard in other time zones', () => {
  it('groups by the zone\'s hours: in +05:30 they start at :30 UTC', () => {
    const check = buildDashboard(input([shop()], { timeZone: 'Asia/Kolkata' })).checks[0]!;
    // 00:00 UTC is 05:30 IST: the first hour (05:00 IST) holds only the first 6 runs (100, 600, 1100, 400, 900, 200).
    expect(check.hourly[0]).toMatchObject({ t: T0 - 30 * MIN, p50: 400, p95: 1100 });
    // Every hour starts at :30 UTC; the failed hour 10:00–10:55 UTC is split over two, so none is empty: 721 hours.
    expect(check.hourly.every((h) => h.t % HOUR === 30 * MIN)).toBe(true);
    expect(check.hourly).toHaveLength(721);
    // A full IST hour holds runs k = 6…11 and 0…5 of two UTC hours: still 100…1200.
    expect(check.hourly[1]).toMatchObject({ t: T0 + 30 * MIN, p50: 600, p95: 1200 });
  });

  it('keeps New York\'s repeated 1 AM (DST ends 1 Nov 2026) as two hours', () => {
    const ny = buildDashboard(input([shop()], { timeZone: 'America/New_York' })).checks[0]!;
    const utc = buildDashboard(input([shop()])).checks[0]!;
    expect(ny.hourly.map((h) => h.t)).toEqual(utc.hourly.map((h) => h.t));
    // 05:00 UTC is 01:00 EDT and 06:00 UTC is 01:00 EST: both present, each with its 12 runs.
    expect(ny.hourly.filter((h) => h.t === T0 + 5 * HOUR || h.t === T0 + 6 * HOUR)).toEqual([
      expect.objectContaining({ p50: 600, p95: 1200 }), expect.objectContaining({ p50: 600, p95: 1200 }),
    ]);
  });
});

describe('buildDashboard on history without incident marks', () => {
  it('derives incidents from status changes', () => {
    const runs = history(T0, T0 + DAY, (t) => {
      if (t >= at(0, 3) && t < at(0, 3, 20)) return failed(); // 4 failed runs, recovered at 03:20
      if (t === at(0, 8)) return failed({ fs: 'open' }); // one failed run, recovered at 08:05
      return undefined;
    });
    const check = buildDashboard(input([{ name: 'shop', days: daysOf('shop', runs) }], { now: T0 + DAY, days: 1 })).checks[0]!;
    expect(check.incidents.map(({ start, end, durationMs, failingStep }) => ({ start, end, durationMs, failingStep }))).toEqual([
      { start: at(0, 8), end: at(0, 8, 5), durationMs: 5 * MIN, failingStep: 'open' },
      { start: at(0, 3), end: at(0, 3, 20), durationMs: 20 * MIN, failingStep: 'pay' },
    ]);
    expect(check.status).toBe('passed'); // no state: the last run's
    expect(check.uptime).toEqual({ h24: ((288 - 5) / 288) * 100, d7: null, d30: null }); // only 1 day read
  });

  it('ends an incident the state has closed whose recovery is missing, and opens one the state has open', () => {
    const runs = history(T0, T0 + 2 * HOUR, (t) => (t === at(0, 0, 30) ? failed({ i: 1 }) : t === at(0, 0, 35) ? failed() : undefined));
    const closed = buildDashboard(input([{ name: 'a', days: daysOf('a', runs), state: { lastStatus: 'passed', incident: null } }], { now: T0 + 2 * HOUR, days: 1 })).checks[0]!;
    expect(closed.incidents).toMatchObject([{ start: at(0, 0, 30), end: at(0, 0, 40) }]);

    const openedBefore = new Date(T0 - 3 * DAY).toISOString();
    const open = buildDashboard(input([{ name: 'b', days: daysOf('b', history(T0, T0 + HOUR, () => failed())), state: { lastStatus: 'failed', incident: { openedAt: openedBefore, openedRunId: 'gone' } } }], { now: T0 + HOUR, days: 1 })).checks[0]!;
    // Derived from the runs (no marks): failing since the window's first run, and since 3 days before by the state.
    expect(open.incidents).toMatchObject([{ start: T0 - 3 * DAY, durationMs: 3 * DAY + HOUR, failingStep: 'pay' }]);
    expect(open.incidents[0]!.end).toBeUndefined();
    expect(open.hourly).toEqual([]);
    expect(open.uptime.h24).toBe(0);
  });

  it('starts a recovery with no opening mark in the window at the window\'s first run', () => {
    const runs = history(T0, T0 + HOUR, (t) => (t < at(0, 0, 20) ? failed() : t === at(0, 0, 20) ? { i: 2 } : undefined));
    const check = buildDashboard(input([{ name: 'c', days: daysOf('c', runs) }], { now: T0 + HOUR, days: 1 })).checks[0]!;
    expect(check.incidents).toMatchObject([{ start: T0, end: at(0, 0, 20), durationMs: 20 * MIN }]);
  });
});

describe('buildDashboard edge cases', () => {
  it('counts a redelivered run once, keeps to the window, and sorts checks by name', () => {
    const day = daysOf('z', history(T0, T0 + HOUR))[0]!;
    const twice = { ...day, runs: [...day.runs, { ...day.runs[3]!, s: 'f' as const }] };
    const old = daysOf('z', history(T0 - 2 * DAY, T0 - 2 * DAY + HOUR))[0]!;
    const data = buildDashboard(input([{ name: 'z', days: [twice, old] }, { name: 'a', days: [] }], { now: T0 + HOUR, days: 1 }));
    expect(data.checks.map((c) => c.name)).toEqual(['a', 'z']);
    expect(data.checks[0]).toMatchObject({ status: 'unknown', uptime: { h24: null, d7: null, d30: null }, incidents: [], hourly: [], spark: [], strip: [] });
    expect(data.checks[0]!.latestShot).toBeUndefined();
    expect(data.checks[1]!.uptime.h24).toBeCloseTo((11 / 12) * 100, 10);
    expect(data.checks[1]!.hourly).toHaveLength(1);
  });

  it('leaves out step percentiles of runs whose steps differ from the day\'s names', () => {
    const runs = history(T0, T0 + HOUR, (t) => (t >= at(0, 0, 30) ? { st: [1, 2, 3] } : undefined));
    const check = buildDashboard(input([{ name: 's', days: daysOf('s', runs) }], { now: T0 + HOUR, days: 1 })).checks[0]!;
    // Steps from the first 6 runs only (100, 600, 1100, 400, 900, 200 ms): open p50 = 400 / 4.
    expect(check.hourly[0]!.steps.open).toEqual({ p50: 100, p95: 275 });
    expect(check.hourly[0]!.p50).toBe(600);
  });

  it('counts degraded runs as up in uptime: slower is not down', () => {
    // One hour of 12 runs: 3 degraded, 1 failed.
    const runs = history(T0, T0 + HOUR, (t) => (t < at(0, 0, 15) ? { s: 'd' } : t === at(0, 0, 30) ? failed() : undefined));
    const check = buildDashboard(input([{ name: 'd', days: daysOf('d', runs) }], { now: T0 + HOUR, days: 1 })).checks[0]!;
    expect(check.uptime.h24).toBeCloseTo((11 / 12) * 100, 10);
  });

  it('leaves out runs dated in the future (a wrong clock, a hand edit) and says so: no chart, uptime or last run past now', () => {
    const now = T0 + HOUR;
    const runs = history(T0, now);
    // In the day object of now: a failed run tomorrow, and one a minute ahead (clock skew: taken as now).
    const ahead = runAt(now + 2 * DAY, { ...failed(), id: 'tomorrow', shot: 'runs/future.png' });
    const skewed = runAt(now + MIN, { id: 'skewed', shot: undefined });
    const days = daysOf('f', runs);
    days[0]!.runs.push(ahead, skewed);
    const warnings: string[] = [];
    const state = { check: 'f', lastStatus: 'passed' as const, lastRunAt: new Date(now + 3 * DAY).toISOString() };
    const check = buildDashboard(input([{ name: 'f', days, state }], { now, days: 1, warn: (m) => warnings.push(m) })).checks[0]!;
    expect(warnings).toEqual([
      `f: 1 run dated in the future left out (the latest at ${new Date(now + 2 * DAY).toISOString()}, now is ${new Date(now).toISOString()}): a clock was wrong or the history was edited`,
      `f: its state's last run time ${state.lastRunAt} is in the future: left out`,
    ]);
    expect(check.uptime.h24).toBe(100);
    expect(check.lastRunAt).toBe(now);
    expect(Math.max(...check.hourly.map((h) => h.t))).toBeLessThanOrEqual(now);
    expect(check.strip.every((s) => s.t <= now)).toBe(true);
    expect(check.latestShot).not.toContain('future');
  });
});
