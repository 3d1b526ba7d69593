// The dispatcher's due-time logic: rate and cron expressions, time zones, spreading, and missed ticks.
import { describe, expect, it } from 'vitest';
import { firesAt, latestDue, spreadMinutes } from '../../src/schedule/due.ts';

const at = (iso: string) => Date.parse(iso);
/** The minutes of one UTC day (or a span) at which an expression fires, as HH:MM. */
function fires(expr: string, fromIso: string, minutes: number, timeZone = 'UTC', name = 'check'): string[] {
  const out: string[] = [];
  for (let i = 0; i < minutes; i++) {
    const t = at(fromIso) + i * 60_000;
    if (firesAt(expr, name, t, timeZone)) out.push(new Date(t).toISOString().slice(0, 16));
  }
  return out;
}

describe('rate()', () => {
  it('fires every n minutes, spread by the check name', () => {
    const offset = spreadMinutes('homepage', 5);
    const times = fires('rate(5 minutes)', '2026-11-29T00:00:00Z', 30, 'UTC', 'homepage');
    expect(times).toHaveLength(6);
    expect(times.map((t) => Number(t.slice(-2)) % 5)).toEqual(Array(6).fill(offset));
  });

  it('spreads many checks over the interval instead of one minute', () => {
    const offsets = new Set(Array.from({ length: 50 }, (_, i) => spreadMinutes(`check-${i}`, 5)));
    expect(offsets.size).toBe(5);
  });

  it('handles hours and days', () => {
    expect(fires('rate(1 hour)', '2026-11-29T00:00:00Z', 180)).toHaveLength(3);
    expect(fires('rate(1 day)', '2026-11-29T00:00:00Z', 1440)).toHaveLength(1);
    expect(fires('rate(1 minute)', '2026-11-29T00:00:00Z', 7)).toHaveLength(7);
  });
});

