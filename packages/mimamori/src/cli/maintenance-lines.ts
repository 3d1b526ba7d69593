// What the commands say about maintenance windows: `validate` lists the next windows of each, in its own zone with the
// zone named (a window is wall-clock time there); a local `check` says once which of its checks a pause window covers
// now (they run here anyway: the pause is the deployed monitor's). Pure: windows and `now` in, lines out.
import { checkName } from '../check/name.ts';
import { appliesTo, type QuietTarget } from '../maintenance/applies.ts';
import { nextWindows } from '../maintenance/next-windows.ts';
import { quietAt } from '../maintenance/quiet.ts';
import { windowTime } from '../maintenance/window-time.ts';
import type { ResolvedMaintenanceWindow } from '../maintenance/resolve.ts';

function covers(w: ResolvedMaintenanceWindow): string {
  const named = [...(w.checks?.length ? [`checks ${w.checks.join(', ')}`] : []), ...(w.tags?.length ? [`tags ${w.tags.join(', ')}`] : [])];
  return named.length ? named.join('; ') : 'every check';
}

/** The `validate` section: each window, what it does to which checks, in which zone, and its next `n` openings. */
export function maintenanceReport(windows: readonly ResolvedMaintenanceWindow[], now: number, n = 3): string[] {
  if (!windows.length) return [];
  const lines = [`Maintenance windows (the next ${n} of each):`];
  for (const w of windows) {
    const what = w.mode === 'pause' ? 'pause: the deployed monitor does not run' : 'silence: runs and records, alerts no one about';
    lines.push(`  ${w.name} — ${what} ${covers(w)}; ${w.timeZone}${w.calendar ? `, with ${w.calendar}` : ''}`);
    const next = nextWindows(w, now, n);
    if (!next.length) lines.push('    none ahead');
    for (const i of next) lines.push(`    ${windowTime(i.start, w.timeZone)} → ${windowTime(i.end, w.timeZone)}${i.start <= now ? ' (now)' : ''}${i.note ? `  ${i.note}` : ''}`);
  }
  return lines;
}

/** A window's `checks` that name no check of the project: a typo would leave the window covering nothing. */
export function unknownWindowChecks(windows: readonly ResolvedMaintenanceWindow[], checks: readonly { name: string }[]): string[] {
  const known = new Set(checks.map((c) => checkName(c.name)));
  return windows.flatMap((w, i) => (w.checks ?? []).filter((c) => !known.has(checkName(c)))
    .map((c) => `maintenance[${i}].checks: '${c}' is not a check of this project (window '${w.name}' does not cover it)`));
}

/** For a local run: one line per pause window open now, naming the selected checks it covers. */
export function pauseNotes(windows: readonly ResolvedMaintenanceWindow[], checks: readonly QuietTarget[], now: number): string[] {
  const byWindow = new Map<string, { until: number; timeZone: string; checks: string[] }>();
  for (const c of checks) {
    const q = quietAt(windows, c, now);
    if (q?.mode !== 'pause') continue;
    const zone = windows.find((w) => w.name === q.name)?.timeZone ?? 'UTC';
    const entry = byWindow.get(q.name) ?? { until: q.until, timeZone: zone, checks: [] };
    entry.checks.push(c.name);
    byWindow.set(q.name, entry);
  }
  return [...byWindow].map(([name, e]) => `In maintenance window '${name}' (pause, until ${windowTime(e.until, e.timeZone)}): ${e.checks.join(', ')} — `
    + 'the deployed monitor does not run them now; run here as asked.');
}

/**
 * A pause window covering every scheduled check stops the results the dead-man alarm (template.yaml NoResultsAlarm: no
 * result for 15 minutes) watches: it goes off in every such window although nothing is wrong.
 */
export function pauseDeadManWarnings(windows: readonly ResolvedMaintenanceWindow[], checks: readonly (QuietTarget & { schedule?: string })[]): string[] {
  const scheduled = checks.filter((c) => c.schedule);
  if (!scheduled.length) return [];
  return windows.filter((w) => w.mode === 'pause' && scheduled.every((c) => appliesTo(w, c)))
    .map((w) => `maintenance '${w.name}' pauses every scheduled check: no result is recorded while it is open, so the dead-man alarm (no result for 15 minutes) goes off in it. Leave one check out of it, or make it a 'silence' window`);
}
