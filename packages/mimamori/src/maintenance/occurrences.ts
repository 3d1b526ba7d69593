// When one window is open: its occurrences that overlap a span of time, as instants. A window is wall-clock time in its
// zone (schedule/local-time.ts): on the night the clocks go forward an overnight window is an hour shorter, on the
// night they go back an hour longer. A cron window starts when the cron fires as a check's schedule would
// (schedule/due.ts: a skipped local time does not fire, a repeated one fires once) and lasts its duration.
import type { CronWhen, OnceWhen, WeeklyWhen } from '../check/types.ts';
import { cronMatches, type Wall } from '../schedule/due.ts';
import { parseSchedule, type CronSchedule } from '../schedule/parse.ts';
import { DAY, MINUTE, instantsAt, isoDate, localDay, weekdayOf, zonedInstant } from '../schedule/local-time.ts';
import { parseClock, parseDateTime, parseDuration, parseWeekday } from '../schedule/window-parse.ts';
import { japaneseHoliday } from './jp-holidays.ts';
import type { ResolvedMaintenanceWindow } from './resolve.ts';

/** One stretch a window is open: [start, end) in epoch ms; `note` names a holiday. */
export interface Interval {
  start: number;
  end: number;
  note?: string;
}

/** The local days (midnights, wall time as if UTC) from the one before `from`'s to the one of `to`. */
function localDays(from: number, to: number, timeZone: string): number[] {
  const days: number[] = [];
  for (let d = localDay(from, timeZone) - DAY; d <= localDay(to, timeZone); d += DAY) days.push(d);
  return days;
}

function weekly(when: WeeklyWhen, from: number, to: number, timeZone: string): Interval[] {
  const start = parseClock(when.from)!;
  const end = parseClock(when.to, true)!;
  const days = when.days?.length ? new Set(when.days.map(parseWeekday)) : undefined;
  // `to` at or before `from`: past midnight, on the day after the one it starts.
  const overnight = end <= start;
  return localDays(from, to, timeZone).filter((d) => !days || days.has(weekdayOf(d))).map((d) => ({
    start: zonedInstant(d + start * MINUTE, timeZone, 'first'),
    end: zonedInstant(d + (overnight ? DAY : 0) + end * MINUTE, timeZone, 'last'),
  }));
}

const cronCache = new Map<string, CronSchedule | undefined>();
function parsedCron(text: string): CronSchedule | undefined {
  if (!cronCache.has(text)) {
    const s = parseSchedule(text).schedule;
    cronCache.set(text, s?.kind === 'cron' ? s : undefined);
  }
  return cronCache.get(text);
}

const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);

function cron(when: CronWhen, from: number, to: number, timeZone: string): Interval[] {
  const c = parsedCron(when.cron);
  const minutes = parseDuration(when.duration);
  if (!c || !minutes) return [];
  const length = minutes * MINUTE;
  const hours = sorted(c.hours);
  const mins = sorted(c.minutes);
  const out: Interval[] = [];
  // Starts up to one duration before `from` can still be open at `from`.
  for (const d of localDays(from - length, to, timeZone)) {
    const date = new Date(d);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const wall: Wall = {
      minute: mins[0]!, hour: hours[0]!, day: date.getUTCDate(), month, year, weekday: weekdayOf(d),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(), local: d,
    };
    if (!cronMatches(c, wall)) continue; // the date fields: no start on this day
    for (const h of hours) {
      for (const m of mins) {
        // A skipped local time does not fire; a repeated one fires at its first occurrence (as firesAt).
        const at = instantsAt(d + (h * 60 + m) * MINUTE, timeZone)[0];
        if (at !== undefined && at < to && at + length > from) out.push({ start: at, end: at + length });
      }
    }
  }
  return out;
}

function once(when: OnceWhen, from: number, to: number, timeZone: string): Interval[] {
  const start = parseDateTime(when.start, timeZone, 'first');
  const end = parseDateTime(when.end, timeZone, 'last');
  return start !== undefined && end !== undefined && start < to && end > from ? [{ start, end }] : [];
}

function holidays(from: number, to: number, timeZone: string): Interval[] {
  return localDays(from, to, timeZone).flatMap((d) => {
    const h = japaneseHoliday(isoDate(d));
    return h ? [{ start: zonedInstant(d, timeZone, 'first'), end: zonedInstant(d + DAY, timeZone, 'last'), note: `${h.name} ${h.nameEn}` }] : [];
  });
}

/**
 * Answers per window object and span: at a tick the dispatcher asks the same spans of the same windows for every due
 * check (the windows are compiled in, so the objects last as long as the container). Bounded, cleared when full.
 */
const cache = new WeakMap<ResolvedMaintenanceWindow, Map<string, readonly Interval[]>>();
const CACHE_SPANS = 2_000;

/** The window's occurrences overlapping [from, to), by start. */
export function occurrences(window: ResolvedMaintenanceWindow, from: number, to: number): readonly Interval[] {
  let spans = cache.get(window);
  if (!spans) cache.set(window, (spans = new Map()));
  const key = `${from} ${to}`;
  let found = spans.get(key);
  if (!found) {
    if (spans.size >= CACHE_SPANS) spans.clear();
    found = Object.freeze(compute(window, from, to).map((i) => Object.freeze(i)));
    spans.set(key, found);
  }
  return found;
}

function compute(window: ResolvedMaintenanceWindow, from: number, to: number): Interval[] {
  const { when, timeZone } = window;
  const found: Interval[] = [];
  if (when && 'from' in when) found.push(...weekly(when, from, to, timeZone));
  else if (when && 'cron' in when) found.push(...cron(when, from, to, timeZone));
  else if (when && 'start' in when) found.push(...once(when, from, to, timeZone));
  if (window.calendar === 'jp-holidays') found.push(...holidays(from, to, timeZone));
  return found.filter((i) => i.start < to && i.end > from && i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Occurrences that touch or overlap, joined into one stretch (a weekend of SAT and SUN is one window). */
export function joined(intervals: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      last.end = Math.max(last.end, i.end);
      if (i.note && !last.note?.includes(i.note)) last.note = last.note ? `${last.note}; ${i.note}` : i.note;
    } else {
      out.push({ ...i });
    }
  }
  return out;
}
