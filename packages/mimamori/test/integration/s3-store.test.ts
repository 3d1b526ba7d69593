// Evidence in S3: the real @aws-sdk/client-s3 against s3rver on 127.0.0.1 — bytes, metadata, layout, links, state,
// history, failures that keep the local copy, and `npm run check` / `npm run results` end to end.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { runCli, ROOT } from '../helpers/cli.ts';
import { checkResult } from '../helpers/check-result.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { afterRun } from '../../src/pipeline/after-run.ts';
import type { Store } from '../../src/store/store.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { readState } from '../../src/store/state.ts';
import { recentRuns } from '../../src/store/history.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';

let s3: FakeS3;
let client: S3Client;
let store: S3Store;
let scratch: string;

/** What a run does after its checks: store the evidence, record the state (no Slack here). */
async function finish(r: CheckResult, runId: string, local: string, remote: Store): Promise<void> {
  await afterRun({ runId, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] }, { stores: { local: new LocalStore(join(scratch, local)), remote }, sharedState: true });
}

const settingsFor = (env: Record<string, string>, extra: Record<string, string> = {}) => s3Settings({}, { ...env, ...extra })!;

function png(width: number, height: number, seed: number): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * seed) % 251;
  return PNG.sync.write(image);
}

function result(name: string, startedAt = Date.UTC(2026, 10, 29, 7, 35, 12)): CheckResult {
  return checkResult({
    name, baseURL: 'http://x', status: 'failed', startedAt, durationMs: 1234,
    steps: [{ name: 'open', status: 'passed', durationMs: 10, budget: {} }, { name: 'ログイン / pay', status: 'failed', durationMs: 20, budget: {} }],
    screenshots: [
      { file: '01-open.png', step: 'open', kind: 'step', attempt: 1, width: 40, height: 30, bytes: png(40, 30, 7) },
      { file: '02-ログイン-pay-failure.png', step: 'ログイン / pay', kind: 'failure', attempt: 1, width: 40, height: 30, bytes: png(40, 30, 13) },
    ],
    error: { name: 'Error', message: 'expected cart', class: 'assertion', step: 'ログイン / pay' },
  });
}

const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startFakeS3();
  // Credentials and region reach the SDK the standard way, through the environment.
  useS3Credentials(s3);
  const settings = settingsFor(s3.env, { MIMAMORI_S3_PREFIX: 'prod' });
  store = await openS3Store(settings);
  client = store.client;
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-s3-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

