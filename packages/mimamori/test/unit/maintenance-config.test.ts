// The config's `maintenance` windows validated: every problem at once, each with the config file and its field.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/check/validate.ts';

const FILE = 'mimamori.config.ts';
const problems = (maintenance: unknown, extra: object = {}) => validateConfig({ maintenance, ...extra }, FILE).map((p) => `${p.field}: ${p.message}`);

describe('maintenance in the config', () => {
  it('accepts each kind of window, with and without the calendar', () => {
    expect(validateConfig({
      slack: { timeZone: 'Asia/Tokyo' },
      maintenance: [
        { name: 'weekend', when: { days: ['SAT', 'SUN'], from: '22:00', to: '06:00' }, mode: 'silence' },
        { name: 'whole days', when: { from: '00:00', to: '24:00' }, mode: 'pause', checks: ['checkout'], tags: ['shop'] },
        { name: 'backup', when: { cron: 'cron(0 3 ? * SUN *)', duration: '1h30m' }, timeZone: 'Europe/Berlin', mode: 'pause' },
        { name: 'xmas', when: { start: '2026-12-24T22:00', end: '2026-12-25T06:00+09:00' }, mode: 'pause' },
        { name: 'holidays', calendar: 'jp-holidays', mode: 'silence' },
      ],
    }, FILE)).toEqual([]);
  });

  it('names the file and the field of every problem, all at once', () => {
    const found = validateConfig({ maintenance: [{ name: 'a', when: { days: ['SATURDAY'], from: '25:00', to: '06:00' }, mode: 'mute', colour: 'red' }] }, FILE);
    expect(found.every((p) => p.file === FILE)).toBe(true);
    expect(found.map((p) => p.field).sort()).toEqual(['maintenance[0].colour', 'maintenance[0].mode', 'maintenance[0].when.days', 'maintenance[0].when.from']);
    expect(found.find((p) => p.field === 'maintenance[0].colour')!.message).toMatch(/^unknown option 'colour' \(known: name, when, timeZone, calendar, mode, checks, tags\)/);
    expect(found.find((p) => p.field === 'maintenance[0].mode')!.message).toBe("must be one of 'pause', 'silence', got \"mute\"");
  });

  it('refuses a when that mixes kinds, an empty daily window, a rate() and a duration it cannot read', () => {
    expect(problems([{ name: 'a', when: { days: ['SAT'], from: '22:00', to: '06:00', cron: 'cron(0 3 * * ? *)' }, mode: 'pause' }]))
      .toEqual([expect.stringMatching(/^maintenance\[0\]\.when\.cron: unknown option 'cron' for a window \{ days/)]);
    expect(problems([{ name: 'a', when: { from: '22:00', to: '22:00' }, mode: 'pause' }]))
      .toEqual([expect.stringMatching(/^maintenance\[0\]\.when\.to: is the same as from \("22:00"\).*from '00:00' to '24:00'/)]);
    expect(problems([{ name: 'a', when: { cron: 'rate(1 hour)', duration: '2 hours' }, mode: 'pause' }])).toEqual([
      'maintenance[0].when.cron: must be a cron(...) expression: a window starts at a time of day, which rate() does not have',
      expect.stringMatching(/^maintenance\[0\]\.when\.duration: must be a duration like '30m', '2h'.*got "2 hours"/),
    ]);
    expect(problems([{ name: 'a', when: { cron: 'cron(0 3 * * * *)', duration: '32d' }, mode: 'pause' }])).toEqual([
      expect.stringMatching(/^maintenance\[0\]\.when\.cron: "cron\(0 3 \* \* \* \*\)" is not a valid schedule: day-of-month and day-of-week cannot both be set/),
      expect.stringMatching(/^maintenance\[0\]\.when\.duration: .*at most 31d/),
    ]);
    expect(problems([{ name: 'a', when: { sometimes: true }, mode: 'pause' }])).toEqual([expect.stringMatching(/^maintenance\[0\]\.when: must be one of \{ days.*got keys 'sometimes'$/)]);
  });

  it('refuses a one-off window that ends before it starts, or a date that is none, read in its zone', () => {
    // 10:00 in Tokyo is 01:00 UTC: before the start.
    expect(problems([{ name: 'a', when: { start: '2026-12-24T02:00Z', end: '2026-12-24T10:00' }, timeZone: 'Asia/Tokyo', mode: 'pause' }]))
      .toEqual(['maintenance[0].when.end: (2026-12-24T10:00) must be after start (2026-12-24T02:00Z)']);
    expect(problems([{ name: 'a', when: { start: '2026-02-30T02:00', end: 'tomorrow' }, mode: 'pause' }])).toEqual([
      expect.stringMatching(/^maintenance\[0\]\.when\.start: must be an ISO date-time like/),
      expect.stringMatching(/^maintenance\[0\]\.when\.end: must be an ISO date-time like/),
    ]);
  });

  it('needs a name, a mode, and a when or a calendar; names unique; only the calendars it knows', () => {
    expect(problems([{}, { name: 'x', mode: 'pause', calendar: 'us-holidays' }, { name: 'x', mode: 'pause', when: { from: '01:00', to: '02:00' } }])).toEqual([
      'maintenance[0].name: is required',
      expect.stringMatching(/^maintenance\[0\]\.mode: is required: 'pause'/),
      expect.stringMatching(/^maintenance\[0\]\.when: is required \(unless calendar gives the days\)/),
      "maintenance[1].calendar: must be one of 'jp-holidays', got \"us-holidays\"",
      "maintenance: name 'x' is used by more than one window; names must be unique",
    ]);
    expect(problems({ name: 'x' })).toEqual([expect.stringMatching(/^maintenance: must be an array of \{ name, when, mode \}/)]);
    expect(problems([{ name: 'a', when: { from: '01:00', to: '02:00' }, mode: 'pause', timeZone: 'Mars/Olympus', checks: 'checkout' }])).toEqual([
      expect.stringMatching(/^maintenance\[0\]\.timeZone: is not a known IANA time zone/),
      expect.stringMatching(/^maintenance\[0\]\.checks: must be an array of non-empty strings/),
    ]);
  });
});
