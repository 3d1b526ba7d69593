// The dashboard at a thousand checks, in memory: 1,000 synthetic checks × 31 days of history with their summaries
// (as the write path leaves them) in a store that counts its reads and the most in flight at once. What is bounded is
// asserted as counts — reads per check, reads in flight, checks detailed, the page's size — never as time.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardSource } from '../../src/history/dashboard-data.ts';
import type { DashboardCheck } from '../../src/history/dashboard-model.ts';
import { statusRank } from '../../src/history/dashboard-overview.ts';
import { CHECKS_AT_ONCE, DAYS_AT_ONCE, readDashboard, readHistory } from '../../src/history/read-history.ts';
import { renderDashboard } from '../../src/render/dashboard-html.ts';
import { addDaySummary, summariseDay, summaryKey, type HistorySummary } from '../../src/store/history-summary.ts';
import type { HistoryDay, HistoryRun } from '../../src/store/history-days.ts';
import { historyDayKey, stateKey } from '../../src/store/layout.ts';
import { READS_AT_ONCE, recentRuns } from '../../src/store/history.ts';
import { memoryStore, type MemoryStore } from '../helpers/memory-store.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 6, 14); // on the hour: a window's edge falls between hours
const CHECKS = 1000;
const DAYS = 31;
/** Runs every 4 hours: 6 a day (the reads do not depend on it; the test's memory does). */
const EVERY = 4 * HOUR;
const name = (c: number) => `check-${String(c).padStart(4, '0')}`;
const failing = (c: number) => c % 100 === 42; // 10 failing now
const degraded = (c: number) => c % 100 === 7; // 10 degraded now

function daysOf(c: number): HistoryDay[] {
  const days = new Map<string, HistoryDay>();
  for (let t = NOW - DAYS * DAY + EVERY; t <= NOW; t += EVERY) {
    const s: HistoryRun['s'] = failing(c) && t > NOW - 8 * HOUR ? 'f' : degraded(c) && t === NOW ? 'd' : t % (7 * EVERY) === 0 && c % 3 === 0 ? 'f' : 'p';
    const run: HistoryRun = { t, id: `${new Date(t).toISOString()}-${c}`, s, ms: 400 + (t / HOUR) % 17 * 10 };
    if (s === 'f') Object.assign(run, { fs: 'pay', e: 'Timeout', c: 'timeout' });
    const day = new Date(t).toISOString().slice(0, 10);
    if (!days.has(day)) days.set(day, { v: 1, check: name(c), day, steps: [], tags: [`team-${c % 10}`], runs: [] });
    days.get(day)!.runs.push(run);
  }
  return [...days.values()];
}

/** The history of `checks` checks in a memory store; with summaries of every day before today unless told not to. */
function seed(checks: number, summaries = (c: number) => c >= 0): MemoryStore {
  const store = memoryStore();
  const today = new Date(NOW).toISOString().slice(0, 10);
  for (let c = 0; c < checks; c++) {
    const days = daysOf(c);
    let summary: HistorySummary = { v: 1, check: name(c), days: [] };
    for (const day of days) {
      store.objects.set(historyDayKey(name(c), Date.parse(`${day.day}T12:00:00Z`)), Buffer.from(JSON.stringify(day)));
      if (day.day < today) summary = addDaySummary(summary, summariseDay(day), day.tags);
    }
    if (summaries(c)) store.objects.set(summaryKey(name(c)), Buffer.from(JSON.stringify(summary)));
    const last = days.at(-1)!.runs.at(-1)!;
    const state = { check: name(c), lastStatus: { p: 'passed', d: 'degraded', f: 'failed' }[last.s], lastRunAt: new Date(last.t).toISOString(), incident: failing(c) ? { openedAt: new Date(NOW - 7 * HOUR).toISOString() } : null };
    store.objects.set(stateKey(name(c)), Buffer.from(JSON.stringify(state)));
  }
  return store;
}

const warn = () => {};

