// How a window's boundary is written for people (`validate`, a local run's note): in the window's own zone, with the
// weekday and the zone's offset at that instant, so a daylight-saving change shows (New York's -05:00 and -04:00).
// Intl's short zone names are no help here (GMT+9 for Tokyo in English).
import { utcOffsetMinutes, wallClock } from '../schedule/due.ts';

const two = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Fri 2026-12-04 22:00 +09:00` */
export function windowTime(t: number, timeZone: string): string {
  const w = wallClock(t, timeZone);
  const offset = utcOffsetMinutes(t, timeZone);
  const abs = Math.abs(offset);
  return `${WEEKDAYS[w.weekday - 1]} ${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)} ${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
