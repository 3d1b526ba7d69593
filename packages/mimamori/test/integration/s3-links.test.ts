// Links that last as long as they say, against s3rver with the real S3 client: a presigned link ends when the
// credentials that signed it end (when that is sooner than its own expiry), and only objects that are in the bucket
// get a link — in the result, in result.json and in the Slack message.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-s3';
import * as presigner from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { pngBytes } from '../unit/fixtures/run-result.ts';
import { checkResult } from '../helpers/check-result.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store, S3Store } from '../../src/store/s3-store.ts';
import { s3Settings, type S3Settings } from '../../src/store/settings.ts';
import { saveCheckRun } from '../../src/store/save-run.ts';
import type { Store } from '../../src/store/store.ts';
import { buildSlackMessage } from '../../src/notify/slack-message.ts';
import type { CheckResult } from '../../src/result/types.ts';

let s3: FakeS3;
let scratch: string;
beforeAll(async () => {
  s3 = await startFakeS3('links');
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-links-'));
});
afterAll(() => s3?.close());

const DAY_S = 24 * 3600;
type Credentials = Awaited<ReturnType<sdk.S3Client['config']['credentials']>>;
const settings = (extra: Partial<S3Settings> = {}): S3Settings =>
  ({ bucket: s3.bucket, prefix: 'links/', region: 'us-east-1', endpoint: s3.endpoint, linkExpirySeconds: 7 * DAY_S, ...extra });

