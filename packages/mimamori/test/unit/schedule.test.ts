// Unit tests for EventBridge schedule validation: valid rate()/cron() forms pass, invalid ones explain the fix.
import { describe, expect, it } from 'vitest';
import { scheduleIntervalMinutes, validateSchedule } from '../../src/check/schedule.ts';
import { parseSchedule } from '../../src/schedule/parse.ts';
import { firesAt } from '../../src/schedule/due.ts';

const VALID = [
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0/10 * * * ? *)',
    'cron(0 9 ? * MON-FRI *)',
    'cron(15 10 L * ? *)',
    'cron(0 10 * * ? *)',
    'cron(0 * ? * * *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 9 ? * MON#3 *)',
    'cron(0 9 ? * 6L *)',
    'cron(0 9 ? * L *)',
    'cron(0 9 15W * ? *)',
    'cron(0 9 LW * ? *)',
    'cron(*/15 * * * ? *)',
    'cron(0 10,15 * JAN,jul ? 2025-2030)',
    'cron(1-5/2 0 1/3 * ? *)',
];

describe('validateSchedule', () => {
  it.each(VALID)('accepts %s', (expr) => {
    expect(validateSchedule(expr)).toBeUndefined();
  });

  const invalid: [string, RegExp[]][] = [
    ['rate(5 minute)', [/plural/, /rate\(5 minutes\)/]],
    ['rate(1 minutes)', [/singular/, /rate\(1 minute\)/]],
    ['rate(2 hour)', [/rate\(2 hours\)/]],
    ['rate(0 minutes)', [/positive whole number/, /"0"/]],
    ['rate(-5 minutes)', [/positive whole number/]],
    ['rate(1.5 hours)', [/positive whole number/]],
    ['rate(5 seconds)', [/minute\(s\), hour\(s\) or day\(s\)/, /"seconds"/]],
    ['rate(5)', [/value and a unit/]],
    ['cron(* * * * *)', [/exactly 6 fields/, /got 5/, /year/]],
    ['cron(0 9 * * MON *)', [/cannot both be set/, /\?/]],
    ['cron(0 9 ? * ? *)', [/only one of day-of-month and day-of-week may be \?/]],
    ['cron(61 * * * ? *)', [/minutes field "61"/, /61 is out of range \(allowed: 0-59/]],
    ['cron(0 24 * * ? *)', [/hours field "24"/, /0-23/]],
    ['cron(0 0 32 * ? *)', [/day-of-month field "32"/, /1-31/]],
    ['cron(0 0 0 * ? *)', [/day-of-month field "0"/]],
    ['cron(0 0 * 13 ? *)', [/month field "13"/, /JAN-DEC/]],
    ['cron(0 0 ? * 8 *)', [/day-of-week field "8"/, /SUN-SAT/]],
    ['cron(0 0 ? * FUN *)', [/day-of-week field "FUN"/, /"FUN" is not a value \(allowed: 1-7 or SUN-SAT/]],
    ['cron(0 0 * * ? 1969)', [/year field "1969"/, /1970-2199/]],
    ['cron(? 0 * * ? *)', [/minutes field/, /only allowed in day-of-month or day-of-week/]],
    ['cron(0/0 * * * ? *)', [/increment "\/0"/]],
    ['cron(0 9 ? * MON/2 *)', [/cannot use \//]],
    ['cron(0 9 ? * MON#6 *)', [/week number 1-5/]],
    ['cron(0 9 ? * 2#1,6#3 *)', [/only one day#week/]],
    ['cron(0 9 L-2 * ? *)', [/L or W/]],
    ['cron(0 9 ? * L,MON *)', [/L or #/]],
    ['cron(0 9 ? * 3W *)', [/day-of-week field "3W"/]],
    ['cron(0 L * * ? *)', [/hours field "L"/]],
    ['every 5 minutes', [/expected rate\(value unit\) or cron\(/]],
    [' rate(5 minutes)', [/remove the spaces/]],
    ['', [/expected rate/]],
    // Ranges run upwards in EventBridge: one that wraps around is refused, with the two ranges that say it.
    ['cron(0 22-2 * * ? *)', [/hours field "22-2"/, /wraps around/, /22-23,0-2/]],
    ['cron(0/10 22-2 * * ? *)', [/hours field "22-2"/, /22-23,0-2/]],
    ['cron(0 9 ? * FRI-MON *)', [/day-of-week field "FRI-MON"/, /wraps around/, /FRI-SAT,SUN-MON/]],
    ['cron(0 9 ? * 6-2 *)', [/day-of-week field "6-2"/, /6-7,1-2/]],
    ['cron(0 9 28-3 * ? *)', [/day-of-month field "28-3"/, /28-31,1-3/]],
    ['cron(0 9 1 NOV-FEB ? *)', [/month field "NOV-FEB"/, /NOV-DEC,JAN-FEB/]],
    ['cron(50-10 * * * ? *)', [/minutes field "50-10"/, /50-59,0-10/]],
    ['cron(0 22-2/2 * * ? *)', [/hours field "22-2\/2"/, /22,0,2/]],
    ['cron(0 21-2/2 * * ? *)', [/21,23,1, or 21-23\/2,1-2\/2/]],
    ['cron(0 9 * * ? 2030-2025)', [/year field "2030-2025"/, /2025-2030/]],
  ];

  it.each(invalid)('rejects %s with a helpful message', (expr, patterns) => {
    const message = validateSchedule(expr);
    expect(message).toBeDefined();
    expect(message).toContain(`"${expr}" is not a valid schedule`);
    for (const pattern of patterns) expect(message).toMatch(pattern);
    // Every message shows valid examples to copy.
    expect(message).toContain('rate(5 minutes)');
    expect(message).toContain('cron(0/10 * * * ? *)');
  });

  it('rejects non-strings without throwing', () => {
    expect(validateSchedule(5 as unknown as string)).toMatch(/expected a string/);
  });
});

describe('parseSchedule: the one parsed form that validation and the dispatcher share', () => {
  it('expands cron fields to the values they match', () => {
    const { schedule } = parseSchedule('cron(0/20 8-10,22 ? * MON-FRI 2026-2027)');
    expect(schedule).toMatchObject({ kind: 'cron', dayOfMonth: { kind: 'any' }, dayOfWeek: { kind: 'days' } });
    if (schedule?.kind !== 'cron') throw new Error('not a cron');
    expect([...schedule.minutes]).toEqual([0, 20, 40]);
    expect([...schedule.hours]).toEqual([8, 9, 10, 22]);
    expect(schedule.dayOfWeek.kind === 'days' && [...schedule.dayOfWeek.days]).toEqual([2, 3, 4, 5, 6]);
    expect(schedule.months.size).toBe(12);
    expect([...schedule.years]).toEqual([2026, 2027]);
    expect(parseSchedule('cron(1-5/2 0 1/10 * ? *)').schedule).toMatchObject({ minutes: new Set([1, 3, 5]), dayOfMonth: { kind: 'days', days: new Set([1, 11, 21, 31]) } });
    expect(parseSchedule('cron(0 9 ? * MON#3 *)').schedule).toMatchObject({ dayOfWeek: { kind: 'nth', day: 2, nth: 3 } });
    expect(parseSchedule('cron(0 9 ? * fril *)').schedule).toMatchObject({ dayOfWeek: { kind: 'last-in-month', day: 6 } });
    expect(parseSchedule('cron(0 9 15W * ? *)').schedule).toMatchObject({ dayOfMonth: { kind: 'nearest-weekday', day: 15 } });
  });

  it('gives a rate its period', () => {
    expect(parseSchedule('rate(2 hours)').schedule).toEqual({ kind: 'rate', text: 'rate(2 hours)', value: 2, unit: 'hour', periodMinutes: 120 });
  });

  it('is what validation says: every valid expression evaluates, every refused one never fires', () => {
    const day = Array.from({ length: 1440 }, (_, i) => Date.parse('2026-01-05T00:00:00Z') + i * 60_000);
    for (const expr of VALID) {
      expect(parseSchedule(expr).error).toBeUndefined();
      expect(() => day.forEach((t) => firesAt(expr, 'c', t, 'Europe/London'))).not.toThrow();
    }
    for (const expr of ['cron(0 22-2 * * ? *)', 'cron(0 9 ? * FRI-MON *)', 'cron(0 9 * * MON *)']) {
      expect(parseSchedule(expr).error).toBe(validateSchedule(expr));
      expect(day.some((t) => firesAt(expr, 'c', t))).toBe(false);
    }
  });
});

describe('scheduleIntervalMinutes', () => {
  it.each([
    ['rate(1 minute)', 1],
    ['rate(5 minutes)', 5],
    ['rate(1 hour)', 60],
    ['rate(3 hours)', 180],
    ['rate(1 day)', 1440],
    ['rate(2 days)', 2880],
  ])('%s runs every %i minutes', (expr, minutes) => {
    expect(scheduleIntervalMinutes(expr)).toBe(minutes);
  });

  it('is undefined for cron() and invalid expressions', () => {
    expect(scheduleIntervalMinutes('cron(0/10 * * * ? *)')).toBeUndefined();
    expect(scheduleIntervalMinutes('rate(5 minute)')).toBeUndefined();
    expect(scheduleIntervalMinutes('every 5 minutes')).toBeUndefined();
  });
});
