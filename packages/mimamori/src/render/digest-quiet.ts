// The daily picture's lines about quiet time (pure): what was muted or in maintenance in the 24 hours before the
// digest, one line per mute or window with the checks it held — `checkout: muted 09:10–09:40 by aki (DB restart)`,
// `checkout, search: in maintenance window "deploy" Dec 5 22:00–06:00`. From the runs' own record of it (the dashboard's
// quiet bands), so a mute that has ended and left the store is still told.
import { printable } from '../result/printable.ts';
import type { DigestData } from './digest-summary.ts';
import { clockTime, hourMinute, knownZone, localDate } from './time.ts';

const DAY = 86_400_000;
/** Lines at most (then "and N more"), and checks named on one line at most. */
export const MAX_QUIET_LINES = 5;
const MAX_CHECKS = 3;

interface Group { checks: string[]; spans: [number, number][]; source: 'mute' | 'maintenance'; mode: 'pause' | 'silence'; name: string; by?: string; reason?: string }

/** `09:10–09:40`; the end's date too when it is another day than the start's. */
function span([start, end]: [number, number], now: number, zone: string): string {
  const to = localDate(start, zone) === localDate(end, zone) ? hourMinute(end, zone) : clockTime(end, now, zone);
  return `${clockTime(start, now, zone)}–${to}`;
}

function line(g: Group, now: number, zone: string): string {
  const names = g.checks.slice(0, MAX_CHECKS).map((c) => printable(c)).join(', ') + (g.checks.length > MAX_CHECKS ? ` and ${g.checks.length - MAX_CHECKS} more` : '');
  const spans = g.spans.map((s) => span(s, now, zone)).join(', ');
  if (g.source === 'maintenance') return `${names}: in maintenance window "${printable(g.name)}" ${spans}${g.mode === 'pause' ? ' (paused)' : ''}`;
  // A mute of one check is named by the check; one of a tag or of all says which.
  const target = g.checks.length === 1 && g.checks[0] === g.name ? '' : ` (${printable(g.name)})`;
  return `${names}: muted${target} ${spans}${g.by ? ` by ${printable(g.by)}` : ''}${g.reason ? ` (${printable(g.reason)})` : ''}`;
}

/**
 * One line per mute or window with quiet time in the 24 h before the digest, oldest first. Bands of one mute or
 * window over several checks are one line naming them; their spans are merged where they overlap.
 */
export function quietLines(data: DigestData): string[] {
  const now = data.generatedAt;
  const { zone } = knownZone(data.timeZone);
  const groups = new Map<string, Group>();
  for (const c of data.checks) {
    for (const b of c.quiet ?? []) {
      if (b.end < now - DAY || b.start > now) continue;
      const key = JSON.stringify([b.source, b.mode, b.name, b.by, b.reason]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { checks: [], spans: [], source: b.source, mode: b.mode, name: b.name, by: b.by, reason: b.reason }));
      if (!g.checks.includes(c.name)) g.checks.push(c.name);
      g.spans.push([b.start, b.end]);
    }
  }
  const list = [...groups.values()].map((g) => {
    g.spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of g.spans) {
      const last = merged.at(-1);
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([...s]);
    }
    g.spans = merged;
    g.checks.sort();
    return g;
  }).sort((a, b) => a.spans[0]![0] - b.spans[0]![0]);
  const lines = list.slice(0, MAX_QUIET_LINES).map((g) => line(g, now, zone));
  if (list.length > MAX_QUIET_LINES) lines.push(`and ${list.length - MAX_QUIET_LINES} more quiet times`);
  return lines;
}
