// When a check is due: parsed rate() and cron() schedules (parse.ts) evaluated minute by minute, in a time zone, for
// the dispatcher's one-minute tick (which looks back a few minutes so a missed tick is caught up once, not lost).
//
// Daylight saving, as EventBridge Scheduler defines it for a cron in a time zone
// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time): "When time
// shifts forward in the Spring, if a cron expression falls on a non-existent date and time, your schedule invocation
// is skipped. When time shifts backwards in the Fall, your schedule runs only once and does not repeat its
// invocation." So a local time that the clocks skip is not run that day, and a local time that the clocks repeat runs
// once, at its first occurrence (for a sub-hourly cron that means nothing runs in the repeated hour's second pass).
// rate() is a duration — "EventBridge Scheduler still evaluates the rate expression 24 hours after the schedule's
// last invocation" — and so ignores the time zone.
import { parseSchedule, type CronSchedule, type Schedule } from './parse.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wall clock in a zone at one instant: what cron fields are matched against. */
export interface Wall {
  minute: number;
  hour: number;
  day: number;
  month: number;
  year: number;
  /** EventBridge numbering: 1 = SUN … 7 = SAT. */
  weekday: number;
  daysInMonth: number;
  /** The wall-clock time as if it were UTC, in ms: equal for two instants that show the same local time. */
  local: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const hourOffsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at the whole minute `at`, from the IANA database as Intl knows it. */
function exactOffset(at: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - at) / MINUTE;
}

