// Parity of visual baselines: a baseline recorded by the CLI (its worker's Chromium, fonts and viewport) into S3 holds
// on the built Lambda runner (the layer's Chromium and fonts): no visual change at the default limit.
//
// Not pixel-exact: on the fixture page 0.146 % of the pixels differ (glyph edges of text, a 1-px shift of the input),
// and the same happens locally with AWS_LAMBDA_FUNCTION_NAME set — the CLI's worker then keeps @sparticuz/chromium's
// --single-process / --no-zygote flags as Lambda does (src/runner/browser.ts drops them only off Lambda). So the cause
// is those flags, not the fonts or the Chromium build; a check with a limit under ~0.2 % would see a change.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv } from '../helpers/lambda.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';

const TOKEN = 'xoxb-visual-parity';
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let project: string;
let build: string;

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  ({ project, build } = await buildProject(join(ROOT, 'test/fixtures/lambda-visual-checks')));
}, 120_000);
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close()]));

const event = () => queuedRun('visual parity', 'm-visual-parity');

describe('a visual baseline recorded locally holds on Lambda', () => {
  it('the CLI records it in S3 (--shared-state); the built Lambda runner compares with it: no change', async () => {
    const json = join(project, 'local.json');
    const local = await runCli(['--out', join(project, 'out'), '--json', json, '--shared-state', '--no-slack'], { cwd: project, env: { ...s3.env, BASE_URL: site.url } });
    expect(local.code, local.stderr).toBe(0);
    const recorded = (JSON.parse(await readFile(json, 'utf8')) as RunResult).results[0]!;
    expect(recorded.visual).toMatchObject([{ name: 'final', baseline: 'baselines/visual%20parity/final.png', recorded: true }]);

    const env = await runnerEnv(build, {
      ...s3.env,
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    });
    await invokeBuilt(join(build, 'runner/runner.js'), [{ event: event(), timeoutMs: 120_000 }], env);

    const client = new S3Client({
      endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const keys = (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key!);
    expect(keys).toContain('baselines/visual%20parity/final.png');
    const results = await Promise.all(keys.filter((k) => k.startsWith('runs/visual%20parity/') && k.endsWith('/result.json')).map(async (Key) =>
      JSON.parse(await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToString()) as CheckResult));
    expect(results).toHaveLength(2);
    const onLambda = results.find((r) => !r.visual?.[0]?.recorded)!;
    if (process.env.VISUAL_PARITY_DUMP) {
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(process.env.VISUAL_PARITY_DUMP, { recursive: true });
      const get = async (Key: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToByteArray());
      writeFileSync(join(process.env.VISUAL_PARITY_DUMP, 'baseline.png'), await get('baselines/visual%20parity/final.png'));
      writeFileSync(join(process.env.VISUAL_PARITY_DUMP, 'lambda.png'), await get(`${onLambda.storage!.folder}final.png`));
      if (onLambda.visual?.[0]?.diff) writeFileSync(join(process.env.VISUAL_PARITY_DUMP, 'diff.png'), await get(onLambda.visual[0].diff.path!));
    }
    console.log(`visual parity: CLI baseline vs Lambda run: ${JSON.stringify(onLambda.visual)}`);
    expect(onLambda.visual).toMatchObject([{ name: 'final', changed: false, limit: 0.01 }]);
    // Text edges only (see above): far under the limit, and far under what a real change costs (a hidden card: 3.9 %).
    expect(onLambda.visual![0]!.diffRatio).toBeLessThan(0.003);
    expect(onLambda.status).toBe('passed');
    expect(slack.messages).toEqual([]);
  }, 240_000);
});
