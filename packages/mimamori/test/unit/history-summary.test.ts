// A check's summary of its finished days (history/<check>/summary.json), as the write path keeps it: the first run of a
// UTC day summarises the day before — once; a summary broken by hand is replaced; a failure to write it is said on the
// run and never fails the day's own write. And the summary's numbers: uptime counts, p50/p95, pauses, its length.
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/store/local-store.ts';
import { StorageError, type Store } from '../../src/store/store.ts';
import { appendRun, type HistoryRun } from '../../src/store/history-days.ts';
import { addDaySummary, SUMMARY_DAYS, summariseRuns, summaryKey, type HistorySummary } from '../../src/store/history-summary.ts';

let folder: string;
let store: LocalStore;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mimamori-history-summary-'));
  store = new LocalStore(folder);
});

const at = (iso: string) => Date.parse(iso);
const run = (iso: string, id: string, extra: Partial<HistoryRun> = {}): HistoryRun => ({ t: at(iso), id, s: 'p', ms: 900, ...extra });
// Added a minute after the run started, unless `now` says when (a late run).
const add = (r: HistoryRun, s: Store = store, warn?: (m: string) => void, now = r.t + 60_000) => appendRun(s, { check: 'shop', run: r, steps: [], tags: ['team-a'] }, { warn, now });
const summary = async () => JSON.parse(await readFile(join(folder, ...summaryKey('shop').split('/')), 'utf8')) as HistorySummary;

