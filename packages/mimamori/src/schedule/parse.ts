// The one parser of EventBridge schedule expressions, `rate(...)` and `cron(...)`: validation (check/schedule.ts) is
// "it parses", evaluation (due.ts) works on what it parses to, so the two cannot disagree.
// Grammar: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html (rate, cron and their wildcards)
// and https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html. "The - (dash) wildcard
// specifies ranges. In the Day field, 1-15 includes days 1 through 15": a range runs upwards; AWS documents no range
// that wraps around (22-2, FRI-MON), so those are refused, with the two ranges that say it.

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** EventBridge numbers the days 1 = SUN … 7 = SAT. */
export const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UNIT_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

export interface RateSchedule {
  kind: 'rate';
  text: string;
  value: number;
  unit: 'minute' | 'hour' | 'day';
  /** Minutes between runs: a duration, the same in every time zone and across daylight-saving changes. */
  periodMinutes: number;
}

/** Day-of-month: any day, a set of days, L (last day), LW (last weekday), or 15W (the weekday nearest the 15th). */
export type DayOfMonth =
  | { kind: 'any' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number };

/** Day-of-week (1 = SUN … 7 = SAT): any day, a set of days, FRIL / 6L (the last Friday), MON#2 (the second Monday). */
export type DayOfWeek =
  | { kind: 'any' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last-in-month'; day: number }
  | { kind: 'nth'; day: number; nth: number };

export interface CronSchedule {
  kind: 'cron';
  text: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  dayOfMonth: DayOfMonth;
  months: ReadonlySet<number>;
  dayOfWeek: DayOfWeek;
  years: ReadonlySet<number>;
}

export type Schedule = RateSchedule | CronSchedule;

const EXAMPLES = 'rate(1 minute), rate(5 minutes), rate(1 hour), cron(0/10 * * * ? *), cron(0 9 ? * MON-FRI *)';

const fail = (text: string, problem: string): { error: string } => ({ error: `"${text}" is not a valid schedule: ${problem}. Valid examples: ${EXAMPLES}` });

/** The parsed schedule, or an error that says what is wrong and how to write it. */
export function parseSchedule(text: string): { schedule: Schedule; error?: undefined } | { error: string; schedule?: undefined } {
  if (typeof text !== 'string') return fail(String(text), 'expected a string');
  const m = /^(rate|cron)\((.*)\)$/s.exec(text);
  if (!m) {
    return fail(text, /^\s*(rate|cron)\s*\(.*\)\s*$/s.test(text)
      ? 'remove the spaces around it and before the parenthesis'
      : 'expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
  }
  const parsed = m[1] === 'rate' ? parseRate(m[2]!, text) : parseCron(m[2]!, text);
  return typeof parsed === 'string' ? fail(text, parsed) : { schedule: parsed };
}

function parseRate(body: string, text: string): RateSchedule | string {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === '') return 'rate() takes a value and a unit, like rate(5 minutes)';
  const [value, unit] = parts as [string, string];
  if (!/^\d+$/.test(value) || Number(value) < 1) return `the rate value must be a positive whole number, got "${value}"`;
  if (!(unit in UNIT_MINUTES)) return `the rate unit must be minute(s), hour(s) or day(s), got "${unit}"`;
  const singular = unit.replace(/s$/, '') as RateSchedule['unit'];
  if (Number(value) === 1 && unit !== singular) return `use the singular unit when the value is 1: rate(1 ${singular})`;
  if (Number(value) !== 1 && unit === singular) return `use the plural unit when the value is not 1: rate(${value} ${singular}s)`;
  return { kind: 'rate', text, value: Number(value), unit: singular, periodMinutes: Number(value) * UNIT_MINUTES[unit]! };
}

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Whether the field wraps around (hours 23 → 0); the year does not. */
  cyclic: boolean;
}

