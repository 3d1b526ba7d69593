// Issue 11's canary: a declared secret typed into a page that echoes it and then fails an assertion on it, URL
// credentials, a token in a query string and a credential header go through a failing journey — on the CLI and on the
// built Lambda runner (the secret from an SSM fake) — and every byte mimamori wrote or sent is scanned: stdout and
// stderr, every local file, every S3 object on s3rver, every request the fake Slack received, the Lambda logs.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv } from '../helpers/lambda.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const CHECK = join(ROOT, 'test/fixtures/canary-checks/canary.check.ts');
const TOKEN = 'xoxb-canary-slack-token';
const SECRET = 'CanarySecret-9917';
const URL_USER = 'canary-user';
const URL_PASSWORD = 'CanaryPw-7781';
const QUERY_TOKEN = 'CanaryTok-5531';
const HEADER = 'CanaryHdr-4412';

/** Each canary as it could appear: raw, URL-encoded, and the Basic header's base64 of user:password. */
const CANARIES = [SECRET, URL_PASSWORD, QUERY_TOKEN, HEADER, TOKEN];
const FORMS = [
  ...CANARIES.flatMap((c) => [c, encodeURIComponent(c), Buffer.from(c).toString('base64')]),
  Buffer.from(`${URL_USER}:${URL_PASSWORD}`).toString('base64'),
  `${URL_USER}:`,
];

/** Where any canary form appears, as `place: form`. */
function leaks(place: string, bytes: Buffer | string): string[] {
  const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : bytes;
  return FORMS.filter((f) => text.includes(f)).map((f) => `${place}: ${f}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function bucketLeaks(prefix: string): Promise<{ keys: number; found: string[] }> {
  const store = await openS3Store(s3Settings({}, s3.env)!);
  const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  const found: string[] = [];
  for (const { Key } of listed.Contents ?? []) {
    const object = await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
    found.push(...leaks(`s3://${Key}`, Buffer.from(await object.Body!.transformToByteArray())), ...leaks(`key ${Key}`, Key!));
  }
  return { keys: listed.Contents?.length ?? 0, found };
}

const slackLeaks = () => [
  ...slack.calls.flatMap((c, i) => leaks(`slack call ${i} ${c.method}`, JSON.stringify(c.params))),
  ...slack.messages.flatMap((m, i) => leaks(`slack message ${i}`, JSON.stringify({ ...m, files: m.files?.map((f) => ({ ...f, bytes: undefined })) }))),
  ...slack.files.flatMap((f, i) => leaks(`slack file ${i}`, f.bytes ?? Buffer.alloc(0))),
];

let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let scratch: string;
let baseURL: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  useS3Credentials(s3);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-canary-'));
  baseURL = site.url.replace('http://', `http://${URL_USER}:${URL_PASSWORD}@`);
});
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close()]));

describe('canary secrets on the CLI', () => {
  it('appear nowhere: not in stdout/stderr, any local file, any S3 object, or anything sent to Slack', async () => {
    const out = join(scratch, 'out');
    const run = await runCli([CHECK, '--out', out], {
      cwd: scratch,
      env: { BASE_URL: baseURL, CANARY_SECRET: SECRET, ...s3.env, MIMAMORI_S3_PREFIX: 'cli/', SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'alerts', SLACK_API_URL: slack.url },
    });
    // The journey really ran, failed on the echoed secret, stored and alerted: the canaries went everywhere.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/check code prints the secret \*\*\* and the header (Bearer )?\*\*\*/);
    expect(slack.messages.length).toBeGreaterThan(0);
    const { keys, found } = await bucketLeaks('cli/');
    expect(keys).toBeGreaterThan(2);
    const files = await filesUnder(out);
    expect(files.some((f) => f.endsWith('report.html'))).toBe(true);
    const local = (await Promise.all(files.map(async (f) => [...leaks(f, await readFile(f)), ...leaks(`name ${f}`, f)]))).flat();
    expect([...leaks('stdout', run.stdout), ...leaks('stderr', run.stderr), ...local, ...found, ...slackLeaks()]).toEqual([]);
  }, 90_000);
});


describe('canary secrets on the built Lambda runner', () => {
  it('appear nowhere: not in the Lambda logs, any S3 object, or anything sent to Slack', async () => {
    const ssm = await startFakeSsm({ '/mimamori/secrets/CANARY_SECRET': SECRET });
    try {
      const { build } = await buildProject(join(ROOT, 'test/fixtures/canary-checks'), { CANARY_SECRET: undefined });
      const slackBefore = slack.calls.length;
      const env = await runnerEnv(build, {
        ...s3.env, MIMAMORI_S3_PREFIX: 'lambda/',
        BASE_URL: baseURL, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
        MIMAMORI_SECRETS_PREFIX: '/mimamori/secrets/', AWS_ENDPOINT_URL_SSM: ssm.url,
      });
      delete env.CANARY_SECRET;
      const runs = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun('canary', 'm-canary'), timeoutMs: 120_000 }], env);
      const logs = `${runs.logs}\n${runs.map((r) => r.logs.join('\n')).join('\n')}`;
      // It ran with the secret from SSM and failed on the echo: the canaries went through the worker, the logs, S3 and Slack.
      expect(logs).toMatch(/check code prints the secret \*\*\* and the header (Bearer )?\*\*\*/);
      expect(logs).toMatch(/"message":"check failed"/);
      expect(slack.calls.length).toBeGreaterThan(slackBefore);
      const { keys, found } = await bucketLeaks('lambda/');
      expect(keys).toBeGreaterThan(2);
      expect([...leaks('lambda logs', logs), ...found, ...slackLeaks()]).toEqual([]);
    } finally {
      await ssm.close();
    }
  }, 180_000);
});
