// The compact per-check per-day history against the local-folder store: the key layout (UTC days), adding and
// replacing runs, their order, step names, a run made from a result, reading days across a month boundary, and two
// runs adding to the same day at the same moment (conditional writes: both kept).
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkResult } from '../helpers/check-result.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';
import { addRun, appendRun, historyDayKey, historyRunOf, readDays, type HistoryDay, type HistoryRun } from '../../src/store/history-days.ts';
import { updateState } from '../../src/store/state.ts';
import type { CheckResult } from '../../src/result/types.ts';

let folder: string;
let store: LocalStore;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mimamori-history-days-'));
  store = new LocalStore(folder);
});

const at = (iso: string) => Date.parse(iso);
const run = (iso: string, id: string, extra: Partial<HistoryRun> = {}): HistoryRun => ({ t: at(iso), id, s: 'p', ms: 900, st: [400, 500], ...extra });
const entry = (check: string, r: HistoryRun, steps = ['open', 'pay'], more: { budget?: object; usualMs?: number } = {}) => ({ check, run: r, steps, ...more });
const stored = async (key: string) => JSON.parse(await readFile(join(folder, ...key.split('/')), 'utf8')) as HistoryDay;

describe('the key of a day', () => {
  it('is the UTC day of the run, under the check\'s key segment', () => {
    expect(historyDayKey('checkout', at('2026-11-29T07:35:12Z'))).toBe('history/checkout/2026/11/29.json');
    // 23:59:59.999 UTC is still that day; midnight UTC is the next, whatever the machine's time zone.
    expect(historyDayKey('checkout', at('2026-11-29T23:59:59.999Z'))).toBe('history/checkout/2026/11/29.json');
    expect(historyDayKey('checkout', at('2026-11-30T00:00:00Z'))).toBe('history/checkout/2026/11/30.json');
    expect(historyDayKey('checkout', at('2026-12-01T08:00:00+09:00'))).toBe('history/checkout/2026/11/30.json');
    expect(historyDayKey('checkout flow/モバイル', at('2026-01-05T00:00:00Z'))).toBe('history/checkout%20flow%2Fモバイル/2026/01/05.json');
  });
});