const MINUTES: Field = { name: 'minutes', min: 0, max: 59, cyclic: true };
const HOURS: Field = { name: 'hours', min: 0, max: 23, cyclic: true };
const DOM: Field = { name: 'day-of-month', min: 1, max: 31, cyclic: true };
const MONTH: Field = { name: 'month', min: 1, max: 12, names: MONTHS, cyclic: true };
const DOW: Field = { name: 'day-of-week', min: 1, max: 7, names: DAYS, cyclic: true };
const YEAR: Field = { name: 'year', min: 1970, max: 2199, cyclic: false };

function parseCron(body: string, text: string): CronSchedule | string {
  const fields = body.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 6) {
    return `cron() needs exactly 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}` +
      (fields.length === 5 ? ' — EventBridge also needs a year field, usually *' : '');
  }
  const [minuteText, hourText, domText, monthText, dowText, yearText] = fields as [string, string, string, string, string, string];
  const minutes = parseSet(minuteText, MINUTES);
  if (typeof minutes === 'string') return minutes;
  const hours = parseSet(hourText, HOURS);
  if (typeof hours === 'string') return hours;
  const dayOfMonth = parseDayOfMonth(domText);
  if (typeof dayOfMonth === 'string') return dayOfMonth;
  const months = parseSet(monthText, MONTH);
  if (typeof months === 'string') return months;
  const dayOfWeek = parseDayOfWeek(dowText);
  if (typeof dayOfWeek === 'string') return dayOfWeek;
  const years = parseSet(yearText, YEAR);
  if (typeof years === 'string') return years;
  const domAny = domText === '?';
  const dowAny = dowText === '?';
  if (!domAny && !dowAny) {
    return 'day-of-month and day-of-week cannot both be set; put ? in one of them, e.g. cron(0 9 ? * MON *) or cron(0 9 1 * ? *)';
  }
  if (domAny && dowAny) return 'only one of day-of-month and day-of-week may be ?; use * in the other';
  return { kind: 'cron', text, minutes, hours, dayOfMonth, months, dayOfWeek, years };
}

/** A number or (month/day) name within the field's range; undefined when it is neither. */
function parseValue(token: string, field: Field): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

const allowedValues = (field: Field): string => (field.names
  ? `${field.min}-${field.max} or ${field.names[0]}-${field.names[field.names.length - 1]}`
  : `${field.min}-${field.max}`);

const problem = (field: Field, value: string, why: string): string => `the ${field.name} field "${value}" ${why}`;

function parseDayOfMonth(value: string): DayOfMonth | string {
  const bad = (why: string) => problem(DOM, value, why);
  if (value === '?' || value === '*') return { kind: 'any' };
  if (value.includes('?')) return bad('must be ? alone');
  if (value === 'L') return { kind: 'last' };
  if (value === 'LW') return { kind: 'last-weekday' };
  if (/^\d+W$/.test(value)) {
    const day = parseValue(value.slice(0, -1), DOM);
    return day === undefined ? bad(`needs a day ${allowedValues(DOM)} before W, like 15W`) : { kind: 'nearest-weekday', day };
  }
  const days = parseSet(value, DOM);
  return typeof days === 'string' ? days : { kind: 'days', days };
}

function parseDayOfWeek(value: string): DayOfWeek | string {
  const bad = (why: string) => problem(DOW, value, why);
  if (value === '?' || value === '*') return { kind: 'any' };
  if (value.includes('?')) return bad('must be ? alone');
  // L alone is the last day of the week, Saturday.
  if (value === 'L') return { kind: 'days', days: new Set([7]) };
  if (/^\w+L$/i.test(value)) {
    const day = parseValue(value.slice(0, -1), DOW);
    if (day !== undefined) return { kind: 'last-in-month', day };
  }
  if (value.includes('#')) {
    const [dayText = '', nth = '', extra] = value.split('#');
    if (extra !== undefined || value.includes(',')) return bad('may hold only one day#week expression, like MON#2');
    const day = parseValue(dayText, DOW);
    if (day === undefined) return bad(`needs a day ${allowedValues(DOW)} before #, like MON#2`);
    return /^[1-5]$/.test(nth) ? { kind: 'nth', day, nth: Number(nth) } : bad('needs a week number 1-5 after #, like MON#2');
  }
  if (value.includes('/')) return bad('cannot use / (increments are not allowed in day-of-week)');
  const days = parseSet(value, DOW);
  return typeof days === 'string' ? days : { kind: 'days', days };
}

