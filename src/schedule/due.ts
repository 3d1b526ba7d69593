// When a check is due: EventBridge rate() and cron() expressions evaluated minute by minute, in a time zone, for the
// dispatcher's one-minute tick (which looks back a few minutes so a missed tick is caught up once, not lost).
import { DAYS, MONTHS, RATE, UNIT_MINUTES } from './grammar.ts';

const MINUTE = 60_000;

/** The wall clock in a zone: what cron fields are matched against. */
interface Wall { minute: number; hour: number; day: number; month: number; weekday: number; year: number; daysInMonth: number }

function wall(at: number, timeZone: string): Wall {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' })
      .formatToParts(new Date(at)).map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    minute: Number(parts.minute), hour: Number(parts.hour), day: Number(parts.day), month, year,
    weekday: DAYS.indexOf(parts.weekday.toUpperCase()) + 1, // EventBridge: 1 = SUN … 7 = SAT
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

const num = (token: string, names?: string[]) => (/^\d+$/.test(token) ? Number(token) : (names?.indexOf(token.toUpperCase()) ?? -2) + 1);

/** Matches one plain field: *, lists, ranges, increments (`0/10`, `*\/5`, `10-40/10`). */
function matchField(field: string, value: number, min: number, max: number, names?: string[]): boolean {
  if (field === '*' || field === '?') return true;
  return field.split(',').some((item) => {
    const [base, stepText] = item.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from: number;
    let to: number;
    if (base === '*') [from, to] = [min, max];
    else if (base.includes('-')) [from, to] = base.split('-').map((t) => num(t, names)) as [number, number];
    else [from, to] = [num(base, names), stepText ? max : num(base, names)];
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

function nearestWeekday(day: number, w: Wall): number {
  const dow = new Date(Date.UTC(w.year, w.month - 1, day)).getUTCDay(); // 0 = Sunday
  if (dow === 6) return day === 1 ? 3 : day - 1; // Saturday → Friday (or Monday the 3rd)
  if (dow === 0) return day === w.daysInMonth ? day - 2 : day + 1; // Sunday → Monday (or Friday)
  return day;
}

function matchDayOfMonth(field: string, w: Wall): boolean {
  if (field === 'L') return w.day === w.daysInMonth;
  if (field === 'LW') return w.day === nearestWeekday(w.daysInMonth, w);
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday) return w.day === nearestWeekday(Math.min(Number(weekday[1]), w.daysInMonth), w);
  return matchField(field, w.day, 1, 31);
}

function matchDayOfWeek(field: string, w: Wall): boolean {
  if (field === 'L') return w.weekday === 7;
  const last = /^(\w+)L$/i.exec(field);
  if (last) return w.weekday === num(last[1], DAYS) && w.day + 7 > w.daysInMonth;
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth) return w.weekday === num(nth[1], DAYS) && Math.ceil(w.day / 7) === Number(nth[2]);
  return matchField(field, w.weekday, 1, 7, DAYS);
}

function cronMatches(fields: string[], at: number, timeZone: string): boolean {
  const w = wall(at, timeZone);
  const [minute, hour, dom, month, dow, year] = fields;
  return matchField(minute, w.minute, 0, 59) && matchField(hour, w.hour, 0, 23) && matchField(month, w.month, 1, 12, MONTHS)
    && matchField(year, w.year, 1970, 2199) && matchDayOfMonth(dom, w) && matchDayOfWeek(dow, w);
}

/** A stable spread (0 … interval-1 minutes) so that fifty `rate(5 minutes)` checks do not all start in one minute. */
export function spreadMinutes(name: string, intervalMinutes: number): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return hash % intervalMinutes;
}

/** Whether `expr` fires at the minute starting at `at` (epoch ms, floored to the minute). Expressions are valid. */
export function firesAt(expr: string, name: string, at: number, timeZone = 'UTC'): boolean {
  const minute = Math.floor(at / MINUTE);
  const rate = RATE.exec(expr);
  if (rate) {
    const interval = Number(rate[1]) * UNIT_MINUTES[rate[2]];
    return (minute - spreadMinutes(name, interval)) % interval === 0;
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  return cron ? cronMatches(cron[1].trim().split(/\s+/), minute * MINUTE, timeZone) : false;
}

/**
 * The latest minute in (now − lookback, now] at which `expr` fires, or undefined. Looking back lets a late or
 * missed tick catch up; taking only the latest runs a check once after an outage, not once per missed minute.
 */
export function latestDue(expr: string, name: string, now: number, lookbackMinutes = 5, timeZone = 'UTC'): number | undefined {
  const current = Math.floor(now / MINUTE) * MINUTE;
  for (let t = current; t > current - lookbackMinutes * MINUTE; t -= MINUTE) {
    if (firesAt(expr, name, t, timeZone)) return t;
  }
  return undefined;
}
