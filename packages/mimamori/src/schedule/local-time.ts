// Local (wall-clock) times in a zone back to instants: the inverse of due.ts's wallClock, for windows that start and end
// at a local time ('22:00', a holiday's midnight). Built on due.ts's wallClock and utcOffsetMinutes — one zone
// calculator. A local time the clocks skip (spring forward) resolves to the instant they jump over it; one they repeat
// (fall back) has two instants, and the caller says which it means.
import { utcOffsetMinutes, wallClock } from './due.ts';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
const SIX_HOURS = 6 * 60 * MINUTE;

/** The zone's offsets within 18 hours of `local`: every offset the instant showing `local` can have (zones are within ±14 h). */
function nearbyOffsets(local: number, timeZone: string): number[] {
  const offsets = new Set<number>();
  for (let k = -3; k <= 3; k++) offsets.add(utcOffsetMinutes(local + k * SIX_HOURS, timeZone));
  return [...offsets];
}

/** Every instant (whole minutes, ascending) whose wall clock in `timeZone` shows `local` (wall time as if UTC, ms): none in a gap, two in a repeated hour. */
export function instantsAt(local: number, timeZone: string): number[] {
  const minute = Math.floor(local / MINUTE) * MINUTE;
  const found = nearbyOffsets(minute, timeZone).map((o) => minute - o * MINUTE).filter((t) => wallClock(t, timeZone).local === minute);
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * The instant a window boundary at `local` means: `first` (a start) or `last` (an end) when the clocks show it twice,
 * so a window spanning a repeated hour covers all of it; in a gap, the instant the clocks jump over it (02:30 on a
 * spring-forward night in New York is 03:00 EDT).
 */
export function zonedInstant(local: number, timeZone: string, which: 'first' | 'last' = 'first'): number {
  const at = instantsAt(local, timeZone);
  if (at.length) return which === 'first' ? at[0]! : at[at.length - 1]!;
  const minute = Math.floor(local / MINUTE) * MINUTE;
  const offsets = nearbyOffsets(minute, timeZone);
  // Before the jump the wall clock shows less than `local`, after it more: the first minute showing at least `local`.
  let lo = minute - Math.max(...offsets) * MINUTE;
  let hi = minute - Math.min(...offsets) * MINUTE;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallClock(mid, timeZone).local >= minute) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Local midnight (wall time as if UTC, ms) of the day `at` falls on in `timeZone`. */
export function localDay(at: number, timeZone: string): number {
  return Math.floor(wallClock(at, timeZone).local / DAY) * DAY;
}

/** 'YYYY-MM-DD' of a local day (wall time as if UTC). */
export const isoDate = (localDayStart: number): string => new Date(localDayStart).toISOString().slice(0, 10);

/** EventBridge numbering (1 = SUN … 7 = SAT) of a local day. */
export const weekdayOf = (localDayStart: number): number => new Date(localDayStart).getUTCDay() + 1;
