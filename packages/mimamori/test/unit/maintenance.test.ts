// Maintenance windows evaluated: overnight windows, daylight saving, cron windows, Japanese holidays, which checks a
// window covers, pause over silence, back-to-back windows joined, and the next windows `validate` shows.
import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../src/check/types.ts';
import { firesAt } from '../../src/schedule/due.ts';
import { quietAt } from '../../src/maintenance/quiet.ts';
import { nextWindows } from '../../src/maintenance/next-windows.ts';
import { resolveMaintenance, type ResolvedMaintenanceWindow } from '../../src/maintenance/resolve.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
const win = (w: Partial<MaintenanceWindow>, timeZone = 'UTC'): ResolvedMaintenanceWindow => ({ name: 'w', mode: 'pause', ...w, timeZone } as ResolvedMaintenanceWindow);
const check = { name: 'checkout', tags: ['shop'] };
const span = (q: { since: number; until: number } | undefined) => q && `${iso(q.since)} → ${iso(q.until)}`;
const spans = (list: { start: number; end: number }[]) => list.map((i) => `${iso(i.start)} → ${iso(i.end)}`);

describe('an overnight window (to earlier than from)', () => {
  // 2026-12-04 is a Friday.
  const friday = [win({ name: 'deploy', when: { days: ['FRI'], from: '22:00', to: '06:00' } })];

  it('runs from the day it starts past midnight: Friday 22:00 to Saturday 06:00', () => {
    expect(quietAt(friday, check, at('2026-12-04T21:59Z'))).toBeUndefined();
    const q = quietAt(friday, check, at('2026-12-04T22:00Z'));
    expect(q).toEqual({ mode: 'pause', source: 'maintenance', name: 'deploy', since: at('2026-12-04T22:00Z'), until: at('2026-12-05T06:00Z') });
    expect(span(quietAt(friday, check, at('2026-12-05T05:59Z')))).toBe('2026-12-04T22:00Z → 2026-12-05T06:00Z');
    expect(quietAt(friday, check, at('2026-12-05T06:00Z'))).toBeUndefined();
  });

  it('belongs to the day it starts: Saturday night and the night before Friday are not in it', () => {
    expect(quietAt(friday, check, at('2026-12-05T23:00Z'))).toBeUndefined();
    expect(quietAt(friday, check, at('2026-12-04T03:00Z'))).toBeUndefined(); // Thursday night into Friday
  });
});

describe('daylight saving: a window is wall-clock time in its zone', () => {
  const ny = (w: Partial<MaintenanceWindow>) => win(w, 'America/New_York');

  it('is an hour shorter overnight when the clocks go forward (New York, 14 March 2027)', () => {
    const w = ny({ when: { days: ['SAT'], from: '22:00', to: '06:00' } });
    // Saturday 22:00 EST (UTC−5) to Sunday 06:00 EDT (UTC−4): 7 hours.
    expect(spans(nextWindows(w, at('2027-03-10T00:00Z'), 1))).toEqual(['2027-03-14T03:00Z → 2027-03-14T10:00Z']);
    expect(span(quietAt([w], check, at('2027-03-14T09:59Z')))).toBe('2027-03-14T03:00Z → 2027-03-14T10:00Z');
    expect(quietAt([w], check, at('2027-03-14T10:00Z'))).toBeUndefined();
  });

  it('is an hour longer overnight when the clocks go back (New York, 7 November 2027)', () => {
    const w = ny({ when: { days: ['SAT'], from: '22:00', to: '06:00' } });
    // Saturday 22:00 EDT to Sunday 06:00 EST: 9 hours.
    expect(spans(nextWindows(w, at('2027-11-03T00:00Z'), 1))).toEqual(['2027-11-07T02:00Z → 2027-11-07T11:00Z']);
  });

  it('starts when the clocks jump over a start they skip, and covers both passes of a repeated hour', () => {
    const skipped = ny({ when: { days: ['SUN'], from: '02:30', to: '03:30' } });
    expect(spans(nextWindows(skipped, at('2027-03-13T00:00Z'), 1))).toEqual(['2027-03-14T07:00Z → 2027-03-14T07:30Z']);
    const repeated = ny({ when: { days: ['SUN'], from: '01:00', to: '01:45' } });
    // 01:00 EDT (first pass) to 01:45 EST (second pass).
    expect(spans(nextWindows(repeated, at('2027-11-06T00:00Z'), 1))).toEqual(['2027-11-07T05:00Z → 2027-11-07T06:45Z']);
  });

  it("holds in Europe/Berlin too: 01:00–04:00 on 28 March 2027 is two hours long, the next day three", () => {
    const w = win({ when: { from: '01:00', to: '04:00' } }, 'Europe/Berlin');
    expect(spans(nextWindows(w, at('2027-03-27T12:00Z'), 2))).toEqual(['2027-03-28T00:00Z → 2027-03-28T02:00Z', '2027-03-28T23:00Z → 2027-03-29T02:00Z']);
  });
});

