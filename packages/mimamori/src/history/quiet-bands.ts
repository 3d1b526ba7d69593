// Quiet time as the views show it, from the runs themselves (a mute is dropped from the store once it ends; the runs
// keep theirs, src/store/history-days.ts `q`): consecutive runs in one window or mute make one band, and the paused
// time an uptime window leaves out is the pause bands' time within it. Pure, one pass over the runs.
import type { HistoryQuiet, HistoryRun } from '../store/history-days.ts';
import type { DashboardQuiet, QuietMark } from './dashboard-model.ts';

/** A run's quiet time as the views name it. */
export function quietMarkOf(q: HistoryQuiet): QuietMark {
  const mark: QuietMark = { mode: q.m === 'p' ? 'pause' : 'silence', source: q.k === 'm' ? 'mute' : 'maintenance', name: q.n };
  if (q.by !== undefined) mark.by = q.by;
  if (q.r !== undefined) mark.reason = q.r;
  return mark;
}

/** Runs of one band: the same window or mute, the same occurrence of it (a weekly window's Saturday is not its Sunday). */
const sameQuiet = (a: HistoryQuiet, b: HistoryQuiet) => a.k === b.k && a.m === b.m && a.n === b.n && a.from === b.from;

/**
 * The bands of `runs` (oldest first) between `from` and `now`. A band reaches back to when its window or mute began,
 * but not past the run before it (which was not in it), nor past `from`; it reaches on to when it ends (the last run's
 * `to`: an extended mute says the later end), but not past the next run that is not in it (a mute ended early), nor
 * past `now`. So bands never overlap, and a paused stretch with no runs at all shows once a local run recorded it.
 */
export function quietBands(runs: HistoryRun[], from: number, now: number): DashboardQuiet[] {
  const bands: DashboardQuiet[] = [];
  let k = 0;
  while (k < runs.length) {
    const first = runs[k]!;
    if (!first.q) {
      k++;
      continue;
    }
    let last = k;
    while (last + 1 < runs.length && runs[last + 1]!.q && sameQuiet(runs[last + 1]!.q!, first.q)) last++;
    const before = k > 0 ? runs[k - 1]!.t : from;
    const after = last + 1 < runs.length ? runs[last + 1]!.t : now;
    const lastRun = runs[last]!;
    const start = Math.min(first.t, Math.max(first.q.from, before, from));
    const end = Math.max(lastRun.t, Math.min(lastRun.q!.to, after, now));
    bands.push({ ...quietMarkOf(lastRun.q!), start, end });
    k = last + 1;
  }
  return bands;
}

/** The paused time (ms) of `bands` within [from, to]. */
export function pausedWithin(bands: DashboardQuiet[], from: number, to: number): number {
  let ms = 0;
  for (const b of bands) if (b.mode === 'pause') ms += Math.max(0, Math.min(b.end, to) - Math.max(b.start, from));
  return ms;
}