describe('saving a run to S3', () => {
  let saved: CheckResult;
  const runId = '20261129T073512Z-abc123';
  const folder = 'runs/checkout%20flow%2Fmobile/2026/11/29/20261129T073512Z-abc123/';
  beforeAll(async () => {
    saved = result('checkout flow/mobile');
    await finish(saved, runId, 'local', store);
  });

  it('lays keys out by prefix, check, UTC day and run, with names made safe', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'prod/' }));
    expect(listed.Contents!.map((o) => o.Key).sort()).toEqual([
      'prod/history/checkout%20flow%2Fmobile/2026/11/29.json',
      `prod/${folder}01-open.png`,
      `prod/${folder}02-ログイン-pay-failure.png`,
      `prod/${folder}result.json`,
      'prod/state/checkout%20flow%2Fmobile.json',
    ]);
    expect(saved.storage).toMatchObject({ folder, s3: { location: `s3://${s3.bucket}/prod/${folder}` } });
    expect(saved.storage!.s3!.error).toBeUndefined();
    expect(saved.storage!.durationMs).toBeGreaterThan(0);
  });

  it('round-trips every screenshot byte for byte, as image/png with metadata', async () => {
    for (const shot of saved.screenshots) {
      const key = `prod/${folder}${shot.file}`;
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(shot.bytes!)).toBe(true);
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(head.ContentType).toBe('image/png');
      expect(head.Metadata).toMatchObject({ 'run-id': runId, status: 'failed', kind: shot.kind, attempt: '1' });
      expect(decodeURIComponent(head.Metadata!.check)).toBe('checkout flow/mobile');
      expect(decodeURIComponent(head.Metadata!.step)).toBe(shot.step);
    }
  });

  it('stores result.json with the links, and keeps a local copy with the storage outcome', async () => {
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `prod/${folder}result.json` }));
    expect(got.ContentType).toBe('application/json');
    const stored = JSON.parse(await got.Body!.transformToString()) as CheckResult;
    expect(stored.screenshots[1].link!.url).toContain(encodeURIComponent('ログイン').slice(0, 9));
    expect(JSON.stringify(stored)).not.toContain('"bytes"');
    const local = JSON.parse(await readFile(join(scratch, 'local', ...folder.split('/'), 'result.json'), 'utf8')) as CheckResult;
    expect(local.storage!.durationMs).toBe(saved.storage!.durationMs);
    expect(local.screenshots[0].path).toBe(`${folder}01-open.png`);
  });

  it('gives presigned links a browser can fetch, expiring as configured', async () => {
    const shot = saved.screenshots[1];
    expect(shot.link!.consoleUrl).toBeUndefined(); // a custom endpoint has no AWS console
    const res = await fetch(shot.link!.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(shot.bytes!)).toBe(true);
    expect(new URL(shot.link!.url).searchParams.get('X-Amz-Expires')).toBe('604800');
    // Long-lived keys: the link works its full 7 days, and says so.
    expect(Date.parse(shot.link!.expiresAt!)).toBeGreaterThan(Date.now() + 604_800_000 - 60_000);
    expect(shot.link!.endsWithSession).toBeUndefined();
    // The result is linked once it is stored, and its link opens it.
    expect((await fetch(saved.storage!.s3!.result!.url)).status).toBe(200);
    const short = await openS3Store(settingsFor(s3.env, { MIMAMORI_LINK_EXPIRY: '3600' }));
    expect(new URL((await short.link('x')).url).searchParams.get('X-Amz-Expires')).toBe('3600');
  });

  it('writes the state object and keeps fields it does not own', async () => {
    const { state, version } = await readState(store, 'checkout flow/mobile');
    // A failure is counted in the state, whether or not Slack is configured (the second in a row opens the incident).
    expect(state).toMatchObject({ check: 'checkout flow/mobile', lastStatus: 'failed', lastRunId: runId, lastRunFolder: folder, consecutiveFailures: 1, incident: null });
    expect(version).toMatch(/^"[0-9a-f]{32}"$/);
    await store.put('state/checkout%20flow%2Fmobile.json', JSON.stringify({ ...state, owner: { team: 'web' } }), { contentType: 'application/json' });
    const next = result('checkout flow/mobile', Date.UTC(2026, 10, 30));
    next.status = 'passed';
    await finish(next, '20261130T000000Z-def456', 'local', store);
    expect((await readState(store, 'checkout flow/mobile')).state).toMatchObject({ lastStatus: 'passed', consecutiveFailures: 0, incident: null, owner: { team: 'web' } });
  });

  it('lists recent runs newest first across days', async () => {
    const runs = await recentRuns(store, 'checkout flow/mobile', 5);
    expect(runs.map((r) => [r.runId, r.status])).toEqual([['20261130T000000Z-def456', 'passed'], [runId, 'failed']]);
    expect(runs[1]).toMatchObject({ failingStep: 'ログイン / pay', error: 'expected cart', screenshot: { file: '02-ログイン-pay-failure.png' } });
    expect((await recentRuns(store, undefined, 1)).map((r) => r.runId)).toEqual(['20261130T000000Z-def456']);
  });
});

describe('when S3 fails, the result is kept', () => {
  it('reports a missing bucket with what to fix, and keeps the local copy', async () => {
    const settings = settingsFor(s3.env, { MIMAMORI_S3_BUCKET: 'no-such-bucket' });
    const r = result('bucket-missing');
    await finish(r, '20261129T073512Z-000001', 'kept', await openS3Store(settings));
    expect(r.storage!.s3!.error).toMatchObject({ name: 'StorageError' });
    expect(r.storage!.s3!.error!.message).toMatch(/bucket "no-such-bucket" does not exist.*fix MIMAMORI_S3_BUCKET/);
    const local = JSON.parse(await readFile(join(r.storage!.local, 'result.json'), 'utf8')) as CheckResult;
    expect(local.storage!.s3!.error!.message).toContain('no-such-bucket');
    expect(local.status).toBe('failed');
  });

  it('reports rejected credentials as such', async () => {
    // s3rver checks the access key id (it does not verify SigV4 signatures).
    const saved = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGKEYID';
    try {
      const r = result('bad-credentials');
      await finish(r, '20261129T073512Z-000003', 'kept', await openS3Store(settingsFor(s3.env)));
      expect(r.storage!.s3!.error!.message).toMatch(/the AWS credentials were rejected \(InvalidAccessKeyId\): check AWS_PROFILE/);
      expect(r.storage!.s3!.error!.message).not.toContain('AKIAWRONGKEYID');
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved;
    }
  });

  it('reports an unreachable endpoint after bounded retries', async () => {
    const closed = await startFakeS3('gone');
    await closed.close();
    const settings = settingsFor(closed.env);
    const r = result('unreachable');
    await finish(r, '20261129T073512Z-000002', 'kept', await openS3Store(settings));
    expect(r.storage!.s3!.error!.message).toMatch(new RegExp(`${closed.endpoint.replace(/[.:/]/g, '\\$&')} is unreachable \\(ECONNREFUSED\\)`));
  });
});