describe('appendRun', () => {
  it('creates the day, then adds runs sorted by start, as compact JSON', async () => {
    await appendRun(store, entry('shop', run('2026-11-29T10:00:00Z', 'b')));
    await appendRun(store, entry('shop', run('2026-11-29T08:00:00Z', 'a'), ['open', 'pay'], { budget: { maxResponseTime: 5000 }, usualMs: 880.4 }));
    await appendRun(store, entry('shop', run('2026-11-29T12:00:00Z', 'c', { s: 'f', ms: 30000, st: undefined, fs: 'pay', e: 'boom', c: 'timeout' })));
    const key = 'history/shop/2026/11/29.json';
    const raw = await readFile(join(folder, key), 'utf8');
    expect(raw).not.toContain('\n');
    const day = JSON.parse(raw) as HistoryDay;
    expect(day).toMatchObject({ v: 1, check: 'shop', day: '2026-11-29', steps: ['open', 'pay'], usualMs: 880 });
    // The budget of the last run written that named one; usualMs kept while no later run knows it.
    expect(day.budget).toEqual({ maxResponseTime: 5000 });
    expect(day.runs.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(day.runs[2]).toEqual({ t: at('2026-11-29T12:00:00Z'), id: 'c', s: 'f', ms: 30000, fs: 'pay', e: 'boom', c: 'timeout' });
  });

  it('replaces a run added again (a redelivered run), never duplicating it', async () => {
    await appendRun(store, entry('shop', run('2026-11-29T08:00:00Z', 'a')));
    await appendRun(store, entry('shop', run('2026-11-29T09:00:00Z', 'b')));
    const day = await appendRun(store, entry('shop', run('2026-11-29T08:00:00Z', 'a', { s: 'd', ms: 2000, i: 1 })));
    expect(day.runs).toHaveLength(2);
    expect(day.runs[0]).toMatchObject({ id: 'a', s: 'd', ms: 2000, i: 1 });
    expect((await stored('history/shop/2026/11/29.json')).runs.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('puts runs either side of midnight UTC into their own days', async () => {
    await appendRun(store, entry('shop', run('2026-11-29T23:59:59Z', 'late')));
    await appendRun(store, entry('shop', run('2026-11-30T00:00:01Z', 'early')));
    expect((await stored('history/shop/2026/11/29.json')).runs.map((r) => r.id)).toEqual(['late']);
    expect(await stored('history/shop/2026/11/30.json')).toMatchObject({ day: '2026-11-30', runs: [{ id: 'early' }] });
  });

  it('keeps step durations only where they index the day\'s step names', () => {
    let day = addRun(undefined, entry('shop', run('2026-11-29T08:00:00Z', 'a')));
    // A run that stopped early (its names begin the day's) keeps the names, without durations of its own.
    day = addRun(day, entry('shop', run('2026-11-29T08:05:00Z', 'b', { st: [400] }), ['open']));
    // A run without steps (the browser did not start) changes nothing.
    day = addRun(day, entry('shop', run('2026-11-29T08:10:00Z', 'c', { st: undefined }), []));
    expect(day.steps).toEqual(['open', 'pay']);
    expect(day.runs.map((r) => r.st)).toEqual([[400, 500], undefined, undefined]);
    // The check's steps changed: the last seen names win, and runs whose durations no longer fit lose them.
    day = addRun(day, entry('shop', run('2026-11-29T09:00:00Z', 'd', { st: [1, 2, 3] }), ['open', 'login', 'pay']));
    expect(day.steps).toEqual(['open', 'login', 'pay']);
    expect(day.runs.map((r) => r.st)).toEqual([undefined, undefined, undefined, [1, 2, 3]]);
  });

  it('refuses to write over a day it cannot read', async () => {
    const key = historyDayKey('shop', at('2026-11-29T08:00:00Z'));
    await mkdir(join(folder, 'history/shop/2026/11'), { recursive: true });
    await writeFile(join(folder, key), JSON.stringify({ v: 2, runs: [], steps: [] }));
    await expect(appendRun(store, entry('shop', run('2026-11-29T08:00:00Z', 'a')))).rejects.toThrow(/not a version 1 history day/);
    expect(await stored(key)).toEqual({ v: 2, runs: [], steps: [] });
  });
});

/** The store, except that the first read of each history day waits until `expected` readers have read it. */
function meetingOnRead(inner: Store, expected: number): Store & { conflicts: number } {
  let arrived = 0;
  let go!: () => void;
  const all = new Promise<void>((resolve) => (go = resolve));
  const wrapped = {
    kind: inner.kind, location: inner.location, conflicts: 0,
    get: inner.get.bind(inner), list: inner.list.bind(inner), link: inner.link.bind(inner),
    async put(...args: Parameters<Store['put']>) {
      try {
        await inner.put(...args);
      } catch (error) {
        if (error instanceof WriteConflict) wrapped.conflicts++;
        throw error;
      }
    },
    async getVersioned(...args: Parameters<Store['getVersioned']>) {
      const found = await inner.getVersioned(...args);
      if (arrived < expected) {
        if (++arrived === expected) go();
        await all;
      }
      return found;
    },
  };
  return wrapped;
}

describe('two runs adding to one day at the same moment', () => {
  it('keep both: the second write finds the day changed, reads it again and adds its run to it', async () => {
    await appendRun(store, entry('shop', run('2026-11-29T07:00:00Z', 'first')));
    const meeting = meetingOnRead(store, 2);
    await Promise.all([
      appendRun(meeting, entry('shop', run('2026-11-29T08:00:00Z', 'left'))),
      appendRun(meeting, entry('shop', run('2026-11-29T08:00:01Z', 'right'))),
    ]);
    expect(meeting.conflicts).toBe(1);
    expect((await stored('history/shop/2026/11/29.json')).runs.map((r) => r.id)).toEqual(['first', 'left', 'right']);
  });

  it('keep both on a new day too (If-None-Match: the second to create it adds to the first\'s)', async () => {
    const meeting = meetingOnRead(store, 2);
    await Promise.all([
      appendRun(meeting, entry('shop', run('2026-11-29T08:00:00Z', 'left'))),
      appendRun(meeting, entry('shop', run('2026-11-29T08:00:01Z', 'right'))),
    ]);
    expect(meeting.conflicts).toBe(1);
    expect((await stored('history/shop/2026/11/29.json')).runs.map((r) => r.id)).toEqual(['left', 'right']);
  });

  it('keep all of many concurrent runs', async () => {
    const ids = Array.from({ length: 3 }, (_, k) => `r${k}`);
    await Promise.all(ids.map((id, k) => appendRun(store, entry('shop', run(`2026-11-29T08:00:0${k}Z`, id)))));
    expect((await stored('history/shop/2026/11/29.json')).runs.map((r) => r.id)).toEqual(ids);
  });
});

describe('updateState (the same conditional loop)', () => {
  it('still reads again and changes again after a conflict, and writes nothing for no state', async () => {
    const meeting = meetingOnRead(store, 2);
    const bump = () => updateState(meeting, 'shop', ({ state }) => ({
      state: { check: 'shop', lastStatus: 'passed' as const, lastRunId: 'x', lastRunAt: '', lastDurationMs: 0, lastRunFolder: '', consecutiveFailures: (state?.consecutiveFailures ?? 0) + 1, incident: null },
    }));
    await Promise.all([bump(), bump()]);
    expect(meeting.conflicts).toBe(1);
    expect(JSON.parse(await readFile(join(folder, 'state/shop.json'), 'utf8')).consecutiveFailures).toBe(2);
    expect(await updateState(store, 'none', () => ({ state: undefined, nothing: true }))).toEqual({ state: undefined, nothing: true });
    expect(await store.get('state/none.json')).toBeUndefined();
  });
});

describe('readDays', () => {
  it('reads the days in range across a month boundary, oldest first, from one listing per month', async () => {
    for (const iso of ['2026-10-30T12:00:00Z', '2026-10-31T12:00:00Z', '2026-11-01T12:00:00Z', '2026-11-02T12:00:00Z', '2026-11-03T12:00:00Z']) {
      await appendRun(store, entry('shop', run(iso, iso)));
    }
    await appendRun(store, entry('other', run('2026-11-01T12:00:00Z', 'x')));
    const calls: string[] = [];
    const inner: Store = store;
    const counting: Store = {
      kind: inner.kind, location: inner.location, put: inner.put.bind(inner), getVersioned: inner.getVersioned.bind(inner), link: inner.link.bind(inner),
      list: (prefix, o) => (calls.push(`list ${prefix}`), inner.list(prefix, o)),
      get: (key, o) => (calls.push(`get ${key}`), inner.get(key, o)),
    };
    const days = await readDays(counting, 'shop', '2026-10-31', '2026-11-02');
    expect(days.map((d) => d.day)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    expect(days[1]!.runs.map((r) => r.id)).toEqual(['2026-11-01T12:00:00Z']);
    expect(calls.filter((c) => c.startsWith('list')).sort()).toEqual(['list history/shop/2026/10/', 'list history/shop/2026/11/']);
    expect(calls.filter((c) => c.startsWith('get'))).toHaveLength(3);
    // Times stand for their UTC days; an empty or reversed range reads nothing.
    expect((await readDays(store, 'shop', at('2026-11-03T00:00:00Z'), at('2026-11-30T23:00:00Z'))).map((d) => d.day)).toEqual(['2026-11-03']);
    expect(await readDays(store, 'shop', '2026-12-01', '2026-12-31')).toEqual([]);
    expect(await readDays(store, 'shop', '2026-11-02', '2026-11-01')).toEqual([]);
    expect(await readDays(store, 'nobody', '2026-01-01', '2026-12-31')).toEqual([]);
    await expect(readDays(store, 'shop', '2026-11-1', '2026-11-02')).rejects.toThrow(RangeError);
  });

  it('crosses a year boundary, and leaves out (or throws on) a day it cannot read', async () => {
    await appendRun(store, entry('shop', run('2026-12-31T23:00:00Z', 'old')));
    await appendRun(store, entry('shop', run('2027-01-01T01:00:00Z', 'new')));
    await writeFile(join(folder, 'history/shop/2027/01/02.json'), '{not json');
    await expect(readDays(store, 'shop', '2026-12-01', '2027-01-31')).rejects.toThrow(/history day history\/shop\/2027\/01\/02.json is not JSON/);
    const unreadable: string[] = [];
    const days = await readDays(store, 'shop', '2026-12-01', '2027-01-31', { onUnreadable: (key) => unreadable.push(key) });
    expect(days.map((d) => d.day)).toEqual(['2026-12-31', '2027-01-01']);
    expect(unreadable).toEqual(['history/shop/2027/01/02.json']);
  });
});

function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return checkResult({
    baseURL: 'http://x', startedAt: at('2026-11-29T08:00:00Z'), durationMs: 1234.6, budget: { maxResponseTime: 5000 },
    steps: [{ name: 'open', status: 'passed', durationMs: 400.2, budget: {} }, { name: 'pay', status: 'passed', durationMs: 800, budget: {} }],
    screenshots: [
      { file: '01-open.png', step: 'open', kind: 'step', attempt: 1, width: 1, height: 1, path: 'runs/shop/2026/11/29/R/01-open.png' },
      { file: '02-pay.png', step: 'pay', kind: 'step', attempt: 1, width: 1, height: 1, path: 'runs/shop/2026/11/29/R/02-pay.png' },
    ],
    ...overrides,
  });
}

describe('historyRunOf', () => {
  it('makes a passed run: status letter, durations, the last picture', () => {
    expect(historyRunOf(result(), 'R', 'none')).toEqual({ t: at('2026-11-29T08:00:00Z'), id: 'R', s: 'p', ms: 1235, st: [400, 800], shot: 'runs/shop/2026/11/29/R/02-pay.png' });
    expect(historyRunOf(result({ status: 'degraded' }), 'R', 'recover')).toMatchObject({ s: 'd', i: 2 });
  });

  it('makes a failed run: failing step, the error\'s first line (at most 200 characters), its class, the failure picture', () => {
    const long = `${'ログ'.repeat(150)}\n  call log:\n  - waiting`;
    const failed = result({
      status: 'failed',
      steps: [{ name: 'open', status: 'passed', durationMs: 400, budget: {} }, { name: 'pay', status: 'failed', durationMs: 30000, budget: {} }, { name: 'done', status: 'skipped', durationMs: 0, budget: {} }],
      error: { name: 'TimeoutError', message: `\n\u001b[31m${long}\u001b[39m`, class: 'timeout', step: 'pay' },
    });
    failed.screenshots.push({ file: '03-pay-failure.png', step: 'pay', kind: 'failure', attempt: 1, width: 1, height: 1, path: 'runs/shop/2026/11/29/R/03-pay-failure.png' });
    const r = historyRunOf(failed, 'R', 'open');
    // A skipped step has no duration: the run has none (st), rather than a zero that would pull medians down.
    expect(r).toMatchObject({ s: 'f', fs: 'pay', c: 'timeout', shot: 'runs/shop/2026/11/29/R/03-pay-failure.png', i: 1 });
    expect(r.st).toBeUndefined();
    expect(Array.from(r.e!)).toHaveLength(200);
    expect(r.e!.endsWith('…')).toBe(true);
    expect(r.e!.startsWith('ログログ')).toBe(true);
    // A runner failure: no steps, no picture.
    expect(historyRunOf(result({ status: 'failed', steps: [], screenshots: [], error: { name: 'Error', message: 'Chromium did not start', class: 'runner' } }), 'R', 'post'))
      .toEqual({ t: at('2026-11-29T08:00:00Z'), id: 'R', s: 'f', ms: 1235, e: 'Chromium did not start', c: 'runner' });
  });
});

describe('a run delivered twice', () => {
  it('replaces itself and keeps the incident mark its first delivery wrote', () => {
    const first = addRun(undefined, { check: 'c', steps: [], run: { t: Date.UTC(2026, 10, 29, 1), id: 'r1', s: 'f', ms: 10, i: 1 } });
    const again = addRun(first, { check: 'c', steps: [], run: { t: Date.UTC(2026, 10, 29, 1), id: 'r1', s: 'f', ms: 10 } });
    expect(again.runs).toEqual([{ t: Date.UTC(2026, 10, 29, 1), id: 'r1', s: 'f', ms: 10, i: 1 }]);
  });
});

describe('a day object broken by hand or by a bad copy', () => {
  const key = 'history/shop/2026/11/29.json';
  /** Valid JSON, but: a null run, a run with a numeric id, no `day`, and a run with a bad optional field. */
  const broken = () => ({
    v: 1, check: 'shop', steps: ['open', 'pay'],
    runs: [run('2026-11-29T08:00:00Z', 'a'), null, { ...run('2026-11-29T09:00:00Z', 'b'), id: 12345 }, { ...run('2026-11-29T10:00:00Z', 'c'), i: 'x', st: 'slow' }],
  });
  const put = async (body: string) => {
    await mkdir(join(folder, 'history/shop/2026/11'), { recursive: true });
    await writeFile(join(folder, key), body);
  };

  it('is read without its malformed runs, with a warning naming the object; the day is restored from the key', async () => {
    await put(JSON.stringify(broken()));
    const warnings: string[] = [];
    const days = await readDays(store, 'shop', '2026-11-01', '2026-11-30', { warn: (m) => warnings.push(m) });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ day: '2026-11-29', check: 'shop', steps: ['open', 'pay'] });
    expect(days[0]!.runs.map((r) => r.id)).toEqual(['a', 'c']);
    // A bad optional field costs that field, not the run.
    expect(days[0]!.runs[1]).toEqual({ t: at('2026-11-29T10:00:00Z'), id: 'c', s: 'p', ms: 900 });
    expect(warnings).toEqual([`${key}: its day is missing: 2026-11-29 by its key; 2 malformed runs left out (run 2 is null; run 3 has no run id)`]);
  });

  it('is repaired by the next run written to it, which says what it left out', async () => {
    await put(JSON.stringify(broken()));
    const warnings: string[] = [];
    await appendRun(store, entry('shop', run('2026-11-29T11:00:00Z', 'd')), { warn: (m) => warnings.push(m) });
    const day = await stored(key);
    expect(day).toMatchObject({ v: 1, check: 'shop', day: '2026-11-29' });
    expect(day.runs.map((r) => r.id)).toEqual(['a', 'c', 'd']);
    expect(warnings).toEqual([expect.stringMatching(/^history\/shop\/2026\/11\/29\.json: .*2 malformed runs left out .*: repaired by this run's write$/)]);
  });

  it('is replaced by the next run when it is not JSON at all (a truncated write), which says so', async () => {
    await put('{"v":1,"check":"shop","day":"2026-11-29","steps":[],"runs":[{"t":17');
    const warnings: string[] = [];
    await appendRun(store, entry('shop', run('2026-11-29T11:00:00Z', 'd')), { warn: (m) => warnings.push(m) });
    expect((await stored(key)).runs.map((r) => r.id)).toEqual(['d']);
    expect(warnings).toEqual([expect.stringMatching(/^history\/shop\/2026\/11\/29\.json is not JSON \(.+\) in .+: read as none, the next write replaces it$/)]);
  });
});
