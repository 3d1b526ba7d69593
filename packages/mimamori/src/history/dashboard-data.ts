// What the dashboard and the digest show, computed from the compact day history (src/store/history-days.ts) and each
// check's state: pure — no store, no clock, no file — so it is tested against a known generated history.
// read-history.ts reads the store; src/render/dashboard-html.ts and digest-page.ts render this.
import type { HistoryDay, HistoryRun } from '../store/history-days.ts';
import { runFolder, RESULT_FILE } from '../store/layout.ts';
import { utcOffsetMinutes } from '../schedule/due.ts';
import type { DashboardCheck, DashboardData, DashboardIncident, DashboardSource, DashboardState } from './dashboard-model.ts';
import { statusRank } from './dashboard-overview.ts';
import { plural } from '../result/format.ts';
import { pausedWithin, quietBands, quietMarkOf } from './quiet-bands.ts';
import { percentile } from '../result/percentile.ts';
import { countsForUptime } from '../store/history-summary.ts';

export type { DashboardCheck, DashboardData, DashboardHour, DashboardIncident, DashboardQuiet, DashboardSource, DashboardState, DashboardStatus, OverviewSource, QuietMark } from './dashboard-model.ts';

export interface DashboardInput {
  checks: DashboardSource[];
  now: number;
  timeZone: string;
  /** The window: runs from `now − days × 24 h`. */
  days: number;
  /** A store key (a screenshot, a result.json) as the URL the page links to: presigned, or a path relative to the file. */
  links: (key: string) => string;
  /** Told what was left out of the data (runs dated in the future); without it, they are left out unsaid. */
  warn?: (message: string) => void;
  /** Checks shown as overview rows only (read-history.ts's readDashboard makes them): a large dashboard's undetailed checks. */
  overview?: DashboardCheck[];
  /** Checks a tag filter left out, said on the page. */
  filteredOut?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const SPARK_HOURS = 48;
export const STRIP_SHOTS = 12;
/**
 * A run (or the state's last run) dated later than this past `now` is left out: a clock that was wrong or a hand edit
 * must not stretch the charts, the uptime windows or "last run" into the future. A little ahead is clock skew between
 * the runner and this machine, taken as `now`.
 */
export const FUTURE_SLACK_MS = 5 * 60_000;
/** The days an overview-only row covers at most: its longest uptime window is 30 days (read-history.ts reads as many). */
export const OVERVIEW_DAYS = 31;


const STATUS = { p: 'passed', d: 'degraded', f: 'failed' } as const;

/**
 * The start (epoch ms) of the hour of `timeZone` that `t` falls in: a +05:30 zone's hours start at :30 UTC, and DST's
 * repeated hour is two hours. The offset is the schedules' (src/schedule/due.ts), cached per UTC hour.
 */
function hourOf(timeZone: string): (t: number) => number {
  return (t) => {
    const off = utcOffsetMinutes(t, timeZone) * 60_000;
    return Math.floor((t + off) / HOUR) * HOUR - off;
  };
}

/** A run with the day it came from (its step names and check name). */
interface Run extends HistoryRun {
  steps: string[];
  check: string;
}

/**
 * Every run of the check in the window, oldest first, each run id once (the later day object's copy wins). Runs dated
 * past `now` + FUTURE_SLACK_MS are left out (and counted in `future`); those within it count as `now`.
 */
function runsOf(days: HistoryDay[], from: number, now: number, future: HistoryRun[]): Run[] {
  const byId = new Map<string, Run>();
  for (const day of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    for (const run of day.runs) {
      if (run.t > now + FUTURE_SLACK_MS) future.push(run);
      else if (run.t >= from) byId.set(run.id, { ...run, t: Math.min(run.t, now), steps: day.steps, check: day.check });
    }
  }
  return [...byId.values()].sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
}

/** When a future time was seen, in words (ISO, UTC: the zone of the store's keys). */
const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : String(t));

function uptime(runs: Run[], now: number, windowMs: number, readMs: number): number | null {
  if (windowMs > readMs) return null;
  let counted = 0;
  let up = 0;
  for (const r of runs) {
    // A runner failure says nothing of the site; a paused run (a local run of a check the dispatcher skips) is paused
    // time: both left out, like the runs never made (the summary's rule too: history-summary.ts).
    if (r.t < now - windowMs || !countsForUptime(r)) continue;
    counted++;
    if (r.s !== 'f') up++;
  }
  return counted ? (up / counted) * 100 : null;
}

/** Where a run's evidence is: its story screenshot, else its result.json. */
const evidenceKey = (r: Run) => r.shot ?? runFolder(r.check, r.id, r.t) + RESULT_FILE;

