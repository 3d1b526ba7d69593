// The trend chart through the built Lambda runner: a check that turns degraded on its third run alerts with its
// screenshot, the last good one and a chart of its response times, drawn by the runner's own worker from uPlot in the
// layer — one upload in the fake Slack.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv } from '../helpers/lambda.ts';
import { decodePng } from '../helpers/png.ts';

const TOKEN = 'xoxb-lambda-chart';
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let build: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  ({ build } = await buildProject(join(ROOT, 'test/fixtures/lambda-chart-checks')));
}, 120_000);
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close()]));

const run = (n: number) => queuedRun('slowing', `m-slowing-${n}`, Date.now() + n);

describe('the trend chart on the built Lambda runner', () => {
  it('alerts a newly degraded check with its screenshot, the last good one and the chart, in one upload', async () => {
    const env = await runnerEnv(build, {
      ...s3.env,
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    });
    // Two quick runs (the history the chart draws), then the site turns slow before the third.
    await invokeBuilt(join(build, 'runner/runner.js'), [{ event: run(1), timeoutMs: 120_000 }, { event: run(2), timeoutMs: 60_000 }], env);
    expect(slack.messages).toEqual([]);
    await fetch(`${site.url}/latency/set?ms=3000`);
    const [slow] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: run(3), timeoutMs: 60_000 }], env);
    expect(slow!.logs.join('\n')).toContain('"status":"degraded"');
    const shared = slack.messages.find((m) => m.files?.length);
    expect(shared?.files?.map((f) => f.title)).toEqual([expect.stringMatching(/^now · /), expect.stringMatching(/^last good · /), 'response times · last 3 runs']);
    const chart = decodePng(shared!.files![2]!.bytes!);
    expect([chart.width, chart.height]).toEqual([600, 240]);
  }, 180_000);
});
