// The trend chart through the built Lambda runner: a check that turns degraded on its third run alerts with its
// screenshot, the last good one and a chart of its response times, drawn by the runner's own worker from uPlot in the
// layer — one upload in the fake Slack.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { invokeBuilt } from '../helpers/lambda.ts';
import { decodePng } from '../helpers/png.ts';

const TOKEN = 'xoxb-lambda-chart';
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let build: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-chart-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(ROOT, 'test/fixtures/lambda-chart-checks'))} };\n`);
  build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
}, 120_000);
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close()]));

function run(n: number) {
  const now = String(Date.now() + n);
  const body = JSON.stringify({ check: 'slowing', scheduledAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() });
  return { Records: [{ messageId: `m-slowing-${n}`, body, eventSource: 'aws:sqs', attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: now, ApproximateFirstReceiveTimestamp: now } }] };
}

describe('the trend chart on the built Lambda runner', () => {
  it('alerts a newly degraded check with its screenshot, the last good one and the chart, in one upload', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env, ...s3.env,
      NODE_PATH: join(build, 'layer/nodejs/node_modules'), MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'),
      TMPDIR: await mkdtemp(join(tmpdir(), 'lambda-tmp-')),
      AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    };
    // Two quick runs (the history the chart draws), then the site turns slow before the third.
    await invokeBuilt(join(build, 'runner/runner.js'), [{ event: run(1), timeoutMs: 120_000 }, { event: run(2), timeoutMs: 60_000 }], env);
    expect(slack.messages).toEqual([]);
    await fetch(`${site.url}/latency/set?ms=900`);
    const [slow] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: run(3), timeoutMs: 60_000 }], env);
    expect(slow!.logs.join('\n')).toContain('"status":"degraded"');
    const shared = slack.messages.find((m) => m.files?.length);
    expect(shared?.files?.map((f) => f.title)).toEqual([expect.stringMatching(/^now · /), expect.stringMatching(/^last good · /), 'response times · last 3 runs']);
    const chart = decodePng(shared!.files![2]!.bytes!);
    expect([chart.width, chart.height]).toEqual([600, 240]);
  }, 180_000);
});