describe('the dashboard at a thousand checks', () => {
  let store: MemoryStore;
  beforeAll(() => {
    store = seed(CHECKS);
  });

  it('reads every check once for the overview — about four reads a check — and details only the first 24, what is not passing first', async () => {
    store.reset();
    const read = await readDashboard(store, { now: NOW, days: 30, detail: 24, warn });
    expect(read.detailed).toHaveLength(24);
    expect(read.overview).toHaveLength(CHECKS - 24);
    // Per check: its state, its summary and today's day object (the summary holds every other day, so nothing is
    // listed); per detailed check, its window's months listed and its 31 days read whole (today's again: no check's
    // runs are kept while the others are read).
    expect(store.calls.get).toBe(3 * CHECKS + 24 * 31);
    expect(store.calls.list).toBe(2 + 24 * 2);
    expect(store.peak).toBeLessThanOrEqual(CHECKS_AT_ONCE * DAYS_AT_ONCE);

    const data = buildDashboard({ checks: read.detailed, overview: read.overview, now: NOW, timeZone: 'UTC', days: 30, links: (k) => k });
    expect(data.checks).toHaveLength(CHECKS);
    expect(data.checks.slice(0, 10).map((c) => c.status)).toEqual(Array(10).fill('failed'));
    expect(data.checks.slice(10, 20).map((c) => c.status)).toEqual(Array(10).fill('degraded'));
    expect(data.checks.filter((c) => !c.overviewOnly).map((c) => c.name)).toEqual(data.checks.slice(0, 24).map((c) => c.name));
    expect(data.checks.slice(0, 10).every((c) => c.incidents.some((i) => i.end === undefined))).toBe(true);

    const html = renderDashboard(data);
    expect(html.match(/<tr class="check-row/g)).toHaveLength(CHECKS);
    expect(html.match(/<section class="check"/g)).toHaveLength(24);
    expect(html).toContain(`the other ${CHECKS - 24} are in this table only`);
    // A row is a few hundred bytes and its sparkline 48 numbers; 24 charts of 30 days: a page of about 1.5 MB, not 20.
    expect(Buffer.byteLength(html)).toBeLessThan(2_500_000);
  });

  it('reads at most 128 objects at once for the digest too, whatever the number of checks', async () => {
    store.reset();
    const sources = await readHistory(store, { now: NOW, days: 3, warn });
    expect(sources).toHaveLength(CHECKS);
    expect(store.peak).toBeLessThanOrEqual(CHECKS_AT_ONCE * DAYS_AT_ONCE);
  });

  it('shows the overview alone with --detail 0, and the checks of a tag with their detail', async () => {
    store.reset();
    const alone = await readDashboard(store, { now: NOW, days: 30, detail: 0, warn });
    expect(alone.detailed).toHaveLength(0);
    expect(store.calls.get).toBeLessThanOrEqual(3 * CHECKS);
    const tagged = await readDashboard(store, { now: NOW, days: 30, detail: 24, tags: ['team-3'], warn });
    expect(tagged.detailed.map((s) => s.name)).toHaveLength(24);
    expect(tagged.overview.length + tagged.detailed.length).toBe(CHECKS / 10);
    expect(tagged.filteredOut).toBe(CHECKS - CHECKS / 10);
  });
});

describe('an overview row', () => {
  it('has the uptime, the pause and the sparkline a detailed check has, from the summary or the days alike', async () => {
    const store = seed(3, (c) => c !== 1); // check 1: history from before summaries
    const read = await readDashboard(store, { now: NOW, days: 30, detail: 0, warn });
    const whole = await readHistory(store, { now: NOW, days: 30, warn });
    const exact = buildDashboard({ checks: whole, now: NOW, timeZone: 'UTC', days: 30, links: (k) => k }).checks;
    for (const row of read.overview) {
      const check = exact.find((c) => c.name === row.name)!;
      expect(row.uptime).toEqual(check.uptime);
      expect(row.spark).toEqual(check.spark);
      expect(row.status).toBe(check.status);
      expect(row.lastRunAt).toBe(check.lastRunAt);
    }
    // The check without a summary (read whole, its older days summarised at once) is among them: the same row.
    expect(read.overview.map((row) => row.name)).toContain(name(1));
  });

  it('is the same data for a small project as before: every check detailed, by name', async () => {
    const store = seed(5);
    store.reset();
    const read = await readDashboard(store, { now: NOW, days: 30, detail: 24, warn });
    expect(read.overview).toHaveLength(0);
    // Small: no summary is read, exactly the reads of before (a state, the month listings, each day).
    expect(store.calls.get).toBe(5 * (1 + DAYS));
    const data = buildDashboard({ checks: read.detailed as DashboardSource[], now: NOW, timeZone: 'UTC', days: 30, links: (k) => k });
    expect(data.checks.map((c) => c.name)).toEqual([0, 1, 2, 3, 4].map(name));
    expect(data.checks.some((c) => c.overviewOnly)).toBe(false);
  });
});

describe('`results` over a thousand checks', () => {
  it('walks at most 32 checks at once, and reads at most 32 results at once', async () => {
    const store = memoryStore();
    for (let c = 0; c < CHECKS; c++) {
      const id = `20261206T1${String(c % 60).padStart(2, '0')}00Z-${c}`;
      store.objects.set(`runs/${name(c)}/2026/12/06/${id}/result.json`, Buffer.from(JSON.stringify({ name: name(c), status: 'passed', startedAt: NOW, durationMs: 1, screenshots: [] })));
    }
    const runs = await recentRuns(store, undefined, 1000);
    expect(runs).toHaveLength(CHECKS);
    // One listing per level of each check's folder: runs/<check>/, its year, month and day.
    expect(store.calls.list).toBe(1 + 4 * CHECKS);
    expect(store.peak).toBeLessThanOrEqual(READS_AT_ONCE);
  });
});

describe('statusRank: the order of a large dashboard', () => {
  it('failed, degraded, unknown, passed — an open incident first within its status, never ahead of a worse status', () => {
    const open = [{ end: undefined }] as unknown as DashboardCheck['incidents'];
    const checks: [string, Pick<DashboardCheck, 'status' | 'incidents'>][] = [
      ['passed', { status: 'passed', incidents: [] }], ['passed, incident open', { status: 'passed', incidents: open }],
      ['unknown', { status: 'unknown', incidents: [] }], ['unknown, incident open', { status: 'unknown', incidents: open }],
      ['degraded', { status: 'degraded', incidents: [] }], ['degraded, incident open', { status: 'degraded', incidents: open }],
      ['failed', { status: 'failed', incidents: open }],
    ];
    expect([...checks].sort(([, a], [, b]) => statusRank(a) - statusRank(b)).map(([name]) => name)).toEqual([
      'failed', 'degraded, incident open', 'degraded', 'unknown, incident open', 'unknown', 'passed, incident open', 'passed',
    ]);
  });
});
