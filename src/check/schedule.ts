// Validates EventBridge schedule expressions (`rate(...)`, `cron(...)`) the way AWS does, with messages that say how to fix them.
import { DAYS, MONTHS, RATE, UNIT_MINUTES } from '../schedule/grammar.ts';

const EXAMPLES = 'rate(1 minute), rate(5 minutes), rate(1 hour), cron(0/10 * * * ? *), cron(0 9 ? * MON-FRI *)';

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: Field[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: 2199 },
];
const DOM = 2;
const DOW = 4;

const fail = (expr: string, problem: string): string =>
  `"${expr}" is not a valid schedule: ${problem}. Valid examples: ${EXAMPLES}`;

/** Returns undefined when `expr` is a valid EventBridge schedule expression, else a message saying what is wrong. */
export function validateSchedule(expr: string): string | undefined {
  if (typeof expr !== 'string') return fail(String(expr), 'expected a string');
  const m = /^(rate|cron)\((.*)\)$/s.exec(expr);
  if (!m) {
    return fail(expr, /^\s*(rate|cron)\s*\(.*\)\s*$/s.test(expr)
      ? 'remove the spaces around it and before the parenthesis'
      : 'expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
  }
  const problem = m[1] === 'rate' ? rateProblem(m[2]!) : cronProblem(m[2]!);
  return problem === undefined ? undefined : fail(expr, problem);
}

/** Minutes between runs for a valid `rate(...)` expression; undefined for cron() or anything invalid. */
export function scheduleIntervalMinutes(expr: string): number | undefined {
  if (validateSchedule(expr) !== undefined) return undefined;
  const m = RATE.exec(expr);
  return m ? Number(m[1]) * UNIT_MINUTES[m[2]!]! : undefined;
}

function rateProblem(body: string): string | undefined {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === '') return 'rate() takes a value and a unit, like rate(5 minutes)';
  const [value, unit] = parts as [string, string];
  if (!/^\d+$/.test(value) || Number(value) < 1) return `the rate value must be a positive whole number, got "${value}"`;
  if (!(unit in UNIT_MINUTES)) return `the rate unit must be minute(s), hour(s) or day(s), got "${unit}"`;
  const singular = unit.replace(/s$/, '');
  if (Number(value) === 1 && unit !== singular) return `use the singular unit when the value is 1: rate(1 ${singular})`;
  if (Number(value) !== 1 && unit === singular) return `use the plural unit when the value is not 1: rate(${value} ${singular}s)`;
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 6) {
    return `cron() needs exactly 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}` +
      (fields.length === 5 ? ' — EventBridge also needs a year field, usually *' : '');
  }
  for (let i = 0; i < 6; i++) {
    const problem = fieldProblem(fields[i]!, i);
    if (problem) return problem;
  }
  const domAny = fields[DOM] === '?';
  const dowAny = fields[DOW] === '?';
  if (!domAny && !dowAny) {
    return 'day-of-month and day-of-week cannot both be set; put ? in one of them, e.g. cron(0 9 ? * MON *) or cron(0 9 1 * ? *)';
  }
  if (domAny && dowAny) return 'only one of day-of-month and day-of-week may be ?; use * in the other';
  return undefined;
}

/** Parses a number or (month/day) name within the field's range; returns undefined when it is neither. */
function parseValue(token: string, field: Field): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

function fieldProblem(value: string, i: number): string | undefined {
  const field = FIELDS[i]!;
  const allowed = field.names
    ? `${field.min}-${field.max} or ${field.names[0]}-${field.names[field.names.length - 1]}`
    : `${field.min}-${field.max}`;
  const bad = (why: string): string => `the ${field.name} field "${value}" ${why}`;
  const isValue = (token: string): boolean => parseValue(token, field) !== undefined;

  if (value === '?') return i === DOM || i === DOW ? undefined : bad('cannot be ?; ? is only allowed in day-of-month or day-of-week');
  if (value.includes('?')) return bad('must be ? alone');
  // Special day forms, each standing alone: L, LW, 15W in day-of-month; L, 6L, FRIL, MON#2 in day-of-week.
  if (i === DOM && (value === 'L' || value === 'LW')) return undefined;
  if (i === DOM && /^\d+W$/.test(value)) return isValue(value.slice(0, -1)) ? undefined : bad(`needs a day ${allowed} before W, like 15W`);
  if (i === DOW && value === 'L') return undefined;
  if (i === DOW && /^\w+L$/i.test(value) && isValue(value.slice(0, -1))) return undefined;
  if (i === DOW && value.includes('#')) {
    const [day = '', nth = '', extra] = value.split('#');
    if (extra !== undefined || value.includes(',')) return bad('may hold only one day#week expression, like MON#2');
    if (!isValue(day)) return bad(`needs a day ${allowed} before #, like MON#2`);
    return /^[1-5]$/.test(nth) ? undefined : bad('needs a week number 1-5 after #, like MON#2');
  }
  if (i === DOW && value.includes('/')) return bad('cannot use / (increments are not allowed in day-of-week)');

  for (const item of value.split(',')) {
    if (item === '') return bad('has an empty list item');
    const [base = '', step, extra] = item.split('/');
    if (extra !== undefined) return bad('has more than one /');
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return bad(`has an increment "/${step}" that is not a positive whole number`);
    if (base === '*') continue;
    const ends = base.split('-');
    if (ends.length <= 2 && ends.every(isValue)) continue;
    if (/[LW]$|^L/i.test(base)) {
      if (i === DOM) return bad('uses L or W in an unsupported way; they stand alone, like L, LW or 15W');
      if (i === DOW) return bad('uses L or # in an unsupported way; they stand alone, like L, 6L or MON#2');
    }
    const token = ends.find((e) => !isValue(e)) ?? base;
    const what = /^\d+$/.test(token) ? `${token} is out of range` : `"${token}" is not a value`;
    return bad(`is invalid: ${what} (allowed: ${allowed}, *, lists a,b, ranges a-b${i === DOW ? '' : ', increments a/n'})`);
  }
  return undefined;
}