describe('cron()', () => {
  it('fires on increments: cron(0/10 * * * ? *)', () => {
    expect(fires('cron(0/10 * * * ? *)', '2026-11-29T10:00:00Z', 60).map((t) => t.slice(11))).toEqual(['10:00', '10:10', '10:20', '10:30', '10:40', '10:50']);
  });

  it('fires on weekdays at 9:00 in the given time zone', () => {
    // Monday 30 Nov 2026, 09:00 in Tokyo is 00:00 UTC.
    expect(fires('cron(0 9 ? * MON-FRI *)', '2026-11-29T20:00:00Z', 8 * 60, 'Asia/Tokyo')).toEqual(['2026-11-30T00:00']);
    // Sunday in Tokyo: nothing.
    expect(fires('cron(0 9 ? * MON-FRI *)', '2026-11-28T20:00:00Z', 8 * 60, 'Asia/Tokyo')).toEqual([]);
    // The same expression in UTC fires at 09:00 UTC.
    expect(fires('cron(0 9 ? * MON-FRI *)', '2026-11-30T00:00:00Z', 12 * 60)).toEqual(['2026-11-30T09:00']);
  });

  it('follows daylight saving time in zones that have it', () => {
    // New York: 08:00 local is 13:00 UTC in winter (EST) and 12:00 UTC in summer (EDT).
    expect(fires('cron(0 8 * * ? *)', '2026-01-15T00:00:00Z', 1440, 'America/New_York')).toEqual(['2026-01-15T13:00']);
    expect(fires('cron(0 8 * * ? *)', '2026-07-15T00:00:00Z', 1440, 'America/New_York')).toEqual(['2026-07-15T12:00']);
  });

  // EventBridge Scheduler: a local time skipped by spring-forward is not run that day; a local time repeated by
  // fall-back runs once, at its first occurrence (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time).
  describe('across daylight-saving changes, as EventBridge Scheduler runs a cron in a time zone', () => {
    /** The UTC minutes at which `expr` fires during the local calendar day `date` in `timeZone`. */
    function onLocalDay(expr: string, timeZone: string, date: string): string[] {
      const localDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      return fires(expr, new Date(at(`${date}T00:00:00Z`) - 16 * 3_600_000).toISOString(), 56 * 60, timeZone)
        .filter((t) => localDate.format(at(`${t}Z`)) === date);
    }

    it('Europe/London 01:30: not run on the spring-forward day (01:00 → 02:00), run once on the fall-back day (02:00 → 01:00)', () => {
      expect(onLocalDay('cron(30 1 * * ? *)', 'Europe/London', '2026-03-28')).toEqual(['2026-03-28T01:30']);
      expect(onLocalDay('cron(30 1 * * ? *)', 'Europe/London', '2026-03-29')).toEqual([]);
      expect(onLocalDay('cron(30 1 * * ? *)', 'Europe/London', '2026-03-30')).toEqual(['2026-03-30T00:30']);
      // 01:30 happens twice on 25 Oct 2026: at 00:30 UTC (BST) and 01:30 UTC (GMT). It runs at the first only.
      expect(onLocalDay('cron(30 1 * * ? *)', 'Europe/London', '2026-10-25')).toEqual(['2026-10-25T00:30']);
      expect(onLocalDay('cron(30 1 * * ? *)', 'Europe/London', '2026-10-26')).toEqual(['2026-10-26T01:30']);
    });

    it('America/New_York: 02:30 is skipped on 8 Mar and runs once on 1 Nov; 01:30 runs once on both days', () => {
      expect(onLocalDay('cron(30 2 * * ? *)', 'America/New_York', '2026-03-08')).toEqual([]);
      expect(onLocalDay('cron(30 2 * * ? *)', 'America/New_York', '2026-03-09')).toEqual(['2026-03-09T06:30']);
      expect(onLocalDay('cron(30 2 * * ? *)', 'America/New_York', '2026-11-01')).toEqual(['2026-11-01T07:30']);
      expect(onLocalDay('cron(30 1 * * ? *)', 'America/New_York', '2026-03-08')).toEqual(['2026-03-08T06:30']);
      // 01:30 EDT (05:30 UTC), not again at 01:30 EST (06:30 UTC).
      expect(onLocalDay('cron(30 1 * * ? *)', 'America/New_York', '2026-11-01')).toEqual(['2026-11-01T05:30']);
    });

    it('a sub-hourly cron does not repeat the fall-back hour either: each local time runs once', () => {
      // 01:00–01:45 EDT run; the same local times in EST (06:00–06:45 UTC) do not; 02:00 EST (07:00 UTC) does.
      expect(fires('cron(0/15 * * * ? *)', '2026-11-01T05:00:00Z', 150, 'America/New_York').map((t) => t.slice(11)))
        .toEqual(['05:00', '05:15', '05:30', '05:45', '07:00', '07:15']);
      // rate() is a duration, not a wall-clock time: unaffected.
      expect(fires('rate(15 minutes)', '2026-11-01T05:00:00Z', 150, 'America/New_York')).toHaveLength(10);
    });

    it('Asia/Tokyo has no daylight saving: once a day on those dates', () => {
      for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
        expect(onLocalDay('cron(30 1 * * ? *)', 'Asia/Tokyo', date)).toHaveLength(1);
        expect(onLocalDay('cron(30 2 * * ? *)', 'Asia/Tokyo', date)).toHaveLength(1);
      }
    });

    it('latestDue does not hand the dispatcher the repeated 01:30 as a second run', () => {
      expect(latestDue('cron(30 1 * * ? *)', 'c', at('2026-11-01T05:31:00Z'), 4, 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
      expect(latestDue('cron(30 1 * * ? *)', 'c', at('2026-11-01T06:31:00Z'), 4, 'America/New_York')).toBeUndefined();
    });
  });

  it('understands L, W and # days', () => {
    const days = (expr: string) => {
      const out: string[] = [];
      for (let d = 0; d < 90; d++) { // 1 Jan – 31 Mar 2026
        const t = at('2026-01-01T00:00:00Z') + d * 86_400_000;
        if (firesAt(expr, 'c', t)) out.push(new Date(t).toISOString().slice(0, 10));
      }
      return out;
    };
    expect(days('cron(0 0 L * ? *)')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(days('cron(0 0 ? * MON#1 *)')).toEqual(['2026-01-05', '2026-02-02', '2026-03-02']);
    expect(days('cron(0 0 ? * FRIL *)')).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    // The 1st of Feb 2026 is a Sunday: 1W is Monday the 2nd; 31 Jan 2026 is a Saturday: LW is Friday the 30th.
    expect(days('cron(0 0 1W * ? *)')).toEqual(['2026-01-01', '2026-02-02', '2026-03-02']);
    expect(days('cron(0 0 LW * ? *)')).toEqual(['2026-01-30', '2026-02-27', '2026-03-31']);
  });

  it('matches month names, lists and a year', () => {
    expect(fires('cron(30 6 1 JAN,JUL ? 2027)', '2027-07-01T06:00:00Z', 60)).toEqual(['2027-07-01T06:30']);
    expect(fires('cron(30 6 1 JAN,JUL ? 2026)', '2027-07-01T06:00:00Z', 60)).toEqual([]);
  });
});

describe('latestDue', () => {
  it('finds the minute that is due now', () => {
    expect(latestDue('cron(0/10 * * * ? *)', 'c', at('2026-11-29T10:20:30Z'))).toBe(at('2026-11-29T10:20:00Z'));
  });

  it('catches up a missed tick within the lookback, once', () => {
    // The 10:20 tick was missed; at 10:23 the check is still due for 10:20.
    expect(latestDue('cron(0/10 * * * ? *)', 'c', at('2026-11-29T10:23:05Z'))).toBe(at('2026-11-29T10:20:00Z'));
    // After the lookback it is not run late.
    expect(latestDue('cron(0/10 * * * ? *)', 'c', at('2026-11-29T10:26:00Z'))).toBeUndefined();
    // Several missed minutes of rate(1 minute) give one run: the latest.
    expect(latestDue('rate(1 minute)', 'c', at('2026-11-29T10:26:00Z'))).toBe(at('2026-11-29T10:26:00Z'));
  });
});
