// The built Lambda runner, invoked the way Lambda invokes it: the project's own build, modules from the built layer
// (NODE_PATH), Lambda's environment, a context with getRemainingTimeInMillis — against the fixture site, s3rver and
// the fake Slack server. Cold then warm in one process; a journey past the deadline is still stored and sent.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { dueEntries } from '../../src/lambda/dispatch.ts';

const TOKEN = 'xoxb-lambda-test-token';
let build: string;
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;

interface Invocation { answer: Record<string, unknown>; ms: number; withinDeadline: boolean; chromiumInflated: boolean; chromiumWrittenAt?: number; workers: number[]; tmp: string[] }

function invoke(handlerFile: string, invocations: { event: unknown; timeoutMs: number }[], lambdaTmp: string): Promise<Invocation[]> {
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env, ...s3.env,
      NODE_PATH: join(build, 'layer/nodejs/node_modules'),
      MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'), // the layer's fonts/, which Lambda mounts at /opt/fonts
      TMPDIR: lambdaTmp, // a fresh /tmp: the first invocation inflates Chromium, as a cold start does
      AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048',
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    };
    const child = spawn(process.execPath, [join(ROOT, 'test/helpers/lambda-invoke.cjs'), handlerFile, JSON.stringify(invocations)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const marker = stdout.lastIndexOf('@@RESULT@@');
      if (code !== 0 || marker < 0) reject(new Error(`invoke exited ${code}\n${stderr}\n${stdout.slice(-3000)}`));
      // Powertools writes warnings and errors to stderr, metrics and the rest to stdout.
      else resolve(Object.assign(JSON.parse(stdout.slice(marker + 10)) as Invocation[], { logs: `${stdout.slice(0, marker)}\n${stderr}` }));
    });
  });
}

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) process.env[key] = s3.env[key];
  // A project whose checks are the Lambda fixtures, built with the project's own build.
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-project-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(join(ROOT, 'test/fixtures/lambda-checks'))} };\n`);
  build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
}, 120_000);
afterAll(async () => {
  await Promise.all([site?.close(), s3?.close(), slack?.close()]);
});

describe('the built runner on Lambda', () => {
  let runs: Invocation[] & { logs?: string };
  let lambdaTmp: string;
  beforeAll(async () => {
    lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
    runs = await invoke(join(build, 'runner/runner.js'), [
      { event: { Records: [{ messageId: 'm1', body: JSON.stringify({ check: 'lambda home', scheduledAt: '2026-11-29T07:35:00.000Z' }) }] }, timeoutMs: 120_000 },
      { event: { check: 'lambda home' }, timeoutMs: 120_000 },
      { event: { check: 'lambda hang' }, timeoutMs: 40_000 },
      { event: { check: 'lambda blocks' }, timeoutMs: 60_000 },
      { event: { check: 'lambda home' }, timeoutMs: 60_000 },
    ], lambdaTmp);
  }, 180_000);

  it('runs a queued check, stores it in S3 and reports no batch failure', async () => {
    expect(runs[0].answer).toEqual({ batchItemFailures: [] });
    const keys = (await (await openS3Store(s3Settings({}, s3.env)!)).client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key!);
    expect(keys.filter((k) => k.startsWith('runs/lambda%20home/') && k.endsWith('result.json'))).toHaveLength(3);
    expect(keys).toContain('state/lambda%20home.json');
  });

  it('is warm the second time: the same worker process, no second inflate', () => {
    expect(runs[0].chromiumInflated).toBe(true);
    expect(runs[1].answer).toMatchObject({ check: 'lambda home', status: 'passed' });
    expect(runs[1].answer.result).toMatch(new RegExp(`^${s3.endpoint}/${s3.bucket}/runs/lambda%2520home/.*result\\.json\\?X-Amz-`));
    expect(runs[0].workers).toHaveLength(1);
    expect(runs[1].workers).toEqual(runs[0].workers);
    expect(runs.map((r) => r.chromiumWrittenAt)).toEqual(Array(runs.length).fill(runs[0].chromiumWrittenAt));
  });

  it('survives check code that blocks its worker: the run is stored and sent, and the next one gets a fresh worker', async () => {
    const [blocked, after] = [runs[3], runs[4]];
    expect(blocked.withinDeadline).toBe(true);
    expect(blocked.answer).toMatchObject({ check: 'lambda blocks', status: 'failed' });
    expect(blocked.answer.error).toMatch(/blocked its worker process/);
    expect(slack.messages.some((m) => m.text?.includes('lambda blocks FAILED: spin: '))).toBe(true);
    expect(after.answer).toMatchObject({ check: 'lambda home', status: 'passed' });
    expect(after.workers).toHaveLength(1);
    expect(after.workers).not.toEqual(runs[0].workers);
  });

  it('keeps /tmp clean across warm invocations: no run folders left, the browser profile reused, a killed worker\'s removed', async () => {
    for (const run of runs) expect(run.tmp.filter((f) => f.startsWith('mimamori-runs'))).toEqual([]);
    // The warm worker's profile and artifacts folders: the same ones each time, not one more per run.
    const profiles = runs.map((r) => r.tmp.filter((f) => f.includes('playwright')).sort());
    expect(profiles[0].length).toBeGreaterThan(0);
    expect(profiles[0].length).toBeLessThanOrEqual(2);
    expect(profiles.slice(0, 3)).toEqual(Array(3).fill(profiles[0]));
    // The worker killed for blocking took its folder with it: only the new worker's is left.
    const folders = (run: Invocation) => new Set(run.tmp.filter((f) => f.startsWith('mimamori-worker-')).map((f) => f.split('/')[0]));
    expect(folders(runs[4]).size).toBe(1);
    expect([...folders(runs[4])][0]).not.toBe([...folders(runs[0])][0]);
  });

  it('stops a journey before the deadline, then stores and sends it as timed out', async () => {
    const hang = runs[2];
    expect(hang.withinDeadline).toBe(true);
    expect(hang.answer).toMatchObject({ check: 'lambda hang', status: 'failed' });
    expect(hang.answer.error).toMatch(/timed out after \d+ ms|Stopped before the Lambda deadline/);
    const alert = slack.messages.find((m) => m.text?.includes('lambda hang'))!;
    expect(alert.text).toMatch(/^:red_circle: lambda hang FAILED: open the hanging page: /);
    expect(JSON.stringify(alert.attachments)).toContain('|Logs>');
    expect(JSON.stringify(alert.attachments)).toContain('logsV2:log-groups/log-group/$252Faws$252Flambda$252Fmimamori-RunnerFunction');
    expect(slack.messages.some((m) => m.files?.[0]?.bytes?.length)).toBe(true);
  });

  it('writes metrics and structured logs for each run', () => {
    const logs = (runs as unknown as { logs: string }).logs.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const emf = logs.filter((l) => '_aws' in l);
    expect(emf.some((l) => 'CheckRuns' in l)).toBe(true);
    expect(emf.some((l) => l.check === 'lambda home' && 'CheckDuration' in l && 'StepDuration' in l)).toBe(true);
    const lines = logs.filter((l) => typeof l.message === 'string' && /^check (passed|failed|degraded)$/.test(l.message));
    expect(lines.map((l) => [l.check, l.status]).sort()).toEqual([['lambda blocks', 'failed'], ['lambda hang', 'failed'], ['lambda home', 'passed'], ['lambda home', 'passed'], ['lambda home', 'passed']]);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });
});

describe('the built dispatcher', () => {
  it('plans one FIFO message per due check, grouped by check and deduplicated by minute', () => {
    const entries = dueEntries([{ name: 'a', schedule: 'cron(0/10 * * * ? *)' }, { name: 'b', schedule: 'cron(5 * * * ? *)' }], Date.parse('2026-11-29T10:21:30Z'));
    expect(entries.map((e) => JSON.parse(e.MessageBody))).toEqual([{ check: 'a', scheduledAt: '2026-11-29T10:20:00.000Z' }]);
    const again = dueEntries([{ name: 'a', schedule: 'cron(0/10 * * * ? *)' }], Date.parse('2026-11-29T10:23:00Z'));
    expect(again[0].MessageDeduplicationId).toBe(entries[0].MessageDeduplicationId);
    expect(again[0].MessageGroupId).toBe(entries[0].MessageGroupId);
  });
});
