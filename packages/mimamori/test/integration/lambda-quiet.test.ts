// Quiet time through the built runner, invoked as Lambda invokes it, against s3rver and the fake Slack: a mute written
// to the bucket the way `mimamori mute` writes it silences the next deployed run of the check (recorded, nothing
// posted); once the mute has ended, the next run opens the incident (saying it began while muted) and the mute's end
// is told to the channel once. A silence window in the config (compiled into the runner) keeps its check quiet too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ROOT, runCli } from '../helpers/cli.ts';
import { invokeBuilt, queuedRun, runnerEnv, type Invocation } from '../helpers/lambda.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { addMute, readMutes } from '../../src/mute/mute-store.ts';

const TOKEN = 'xoxb-quiet-test';
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let store: S3Store;
let build: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  useS3Credentials(s3);
  store = await openS3Store(s3Settings({}, s3.env)!);
  // A silence window open now for the tag `night` (an ISO start and end, around the test's own time).
  const hour = 3_600_000;
  const window = { name: 'night works', when: { start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + hour).toISOString() }, mode: 'silence', tags: ['night'] };
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-quiet-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default ${JSON.stringify({ checksDir: join(ROOT, 'test/fixtures/lambda-quiet-checks'), maintenance: [window] })};\n`);
  build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
}, 180_000);
afterAll(async () => {
  await Promise.all([site?.close(), s3?.close(), slack?.close()]);
});

async function invokeRunner(messageId: string, check = 'lambda broken'): Promise<Invocation> {
  const env = await runnerEnv(build, { ...s3.env, BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url });
  const [run] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun(check, messageId), timeoutMs: 60_000 }], env);
  return run!;
}

/** The invocation's "check <status>" log line. */
function runLine(invocation: Invocation): Record<string, unknown> {
  return invocation.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => /^check (passed|failed|degraded)$/.test(String(l.message)))!;
}

async function storedResults(): Promise<Record<string, unknown>[]> {
  const listed = await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'runs/' }));
  const keys = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('result.json')).sort();
  return Promise.all(keys.map(async (Key) => JSON.parse(await (await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToString()) as Record<string, unknown>));
}

describe('a mute, honoured by the deployed runner', () => {
  it('silences the next run, which is still recorded; once ended, the next run alerts and the end is told once', async () => {
    const now = Date.now();
    await addMute(store, { target: 'lambda broken', by: 'aki', reason: 'DB restart', since: now, until: now + 10 * 60_000 }, now);

    const muted = await invokeRunner('m-muted');
    expect(muted.answer, muted.logs.join('\n')).toEqual({ batchItemFailures: [] });
    expect(slack.messages).toHaveLength(0);
    const [first] = (await storedResults()).filter((r) => r.name === 'lambda broken');
    // Stored (before any alert) as a failed run in quiet time; its log line says nothing was sent.
    expect(first).toMatchObject({ status: 'failed', quiet: { mode: 'silence', source: 'mute', name: 'lambda broken', by: 'aki', reason: 'DB restart' } });
    expect(runLine(muted)).toMatchObject({ notification: { action: 'none' } });

    // The mute runs out (as if its time had come: written again ending a moment ago).
    const ended = Date.now();
    await addMute(store, { target: 'lambda broken', by: 'aki', reason: 'DB restart', since: ended - 60_000, until: ended - 1 }, ended - 60_000);
    expect(await readMutes(store, Date.now())).toEqual([]);

    const after = await invokeRunner('m-after');
    expect(after.answer).toEqual({ batchItemFailures: [] });
    const parents = slack.messages.filter((m) => !m.thread_ts);
    const texts = parents.map((m) => `${m.text ?? ''} ${JSON.stringify(m.attachments ?? [])}`);
    // The incident opens now, saying it began while muted; the mute's end is announced once.
    expect(texts.filter((t) => /lambda broken FAILED/.test(t))).toHaveLength(1);
    expect(texts.find((t) => /lambda broken FAILED/.test(t))).toMatch(/This began while muted \(lambda broken\) by aki/);
    expect(texts.filter((t) => /mute/i.test(t) && !/FAILED/.test(t))).toHaveLength(1);

    // A third run: the incident's reply; the end is not told again.
    await invokeRunner('m-third');
    expect(slack.messages.filter((m) => !m.thread_ts && /mute/i.test(m.text ?? '') && !/FAILED/.test(m.text ?? ''))).toHaveLength(1);
  }, 180_000);
});

describe('a silence window in the config, honoured by the deployed runner', () => {
  it('runs and records the check, and posts nothing', async () => {
    const before = slack.messages.length;
    const run = await invokeRunner('m-window-1', 'lambda window');
    await invokeRunner('m-window-2', 'lambda window');
    expect(run.answer).toEqual({ batchItemFailures: [] });
    expect(runLine(run)).toMatchObject({ status: 'failed', notification: { action: 'none' } });
    expect(slack.messages.slice(before)).toEqual([]);
    const stored = (await storedResults()).filter((r) => r.name === 'lambda window');
    expect(stored).toHaveLength(2);
    for (const r of stored) expect(r).toMatchObject({ status: 'failed', quiet: { mode: 'silence', source: 'maintenance', name: 'night works' } });
  }, 120_000);
});
