// The dead-man alarm assumes a check result every 15 minutes: the gaps with no run due that the schedules leave, and
// the build's warning that names them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { clockChanges, deadManGaps, deadManWarning } from '../../src/schedule/dead-man.ts';
import { bundleFunction, scheduleWarning } from '../../src/build/functions.ts';
import type { ResolvedCheck } from '../../src/check/types.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString().slice(0, 16));
const from = at('2026-06-01T00:00:00Z'); // a Monday, no clock change in its week
const checks = (...schedules: string[]) => schedules.map((schedule, i) => ({ name: `check-${i}`, schedule }));

describe('deadManGaps', () => {
  it('finds none when some check is due at least every 15 minutes', () => {
    expect(deadManGaps(checks('rate(5 minutes)'), 'UTC', { from })).toEqual([]);
    expect(deadManGaps(checks('rate(15 minutes)'), 'UTC', { from })).toEqual([]);
    expect(deadManGaps(checks('cron(0/15 * * * ? *)'), 'America/New_York', { from: at('2026-01-05T00:00:00Z') }).filter((g) => !g.clockChange)).toEqual([]);
    // Two hourly checks at :00 and :30 still leave 30 minutes; four at :00, :15, :30, :45 do not.
    expect(deadManGaps(checks('cron(0 * * * ? *)', 'cron(30 * * * ? *)'), 'UTC', { from })).toHaveLength(7 * 48);
    expect(deadManGaps(checks('cron(0 * * * ? *)', 'cron(15 * * * ? *)', 'cron(30 * * * ? *)', 'cron(45 * * * ? *)'), 'UTC', { from })).toEqual([]);
  });

  it('finds every stretch longer than 15 minutes: rate(16 minutes) leaves 16', () => {
    const gaps = deadManGaps(checks('rate(16 minutes)'), 'UTC', { from });
    expect(gaps.length).toBeGreaterThan(600);
    expect(new Set(gaps.map((g) => g.minutes))).toEqual(new Set([16]));
  });

  it('finds the night and the weekend of business-hours checks', () => {
    const gaps = deadManGaps(checks('cron(0/5 8-17 ? * MON-FRI *)'), 'UTC', { from });
    expect(gaps.map((g) => [iso(g.after), iso(g.before), g.minutes])).toEqual([
      ['2026-05-29T17:55', '2026-06-01T08:00', 62 * 60 + 5], // the weekend before, reaching into the week
      ['2026-06-01T17:55', '2026-06-02T08:00', 14 * 60 + 5],
      ['2026-06-02T17:55', '2026-06-03T08:00', 14 * 60 + 5],
      ['2026-06-03T17:55', '2026-06-04T08:00', 14 * 60 + 5],
      ['2026-06-04T17:55', '2026-06-05T08:00', 14 * 60 + 5],
      ['2026-06-05T17:55', '2026-06-08T08:00', 62 * 60 + 5],
    ]);
  });

  it('finds the hour a sub-hourly cron stops when the clocks go back, as EventBridge Scheduler runs it', () => {
    // New York, 1 Nov 2026: 01:00–01:45 EDT run; their repeats in EST do not; 02:00 EST is 75 minutes after 01:45 EDT.
    const gaps = deadManGaps(checks('cron(0/15 * * * ? *)'), 'America/New_York', { from });
    expect(gaps.map((g) => [iso(g.after), iso(g.before), g.minutes, iso(g.clockChange)])).toEqual([
      ['2026-11-01T05:45', '2026-11-01T07:00', 75, '2026-11-01T06:00'],
    ]);
    // In spring the skipped hour costs nothing: 01:45 EST to 03:00 EDT is 15 minutes.
    // rate() is a duration, and Tokyo has no daylight saving: no gap.
    expect(deadManGaps(checks('rate(15 minutes)'), 'America/New_York', { from })).toEqual([]);
    expect(deadManGaps(checks('cron(0/15 * * * ? *)'), 'Asia/Tokyo', { from })).toEqual([]);
  });

  it('does not report again, on the day the clocks change, a gap the week shows every day', () => {
    const gaps = deadManGaps(checks('cron(0/10 6-23 * * ? *)'), 'America/New_York', { from });
    expect(gaps.every((g) => g.clockChange === undefined && g.minutes === 370)).toBe(true);
  });

  it('reports a week with nothing due', () => {
    expect(deadManGaps([], 'UTC', { from })).toEqual([{ minutes: 3 * 7 * 1440 }]);
    expect(deadManGaps(checks('cron(0 9 1 JAN ? *)'), 'UTC', { from })).toEqual([{ minutes: 3 * 7 * 1440 }]);
  });
});

