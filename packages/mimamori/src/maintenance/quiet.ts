// Whether a check is quiet at an instant, and until when: the one answer the dispatcher (pause: do not enqueue), a local
// run (say so) and the alert policy (silence: record, post nothing) ask of maintenance windows — and of mutes, which
// produce the same Quiet with source 'mute'.
import { appliesTo, type QuietTarget } from './applies.ts';
import { joined, occurrences, type Interval } from './occurrences.ts';
import type { ResolvedMaintenanceWindow } from './resolve.ts';

export interface Quiet {
  /** `pause`: the check is not run (by the schedule). `silence`: it runs and is recorded; nothing is posted. */
  mode: 'pause' | 'silence';
  source: 'maintenance' | 'mute';
  /** The window's name (or the mute's target). */
  name: string;
  reason?: string;
  by?: string;
  /** Epoch ms: when this quiet stretch began (back-to-back windows joined). */
  since: number;
  /** Epoch ms: when it ends (back-to-back windows joined). */
  until: number;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/**
 * How far a stretch is followed each way: a window that does not close within it (every day 00:00–24:00, a month-long
 * outage) gets an `until` about this far ahead — "at least" — and is evaluated again at the next tick anyway.
 */
export const QUIET_HORIZON_MS = 31 * DAY;

function openAt(windows: readonly ResolvedMaintenanceWindow[], at: number): { window: ResolvedMaintenanceWindow; interval: Interval }[] {
  return windows.flatMap((window) => occurrences(window, at, at + 1).filter((i) => i.start <= at && at < i.end).map((interval) => ({ window, interval })));
}

/**
 * The stretch around `now` covered by the windows without a gap: from the open intervals, chained forwards and
 * backwards a week at a time (a window open for months takes a few dozen steps, not one per day).
 */
function stretch(windows: readonly ResolvedMaintenanceWindow[], now: number, open: readonly Interval[]): { since: number; until: number } {
  let since = Math.min(...open.map((i) => i.start));
  let until = Math.max(...open.map((i) => i.end));
  while (until - now < QUIET_HORIZON_MS) {
    const touching = joined(windows.flatMap((w) => occurrences(w, until, until + WEEK))).find((i) => i.start <= until && i.end > until);
    if (!touching) break;
    until = touching.end;
  }
  while (now - since < QUIET_HORIZON_MS) {
    const touching = joined(windows.flatMap((w) => occurrences(w, since - WEEK, since))).find((i) => i.start < since && i.end >= since);
    if (!touching) break;
    since = touching.start;
  }
  return { since, until };
}

/**
 * The quiet of `check` at `now` from the maintenance windows, or undefined. `pause` wins over `silence` when both are
 * open; the name is the first such window's in config order. `since`/`until` join the windows back to back: a pause
 * counts only pause windows (when it ends the check runs again), a silence every window (a pause after it keeps the
 * check quiet too, so the silence's incident waits for the end of both).
 */
export function quietAt(windows: readonly ResolvedMaintenanceWindow[], check: QuietTarget, now: number): Quiet | undefined {
  const covering = windows.filter((w) => appliesTo(w, check));
  const open = openAt(covering, now);
  if (!open.length) return undefined;
  const paused = open.filter((o) => o.window.mode === 'pause');
  const mode = paused.length ? 'pause' : 'silence';
  const winners = paused.length ? paused : open;
  const joinable = mode === 'pause' ? covering.filter((w) => w.mode === 'pause') : covering;
  const { since, until } = stretch(joinable, now, winners.map((o) => o.interval));
  return { mode, source: 'maintenance', name: winners[0]!.window.name, since, until };
}

/**
 * Quiet time in words, the one wording of policy reasons, messages and every view: `in maintenance window "deploy"`,
 * `in maintenance window "deploy" (paused)`, `muted (tag:payments) by aki: DB restart`. `show` makes the user's text
 * printable where it is shown (render/quiet-words.ts).
 */
export function quietWords(q: Pick<Quiet, 'source' | 'mode' | 'name' | 'by' | 'reason'>, show: (text: string) => string = (t) => t): string {
  if (q.source === 'maintenance') return `in maintenance window "${show(q.name)}"${q.mode === 'pause' ? ' (paused)' : ''}`;
  return `muted (${show(q.name)})${q.by ? ` by ${show(q.by)}` : ''}${q.reason ? `: ${show(q.reason)}` : ''}`;
}
