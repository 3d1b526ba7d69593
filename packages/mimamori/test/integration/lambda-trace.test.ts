// A failure's trace through the built Lambda runner: kept by the default option, stored as trace.zip beside the
// screenshots in S3, and linked from the Slack alert through the hosted trace viewer with a presigned link that serves
// the stored zip; its call stacks name the check's .ts lines.
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv } from '../helpers/lambda.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { zipEntries as unzip } from '../../src/runner/zip-entries.ts';

const TOKEN = 'xoxb-lambda-trace';
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let build: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  useS3Credentials(s3);
  ({ build } = await buildProject(join(ROOT, 'test/fixtures/lambda-trace-checks')));
}, 120_000);
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close()]));

describe('a failure trace on the built Lambda runner', () => {
  it('is stored beside the screenshots in S3 and linked from the Slack alert through the trace viewer', async () => {
    const env = await runnerEnv(build, {
      ...s3.env,
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    });
    await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun('traced', 'm-traced'), timeoutMs: 120_000 }], env);

    const store = await openS3Store(s3Settings({}, s3.env)!);
    const keys = ((await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'runs/traced/' }))).Contents ?? []).map((o) => o.Key!);
    const traceKey = keys.find((k) => k.endsWith('/trace.zip'))!;
    expect(traceKey, keys.join('\n')).toBeDefined();
    expect(keys.some((k) => k.startsWith(traceKey.replace('trace.zip', '')) && k.endsWith('.png'))).toBe(true);
    const zip = Buffer.from(await (await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: traceKey }))).Body!.transformToByteArray());
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    // Its call stacks (beside each action in the viewer) name the check's .ts lines, not the bundle's (runner/worker.js).
    const { files, stacks } = JSON.parse(unzip(zip).get('trace.stacks')!.toString('utf8')) as { files: string[]; stacks: [number, [number, number, number, string][]][] };
    const frames = stacks.flatMap(([, f]) => f).map(([file, line]) => `${files[file]}:${line}`);
    expect(frames).toContain(`${join(ROOT, 'test/fixtures/lambda-trace-checks/broken.check.ts')}:12`);
    expect(files.filter((f) => /worker\.js$/.test(f))).toEqual([]);

    const alert = slack.messages.find((m) => m.text?.startsWith(':red_circle: traced FAILED'));
    const viewer = /<(https:\/\/trace\.playwright\.dev\/\?trace=[^|>]+)\|Trace[^>]*>/.exec(JSON.stringify(alert?.attachments ?? []))?.[1];
    expect(viewer, JSON.stringify(alert)).toBeDefined();
    const presigned = decodeURIComponent(new URL(viewer!.replace(/&amp;/g, '&')).searchParams.get('trace')!);
    const served = Buffer.from(await (await fetch(presigned)).arrayBuffer());
    expect(served.equals(zip)).toBe(true);
  }, 180_000);
});
