// Does the dead-man alarm's assumption hold for these schedules? The stack's NoResultsAlarm (template.yaml) alarms
// when no check has recorded a run for 15 minutes, so it assumes some check is due at least every 15 minutes. Checks
// that run hourly, or only in business hours, leave windows with no run due, and the alarm goes off in each of them
// although nothing is wrong. The build warns, naming the windows (src/build/functions.ts).
import { dueMinutes, utcOffsetMinutes, wallClock } from './due.ts';
import { parseSchedule, type Schedule } from './parse.ts';

/** NoResultsAlarm: three 5-minute periods with no CheckRuns. */
export const DEAD_MAN_MINUTES = 15;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ScheduledCheck {
  name: string;
  schedule: string | Schedule;
}

/** A stretch with no run due: more than the alarm's minutes from one due run to the next. */
export interface DeadManGap {
  /** The due run before the gap (epoch ms); undefined when none is due in the week before the span looked at. */
  after?: number;
  /** The next due run; undefined when none is due in the week after. */
  before?: number;
  minutes: number;
  /** When a daylight-saving change of the clocks falls in the gap (and makes it, or makes it longer): that instant. */
  clockChange?: number;
}

export interface DeadManOptions {
  /** Start of the representative week (default: now). */
  from?: number;
  limitMinutes?: number;
}

/**
 * The gaps between due runs of all the checks together that are longer than the alarm's 15 minutes: those in the week
 * from `from` (minute by minute, as the dispatcher evaluates them), and — for cron schedules in a zone with daylight
 * saving — those the clock changes of the coming year make, as EventBridge Scheduler runs a cron across them
 * (a skipped local time does not run, a repeated one runs once: see due.ts).
 */
export function deadManGaps(checks: readonly ScheduledCheck[], timeZone = 'UTC', options: DeadManOptions = {}): DeadManGap[] {
  const limit = options.limitMinutes ?? DEAD_MAN_MINUTES;
  const start = Math.floor((options.from ?? Date.now()) / MINUTE) * MINUTE;
  const gaps = gapsIn(checks, start - WEEK, start + 2 * WEEK, timeZone, limit)
    .filter((g) => (g.after ?? -Infinity) < start + WEEK && (g.before ?? Infinity) > start);
  const crons = checks.some((c) => (typeof c.schedule === 'string' ? parseSchedule(c.schedule).schedule : c.schedule)?.kind === 'cron');
  if (!crons) return gaps;
  const contains = (g: DeadManGap, t: number) => (g.after ?? -Infinity) < t && t <= (g.before ?? Infinity);
  for (const change of clockChanges(start, start + 365 * DAY, timeZone)) {
    for (const g of gaps) if (contains(g, change)) g.clockChange ??= change;
    // A gap the week already shows every day (say 01:00 to 06:00) is only longer or shorter on the day the clocks change.
    const everyDay = new Set(gaps.filter((g) => g.clockChange === undefined).map((g) => localSpan(g, timeZone)));
    for (const g of gapsIn(checks, change - DAY, change + DAY, timeZone, limit)) {
      if (g.after === undefined || g.before === undefined || !contains(g, change)) continue;
      if (gaps.some((x) => x.after === g.after && x.before === g.before) || everyDay.has(localSpan(g, timeZone))) continue;
      gaps.push({ ...g, clockChange: change });
    }
  }
  return gaps;
}

function gapsIn(checks: readonly ScheduledCheck[], from: number, to: number, timeZone: string, limit: number): DeadManGap[] {
  const due = dueMinutes(checks, from, to, timeZone);
  if (due.length === 0) return [{ minutes: (to - from) / MINUTE }];
  const gaps: DeadManGap[] = [];
  const minutes = (a: number, b: number) => (b - a) / MINUTE;
  if (minutes(from, due[0]!) > limit) gaps.push({ before: due[0]!, minutes: minutes(from, due[0]!) });
  for (let i = 1; i < due.length; i++) {
    if (minutes(due[i - 1]!, due[i]!) > limit) gaps.push({ after: due[i - 1]!, before: due[i]!, minutes: minutes(due[i - 1]!, due[i]!) });
  }
  const last = due[due.length - 1]!;
  if (minutes(last, to) > limit) gaps.push({ after: last, minutes: minutes(last, to) });
  return gaps;
}

/** The instants in [from, to) at which the zone's UTC offset changes. */
export function clockChanges(from: number, to: number, timeZone: string): number[] {
  const out: number[] = [];
  const step = 3 * HOUR;
  let previous = utcOffsetMinutes(from, timeZone);
  for (let t = Math.floor(from / HOUR) * HOUR + step; t < to + step; t += step) {
    const offset = utcOffsetMinutes(t, timeZone);
    if (offset === previous) continue;
    let [lo, hi] = [t - step, t]; // offset(lo) is the old one, offset(hi) the new: find the first minute of the new
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (utcOffsetMinutes(mid, timeZone) === previous) lo = mid;
      else hi = mid;
    }
    if (hi >= from && hi < to) out.push(hi);
    previous = offset;
  }
  return out;
}

