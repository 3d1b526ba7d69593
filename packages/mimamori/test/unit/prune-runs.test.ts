// Bounded growth of the out folder: old run folders go, each check's newest runs and the runs its state names stay,
// emptied day/month/year folders go (not the current ones), and nothing outside runs/ or off the key layout is touched.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFolder } from '../../src/store/layout.ts';
import { DEFAULT_KEEP_DAYS, DEFAULT_KEEP_RUNS, pruneOutFolder, pruneRuns, pruneSettings, runIdTime } from '../../src/store/prune.ts';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0); // 2026-11-29 12:00 UTC
const DAY = 86_400_000;

const runId = (t: number) => `${new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-abc123`;

/** Writes a run of `check` that started `daysAgo` days before NOW; returns its key. */
async function run(root: string, check: string, daysAgo: number): Promise<string> {
  const t = NOW - daysAgo * DAY;
  const key = runFolder(check, runId(t), t);
  await mkdir(join(root, key), { recursive: true });
  await writeFile(join(root, key, 'result.json'), '{}');
  await writeFile(join(root, key, '01-home.png'), 'png');
  return key;
}

async function put(root: string, path: string, body = 'x'): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), body);
}

/** Every file and folder under root, folders ending in `/`. */
async function tree(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = `${prefix}${e.name}`;
    if (e.isDirectory()) out.push(`${path}/`, ...(await tree(root, `${path}/`)));
    else out.push(path);
  }
  return out.sort();
}

const scratch = () => mkdtemp(join(tmpdir(), 'mimamori-prune-'));

describe('pruneRuns', () => {
  it('removes old runs beyond the newest of each check, keeps what state names, and leaves the rest alone', async () => {
    const root = await scratch();
    const recent = [await run(root, 'checkout', 0.1), await run(root, 'checkout', 1), await run(root, 'checkout', 2)];
    const old40 = await run(root, 'checkout', 40);
    const lastGood = await run(root, 'checkout', 45); // named by state/checkout.json: kept
    const old400 = await run(root, 'checkout', 400); // 2025: its year folder goes
    // A check that last ran two months ago keeps its newest two runs.
    const stale = [await run(root, 'old check', 60), await run(root, 'old check', 61)];
    const stale62 = await run(root, 'old check', 62);
    // Not runs: a file in runs/, a file beside an old run, folders off the layout.
    await put(root, 'runs/README.txt');
    await put(root, 'runs/checkout/notes/keep.txt');
    const besideOld = `${old40.split('/').slice(0, 5).join('/')}/notes.txt`;
    await put(root, besideOld);
    await mkdir(join(root, 'runs/checkout/2026/09/01/not-a-run'), { recursive: true });
    // The run's own files and the state.
    await put(root, 'results.json');
    await put(root, 'report.html');
    await put(root, 'state/checkout.json', JSON.stringify({ check: 'checkout', lastRunFolder: recent[0], lastGood: { folder: lastGood } }));
    await put(root, 'state/broken.json', '{ not json');
    const before = await tree(root);

    const { removed } = await pruneRuns(root, { maxAgeDays: 30, keepPerCheck: 2, now: NOW });

    expect(removed.sort()).toEqual([old40, old400, stale62].sort());
    const after = await tree(root);
    for (const key of [...recent, lastGood, ...stale]) expect(after).toContain(key);
    for (const key of [old40, old400, stale62]) expect(after.some((p) => p.startsWith(key))).toBe(false);
    // Emptied day, month and year folders went; a day folder with a file in it stayed.
    expect(after).not.toContain('runs/checkout/2025/');
    expect(after).not.toContain(old400.split('/').slice(0, 4).join('/') + '/');
    expect(after).not.toContain(stale62.split('/').slice(0, 5).join('/') + '/');
    expect(after).toContain(besideOld);
    // Exactly the removed runs (and the folders they emptied) are gone.
    const gone = before.filter((p) => !after.includes(p));
    const emptied = ['runs/checkout/2025/', 'runs/checkout/2025/10/', 'runs/checkout/2025/10/25/', 'runs/old%20check/2026/09/28/'];
    expect(gone.filter((p) => ![old40, old400, stale62].some((k) => p.startsWith(k))).sort()).toEqual(emptied.sort());
    expect(after.filter((p) => !before.includes(p))).toEqual([]);
  });

  it('keeps the newest runs of each check however old, 20 by default', async () => {
    const root = await scratch();
    const keys: string[] = [];
    for (let i = 0; i < 25; i++) keys.push(await run(root, 'monthly', 100 + i));
    const { removed } = await pruneRuns(root, { maxAgeDays: DEFAULT_KEEP_DAYS, keepPerCheck: DEFAULT_KEEP_RUNS, now: NOW });
    expect(removed).toEqual(keys.slice(20).reverse());
    const left = (await tree(root)).filter((p) => /\/\d{8}T\d{6}Z-[^/]+\/$/.test(p));
    expect(left.sort()).toEqual(keys.slice(0, 20).sort());
  });

  it('keeps the current day, month and year folders even when emptied', async () => {
    const root = await scratch();
    const key = await run(root, 'fast', 1.4); // 2026-11-28 02:24, older than one day
    const today = await run(root, 'fast', 0); // keeps runs/fast/2026/11/29/
    await run(root, 'fast', 0.2);
    await writeFile(join(root, 'runs/fast/2026/11/29/x.txt'), '');
    const { removed } = await pruneRuns(root, { maxAgeDays: 1, keepPerCheck: 0, now: NOW });
    expect(removed).toEqual([key]);
    const after = await tree(root);
    expect(after).not.toContain('runs/fast/2026/11/28/');
    expect(after).toContain('runs/fast/2026/11/');
    expect(after).toContain(today);

    // Emptied entirely, this month's folder stays: a run being stored may be creating its day folder.
    const root2 = await scratch();
    await run(root2, 'gone', 2);
    await pruneRuns(root2, { maxAgeDays: 1, keepPerCheck: 0, now: NOW });
    expect(await tree(root2)).toEqual(['runs/', 'runs/gone/', 'runs/gone/2026/', 'runs/gone/2026/11/']);
  });

  it('keeps everything with 0 days, and copes with no runs/ at all', async () => {
    const root = await scratch();
    await run(root, 'checkout', 400);
    const before = await tree(root);
    expect((await pruneRuns(root, { maxAgeDays: 0, keepPerCheck: 0, now: NOW })).removed).toEqual([]);
    expect(await tree(root)).toEqual(before);
    expect((await pruneRuns(await scratch(), { maxAgeDays: 30, keepPerCheck: 20 })).removed).toEqual([]);
  });

  it('reads the time from the run id', () => {
    expect(runIdTime('20261129T073512Z-3fa9c1')).toBe(Date.UTC(2026, 10, 29, 7, 35, 12));
    expect(runIdTime('not-a-run')).toBeUndefined();
  });
});