/** A store whose client signs with exactly these credentials (s3rver checks the key id, not the signature). */
function storeWith(credentials: Omit<Credentials, 'accessKeyId' | 'secretAccessKey'>, extra: Partial<S3Settings> = {}): S3Store {
  const client = new sdk.S3Client({
    region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: async () => ({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', ...credentials }),
  });
  return new S3Store(sdk, presigner, client, settings(extra));
}

/** When the URL itself says it stops: X-Amz-Date plus X-Amz-Expires. */
function urlEnd(url: string): number {
  const q = new URL(url).searchParams;
  const at = q.get('X-Amz-Date')!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
  return Date.parse(at) + Number(q.get('X-Amz-Expires')) * 1000;
}

describe('a presigned link ends when it says', () => {
  it('ends with the credentials that signed it when they end first (a role session), and works until then', async () => {
    const expiration = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);
    const store = storeWith({ sessionToken: 'role-session', expiration });
    await store.put('one-hour.txt', 'evidence', { contentType: 'text/plain' });
    const link = await store.link('one-hour.txt');
    // The URL claims 7 days; it stops working with the session, in an hour, and the link says so.
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe(String(7 * DAY_S));
    expect(link.expiresAt).toBe(expiration.toISOString());
    expect(link.endsWithSession).toBeUndefined();
    expect(await (await fetch(link.url)).text()).toBe('evidence');
  });

  it('ends at its own expiry when the credentials outlast it', async () => {
    const store = storeWith({ sessionToken: 'long-session', expiration: new Date(Date.now() + 3 * DAY_S * 1000) }, { linkExpirySeconds: 3600 });
    const link = await store.link('one-hour.txt');
    expect(link.expiresAt).toBe(new Date(urlEnd(link.url)).toISOString());
    expect(Date.parse(link.expiresAt!) - Date.now()).toBeGreaterThan(3590_000);
    expect(Date.parse(link.expiresAt!) - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it('lasts its full expiry with long-lived keys', async () => {
    const link = await storeWith({}).link('one-hour.txt');
    expect(link.expiresAt).toBe(new Date(urlEnd(link.url)).toISOString());
    expect(Date.parse(link.expiresAt!) - Date.now()).toBeGreaterThan(7 * DAY_S * 1000 - 10_000);
    expect(link.endsWithSession).toBeUndefined();
  });

  it("says so when temporary credentials do not tell their end (Lambda's role, from the environment)", async () => {
    const saved = { ...process.env };
    try {
      // What Lambda sets: a key, a secret and a session token, no AWS_CREDENTIAL_EXPIRATION.
      Object.assign(process.env, s3.env, { AWS_SESSION_TOKEN: 'lambda-role-session' });
      delete process.env.AWS_CREDENTIAL_EXPIRATION;
      delete process.env.AWS_PROFILE;
      const link = await (await openS3Store(s3Settings({}, process.env)!)).link('one-hour.txt');
      expect(link.endsWithSession).toBe(true);
      // Its end is not known: at the latest, the URL's own.
      expect(link.expiresAt).toBe(new Date(urlEnd(link.url)).toISOString());
    } finally {
      process.env = saved;
    }
  });
});

function result(name: string): CheckResult {
  return checkResult({
    name, baseURL: 'https://shop.example', status: 'failed', startedAt: Date.UTC(2026, 10, 29, 7, 35, 12),
    steps: [{ name: 'open', status: 'passed', durationMs: 100, budget: {} }, { name: 'pay', status: 'failed', durationMs: 800, budget: {} }],
    screenshots: [
      { file: '01-open.png', step: 'open', kind: 'step', attempt: 1, width: 1, height: 1, bytes: pngBytes() },
      { file: '02-pay-failure.png', step: 'pay', kind: 'failure', attempt: 1, width: 1, height: 1, bytes: pngBytes() },
    ],
    error: { name: 'Error', message: 'expected the receipt', class: 'assertion', step: 'pay' },
  });
}

/** The bucket, except that one key's upload goes to a bucket that does not exist: a real S3 refusal for that object. */
function failingOne(store: S3Store, failing: (key: string) => boolean): Store {
  const missing = new S3Store(sdk, presigner, store.client, settings({ bucket: 'no-such-bucket' }));
  return {
    kind: store.kind, location: store.location,
    put: (key, body, options) => (failing(key) ? missing : store).put(key, body, options),
    get: (key, options) => store.get(key, options),
    getVersioned: (key, options) => store.getVersioned(key, options),
    list: (prefix, options) => store.list(prefix, options),
    link: (key, options) => store.link(key, options),
  };
}

/** Every link (<url|label>) in a Slack message. */
const slackLinks = (r: CheckResult) => [...JSON.stringify(buildSlackMessage(r, { kind: 'alert', runId: 'r1', timeZone: 'UTC' }).attachments[0]!.blocks)
  .matchAll(/<(https?:[^|>]+)\|([^>]*)>/g)].map((m) => ({ url: m[1]!.replace(/\\u0026/g, '&'), label: m[2]! }));

describe('only objects in the bucket get links', () => {
  it('links the pictures that were stored, not the one whose upload failed, and says why', async () => {
    const store = storeWith({});
    const r = result('one picture refused');
    await saveCheckRun({ local: new LocalStore(join(scratch, 'refused')), remote: failingOne(store, (k) => k.endsWith('02-pay-failure.png')) }, r, '20261129T073512Z-refuse');
    const [open, failure] = r.screenshots;
    expect(failure!.link).toBeUndefined();
    expect(r.storage!.s3!.error!.message).toMatch(/02-pay-failure\.png failed: bucket "no-such-bucket" does not exist/);
    // The picture that is there is linked, and its link opens it.
    expect(Buffer.from(await (await fetch(open!.link!.url)).arrayBuffer()).equals(open!.bytes!)).toBe(true);
    // result.json is stored all the same, linked only once it is there, and carries the links it could (and why not).
    expect((await fetch(r.storage!.s3!.result!.url)).status).toBe(200);
    const stored = await (await fetch(r.storage!.s3!.result!.url)).json() as CheckResult;
    expect(stored.screenshots[0]!.link!.url).toBe(open!.link!.url);
    expect(stored.screenshots[1]!.link).toBeUndefined();
    expect(stored.storage!.s3!.error!.message).toContain('02-pay-failure.png');
  });

  it('gives Slack no link to a missing object: every link it has opens', async () => {
    const store = storeWith({});
    const r = result('failure picture refused');
    await saveCheckRun({ local: new LocalStore(join(scratch, 'slack')), remote: failingOne(store, (k) => k.endsWith('02-pay-failure.png')) }, r, '20261129T073512Z-slack1');
    const found = slackLinks(r);
    // The story picture (the failure) is not in the bucket: no "Screenshot" link; the result is, and is linked.
    expect(found.map((l) => l.label)).not.toContainEqual(expect.stringMatching(/^Screenshot/));
    expect(found.map((l) => l.label)).toContainEqual(expect.stringMatching(/^Result/));
    for (const l of found.filter((x) => x.url.startsWith(s3.endpoint))) expect((await fetch(l.url)).status, l.label).toBe(200);
  });

  it('links nothing in S3 when result.json cannot be stored, and says why', async () => {
    const store = storeWith({});
    const r = result('result refused');
    await saveCheckRun({ local: new LocalStore(join(scratch, 'no-result')), remote: failingOne(store, (k) => k.endsWith('result.json')) }, r, '20261129T073512Z-nores1');
    expect(r.storage!.s3!.result).toBeUndefined();
    expect(r.storage!.s3!.error!.message).toMatch(/result\.json failed: bucket "no-such-bucket" does not exist/);
    expect(slackLinks(r).map((l) => l.label)).not.toContainEqual(expect.stringMatching(/^Result/));
  });
});