/**
 * Incidents from the runs: from a run marked `i: 1` to the run marked `i: 2` (the notification decision's own
 * incidents, so a failure the alert policy let pass is no incident). A check whose window holds no marks (history
 * written before marks existed) gets them from status changes: from the first failed run after one that did not fail
 * to the next run that did not fail. The state says what is open now, and wins over a missing mark.
 */
function incidentsOf(runs: Run[], state: DashboardState | undefined, now: number, links: (key: string) => string): DashboardIncident[] {
  /** `run`: the run that opened it, when the window holds it. */
  const found: { start: number; run?: Run; end?: number }[] = [];
  let open: (typeof found)[number] | undefined;
  const begin = (run: Run | undefined, start = run!.t) => {
    open = run ? { start, run } : { start };
    found.push(open);
  };
  const marked = runs.some((r) => r.i !== undefined);
  let seenMark = false;
  let prevFailed = false;
  for (const r of runs) {
    const failed = r.s === 'f';
    if (marked) {
      if (r.i === 1) {
        if (open) open.end = r.t;
        begin(r);
      } else if (r.i === 2) {
        // Recovered from an incident that opened before the window: it ran from the window's first run.
        if (!open && !seenMark && runs[0] !== r) begin(runs[0]);
        if (open) open.end = r.t;
        open = undefined;
      }
      if (r.i !== undefined) seenMark = true;
    } else if (failed && !prevFailed) begin(r);
    else if (!failed && open) {
      open.end = r.t;
      open = undefined;
    }
    prevFailed = failed;
  }
  const openedAt = state?.incident ? Date.parse(state.incident.openedAt) : NaN;
  if (state && state.incident === null && open) {
    // The state has closed it (its recovery's history write was lost): it ended with the first run that did not fail.
    const start = open.start;
    const lastRunAt = state.lastRunAt ? Date.parse(state.lastRunAt) : NaN;
    open.end = runs.find((r) => r.t > start && r.s !== 'f')?.t ?? (Number.isNaN(lastRunAt) ? undefined : lastRunAt);
  } else if (state?.incident && !open) {
    // The state has one open that the window shows no start of (its opening run's history write was lost, or it
    // opened before the window).
    const opener = runs.find((r) => r.id === state.incident!.openedRunId);
    if (opener) begin(opener);
    else if (!Number.isNaN(openedAt)) begin(undefined, openedAt);
  } else if (open && open.run === runs[0] && openedAt < open.start) {
    // Failing since the window's first run, and since before it by the state's word.
    open.start = openedAt;
  }
  return found.reverse().map(({ start, run, end }) => {
    const incident: DashboardIncident = { start, durationMs: (end ?? now) - start };
    if (end !== undefined) incident.end = end;
    if (run) {
      if (run.fs !== undefined) incident.failingStep = run.fs;
      if (run.e !== undefined) incident.error = run.e;
      incident.evidence = links(evidenceKey(run));
    }
    return incident;
  });
}

function hourlyOf(runs: Run[], hourStart: (t: number) => number): DashboardCheck['hourly'] {
  const hours = new Map<number, { ms: number[]; steps: Map<string, number[]> }>();
  for (const r of runs) {
    if (r.s === 'f') continue;
    const t = hourStart(r.t);
    let hour = hours.get(t);
    if (!hour) hours.set(t, (hour = { ms: [], steps: new Map() }));
    hour.ms.push(r.ms);
    if (r.st && r.st.length === r.steps.length) {
      r.st.forEach((ms, i) => {
        const name = r.steps[i]!;
        const list = hour!.steps.get(name);
        if (list) list.push(ms);
        else hour!.steps.set(name, [ms]);
      });
    }
  }
  const ascending = (a: number, b: number) => a - b;
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([t, hour]) => {
    const ms = hour.ms.sort(ascending);
    const steps: Record<string, { p50: number; p95: number }> = {};
    for (const [name, list] of hour.steps) {
      list.sort(ascending);
      steps[name] = { p50: percentile(list, 50), p95: percentile(list, 95) };
    }
    return { t, p50: percentile(ms, 50), p95: percentile(ms, 95), steps };
  });
}

