// The compact history as after-run writes it: the real S3 client against s3rver (which honours conditional writes as S3
// does), driven through afterRun with the state shared in S3 — runs over two days land in two day objects with their
// incident marks, two runs of one check at the same moment both land in the day, a repeated delivery writes nothing,
// a failing history write is recorded without stopping the alert, and a try-out keeps its history in the out folder.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { checkResult } from '../helpers/check-result.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { readDays, type HistoryDay } from '../../src/store/history-days.ts';
import { StorageError, type Store } from '../../src/store/store.ts';
import type { CheckResult, CheckStatus } from '../../src/result/types.ts';
import { meetAfterFirstRead } from '../helpers/meeting-store.ts';

let s3: FakeS3;
let scratch: string;
const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startFakeS3();
  // Credentials and region reach the SDK the standard way, through the environment.
  useS3Credentials(s3);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-history-days-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

/** Each run as its own process makes it: its own S3 client. */
const s3Store = (prefix: string) => openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: prefix })!);

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');
function result(name: string, status: CheckStatus, startedAt: number): CheckResult {
  const failed = status === 'failed';
  return checkResult({
    name, status, startedAt, durationMs: failed ? 30_000 : 900, budget: { maxResponseTime: 5000 },
    steps: [{ name: 'open', status: 'passed', durationMs: 300, budget: {} }, { name: 'pay', status: failed ? 'failed' : 'passed', durationMs: failed ? 29_700 : 600, budget: {} }],
    screenshots: [{ file: failed ? '02-pay-failure.png' : '02-pay.png', step: 'pay', kind: failed ? 'failure' : 'step', attempt: 1, width: 1, height: 1, bytes: PNG }],
    error: failed ? { name: 'TimeoutError', message: 'pay: timed out after 30 s\n  call log:\n  - waiting for button', class: 'timeout', step: 'pay' } : undefined,
  });
}

const runId = (startedAt: number, tag: string) => `${new Date(startedAt).toISOString().replace(/[-:]|\.\d+/g, '')}-${tag}`;

async function finish(r: CheckResult, id: string, remote: Store | undefined, sharedState = true, local = join(scratch, id)): Promise<CheckResult> {
  await afterRun({ runId: id, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] }, { stores: { local: new LocalStore(local), remote }, sharedState });
  return r;
}

async function dayObject(prefix: string, key: string): Promise<{ day: HistoryDay; etag: string }> {
  const store = await s3Store(prefix);
  const got = await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: prefix + key }));
  expect(got.ContentType).toBe('application/json');
  return { day: JSON.parse(await got.Body!.transformToString()) as HistoryDay, etag: got.ETag! };
}