/** A plain field — *, values, lists a,b, ranges a-b, increments a/n — expanded to the set of values it matches. */
function parseSet(value: string, field: Field): ReadonlySet<number> | string {
  const bad = (why: string) => problem(field, value, why);
  // (day-of-month and day-of-week take ? before they get here)
  if (value === '?') return bad('cannot be ?; ? is only allowed in day-of-month or day-of-week');
  if (value.includes('?')) return bad('must be ? alone');
  const out = new Set<number>();
  for (const item of value.split(',')) {
    if (item === '') return bad('has an empty list item');
    const [base = '', stepText, extra] = item.split('/');
    if (extra !== undefined) return bad('has more than one /');
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || Number(stepText) < 1)) return bad(`has an increment "/${stepText}" that is not a positive whole number`);
    const step = stepText === undefined ? 1 : Number(stepText);
    const ends = base === '*' ? [String(field.min), String(field.max)] : base.split('-');
    const values = ends.map((e) => parseValue(e, field));
    if (ends.length > 2 || values.some((v) => v === undefined)) {
      if (/[LW]$|^L/i.test(base)) {
        if (field === DOM) return bad('uses L or W in an unsupported way; they stand alone, like L, LW or 15W');
        if (field === DOW) return bad('uses L or # in an unsupported way; they stand alone, like L, 6L or MON#2');
      }
      const token = ends.find((e) => parseValue(e, field) === undefined) ?? base;
      const what = /^\d+$/.test(token) ? `${token} is out of range` : `"${token}" is not a value`;
      return bad(`is invalid: ${what} (allowed: ${allowedValues(field)}, *, lists a,b, ranges a-b${field === DOW ? '' : ', increments a/n'})`);
    }
    const from = values[0]!;
    // `5/10` runs from 5 to the end of the field; `5` alone is just 5.
    const to = values.length === 2 ? values[1]! : stepText === undefined ? from : field.max;
    if (to < from) return wrapAround(field, value, ends as [string, string], from, to, step, stepText);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** A range like 22-2 or FRI-MON: refused, saying the ranges (or, with an increment, the values) to write instead. */
function wrapAround(field: Field, value: string, [first, last]: [string, string], from: number, to: number, step: number, stepText?: string): string {
  const bad = (why: string) => problem(field, value, why);
  if (!field.cyclic) return bad(`runs backwards (${from} is after ${to}); write it from low to high: ${to}-${from}`);
  const named = !/^\d+$/.test(first) || !/^\d+$/.test(last);
  const name = (v: number) => (named && field.names ? field.names[v - 1]! : String(v));
  const ranges = `${first}-${name(field.max)},${name(field.min)}-${last}`;
  const head = `wraps around (EventBridge ranges run from low to high and do not wrap past ${name(field.max)})`;
  if (stepText === undefined) return bad(`${head}; write it as two ranges: ${ranges}`);
  const size = field.max - field.min + 1;
  const values: number[] = [];
  for (let i = 0; i <= (to - from + size) % size; i += step) values.push(field.min + ((from - field.min + i) % size));
  // The increment runs on across the wrap (21-2/2 is 21,23,1), so the second range starts where it lands.
  const wrapped = values.find((v) => v < from);
  const split = wrapped === undefined ? `${first}-${name(field.max)}/${step}` : `${first}-${name(field.max)}/${step},${name(wrapped)}-${last}/${step}`;
  return bad(`${head}; write the values it stands for, ${values.map(name).join(',')}, or ${split}`);
}
