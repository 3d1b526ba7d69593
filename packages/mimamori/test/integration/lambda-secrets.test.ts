// Declared secrets on Lambda, end to end: a project whose checks declare `secrets`, built with the project's own build,
// its runner invoked the way Lambda invokes it (test/helpers/lambda.ts) with a fake SSM on loopback serving the
// SecureStrings under MIMAMORI_SECRETS_PREFIX. The journey signs in with the secret; a warm worker's next check does
// not see it; a secret SSM does not have fails the run as `runner` (the monitor, not the site) without running the
// check; the value appears in no log line, stored object or Slack message.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { SECRET_LOGIN_PASSWORD, startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { invokeBuilt, type Invocation } from '../helpers/lambda.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const TOKEN = 'xoxb-lambda-secrets-token';
/** Not the template's default: the runner must read where MIMAMORI_SECRETS_PREFIX says. */
const PREFIX = '/mimamori-test/prod/secrets/';

/** An SQS event of one record, as the event source mapping delivers a RunQueue message (BatchSize 1). */
function scheduledRun(check: string) {
  const now = String(Date.now());
  const body = JSON.stringify({ check, scheduledAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() });
  return {
    Records: [{
      messageId: `m-${createHash('md5').update(body + Math.random()).digest('hex').slice(0, 8)}`, body, eventSource: 'aws:sqs',
      attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: now, ApproximateFirstReceiveTimestamp: now },
    }],
  };
}

/** The invocation's "check <status>" log line: a queued run's outcome, as CloudWatch shows it. */
function runLine(invocation: Invocation): Record<string, unknown> {
  const lines = invocation.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.message === 'string' && /^check (passed|failed|degraded)$/.test(l.message));
  expect(lines, invocation.logs.join('\n')).toHaveLength(1);
  return lines[0]!;
}

let build: string;
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let ssm: Awaited<ReturnType<typeof startFakeSsm>>;