describe('pruneSettings and pruneOutFolder', () => {
  it('defaults to 30 days and 20 runs; MIMAMORI_KEEP_DAYS and MIMAMORI_KEEP_RUNS change them', () => {
    expect(pruneSettings({})).toEqual({ maxAgeDays: 30, keepPerCheck: 20 });
    expect(pruneSettings({ MIMAMORI_KEEP_DAYS: '7', MIMAMORI_KEEP_RUNS: '5' })).toEqual({ maxAgeDays: 7, keepPerCheck: 5 });
    expect(pruneSettings({ MIMAMORI_KEEP_DAYS: '0', MIMAMORI_KEEP_RUNS: '' })).toEqual({ maxAgeDays: 0, keepPerCheck: 20 });
    expect(() => pruneSettings({ MIMAMORI_KEEP_DAYS: '1.5' })).toThrow("MIMAMORI_KEEP_DAYS must be a whole number of days (0 keeps every run), got '1.5'");
    expect(() => pruneSettings({ MIMAMORI_KEEP_RUNS: '-1' })).toThrow(/MIMAMORI_KEEP_RUNS must be a whole number/);
  });

  it('turns a bad setting into a warning and removes nothing', async () => {
    const root = await scratch();
    await run(root, 'checkout', 400);
    await run(root, 'checkout', 401);
    const before = await tree(root);
    const warnings: string[] = [];
    expect(await pruneOutFolder(root, { MIMAMORI_KEEP_DAYS: 'forever' }, (l) => warnings.push(l))).toBeUndefined();
    expect(warnings).toEqual([`mimamori: warning: old runs were not pruned from ${root}/runs: MIMAMORI_KEEP_DAYS must be a whole number of days (0 keeps every run), got 'forever'\n`]);
    expect(await tree(root)).toEqual(before);
    expect((await pruneOutFolder(root, { MIMAMORI_KEEP_RUNS: '1' }, (l) => warnings.push(l)))?.removed).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });
});
