// The one way the views say when: the zone to speak in (an unknown one falls back to UTC, and says so), local dates
// and clock times. The wall clock itself is the schedules' (src/schedule/due.ts: offsets from the IANA database as
// Intl knows it), so a time on the dashboard, in the digest and in a schedule is the same local time.
import { wallClock } from '../schedule/due.ts';

/** The zone as given when Intl knows it, else UTC with the reason (for a page to show). */
export function knownZone(zone: string): { zone: string; problem?: string } {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return { zone };
  } catch {
    return { zone: 'UTC', problem: `unknown time zone ${JSON.stringify(zone)}: times are in UTC` };
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of `t` in `timeZone` (UTC when the zone is unknown). */
export function localDate(t: number, timeZone: string): string {
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${w.year}-${two(w.month)}-${two(w.day)}`;
}

/** The local calendar day before `now`'s, as 'YYYY-MM-DD'. */
export function yesterdayOf(now: number, timeZone: string): string {
  const [y, m, d] = localDate(now, timeZone).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** `08:20` in `timeZone`. */
export function hourMinute(t: number, timeZone: string): string {
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${two(w.hour)}:${two(w.minute)}`;
}

/** `2025-01-22 09:30` in `timeZone` (`01-22 09:30` short); `–` for no time. */
export function dateTime(t: number, timeZone: string, short = false): string {
  if (!Number.isFinite(t)) return '–';
  const w = wallClock(t, knownZone(timeZone).zone);
  return `${short ? '' : `${w.year}-`}${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

/** `08:20` when `t` is on `now`'s local day, else `Nov 28 08:20`. */
export function clockTime(t: number, now: number, timeZone: string): string {
  const zone = knownZone(timeZone).zone;
  const hm = hourMinute(t, zone);
  if (localDate(t, zone) === localDate(now, zone)) return hm;
  return `${new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric' }).format(new Date(t))} ${hm}`;
}

/** `22 Jan 2025, 09:30:05 JST`: a run's moment with its zone, as messages state it. */
export function stampWithZone(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: knownZone(timeZone).zone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
  }).format(new Date(t));
}

/** `22 Jan, 09:30 JST`: a moment within the next days (until when a link works), with its zone. */
export function shortStampWithZone(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: knownZone(timeZone).zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(t));
}

/** `Sun, Nov 29, 2026, 08:00`: a day named in full, for a page's heading. */
export function longDateTime(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: knownZone(timeZone).zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(t));
}
