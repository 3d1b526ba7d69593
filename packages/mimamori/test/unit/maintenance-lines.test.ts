// What `validate` and a local `check` say about maintenance windows, at an injected `now`.
import { describe, expect, it } from 'vitest';
import { maintenanceReport, pauseDeadManWarnings, pauseNotes, unknownWindowChecks } from '../../src/cli/maintenance-lines.ts';
import { resolveMaintenance } from '../../src/maintenance/resolve.ts';

const NOW = Date.parse('2026-12-06T09:00:00Z'); // Sunday 18:00 in Tokyo
const windows = resolveMaintenance({
  slack: { timeZone: 'Asia/Tokyo' },
  maintenance: [
    { name: 'shop deploy', when: { days: ['FRI'], from: '22:00', to: '06:00' }, mode: 'pause', tags: ['shop'] },
    { name: 'holidays', calendar: 'jp-holidays', mode: 'silence' },
    { name: 'us night', when: { from: '22:00', to: '06:00' }, timeZone: 'America/New_York', mode: 'pause', checks: ['checkout'] },
    { name: 'migration', when: { start: '2026-11-01T01:00', end: '2026-11-01T02:00' }, mode: 'pause' },
  ],
});

describe('validate: the next three windows of each, in its zone', () => {
  it('lists each window, what it covers, its zone and its next three openings with the zone\'s offset', () => {
    expect(maintenanceReport(windows, NOW)).toEqual([
      'Maintenance windows (the next 3 of each):',
      '  shop deploy — pause: the deployed monitor does not run tags shop; Asia/Tokyo',
      '    Fri 2026-12-11 22:00 +09:00 → Sat 2026-12-12 06:00 +09:00',
      '    Fri 2026-12-18 22:00 +09:00 → Sat 2026-12-19 06:00 +09:00',
      '    Fri 2026-12-25 22:00 +09:00 → Sat 2026-12-26 06:00 +09:00',
      '  holidays — silence: runs and records, alerts no one about every check; Asia/Tokyo, with jp-holidays',
      "    Fri 2027-01-01 00:00 +09:00 → Sat 2027-01-02 00:00 +09:00  元日 New Year's Day",
      '    Mon 2027-01-11 00:00 +09:00 → Tue 2027-01-12 00:00 +09:00  成人の日 Coming of Age Day',
      '    Thu 2027-02-11 00:00 +09:00 → Fri 2027-02-12 00:00 +09:00  建国記念の日 National Foundation Day',
      '  us night — pause: the deployed monitor does not run checks checkout; America/New_York',
      // 04:00 in New York: open now, shown from its start.
      '    Sat 2026-12-05 22:00 -05:00 → Sun 2026-12-06 06:00 -05:00 (now)',
      '    Sun 2026-12-06 22:00 -05:00 → Mon 2026-12-07 06:00 -05:00',
      '    Mon 2026-12-07 22:00 -05:00 → Tue 2026-12-08 06:00 -05:00',
      '  migration — pause: the deployed monitor does not run every check; Asia/Tokyo',
      '    none ahead',
    ]);
  });

  it('marks the window open now, from its start', () => {
    const [shop] = windows;
    expect(maintenanceReport([shop!], Date.parse('2026-12-04T14:00:00Z'), 1)).toEqual([
      'Maintenance windows (the next 1 of each):',
      '  shop deploy — pause: the deployed monitor does not run tags shop; Asia/Tokyo',
      '    Fri 2026-12-04 22:00 +09:00 → Sat 2026-12-05 06:00 +09:00 (now)',
    ]);
  });

  it('warns of a window naming a check the project does not have', () => {
    expect(unknownWindowChecks(windows, [{ name: 'home' }])).toEqual(["maintenance[2].checks: 'checkout' is not a check of this project (window 'us night' does not cover it)"]);
    expect(unknownWindowChecks(windows, [{ name: 'checkout' }])).toEqual([]);
  });
});

describe('a pause window and the dead-man alarm', () => {
  it('warns of a pause window that leaves no scheduled check running', () => {
    const checks = [{ name: 'checkout', tags: ['shop'], schedule: 'rate(5 minutes)' }, { name: 'cart', tags: ['shop'], schedule: 'rate(5 minutes)' }, { name: 'by hand' }];
    expect(pauseDeadManWarnings(windows, checks)).toEqual([
      "maintenance 'shop deploy' pauses every scheduled check: no result is recorded while it is open, so the dead-man alarm (no result for 15 minutes) goes off in it. Leave one check out of it, or make it a 'silence' window",
      expect.stringMatching(/^maintenance 'migration' pauses every scheduled check/),
    ]);
    expect(pauseDeadManWarnings(windows, [...checks, { name: 'home', schedule: 'rate(1 minute)' }])).toEqual([expect.stringMatching(/^maintenance 'migration'/)]);
  });
});

describe('a local check in a pause window', () => {
  it('says once per window which checks it covers and until when; nothing outside a pause', () => {
    // Friday 23:00 in Tokyo (09:00 in New York): the shop deploy covers checkout and cart, the US night does not.
    const friday = Date.parse('2026-12-04T14:00:00Z');
    const checks = [{ name: 'checkout', tags: ['shop'] }, { name: 'cart', tags: ['shop'] }, { name: 'home' }];
    expect(pauseNotes(windows, checks, friday)).toEqual([
      "In maintenance window 'shop deploy' (pause, until Sat 2026-12-05 06:00 +09:00): checkout, cart — the deployed monitor does not run them now; run here as asked.",
    ]);
    // Sunday 21:00 in Tokyo, 07:00 in New York: no pause open.
    expect(pauseNotes(windows, checks, Date.parse('2026-12-06T12:00:00Z'))).toEqual([]);
  });
});