describe('the summary the write path keeps', () => {
  it("is written by a day's first run, for the day before, and not again by the day's later runs", async () => {
    await add(run('2026-11-29T10:00:00Z', 'a'));
    await add(run('2026-11-29T10:05:00Z', 'b', { s: 'f', c: 'timeout' }));
    // No day before the 29th: nothing to summarise, no object.
    await expect(readFile(join(folder, 'history/shop/summary.json'))).rejects.toThrow(/ENOENT/);
    const puts: string[] = [];
    const counting: Store = { ...store, kind: store.kind, location: store.location, get: store.get.bind(store), getVersioned: store.getVersioned.bind(store), list: store.list.bind(store), link: store.link.bind(store),
      put: (key, body, o) => (puts.push(key), store.put(key, body, o)) };
    await add(run('2026-11-30T00:02:00Z', 'c'), counting);
    await add(run('2026-11-30T00:07:00Z', 'd'), counting);
    expect(puts).toEqual(['history/shop/2026/11/30.json', 'history/shop/summary.json', 'history/shop/2026/11/30.json']);
    expect(await summary()).toEqual({ v: 1, check: 'shop', tags: ['team-a'], days: [{ day: '2026-11-29', n: 2, h: [[10, 2, 1, 900, 900]] }] });
  });

  it('replaces a summary broken by hand, and says on the run when it could not be written — the run is still added', async () => {
    await add(run('2026-11-29T10:00:00Z', 'a'));
    await mkdir(join(folder, 'history/shop'), { recursive: true });
    await writeFile(join(folder, 'history/shop/summary.json'), '{not json');
    await add(run('2026-11-30T00:02:00Z', 'b'));
    expect((await summary()).days.map((d) => d.day)).toEqual(['2026-11-29']);

    const said: string[] = [];
    const failing: Store = { kind: store.kind, location: store.location, get: store.get.bind(store), getVersioned: store.getVersioned.bind(store), list: store.list.bind(store), link: store.link.bind(store),
      put: (key, body, o) => (key.endsWith('summary.json') ? Promise.reject(new StorageError('S3 upload failed')) : store.put(key, body, o)) };
    const day = await add(run('2026-12-01T00:02:00Z', 'c'), failing, (m) => said.push(m));
    expect(day.runs.map((r) => r.id)).toEqual(['c']);
    expect(said).toEqual(['the summary of the days before 2026-12-01 was not written (the dashboard reads those days whole; the next day\'s first run adds them): S3 upload failed']);
    // The next day's first run adds the day that write missed, and the one before.
    await add(run('2026-12-02T00:02:00Z', 'd'));
    expect((await summary()).days.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  it('leaves out a day of another version\'s format (the reader reads it whole) and still adds the others', async () => {
    await add(run('2026-11-29T10:00:00Z', 'a'));
    await add(run('2026-11-30T10:00:00Z', 'b'));
    await writeFile(join(folder, 'history/shop/2026/11/30.json'), JSON.stringify({ v: 2, check: 'shop', day: '2026-11-30', runs: [] }));
    await add(run('2026-12-01T00:02:00Z', 'c'));
    await add(run('2026-12-02T00:02:00Z', 'd'));
    // The 30th is left out (read whole by the reader); the days after it are not held up by it.
    expect((await summary()).days.map((d) => d.day)).toEqual(['2026-11-29', '2026-12-01']);
  });

  it('is corrected by a run added after its day was summarised (a redelivery, a run across midnight), and by no other', async () => {
    await add(run('2026-11-28T10:00:00Z', 'a'));
    await add(run('2026-11-29T10:00:00Z', 'b'));
    // Nothing on the 30th yet: the 1st's first run summarises it as an empty day.
    await add(run('2026-12-01T00:02:00Z', 'c'));
    expect((await summary()).days.map((d) => [d.day, d.n])).toEqual([['2026-11-28', 1], ['2026-11-29', 1], ['2026-11-30', 0]]);
    // Runs of the 29th and the 30th, added on the 1st.
    await add(run('2026-11-29T23:59:00Z', 'late', { s: 'f', c: 'timeout' }), store, undefined, at('2026-12-01T00:05:00Z'));
    await add(run('2026-11-30T23:58:00Z', 'later'), store, undefined, at('2026-12-01T00:06:00Z'));
    expect((await summary()).days).toEqual([
      { day: '2026-11-28', n: 1, h: [[10, 1, 1, 900, 900]] },
      { day: '2026-11-29', n: 2, h: [[10, 1, 1, 900, 900], [23, 1, 0, null, null]] },
      { day: '2026-11-30', n: 1, h: [[23, 1, 1, 900, 900]] },
    ]);
    // A late run of a day the summary has not reached yet is left to the next day's first run: no write.
    const puts: string[] = [];
    const counting: Store = { kind: store.kind, location: store.location, get: store.get.bind(store), getVersioned: store.getVersioned.bind(store), list: store.list.bind(store), link: store.link.bind(store),
      put: (key, body, o) => (puts.push(key), store.put(key, body, o)) };
    await add(run('2026-12-01T23:59:00Z', 'd'), counting, undefined, at('2026-12-02T00:00:30Z'));
    expect(puts).toEqual(['history/shop/2026/12/01.json']);
  });

  it('fills in a day the check did not run (paused, not scheduled) as an empty day, so the reader need not look for it', async () => {
    await add(run('2026-11-29T10:00:00Z', 'a'));
    // Nothing on the 30th.
    await add(run('2026-12-01T00:02:00Z', 'b'));
    expect((await summary()).days).toEqual([{ day: '2026-11-29', n: 1, h: [[10, 1, 1, 900, 900]] }, { day: '2026-11-30', n: 0, h: [] }]);
  });
});

describe('a day summarised', () => {
  it('counts for uptime what the dashboard counts, with each hour’s p50 and p95 of the runs that did not fail, and its pauses', () => {
    const runs = [
      run('2026-11-29T10:00:00Z', 'a', { ms: 100 }),
      run('2026-11-29T10:20:00Z', 'b', { s: 'd', ms: 300 }),
      run('2026-11-29T10:40:00Z', 'c', { s: 'f', c: 'runner' }), // the monitor's failure: not counted
      run('2026-11-29T11:00:00Z', 'd', { s: 'f', c: 'timeout' }),
      run('2026-11-29T12:00:00Z', 'e', { q: { m: 'p', k: 'w', n: 'deploy', from: at('2026-11-29T11:50:00Z'), to: at('2026-11-29T12:30:00Z') } }),
    ];
    const day = summariseRuns('2026-11-29', runs, at('2026-11-29T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    expect(day).toEqual({
      day: '2026-11-29', n: 5,
      h: [[10, 2, 2, 100, 300], [11, 1, 0, null, null], [12, 0, 0, 900, 900]],
      p: [[at('2026-11-29T11:50:00Z'), at('2026-11-29T12:30:00Z')]],
    });
  });

  it(`keeps the last ${SUMMARY_DAYS} days, one entry a day (a day summarised again replaces its entry)`, () => {
    let s: HistorySummary = { v: 1, check: 'shop', days: [] };
    for (let d = 0; d < 40; d++) s = addDaySummary(s, { day: new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10), n: 1, h: [] });
    s = addDaySummary(s, { day: '2026-12-10', n: 7, h: [] });
    expect(s.days).toHaveLength(SUMMARY_DAYS);
    expect(s.days[0]!.day).toBe('2026-11-09');
    expect(s.days.at(-1)!.day).toBe('2026-12-10');
    expect(s.days.filter((d) => d.day === '2026-12-10')).toEqual([{ day: '2026-12-10', n: 7, h: [] }]);
  });
});
