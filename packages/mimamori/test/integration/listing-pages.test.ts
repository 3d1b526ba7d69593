// S3 answers a listing a page at a time — at most 1,000 keys and folders a page — so every listing of a check's
// objects must follow the pages: here 1,001 checks in s3rver (paging as S3 does, test/fixtures/s3.ts), and the
// dashboard's overview, the digest's reader and `results` each find the 1,001st, in as many pages as S3 would take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { countRequests } from '../../src/cli/dashboard.ts';
import { readDashboard, readHistory } from '../../src/history/read-history.ts';
import { recentRuns } from '../../src/store/history.ts';
import { mapLimit } from '../../src/result/map-limit.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const CHECKS = 1001;
const NOW = Date.UTC(2026, 11, 6, 12);
const name = (c: number) => `check-${String(c).padStart(4, '0')}`;

let s3: FakeS3;
let store: S3Store;
const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startFakeS3();
  // The SDK reads its credentials from the environment.
  useS3Credentials(s3);
  store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'pages/' })!);
  await mapLimit(Array.from({ length: CHECKS }, (_, c) => c), 16, async (c) => {
    const state = { check: name(c), lastStatus: c === CHECKS - 1 ? 'failed' : 'passed', lastRunAt: new Date(NOW - 60_000).toISOString(), incident: null };
    await store.put(`state/${name(c)}.json`, JSON.stringify(state), { contentType: 'application/json' });
    // One run folder for each of the last two checks: `results` walks runs/ (its folders listed in one page).
    if (c >= CHECKS - 2) await store.put(`runs/${name(c)}/2026/12/06/20261206T11${50 + (c % 10)}00Z-aaaaaa/result.json`, JSON.stringify({ name: name(c), status: 'passed', startedAt: NOW, durationMs: 5, screenshots: [] }), { contentType: 'application/json' });
  });
}, 120_000);

afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

describe('listings of more than 1,000 objects', () => {
  it('are followed page by page: the dashboard and the digest find the 1,001st check', async () => {
    const { store: counted, count } = countRequests(store);
    const read = await readDashboard(counted, { now: NOW, days: 30, detail: 0, warn: () => {} });
    expect(read.overview).toHaveLength(CHECKS);
    // state/ in two pages (1,000 + 1), history/ in one (empty).
    expect(count.byKind.get('ListObjectsV2')).toBe(3 + 2 * CHECKS); // …and each check's two months (no summary)
    expect(read.overview.some((row) => row.name === name(CHECKS - 1) && row.status === 'failed')).toBe(true);
    const all = await readHistory(store, { now: NOW, days: 1, warn: () => {} });
    expect(all.map((s) => s.name)).toContain(name(CHECKS - 1));
  });

  it('lets `results` find the newest run across the checks', async () => {
    const runs = await recentRuns(store, undefined, 5);
    // Run ids sort by time: the 1,000th check's run (11:59) is newer than the 1,001st's (11:50).
    expect(runs.map((r) => r.check)).toEqual([name(CHECKS - 2), name(CHECKS - 1)]);
  });
});
