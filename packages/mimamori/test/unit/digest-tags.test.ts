// The large digest's tiles need each check's tags: the day of history keeps them as its last run had them (like its
// budget), a malformed list is dropped on read, and the dashboard's data — the digest's — carries them.
import { describe, expect, it } from 'vitest';
import { addRun, type HistoryRun } from '../../src/store/history-days.ts';
import { checkDay } from '../../src/store/history-day-shape.ts';
import { buildDashboard } from '../../src/history/dashboard-data.ts';

const T = Date.parse('2026-12-05T10:00:00Z');
const run = (t: number, id: string): HistoryRun => ({ t, id, s: 'p', ms: 400 });

describe('tags on the day of history', () => {
  it('keeps the last run\'s tags; a run without tags given keeps them, an empty list clears them', () => {
    let day = addRun(undefined, { check: 'checkout', run: run(T, 'a'), steps: [], tags: ['payments', 'web'] });
    expect(day.tags).toEqual(['payments', 'web']);
    day = addRun(day, { check: 'checkout', run: run(T + 60_000, 'b'), steps: [] });
    expect(day.tags).toEqual(['payments', 'web']);
    day = addRun(day, { check: 'checkout', run: run(T + 120_000, 'c'), steps: [], tags: ['web'] });
    expect(day.tags).toEqual(['web']);
    day = addRun(day, { check: 'checkout', run: run(T + 180_000, 'd'), steps: [], tags: [] });
    expect(day.tags).toBeUndefined();
  });

  it('drops a malformed list when reading, keeping the rest of the day', () => {
    const json = { v: 1, check: 'checkout', day: '2026-12-05', steps: [], runs: [run(T, 'a')], tags: ['web', 3] };
    const { day } = checkDay(json, 'history/checkout/2026/12/05.json', 'checkout');
    expect(day.tags).toBeUndefined();
    expect(day.runs).toHaveLength(1);
    expect(checkDay({ ...json, tags: ['web'] }, 'k', 'checkout').day.tags).toEqual(['web']);
  });

  it('reaches the dashboard\'s data of the check, from its newest day', () => {
    const older = addRun(undefined, { check: 'checkout', run: run(T - 86_400_000, 'a'), steps: [], tags: ['old'] });
    const newer = addRun(undefined, { check: 'checkout', run: run(T, 'b'), steps: [], tags: ['payments'] });
    const data = buildDashboard({ checks: [{ name: 'checkout', days: [newer, older] }, { name: 'home', days: [addRun(undefined, { check: 'home', run: run(T, 'c'), steps: [] })] }], now: T + 60_000, timeZone: 'UTC', days: 3, links: (k) => k });
    expect(data.checks.map((c) => [c.name, c.tags])).toEqual([['checkout', ['payments']], ['home', undefined]]);
  });
});