describe('after-run with the state shared in S3', () => {
  const prefix = 'hist/';
  const day1 = Date.UTC(2026, 10, 29, 23, 50);
  const runs = [
    { status: 'failed' as const, at: day1, tag: 'aaa111' },
    { status: 'failed' as const, at: day1 + 5 * 60_000, tag: 'bbb222' }, // the second failure in a row opens the incident
    { status: 'passed' as const, at: day1 + 15 * 60_000, tag: 'ccc333' }, // 00:05 UTC the next day: recovers it
  ];
  let store: S3Store;
  let done: CheckResult[];
  beforeAll(async () => {
    store = await s3Store(prefix);
    // A learned baseline in the state: the day records it as the usual journey time.
    const state = { check: 'checkout', lastStatus: 'passed', lastRunId: 'seed', lastRunAt: new Date(day1 - 60_000).toISOString(), lastDurationMs: 900, lastRunFolder: '', consecutiveFailures: 0, incident: null, baseline: { learnedAt: '2026-11-01T00:00:00.000Z', runs: 20, journeyMs: 870, steps: { open: 290, pay: 580 } } };
    await store.put('state/checkout.json', JSON.stringify(state), { contentType: 'application/json' });
    done = [];
    for (const r of runs) done.push(await finish(result('checkout', r.status, r.at), runId(r.at, r.tag), await s3Store(prefix)));
  });

  it('writes one object per UTC day, with the runs, their marks and the day\'s facts', async () => {
    expect(done.map((r) => r.notification!.action)).toEqual(['none', 'open', 'recover']);
    expect(done.map((r) => r.storage!.historyError)).toEqual([undefined, undefined, undefined]);
    const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}history/` }));
    // The first run of the 30th summarised the 29th beside the days (history-summary.ts): what the dashboard's
    // overview of many checks reads instead of the day.
    expect(listed.Contents!.map((o) => o.Key).sort()).toEqual([`${prefix}history/checkout/2026/11/29.json`, `${prefix}history/checkout/2026/11/30.json`, `${prefix}history/checkout/summary.json`]);
    const summary = JSON.parse((await store.get('history/checkout/summary.json'))!.toString());
    expect(summary).toEqual({ v: 1, check: 'checkout', days: [{ day: '2026-11-29', n: 2, h: [[23, 2, 0, null, null]] }] });

    const { day: first } = await dayObject(prefix, 'history/checkout/2026/11/29.json');
    expect(first).toMatchObject({ v: 1, check: 'checkout', day: '2026-11-29', steps: ['open', 'pay'], budget: { maxResponseTime: 5000 }, usualMs: 870 });
    expect(first.runs).toEqual([
      { t: runs[0]!.at, id: runId(runs[0]!.at, 'aaa111'), s: 'f', ms: 30_000, st: [300, 29_700], fs: 'pay', e: 'pay: timed out after 30 s', c: 'timeout', shot: done[0]!.screenshots[0]!.path },
      { t: runs[1]!.at, id: runId(runs[1]!.at, 'bbb222'), s: 'f', ms: 30_000, st: [300, 29_700], fs: 'pay', e: 'pay: timed out after 30 s', c: 'timeout', shot: done[1]!.screenshots[0]!.path, i: 1 },
    ]);
    const { day: second } = await dayObject(prefix, 'history/checkout/2026/11/30.json');
    expect(second.runs).toEqual([{ t: runs[2]!.at, id: runId(runs[2]!.at, 'ccc333'), s: 'p', ms: 900, st: [300, 600], shot: done[2]!.screenshots[0]!.path, i: 2 }]);
    // The screenshot key names an object in the same bucket.
    expect(second.runs[0]!.shot).toMatch(/^runs\/checkout\/2026\/11\/30\/.*\/02-pay\.png$/);
    expect(await store.get(second.runs[0]!.shot!)).toEqual(PNG);
  });

  it('reads back with readDays: one listing per month, one GET per day', async () => {
    const days = await readDays(store, 'checkout', '2026-11-01', '2026-12-31');
    expect(days.map((d) => [d.day, d.runs.map((r) => r.i ?? 0)])).toEqual([['2026-11-29', [0, 1]], ['2026-11-30', [2]]]);
  });

  it('writes nothing for a repeated delivery of a run already recorded', async () => {
    const before = await dayObject(prefix, 'history/checkout/2026/11/30.json');
    const again = await finish(result('checkout', 'passed', runs[2]!.at), runId(runs[2]!.at, 'ccc333'), await s3Store(prefix));
    expect(again.notification!.reason).toMatch(/already recorded/);
    expect((await dayObject(prefix, 'history/checkout/2026/11/30.json')).etag).toBe(before.etag);
  });
});


describe('two runs of one check at the same moment', () => {
  it('both land in the day: the second write finds the day changed and adds its run to the fresh copy', async () => {
    const prefix = 'race/';
    const at = Date.UTC(2026, 10, 29, 8, 0);
    let go!: () => void;
    const all = new Promise<void>((resolve) => (go = resolve));
    const meeting = { arrived: 0, expected: 2, all, go };
    const puts: string[] = [];
    const counted = (store: Store): Store => ({ ...meetAfterFirstRead(store, meeting, 'history/'), put: (key, body, o) => (key.startsWith('history/') && puts.push(o.ifMatch ? 'if-match' : 'if-none-match'), store.put(key, body, o)) });
    const both = await Promise.all([
      finish(result('race', 'passed', at), runId(at, 'left'), counted(await s3Store(prefix))),
      finish(result('race', 'failed', at + 10), runId(at + 10, 'right'), counted(await s3Store(prefix))),
    ]);
    expect(both.map((r) => r.storage!.historyError)).toEqual([undefined, undefined]);
    // Both read no day, both tried to create it; the one refused read it again and wrote it back on top.
    expect(puts).toEqual(['if-none-match', 'if-none-match', 'if-match']);
    const { day } = await dayObject(prefix, 'history/race/2026/11/29.json');
    expect(day.runs.map((r) => [r.id, r.s])).toEqual([[runId(at, 'left'), 'p'], [runId(at + 10, 'right'), 'f']]);
  });
});

describe('when the history cannot be written', () => {
  it('records why on the result, and the alert goes out all the same', async () => {
    const prefix = 'broken/';
    const inner = await s3Store(prefix);
    const refusing: Store = {
      kind: inner.kind, location: inner.location,
      get: (...a) => inner.get(...a), getVersioned: (...a) => inner.getVersioned(...a), list: (...a) => inner.list(...a), link: (...a) => inner.link(...a),
      put: (key, body, o) => (key.startsWith('history/') ? Promise.reject(new StorageError(`S3 upload of ${key} failed: AccessDenied`)) : inner.put(key, body, o)),
    };
    const at = Date.UTC(2026, 10, 29, 9, 0);
    await finish(result('refused', 'failed', at), runId(at, 'one'), refusing);
    const r = await finish(result('refused', 'failed', at + 60_000), runId(at + 60_000, 'two'), refusing);
    expect(r.notification!.action).toBe('open');
    expect(r.notification!.preview).toBeDefined();
    expect(r.storage!.historyError).toEqual({ name: 'StorageError', message: 'S3 upload of history/refused/2026/11/29.json failed: AccessDenied' });
    expect(r.storage!.s3!.error).toBeUndefined();
  });
});

describe('a try-out (the state kept in the out folder)', () => {
  it('keeps its history in the out folder too, never in the bucket', async () => {
    const prefix = 'tryout/';
    const out = join(scratch, 'tryout-out');
    const at = Date.UTC(2026, 10, 29, 10, 0);
    const r = await finish(result('local only', 'passed', at), runId(at, 'loc'), await s3Store(prefix), false, out);
    expect(r.storage!.historyError).toBeUndefined();
    const day = JSON.parse(await readFile(join(out, 'history', 'local%20only', '2026', '11', '29.json'), 'utf8')) as HistoryDay;
    expect(day.runs).toMatchObject([{ id: runId(at, 'loc'), s: 'p', shot: r.screenshots[0]!.path }]);
    const listed = await (await s3Store(prefix)).client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}history/` }));
    expect(listed.Contents ?? []).toEqual([]);
  });
});