describe('clockChanges', () => {
  it('finds the instants a zone changes its offset, to the minute', () => {
    const year = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')] as const;
    expect(clockChanges(...year, 'America/New_York').map(iso)).toEqual(['2026-03-08T07:00', '2026-11-01T06:00']);
    expect(clockChanges(...year, 'Europe/London').map(iso)).toEqual(['2026-03-29T01:00', '2026-10-25T01:00']);
    // Lord Howe moves its clocks by half an hour, at 02:00 local.
    expect(clockChanges(...year, 'Australia/Lord_Howe').map(iso)).toEqual(['2026-04-04T15:00', '2026-10-03T15:30']);
    expect(clockChanges(...year, 'Asia/Tokyo')).toEqual([]);
    expect(clockChanges(...year, 'UTC')).toEqual([]);
  });
});

describe('deadManWarning', () => {
  it('says nothing when the assumption holds', () => {
    expect(deadManWarning(checks('rate(5 minutes)', 'cron(0 9 ? * MON-FRI *)'), 'UTC', { from })).toBeUndefined();
  });

  it('names the windows with no run due, in the schedules\' time zone', () => {
    const warning = deadManWarning(checks('cron(0/10 0,6-23 * * ? *)'), 'UTC', { from })!;
    expect(warning).toContain('the dead-man alarm (NoResultsAlarm) assumes a check result at least every 15 minutes, but no check is due between 00:50 and 06:00 UTC every day (5 h 10 min)');
    expect(warning).toMatch(/rate\(5 minutes\)/);
    const business = deadManWarning(checks('cron(0/5 8-17 ? * MON-FRI *)'), 'Europe/Berlin', { from })!;
    expect(business).toContain('between 17:55 and 08:00 Europe/Berlin time on Mon, Tue, Wed and Thu (14 h 5 min)');
    expect(business).toContain('from Fri 17:55 to Mon 08:00 Europe/Berlin time (62 h)');
    expect(business.match(/from Fri/g)).toHaveLength(1); // the weekend at both ends of the week, named once
  });

  it('sums up the many gaps of a check every hour in one clause', () => {
    expect(deadManWarning(checks('rate(1 hour)'), 'UTC', { from })).toMatch(/no check is due for 60 min at a time, at 24 times of day \(like between \d\d:\d\d and \d\d:\d\d UTC\)\. /);
  });

  it('names a gap the clocks make with its date', () => {
    expect(deadManWarning(checks('cron(0/15 * * * ? *)'), 'America/New_York', { from }))
      .toContain('no check is due on Sun 1 Nov 2026, when the clocks go back, between 01:45 and 02:00 America/New_York time (75 min)');
  });

  it('warns when no check has a schedule', () => {
    expect(deadManWarning([], 'UTC', { from })).toMatch(/no check has a schedule: it will be in alarm from the start/);
  });
});

describe('the build warns', () => {
  const check = (name: string, schedule?: string) => ({ name, file: `checks/${name}.check.ts`, schedule }) as unknown as ResolvedCheck;
  it('from the checks compiled in and the config time zone', () => {
    const input = { config: { scheduleTimeZone: 'UTC' }, checks: [check('a', 'cron(0/10 0,6-23 * * ? *)'), check('b')], checkFiles: [] };
    expect(scheduleWarning(input, from)).toContain('between 00:50 and 06:00 UTC every day');
    expect(scheduleWarning({ ...input, checks: [check('a', 'rate(5 minutes)')] }, from)).toBeUndefined();
  });

  it('when the dispatcher is bundled: on stderr, and the bundle is still built', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = await mkdtemp(join(tmpdir(), 'mimamori-dead-man-'));
    try {
      expect(await bundleFunction('dispatcher', out, { config: {}, checks: [], checkFiles: [] })).toMatch(/dispatcher\.js$/);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toMatch(/^Warning: the dead-man alarm \(NoResultsAlarm\) assumes .* no check has a schedule/m);
    } finally {
      stderr.mockRestore();
      await rm(out, { recursive: true, force: true });
    }
  }, 30_000);
});