function offsetAtHour(hourStart: number, timeZone: string): number {
  const key = `${timeZone} ${hourStart}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    if (hourOffsets.size >= 50_000) hourOffsets.clear();
    offset = exactOffset(hourStart, timeZone);
    hourOffsets.set(key, offset);
  }
  return offset;
}

/**
 * Minutes the zone is ahead of UTC at `at`. Offsets change at most once an hour, so the offsets at the two UTC hours
 * around `at` settle it unless they differ; only then is the minute itself looked up.
 */
export function utcOffsetMinutes(at: number, timeZone: string): number {
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const hour = Math.floor(at / HOUR) * HOUR;
  const before = offsetAtHour(hour, timeZone);
  return before === offsetAtHour(hour + HOUR, timeZone) ? before : exactOffset(minute, timeZone);
}

/** The wall clock in `timeZone` at the minute containing `at` (epoch ms). */
export function wallClock(at: number, timeZone: string): Wall {
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const d = new Date(minute + utcOffsetMinutes(minute, timeZone) * MINUTE);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    minute: d.getUTCMinutes(), hour: d.getUTCHours(), day: d.getUTCDate(), month, year,
    weekday: d.getUTCDay() + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    local: d.getTime(),
  };
}

/**
 * Whether the local time at `at` was already shown earlier, because the clocks went back within the last 6 hours:
 * in New York on 1 Nov 2026, 01:30 EST (06:30 UTC) repeats 01:30 EDT (05:30 UTC).
 */
function repeatsAnEarlierTime(at: number, wall: Wall, timeZone: string): boolean {
  const before = utcOffsetMinutes(at - 6 * HOUR, timeZone);
  const now = (wall.local - at) / MINUTE;
  if (before <= now) return false;
  const first = at - (before - now) * MINUTE;
  return wallClock(first, timeZone).local === wall.local;
}

function nearestWeekday(day: number, w: Wall): number {
  const dow = new Date(Date.UTC(w.year, w.month - 1, day)).getUTCDay(); // 0 = Sunday
  if (dow === 6) return day === 1 ? 3 : day - 1; // Saturday → Friday (or Monday the 3rd)
  if (dow === 0) return day === w.daysInMonth ? day - 2 : day + 1; // Sunday → Monday (or Friday)
  return day;
}

function dayOfMonthMatches(field: CronSchedule['dayOfMonth'], w: Wall): boolean {
  switch (field.kind) {
    case 'any': return true;
    case 'days': return field.days.has(w.day);
    case 'last': return w.day === w.daysInMonth;
    case 'last-weekday': return w.day === nearestWeekday(w.daysInMonth, w);
    case 'nearest-weekday': return w.day === nearestWeekday(Math.min(field.day, w.daysInMonth), w);
  }
}

function dayOfWeekMatches(field: CronSchedule['dayOfWeek'], w: Wall): boolean {
  switch (field.kind) {
    case 'any': return true;
    case 'days': return field.days.has(w.weekday);
    case 'last-in-month': return w.weekday === field.day && w.day + 7 > w.daysInMonth;
    case 'nth': return w.weekday === field.day && Math.ceil(w.day / 7) === field.nth;
  }
}

/** Whether the cron's fields match a wall-clock time (ignoring daylight saving: see cronFiresAt). */
export function cronMatches(cron: CronSchedule, w: Wall): boolean {
  return cron.minutes.has(w.minute) && cron.hours.has(w.hour) && cron.months.has(w.month) && cron.years.has(w.year)
    && dayOfMonthMatches(cron.dayOfMonth, w) && dayOfWeekMatches(cron.dayOfWeek, w);
}

/** A stable spread (0 … interval-1 minutes) so that fifty `rate(5 minutes)` checks do not all start in one minute. */
export function spreadMinutes(name: string, intervalMinutes: number): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return hash % intervalMinutes;
}

const parsedCache = new Map<string, Schedule | undefined>();

/** The parsed form of an expression (cached); undefined when it is not valid. */
function parsed(schedule: Schedule | string): Schedule | undefined {
  if (typeof schedule !== 'string') return schedule;
  if (!parsedCache.has(schedule)) parsedCache.set(schedule, parseSchedule(schedule).schedule);
  return parsedCache.get(schedule);
}

/**
 * Whether the schedule fires at the minute starting at `at` (epoch ms, floored to the minute). An expression that does
 * not parse never fires (the build refuses it before it gets here).
 */
export function firesAt(schedule: Schedule | string, name: string, at: number, timeZone = 'UTC'): boolean {
  const s = parsed(schedule);
  const minute = Math.floor(at / MINUTE);
  if (!s) return false;
  if (s.kind === 'rate') return (minute - spreadMinutes(name, s.periodMinutes)) % s.periodMinutes === 0;
  const t = minute * MINUTE;
  const wall = wallClock(t, timeZone);
  // A skipped local time never shows on the wall clock, so it never matches; a repeated one matches only the first time.
  return cronMatches(s, wall) && !repeatsAnEarlierTime(t, wall, timeZone);
}

/**
 * The latest minute in (now − lookback, now] at which the schedule fires, or undefined. Looking back lets a late or
 * missed tick catch up; taking only the latest runs a check once after an outage, not once per missed minute.
 */
export function latestDue(schedule: Schedule | string, name: string, now: number, lookbackMinutes = 5, timeZone = 'UTC'): number | undefined {
  const current = Math.floor(now / MINUTE) * MINUTE;
  for (let t = current; t > current - lookbackMinutes * MINUTE; t -= MINUTE) {
    if (firesAt(schedule, name, t, timeZone)) return t;
  }
  return undefined;
}

/**
 * The minutes in [from, to) at which at least one of the checks is due, ascending: the dispatcher's view of a span,
 * computed once per minute for all of them (the dead-man analysis scans weeks of minutes).
 */
export function dueMinutes(checks: readonly { name: string; schedule: Schedule | string }[], from: number, to: number, timeZone = 'UTC'): number[] {
  const schedules = checks.flatMap((c) => {
    const s = parsed(c.schedule);
    return s ? [{ s, spread: s.kind === 'rate' ? spreadMinutes(c.name, s.periodMinutes) : 0 }] : [];
  });
  const out: number[] = [];
  for (let t = Math.ceil(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
    let wall: Wall | undefined;
    for (const { s, spread } of schedules) {
      if (s.kind === 'rate') {
        if ((t / MINUTE - spread) % s.periodMinutes !== 0) continue;
      } else {
        wall ??= wallClock(t, timeZone);
        if (!cronMatches(s, wall) || repeatsAnEarlierTime(t, wall, timeZone)) continue;
      }
      out.push(t);
      break;
    }
  }
  return out;
}