beforeAll(async () => {
  [site, s3, slack, ssm] = await Promise.all([
    startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN }), startFakeSsm({ [`${PREFIX}SHOP_PASSWORD`]: SECRET_LOGIN_PASSWORD }),
  ]);
  useS3Credentials(s3);
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-secrets-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(ROOT, 'test/fixtures/lambda-secret-checks'))} };\n`);
  build = join(project, 'build');
  // The build knows the names only: no value anywhere near it (nor in the environment it runs in).
  const built = await runCli(['build', '--out', build], { cwd: project, env: { SHOP_PASSWORD: undefined, MISSING_TOKEN: undefined } });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
}, 120_000);
afterAll(async () => {
  await Promise.all([site?.close(), s3?.close(), slack?.close(), ssm?.close()]);
});

describe('declared secrets on the built runner', () => {
  let runs: Invocation[] & { logs: string };
  let sitesHitsBefore: number;
  beforeAll(async () => {
    sitesHitsBefore = site.hits('/reached-without-secrets');
    const env: NodeJS.ProcessEnv = {
      ...process.env, ...s3.env,
      NODE_PATH: join(build, 'layer/nodejs/node_modules'),
      MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'),
      TMPDIR: await mkdtemp(join(tmpdir(), 'lambda-tmp-')),
      AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
      // What the template gives the runner: the prefix, never a value.
      MIMAMORI_SECRETS_PREFIX: PREFIX, AWS_ENDPOINT_URL_SSM: ssm.url,
    };
    delete env.SHOP_PASSWORD;
    delete env.MISSING_TOKEN;
    runs = await invokeBuilt(join(build, 'runner/runner.js'), [
      { event: scheduledRun('secret login'), timeoutMs: 120_000 },
      { event: scheduledRun('no secrets'), timeoutMs: 60_000 },
      { event: scheduledRun('secret missing'), timeoutMs: 60_000 },
      { event: scheduledRun('secret login'), timeoutMs: 60_000 },
    ], env);
  }, 240_000);

  it('reads the declared secret from SSM (decrypted, under the prefix) and the journey signs in with it', () => {
    for (const run of runs) expect(run.answer).toEqual({ batchItemFailures: [] });
    expect(runLine(runs[0]!), runs[0]!.logs.join('\n')).toMatchObject({ check: 'secret login', status: 'passed' });
    expect(site.hits('/secret-login')).toBeGreaterThanOrEqual(2);
    expect(ssm.requests[0]).toEqual({ target: 'AmazonSSM.GetParameters', input: { Names: [`${PREFIX}SHOP_PASSWORD`], WithDecryption: true } });
  });

  it('takes the secret away from the warm worker once the check that declared it is over', () => {
    expect(runs[1]!.workers).toEqual(runs[0]!.workers); // the same warm worker process
    expect(runLine(runs[1]!)).toMatchObject({ check: 'no secrets', status: 'passed' });
  });

  it('fails a run whose secret SSM does not have as `runner`, naming the parameter, without running the check', () => {
    const line = runLine(runs[2]!);
    expect(line).toMatchObject({ check: 'secret missing', status: 'failed' });
    expect(String(line.error)).toContain(`Secret MISSING_TOKEN declared by the check is not in SSM Parameter Store: no parameter ${PREFIX}MISSING_TOKEN`);
    expect(String(line.error)).not.toContain(`${PREFIX}SHOP_PASSWORD`); // that one is there
    expect(site.hits('/reached-without-secrets')).toBe(sitesHitsBefore);
    // The monitor is misconfigured, the site was not judged: a monitor message, at once (alertAfter 1).
    const monitor = slack.messages.filter((m) => m.text?.includes('secret missing'));
    expect(monitor).toHaveLength(1);
    expect(monitor[0]!.text).toMatch(/^:wrench: secret missing could not be run by the monitor \(a mimamori problem, not a verdict on the site\): Secret MISSING_TOKEN /);
    expect(monitor[0]!.text).toContain(`no parameter ${PREFIX}MISSING_TOKEN`);
  });

  it('reads SSM once per value while warm (cached), and asks again only for what it has not got', () => {
    expect(runLine(runs[3]!)).toMatchObject({ check: 'secret login', status: 'passed' });
    expect(ssm.requests.map((r) => r.input)).toEqual([
      { Names: [`${PREFIX}SHOP_PASSWORD`], WithDecryption: true },
      { Names: [`${PREFIX}MISSING_TOKEN`], WithDecryption: true },
    ]);
  });

  it('stores the runs: the missing secret as a runner failure with one attempt and no steps', async () => {
    const client = (await openS3Store(s3Settings({}, s3.env)!)).client;
    const keys = (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key!);
    const missing = keys.filter((k) => k.startsWith('runs/secret%20missing/') && k.endsWith('result.json'));
    expect(missing).toHaveLength(1);
    const body = await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: missing[0]! }))).Body!.transformToString();
    // result.json is the check's result as it is.
    const result = JSON.parse(body) as { status: string; attempts: number; steps: unknown[]; error: { class: string; name: string; message: string; stack?: string } };
    expect(result).toMatchObject({ status: 'failed', attempts: 1, steps: [] });
    expect(result.error).toMatchObject({ class: 'runner', name: 'MissingSecretError' });
    expect(result.error.message).toContain(`${PREFIX}MISSING_TOKEN`);
    expect(result.error.stack).toBeUndefined();
  });

  it('never writes the secret\'s value: not in the invocation\'s logs, the stored objects or Slack', async () => {
    expect(runs.logs).toContain('signing in with password'); // the check's careless line was written…
    expect(runs.logs).not.toContain(SECRET_LOGIN_PASSWORD); // …with the value hidden
    const client = (await openS3Store(s3Settings({}, s3.env)!)).client;
    const keys = (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key!);
    expect(keys.filter((k) => k.startsWith('runs/secret%20login/') && k.endsWith('result.json'))).toHaveLength(2);
    for (const key of keys) {
      const bytes = await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))).Body!.transformToByteArray();
      expect(Buffer.from(bytes).toString('latin1'), key).not.toContain(SECRET_LOGIN_PASSWORD);
    }
    expect(JSON.stringify(slack.messages)).not.toContain(SECRET_LOGIN_PASSWORD);
  });
});