describe('a cron window', () => {
  it('opens when the cron fires in the window\'s zone and lasts its duration', () => {
    const w = win({ name: 'backup', mode: 'silence', when: { cron: 'cron(0 3 ? * SUN *)', duration: '2h' } }, 'Asia/Tokyo');
    // Sunday 6 December 2026 03:00 JST = Saturday 18:00 UTC.
    expect(span(quietAt([w], check, at('2026-12-05T19:30Z')))).toBe('2026-12-05T18:00Z → 2026-12-05T20:00Z');
    expect(quietAt([w], check, at('2026-12-05T20:00Z'))).toBeUndefined();
  });

  it('starts exactly when a check with that schedule would run: not at a local time the clocks skip', () => {
    const w = win({ when: { cron: 'cron(30 2 ? * SUN *)', duration: '1h' } }, 'America/New_York');
    const starts = nextWindows(w, at('2027-03-01T00:00Z'), 3).map((i) => i.start);
    expect(starts.map(iso)).toEqual(['2027-03-07T07:30Z', '2027-03-21T06:30Z', '2027-03-28T06:30Z']);
    for (const s of starts) expect(firesAt('cron(30 2 ? * SUN *)', 'x', s, 'America/New_York')).toBe(true);
    expect(firesAt('cron(30 2 ? * SUN *)', 'x', at('2027-03-14T07:30Z'), 'America/New_York')).toBe(false);
  });
});

describe("calendar: 'jp-holidays'", () => {
  const [holidays] = resolveMaintenance({ maintenance: [{ name: 'holidays', mode: 'silence', calendar: 'jp-holidays' }] });

  it('is Asia/Tokyo by default and covers each holiday as a whole day there (New Year 2027)', () => {
    expect(holidays!.timeZone).toBe('Asia/Tokyo');
    const q = quietAt([holidays!], check, at('2027-01-01T03:00Z'));
    expect(q).toEqual({ mode: 'silence', source: 'maintenance', name: 'holidays', since: at('2026-12-31T15:00Z'), until: at('2027-01-01T15:00Z') });
    expect(quietAt([holidays!], check, at('2027-01-01T15:00Z'))).toBeUndefined(); // Saturday 2 January is no holiday
  });

  it('joins the Golden Week holidays back to back: 3–5 May 2027 is one stretch, Sunday 2 May is not in it', () => {
    expect(span(quietAt([holidays!], check, at('2027-05-03T01:00Z')))).toBe('2027-05-02T15:00Z → 2027-05-05T15:00Z');
    expect(quietAt([holidays!], check, at('2027-05-02T03:00Z'))).toBeUndefined();
    expect(nextWindows(holidays!, at('2027-04-28T00:00Z'), 2).map((i) => i.note)).toEqual(['昭和の日 Showa Day', expect.stringContaining('憲法記念日 Constitution Memorial Day')]);
  });

  it('adds the holidays to `when`: a weekend window with the calendar runs from New Year\'s Day to Monday', () => {
    const [w] = resolveMaintenance({ maintenance: [{ name: 'closed', mode: 'pause', calendar: 'jp-holidays', when: { days: ['SAT', 'SUN'], from: '00:00', to: '24:00' } }] });
    expect(span(quietAt([w!], check, at('2027-01-01T03:00Z')))).toBe('2026-12-31T15:00Z → 2027-01-03T15:00Z');
  });
});

