// The daily picture through the built Lambda runner: the dispatcher's `{ digest: true, scheduledAt }` message, as the
// run queue delivers it, has the runner read the bucket (a small generated history in s3rver), render the page in its
// worker's Chromium and post the PNG to the fake Slack with the summary as its comment — once: a redelivery of the
// message finds the day's marker and posts nothing. Lambda's Node, the built layer, Lambda's environment.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { invokeBuilt, type Invocation } from '../helpers/lambda.ts';
import { EXPECTED_SUMMARY, generateDigestHistory, nearMidnight, storeDigestHistory } from '../helpers/digest-history.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { digestLayout } from '../../src/render/digest-page.ts';
import { localDate } from '../../src/render/time.ts';

const TOKEN = 'xoxb-lambda-digest-token';
let build: string;
let s3: FakeS3;
let slack: FakeSlack;
const now = Date.now();

const sqsEvent = (body: unknown, messageId: string, receiveCount = '1') => ({
  Records: [{
    messageId, body: JSON.stringify(body), eventSource: 'aws:sqs',
    attributes: { MessageGroupId: 'mimamori-digest', ApproximateReceiveCount: receiveCount, SentTimestamp: String(now), ApproximateFirstReceiveTimestamp: String(now) },
  }],
});

beforeAll(async () => {
  [s3, slack] = await Promise.all([startFakeS3(), startFakeSlack({ token: TOKEN })]);
  useS3Credentials(s3);
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-digest-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(ROOT, 'test/fixtures/lambda-checks'))}, `
    + "digest: { at: '09:00', timeZone: 'UTC' }, slack: { timeZone: 'Asia/Tokyo' } };\n");
  build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  await storeDigestHistory(await openS3Store(s3Settings({}, s3.env)!), generateDigestHistory(now));
}, 180_000);
afterAll(async () => {
  await Promise.all([s3?.close(), slack?.close()]);
});

describe('the built runner given the digest message', () => {
  let runs: Invocation[];
  const scheduledAt = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
  beforeAll(async () => {
    const lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
    const message = sqsEvent({ digest: true, scheduledAt }, 'digest-message-1');
    runs = await invokeBuilt(join(build, 'runner/runner.js'), [
      { event: message, timeoutMs: 120_000 },
      // The same message again (the answer was lost): the day's digest is not posted twice.
      { event: sqsEvent({ digest: true, scheduledAt }, 'digest-message-1', '2'), timeoutMs: 60_000 },
    ], {
      ...process.env, ...s3.env,
      NODE_PATH: join(build, 'layer/nodejs/node_modules'),
      MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'),
      TMPDIR: lambdaTmp,
      AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    });
  }, 180_000);

  const digestLine = (run: Invocation) => run.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => typeof l.message === 'string' && l.message.startsWith('digest '));

  it('renders the picture and posts it to Slack with the summary, answering no batch failure', () => {
    expect(runs[0]!.error).toBeUndefined();
    expect(runs[0]!.answer, runs[0]!.logs.join('\n')).toEqual({ batchItemFailures: [] });
    const line = digestLine(runs[0]!);
    expect(line, runs[0]!.logs.join('\n')).toMatchObject({ message: 'digest posted', checks: 3, date: localDate(now, 'UTC') });
    if (!nearMidnight(now)) expect(line!.summary).toMatch(EXPECTED_SUMMARY);
    const shares = slack.messages.filter((m) => m.files?.length);
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({ channel: 'C0ALERTS', initial_comment: line!.summary });
    const png = PNG.sync.read(shares[0]!.files![0]!.bytes!);
    expect([png.width, png.height]).toEqual([digestLayout(3).width, digestLayout(3).height]);
  });

  it('posts it once: the redelivered message finds the day\'s marker', async () => {
    expect(runs[1]!.answer).toEqual({ batchItemFailures: [] });
    expect(digestLine(runs[1]!)).toMatchObject({ message: 'digest skipped' });
    expect(slack.messages.filter((m) => m.files?.length)).toHaveLength(1);
    const marker = await (await openS3Store(s3Settings({}, s3.env)!)).get(`digest/${localDate(now, 'UTC')}.json`);
    expect(JSON.parse(marker!.toString('utf8'))).toMatchObject({ scheduledAt, channel: 'C0ALERTS' });
  });
});

describe('the built runner given the digest message, when Slack asks it to wait past its time', () => {
  let run: Invocation;
  const scheduledAt = new Date(Math.floor(now / 60_000) * 60_000).toISOString();
  beforeAll(async () => {
    // Slack's Retry-After (55 s) fits the post's own minute but not this invocation's 45 s: waiting would have the
    // invocation killed before the day's marker is written. A bucket prefix of its own: no marker from the tests above.
    slack.rateLimitNext('files.getUploadURLExternal', 55);
    [run] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: sqsEvent({ digest: true, scheduledAt }, 'digest-message-late'), timeoutMs: 45_000 }], {
      ...process.env, ...s3.env, MIMAMORI_S3_PREFIX: 'late/',
      NODE_PATH: join(build, 'layer/nodejs/node_modules'),
      MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'),
      TMPDIR: await mkdtemp(join(tmpdir(), 'lambda-tmp-')),
      AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    });
  }, 180_000);

  it('gives the message back for a redelivery within its time, saying why, instead of waiting to be killed', () => {
    expect(run.withinDeadline, run.logs.join('\n')).toBe(true);
    expect(run.answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'digest-message-late' }] });
    expect(run.logs.join('\n')).toMatch(/past the deadline|time for the digest's post ran out/);
  });
});