describe('a day object in S3 broken by hand (valid JSON: a null run, a numeric id, no day)', () => {
  it('is repaired by the next run\'s write, which records what it left out — never a historyError that repeats', async () => {
    const prefix = 'hand-edited/';
    const remote = await s3Store(prefix);
    const at = Date.UTC(2026, 10, 29, 11, 0);
    const earlier = { t: at - 60_000, id: runId(at - 60_000, 'kept'), s: 'p', ms: 900 };
    const key = 'history/edited/2026/11/29.json';
    await remote.put(key, JSON.stringify({ v: 1, check: 'edited', steps: ['open', 'pay'], runs: [earlier, null, { ...earlier, id: 7 }] }), { contentType: 'application/json' });
    const r = await finish(result('edited', 'passed', at), runId(at, 'next'), remote);
    expect(r.storage!.historyError).toBeUndefined();
    expect(r.storage!.historyWarning).toBe(`${key}: its day is missing: 2026-11-29 by its key; 2 malformed runs left out (run 2 is null; run 3 has no run id): repaired by this run's write`);
    const { day } = await dayObject(prefix, key);
    expect(day).toMatchObject({ v: 1, check: 'edited', day: '2026-11-29' });
    expect(day.runs.map((x) => x.id)).toEqual([earlier.id, runId(at, 'next')]);
    // Repaired: the next run says nothing more.
    const again = await finish(result('edited', 'passed', at + 60_000), runId(at + 60_000, 'after'), remote);
    expect(again.storage!.historyWarning).toBeUndefined();
  });
});
