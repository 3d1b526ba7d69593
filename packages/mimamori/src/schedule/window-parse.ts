// The pieces of a time window as the config writes them — a local time 'HH:MM', a duration '2h', a weekday 'SAT', a
// local or absolute ISO date-time — parsed once, for validation (check/) and evaluation (maintenance/) alike.
import { DAYS } from './parse.ts';
import { MINUTE, zonedInstant } from './local-time.ts';

/** Minutes after midnight of 'HH:MM' (00:00–23:59; with `allowEndOfDay`, also '24:00'), or undefined. */
export function parseClock(text: unknown, allowEndOfDay = false): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (allowEndOfDay && text === '24:00') return 24 * 60;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

const UNITS: Record<string, number> = { d: 24 * 60, h: 60, m: 1 };

/** Minutes of a duration like '30m', '2h', '1h30m', '1d' (days, hours, minutes, in that order), or undefined. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  if (!m || text === '') return undefined;
  const minutes = (Number(m[1] ?? 0) * UNITS.d!) + (Number(m[2] ?? 0) * UNITS.h!) + Number(m[3] ?? 0);
  return minutes > 0 ? minutes : undefined;
}

/** EventBridge day number (1 = SUN … 7 = SAT) of 'SAT' (any case), or undefined. */
export function parseWeekday(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const i = DAYS.indexOf(text.toUpperCase());
  return i >= 0 ? i + 1 : undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant of an ISO date-time: with `Z` or an offset it is absolute; without, it is a local time in `timeZone`
 * ('2026-12-24T22:00' in Asia/Tokyo). `which` picks the instant of a local time the clocks show twice. Undefined when
 * it is not a date-time.
 */
export function parseDateTime(text: unknown, timeZone: string, which: 'first' | 'last' = 'first'): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const local = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s);
  // Date.UTC rolls 2026-02-30 over to March: a date that is not one is refused, not moved.
  const check = new Date(local);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23) return undefined;
  if (m[7]) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : t;
  }
  return zonedInstant(local - (local % MINUTE), timeZone, which) + (local % MINUTE);
}