function checkOf(source: DashboardSource, input: DashboardInput, hourStart: (t: number) => number): DashboardCheck {
  const { now, links } = input;
  const readMs = input.days * DAY;
  const future: HistoryRun[] = [];
  const runs = runsOf(source.days, now - readMs, now, future);
  if (future.length) {
    const latest = Math.max(...future.map((r) => r.t));
    input.warn?.(`${source.name}: ${plural(future.length, 'run')} dated in the future left out (the latest at ${iso(latest)}, now is ${iso(now)}): a clock was wrong or the history was edited`);
  }
  const last = runs.at(-1);
  const state = source.state;
  let stateRunAt = state?.lastRunAt ? Date.parse(state.lastRunAt) : NaN;
  if (stateRunAt > now + FUTURE_SLACK_MS) {
    input.warn?.(`${source.name}: its state's last run time ${state!.lastRunAt} is in the future: left out`);
    stateRunAt = NaN;
  } else stateRunAt = Math.min(stateRunAt, now);
  const lastRunAt = Math.max(Number.isNaN(stateRunAt) ? -Infinity : stateRunAt, last?.t ?? -Infinity);
  const status = state?.lastStatus ?? (last ? STATUS[last.s] : 'unknown');
  const hourly = hourlyOf(runs, hourStart);
  const strip: DashboardCheck['strip'] = [];
  for (let i = runs.length - 1; i >= 0 && strip.length < STRIP_SHOTS; i--) {
    const r = runs[i]!;
    if (r.shot) strip.push(r.q ? { t: r.t, status: STATUS[r.s], url: links(r.shot), quiet: quietMarkOf(r.q) } : { t: r.t, status: STATUS[r.s], url: links(r.shot) });
  }
  strip.reverse();
  // Budget and baseline as the newest day object with runs has them (the check's current definition).
  const latestDay = [...source.days].filter((d) => d.runs.length).sort((a, b) => a.day.localeCompare(b.day)).at(-1);
  const check: DashboardCheck = {
    name: source.name,
    status,
    uptime: { h24: uptime(runs, now, DAY, readMs), d7: uptime(runs, now, 7 * DAY, readMs), d30: uptime(runs, now, 30 * DAY, readMs) },
    incidents: incidentsOf(runs, state, now, links),
    hourly,
    spark: hourly.slice(-SPARK_HOURS).map((h) => h.p50),
    strip,
  };
  if (Number.isFinite(lastRunAt)) check.lastRunAt = lastRunAt;
  if (latestDay?.budget) check.budget = latestDay.budget;
  if (latestDay?.usualMs !== undefined) check.usualMs = latestDay.usualMs;
  if (latestDay?.tags?.length) check.tags = latestDay.tags;
  if (strip.length) check.latestShot = strip.at(-1)!.url;
  const quiet = quietBands(runs, now - readMs, now);
  if (quiet.length) {
    check.quiet = quiet;
    const paused = (windowMs: number) => (windowMs > readMs ? 0 : pausedWithin(quiet, now - windowMs, now));
    const ms = { h24: paused(DAY), d7: paused(7 * DAY), d30: paused(30 * DAY) };
    if (ms.h24 || ms.d7 || ms.d30) check.paused = ms;
  }
  return check;
}

/**
 * The dashboard's data: one entry per check, sorted by name.
 *
 * - status now: the state's last status, else the last run's; `unknown` with neither.
 * - uptime: % of runs that did not fail (degraded counts as up) in the 24 h / 7 d / 30 d before `now`. Runs the
 *   monitor itself could not run (failure class `runner`) say nothing of the site and are left out. null: no runs in
 *   the window, or a window longer than the days read (`--days 7` gives no 30-day figure). Paused time is left out:
 *   the dispatcher makes no runs then, and a paused run recorded anyway (a local run) is not counted; `paused` says
 *   how long the recorded pause bands lasted in each window. A failure while silenced (muted, a silence window)
 *   counts as down: nothing was sent, but the site was down.
 * - quiet: the bands of quiet time (quiet-bands.ts), oldest first; a strip picture taken in quiet time carries it.
 * - incidents: newest first (see incidentsOf); an open one has no `end`, and `durationMs` so far.
 * - hourly: per hour of the time zone (a +05:30 zone's hours start at :30 UTC; DST's repeated hour is two) with runs
 *   that did not fail, oldest first: nearest-rank p50/p95 of the journey and of each step. Failed runs are left out
 *   (a failure's duration is the time to the failure, not a response time), as the "usual" baseline leaves them out.
 * - spark: the last (up to) 48 hourly p50s; strip: the last (up to) 12 runs with a screenshot, oldest first;
 *   latestShot: the newest of them.
 * - budget, usualMs and tags: as the newest day object with runs has them.
 */
export function buildDashboard(input: DashboardInput): DashboardData {
  const hourStart = hourOf(input.timeZone);
  const byName = (a: DashboardCheck, b: DashboardCheck) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const checks = input.checks.map((c) => checkOf(c, input, hourStart));
  const rows = input.overview ?? [];
  // A large dashboard (some checks in the overview only) lists what is not passing first; a small one, by name.
  const all = rows.length ? [...checks, ...rows].sort((a, b) => statusRank(a) - statusRank(b) || byName(a, b)) : checks.sort(byName);
  const data: DashboardData = { generatedAt: input.now, timeZone: input.timeZone, days: input.days, checks: all };
  if (input.filteredOut) data.filteredOut = input.filteredOut;
  return data;
}