const two = (n: number) => String(n).padStart(2, '0');
const hhmm = (t: number, timeZone: string) => {
  const w = wallClock(t, timeZone);
  return `${two(w.hour)}:${two(w.minute)}`;
};
const weekday = (t: number, timeZone: string) => WEEKDAYS[wallClock(t, timeZone).weekday - 1]!;
const localSpan = (g: DeadManGap, timeZone: string) => `${g.after === undefined ? '' : hhmm(g.after, timeZone)}-${g.before === undefined ? '' : hhmm(g.before, timeZone)}`;

function duration(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  return minutes % 60 && h < 48 ? `${h} h ${minutes % 60} min` : `${h} h`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The gaps in words, in the schedules' time zone: a gap that recurs in the week is named once with its days
 * ("between 01:00 and 06:00 UTC every day (5 h)"), one the clocks make with its date; many short gaps of one length
 * (an hourly check) are summed up as one.
 */
export function describeGaps(gaps: readonly DeadManGap[], timeZone: string): string[] {
  const zone = timeZone === 'UTC' ? 'UTC' : `${timeZone} time`;
  const daily = new Map<string, { gap: DeadManGap; days: Set<string> }>();
  const out: (string | { daily: string })[] = [];
  const seen = new Set<string>();
  const once = (text: string) => {
    if (!seen.has(text)) out.push(text);
    seen.add(text);
  };
  for (const g of gaps) {
    if (g.after === undefined && g.before === undefined) {
      once('at all, for a week or more');
    } else if (g.after === undefined || g.before === undefined) {
      once(g.after === undefined
        ? `until ${weekday(g.before!, timeZone)} ${hhmm(g.before!, timeZone)} ${zone}, and not in the week before`
        : `after ${weekday(g.after, timeZone)} ${hhmm(g.after, timeZone)} ${zone}, and not in the week after`);
    } else if (g.clockChange !== undefined) {
      const w = wallClock(g.clockChange, timeZone);
      const direction = utcOffsetMinutes(g.clockChange, timeZone) < utcOffsetMinutes(g.clockChange - HOUR, timeZone) ? 'back' : 'forward';
      once(`on ${WEEKDAYS[w.weekday - 1]} ${w.day} ${MONTH_NAMES[w.month - 1]} ${w.year}, when the clocks go ${direction}, between ${hhmm(g.after, timeZone)} and ${hhmm(g.before, timeZone)} ${zone} (${duration(g.minutes)})`);
    } else if (g.minutes >= 24 * 60) {
      const later = g.minutes >= 7 * 24 * 60 ? ' a week later' : '';
      once(`from ${weekday(g.after, timeZone)} ${hhmm(g.after, timeZone)} to ${weekday(g.before, timeZone)} ${hhmm(g.before, timeZone)}${later} ${zone} (${duration(g.minutes)})`);
    } else {
      const key = `${localSpan(g, timeZone)} ${g.minutes}`;
      const entry = daily.get(key);
      if (entry) entry.days.add(weekday(g.after, timeZone));
      else {
        daily.set(key, { gap: g, days: new Set([weekday(g.after, timeZone)]) });
        out.push({ daily: key });
      }
    }
  }
  // Gaps of one length at more than three times of day: a check every hour or so. One clause for them all.
  const timesOfDay = new Map<number, string[]>();
  for (const [key, { gap }] of daily) timesOfDay.set(gap.minutes, [...timesOfDay.get(gap.minutes) ?? [], key]);
  const order = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const between = (g: DeadManGap) => `between ${hhmm(g.after!, timeZone)} and ${hhmm(g.before!, timeZone)} ${zone}`;
  return out.flatMap((item) => {
    if (typeof item === 'string') return [item];
    const { gap, days } = daily.get(item.daily)!;
    const same = timesOfDay.get(gap.minutes)!;
    if (same.length > 3) {
      return same[0] === item.daily ? [`for ${duration(gap.minutes)} at a time, at ${same.length} times of day (like ${between(gap)})`] : [];
    }
    const when = days.size >= 7 ? 'every day' : `on ${list([...days].sort((x, y) => order.indexOf(x) - order.indexOf(y)))}`;
    return [`${between(gap)} ${when} (${duration(gap.minutes)})`];
  });
}

/** The build's warning when the schedules leave the dead-man alarm windows with no run due; undefined when they do not. */
export function deadManWarning(checks: readonly ScheduledCheck[], timeZone = 'UTC', options: DeadManOptions = {}): string | undefined {
  const limit = options.limitMinutes ?? DEAD_MAN_MINUTES;
  const head = `the dead-man alarm (NoResultsAlarm) assumes a check result at least every ${limit} minutes`;
  const advice = `add a check that runs at least every ${limit} minutes (for example schedule: 'rate(5 minutes)')`;
  if (checks.length === 0) return `${head}, but no check has a schedule: it will be in alarm from the start; ${advice}.`;
  const gaps = deadManGaps(checks, timeZone, options);
  if (gaps.length === 0) return undefined;
  const clauses = describeGaps(gaps, timeZone);
  const shown = clauses.length > 6 ? [...clauses.slice(0, 6), `and ${clauses.length - 6} more`] : clauses;
  return `${head}, but no check is due ${shown.join('; ')}. It will go off then although nothing is wrong: ${advice}, or expect the alarm at those times.`;
}