describe('which window wins, and for whom', () => {
  const windows = [
    win({ name: 'quiet evening', mode: 'silence', when: { from: '08:00', to: '10:00' } }),
    win({ name: 'db upgrade', mode: 'pause', when: { from: '10:00', to: '12:00' } }),
    win({ name: 'all day', mode: 'silence', when: { from: '09:00', to: '11:00' } }),
  ];

  it('pauses when a pause and a silence are both open, until the pause ends', () => {
    expect(quietAt(windows, check, at('2026-12-06T10:30Z'))).toEqual({
      mode: 'pause', source: 'maintenance', name: 'db upgrade', since: at('2026-12-06T10:00Z'), until: at('2026-12-06T12:00Z'),
    });
  });

  it('silences until every window back to back has ended, a pause after it included', () => {
    const q = quietAt(windows, check, at('2026-12-06T09:30Z'));
    expect(q).toMatchObject({ mode: 'silence', name: 'quiet evening' });
    expect(span(q)).toBe('2026-12-06T08:00Z → 2026-12-06T12:00Z');
  });

  it('joins pause windows back to back into one quiet: Saturday 22:00–24:00 then Sunday 00:00–06:00', () => {
    const nights = [
      win({ name: 'late saturday', when: { days: ['SAT'], from: '22:00', to: '24:00' } }),
      win({ name: 'early sunday', when: { days: ['SUN'], from: '00:00', to: '06:00' } }),
    ];
    // 2026-12-05 is a Saturday.
    expect(quietAt(nights, check, at('2026-12-05T23:00Z'))).toMatchObject({ name: 'late saturday', since: at('2026-12-05T22:00Z'), until: at('2026-12-06T06:00Z') });
    expect(quietAt(nights, check, at('2026-12-06T01:00Z'))).toMatchObject({ name: 'early sunday', since: at('2026-12-05T22:00Z'), until: at('2026-12-06T06:00Z') });
  });

  it('follows a window that never closes a month ahead, and no further', () => {
    const now = at('2026-12-06T12:00Z');
    const q = quietAt([win({ when: { from: '00:00', to: '24:00' } })], check, now)!;
    expect(q.until - now).toBeGreaterThanOrEqual(31 * 86_400_000);
    expect(q.until - now).toBeLessThanOrEqual(40 * 86_400_000);
    expect(quietAt([], check, now)).toBeUndefined();
  });

  it('covers the checks a window names or tags, and every check when it names none', () => {
    const named = win({ name: 'named', checks: ['checkout'], when: { from: '00:00', to: '24:00' } });
    const tagged = win({ name: 'tagged', tags: ['blog'], when: { from: '00:00', to: '24:00' } });
    const now = at('2026-12-06T12:00Z');
    expect(quietAt([named], check, now)?.name).toBe('named');
    expect(quietAt([named], { name: 'home' }, now)).toBeUndefined();
    expect(quietAt([tagged], { name: 'home', tags: ['blog'] }, now)?.name).toBe('tagged');
    expect(quietAt([tagged], check, now)).toBeUndefined();
    // Names compare as NFC: café typed decomposed is the same check.
    expect(quietAt([win({ checks: ['cafe\u0301'], when: { from: '00:00', to: '24:00' } })], { name: 'caf\u00e9' }, now)).toBeDefined();
  });
});

describe('nextWindows', () => {
  it('lists the next three, the one open now first, days that touch joined into one window', () => {
    const weekend = win({ when: { days: ['SAT', 'SUN'], from: '00:00', to: '24:00' } });
    expect(spans(nextWindows(weekend, at('2026-12-06T12:00Z')))).toEqual([
      '2026-12-05T00:00Z → 2026-12-07T00:00Z', '2026-12-12T00:00Z → 2026-12-14T00:00Z', '2026-12-19T00:00Z → 2026-12-21T00:00Z',
    ]);
  });

  it('gives a one-off window (local times in its zone) once, and none once it is over', () => {
    const once = win({ when: { start: '2026-12-24T22:00', end: '2026-12-25T06:00' } }, 'Asia/Tokyo');
    expect(spans(nextWindows(once, at('2026-12-06T00:00Z')))).toEqual(['2026-12-24T13:00Z → 2026-12-24T21:00Z']);
    expect(nextWindows(once, at('2026-12-25T00:00Z'))).toEqual([]);
  });
});
