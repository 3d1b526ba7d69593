// The overview row of a check a large dashboard does not detail, from its summary of finished days
// (src/store/history-summary.ts) and the day objects the summary lacks, summarised the same way: status now, uptime
// over 24 h / 7 d / 30 d to the hour, the paused time, the open incident and the hourly p50 sparkline. Pure. A detailed
// check's row is computed from its runs (dashboard-data.ts) and is exact to the run; this one is exact to the UTC hour.
import { summariseRuns, type DaySummary } from '../store/history-summary.ts';
import type { HistoryRun } from '../store/history-days.ts';
import type { DashboardCheck, DashboardIncident, OverviewSource } from './dashboard-model.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUS = { p: 'passed', d: 'degraded', f: 'failed' } as const;

export interface OverviewInput {
  now: number;
  /** The days the dashboard covers: a window longer than this has no figure (null), as for a detailed check. */
  days: number;
  /** Runs dated after this are left out (the dashboard's FUTURE_SLACK_MS). */
  futureSlackMs: number;
  sparkHours: number;
}

/** The hours of the summaries, oldest first: [start (epoch ms), counted, up, p50]. */
function hoursOf(days: DaySummary[]): [number, number, number, number | null][] {
  const out: [number, number, number, number | null][] = [];
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const start = Date.parse(`${d.day}T00:00:00Z`);
    for (const [h, counted, up, p50] of d.h) out.push([start + h * HOUR, counted, up, p50]);
  }
  return out;
}

export function overviewCheckOf(source: OverviewSource, o: OverviewInput): DashboardCheck {
  const { now } = o;
  const readMs = o.days * DAY;
  const from = now - readMs;
  // The raw days, summarised as the write path summarises (and cut at now): they win over the summary's copy.
  const runs: HistoryRun[] = [];
  const raw = source.days.map((day) => {
    const kept = day.runs.filter((r) => r.t <= now + o.futureSlackMs && r.t >= from).map((r) => ({ ...r, t: Math.min(r.t, now) }));
    runs.push(...kept);
    const start = Date.parse(`${day.day}T00:00:00Z`);
    return summariseRuns(day.day, kept, start, Math.min(start + DAY, now));
  });
  const rawDays = new Set(raw.map((d) => d.day));
  const days = [...(source.summary?.days ?? []).filter((d) => !rawDays.has(d.day)), ...raw];
  const hours = hoursOf(days).filter(([t]) => t + HOUR > from && t <= now);
  // One pass, newest first, for the three windows (an hour counts when it overlaps the window).
  const windows = [DAY, 7 * DAY, 30 * DAY];
  const counted = [0, 0, 0];
  const up = [0, 0, 0];
  for (let k = hours.length - 1; k >= 0; k--) {
    const [t, c, u] = hours[k]!;
    for (let w = 0; w < 3; w++) if (t + HOUR > now - windows[w]!) (counted[w]! += c), (up[w]! += u);
  }
  const uptime = (w: number): number | null => (windows[w]! > readMs || !counted[w] ? null : (up[w]! / counted[w]!) * 100);
  runs.sort((a, b) => a.t - b.t);
  const last = runs.at(-1);
  const state = source.state;
  const stateRunAt = state?.lastRunAt ? Date.parse(state.lastRunAt) : NaN;
  const lastRunAt = Math.max(Number.isNaN(stateRunAt) || stateRunAt > now + o.futureSlackMs ? -Infinity : Math.min(stateRunAt, now), last?.t ?? -Infinity);
  const check: DashboardCheck = {
    name: source.name,
    status: state?.lastStatus ?? (last ? STATUS[last.s] : 'unknown'),
    uptime: { h24: uptime(0), d7: uptime(1), d30: uptime(2) },
    incidents: [],
    hourly: [],
    spark: hours.filter(([, , , p50]) => p50 !== null).slice(-o.sparkHours).map(([, , , p50]) => p50!),
    strip: [],
    overviewOnly: true,
  };
  if (Number.isFinite(lastRunAt)) check.lastRunAt = lastRunAt;
  const opened = state?.incident ? Date.parse(state.incident.openedAt) : NaN;
  if (state?.incident && !Number.isNaN(opened)) {
    const incident: DashboardIncident = { start: opened, durationMs: now - opened };
    const opener = runs.find((r) => r.id === state.incident!.openedRunId);
    if (opener?.fs !== undefined) incident.failingStep = opener.fs;
    if (opener?.e !== undefined) incident.error = opener.e;
    check.incidents.push(incident);
  }
  const newest = [...source.days].filter((d) => d.runs.length).sort((a, b) => (a.day < b.day ? -1 : 1)).at(-1);
  const tags = newest?.tags ?? source.summary?.tags;
  if (tags?.length) check.tags = tags;
  const pauses = days.flatMap((d) => d.p ?? []);
  const paused = (windowMs: number) => (windowMs > readMs ? 0 : pauses.reduce((ms, [s, e]) => ms + Math.max(0, Math.min(e, now) - Math.max(s, now - windowMs)), 0));
  const ms = { h24: paused(DAY), d7: paused(7 * DAY), d30: paused(30 * DAY) };
  if (ms.h24 || ms.d7 || ms.d30) check.paused = ms;
  return check;
}

/**
 * A check's order in a large dashboard: what is not passing first — failed, degraded, unknown, passed — and within each,
 * a check with an incident still open first; then by name.
 */
export function statusRank(check: Pick<DashboardCheck, 'status' | 'incidents'>): number {
  const open = check.incidents.some((i) => i.end === undefined);
  return ({ failed: 0, degraded: 2, unknown: 4, passed: 6 } as const)[check.status] - (open && check.status !== 'failed' ? 1 : 0);
}