describe('npm run check with S3 configured', () => {
  let site: FixtureSite;
  beforeAll(async () => { site = await startFixtureSite(); });
  afterAll(() => site?.close());

  it('stores every check of a run in the bucket end to end, and `npm run results` lists them', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'e2e/', BASE_URL: site.url };
    const out = join(scratch, 'e2e-out');
    const run = await runCli([join(ROOT, 'test/fixtures/checks/home.check.ts'), join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out], { cwd: scratch, env });
    expect(run.code).toBe(1); // broken site fails; storage went fine
    expect(run.stdout).toContain(`Stored in s3://${s3.bucket}/e2e/`);
    const summary = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const keys = (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'e2e/' }))).Contents!.map((o) => o.Key!);
    for (const r of summary.results) {
      expect(keys).toContain(`e2e/${r.storage!.folder}result.json`);
      for (const shot of r.screenshots) {
        expect(keys).toContain(`e2e/${shot.path}`);
        const res = await fetch(shot.link!.url);
        expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(join(out, shot.path!)))).toBe(true);
      }
    }
    // No alert went out (no Slack): a try-out keeps its incident state in --out and never touches the bucket's.
    expect(keys.filter((k) => k.startsWith('e2e/state/'))).toEqual([]);
    expect((await readdir(join(out, 'state'))).sort()).toEqual(['broken%20site.json', 'home.json']);

    const listed = await runCli(['results', '--limit', '5'], { cwd: scratch, env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Recent runs in s3://${s3.bucket}/e2e/`);
    expect(listed.stdout).toMatch(/broken site {2}✗ failed/);
    expect(listed.stdout).toMatch(/home {2}✓ passed/);
    expect(listed.stdout).toContain(`screenshot: ${s3.endpoint}/${s3.bucket}/e2e/runs/`);
  });

  it('shares the bucket\'s incident state only when the run alerts or --shared-state says so', async () => {
    const env = { ...s3.env, MIMAMORI_S3_PREFIX: 'shared/', BASE_URL: site.url };
    const broken = join(ROOT, 'test/fixtures/checks/broken-site.check.ts');
    const stateKeys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'shared/state/' }))).Contents ?? []).map((o) => o.Key!);
    expect((await runCli([broken, '--out', join(scratch, 'try-out')], { cwd: scratch, env })).code).toBe(1);
    expect(await stateKeys()).toEqual([]);
    expect((await runCli([broken, '--out', join(scratch, 'shared-out'), '--shared-state'], { cwd: scratch, env })).code).toBe(1);
    expect(await stateKeys()).toEqual(['shared/state/broken%20site.json']);
  });

  it('exits 3 and says where the evidence is kept when the bucket is missing', async () => {
    const env = { ...s3.env, MIMAMORI_S3_BUCKET: 'missing-bucket', BASE_URL: site.url };
    const run = await runCli([join(ROOT, 'test/fixtures/checks/home.check.ts'), '--out', join(scratch, 'missing-out')], { cwd: scratch, env });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/Storage: 1 of 1 check could not be stored in s3:\/\/missing-bucket\//);
    expect(run.stdout).toMatch(/home: S3 upload of .* failed: bucket "missing-bucket" does not exist/);
    expect(run.stdout).toMatch(/kept in .*missing-out\/runs\/home\//);
  });
});
