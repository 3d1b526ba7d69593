// Outside systems that never answer: S3 and Slack endpoints that accept connections and hang. The after-run phase
// (store → state → notify) shares one budget, every call carries a deadline, and the run still ends with its local
// results, its report and its alert — or a record of why not.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHangingServer, type HangingServer } from '../fixtures/hanging-server.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { runCli, ROOT } from '../helpers/cli.ts';
import { pngBytes } from '../unit/fixtures/run-result.ts';
import { checkResult } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import type { CheckResult, RunResult } from '../../src/result/types.ts';

const TOKEN = 'xoxb-deadline-test';
let hanging: HangingServer;
let slack: FakeSlack;
let scratch: string;

/** The AWS SDK environment for an S3 endpoint (static credentials: no credential lookups on the network). */
const s3Env = (endpoint: string) => ({
  AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', MIMAMORI_S3_BUCKET: 'evidence',
});

const savedEnv = { ...process.env };
beforeAll(async () => {
  hanging = await startHangingServer();
  // In-process stores get their credentials the standard way, through the environment.
  for (const [key, value] of Object.entries(s3Env(''))) if (key.startsWith('AWS_ACCESS') || key.startsWith('AWS_SECRET') || key === 'AWS_REGION') process.env[key] = value;
  slack = await startFakeSlack({ token: TOKEN });
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-deadline-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await hanging?.close();
  await slack?.close();
});

let n = 0;
function failing(name = `check-${++n}`): CheckResult {
  return checkResult({
    name, status: 'failed', startedAt: Date.UTC(2026, 10, 29, 7, 35, n),
    steps: [{ name: 'open cart', status: 'failed', durationMs: 800, budget: {} }],
    screenshots: [{ file: '01-open-cart-failure.png', step: 'open cart', kind: 'failure', attempt: 1, width: 1, height: 1, bytes: pngBytes() }],
    error: { name: 'Error', message: 'expected the cart', class: 'assertion', step: 'open cart' },
  });
}

/** The first failure opens an incident (the default waits for a second). */
const alertAtOnce = (r: CheckResult) => new Map([[r.name, { alerts: { notify: 'problems' as const, alertAfter: 1, remindEvery: 5 }, usual: false as const }]]);

const runOf = (results: CheckResult[]): RunResult => ({ runId: `20261129T073500Z-${String(++n).padStart(6, '0')}`, startedAt: results[0]!.startedAt, durationMs: 1, results, diagnostics: [] });

async function hangingS3Options(folder: string, extra: Partial<AfterRunOptions> = {}): Promise<AfterRunOptions> {
  const remote = await openS3Store(s3Settings({}, s3Env(hanging.url))!);
  return { stores: { local: new LocalStore(join(scratch, folder)), remote }, sharedState: true, ...extra };
}

describe('an S3 endpoint that never answers', () => {
  it('stops every S3 call at its deadline, keeps the local copy, and says which action did not answer', async () => {
    const r = failing();
    await afterRun(runOf([r]), await hangingS3Options('per-call', { budgetMs: 6_000, requestTimeoutMs: 500 }));
    // The state is read first: that call meets the silence, and the uploads after it are not tried at all.
    expect(r.notification!.stateError!.message).toMatch(new RegExp(`^S3 download of state/${r.name}\\.json failed: ${hanging.url.replace(/[.:/]/g, '\\$&')} did not answer in time \\(no answer within 500 ms\\)`));
    expect(r.storage!.s3!.error!.message).toMatch(new RegExp(`^S3 upload of runs/${r.name}/2026/11/29/[^ ]+ not tried: ${hanging.url.replace(/[.:/]/g, '\\$&')} did not answer in time earlier in this run`));
    const local = JSON.parse(await readFile(join(r.storage!.local, 'result.json'), 'utf8')) as CheckResult;
    expect(local.storage!.s3!.error!.message).toContain('did not answer in time');
    // Without its state the failure is still alerted (as a preview here: no Slack).
    expect(r.notification).toMatchObject({ action: 'post' });
    // Nothing is left hanging: every connection the SDK opened was closed when its deadline came.
    await vi.waitFor(() => expect(hanging.open).toBe(0), { timeout: 10_000 });
  });

  it('stops in-flight calls when the caller aborts, records why, and starts nothing new', async () => {
    const r = failing();
    const stop = new AbortController();
    const options = await hangingS3Options('aborted', { signal: stop.signal, budgetMs: 60_000, requestTimeoutMs: 30_000 });
    const before = hanging.requests;
    const done = afterRun(runOf([r]), options);
    // Abort once the uploads are on the wire.
    while (hanging.requests === before) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort(new Error('interrupted (SIGINT)'));
    await done;
    // The call on the wire (the state read) stops and says why; nothing starts after it.
    expect(r.notification!.stateError!.message).toMatch(/^S3 download of state\/.* failed: .* did not answer in time \(stopped: interrupted \(SIGINT\)\)/);
    expect(r.storage!.s3!.error!.message).toMatch(/^S3 upload of .* not tried: interrupted \(SIGINT\)/);
    await vi.waitFor(() => expect(hanging.open).toBe(0), { timeout: 10_000 });
    // The local copy is written whatever happens outside.
    expect(JSON.parse(await readFile(join(r.storage!.local, 'result.json'), 'utf8')).status).toBe('failed');
  });

  it('starts no outside call once the deadline has passed, and still writes the local copy', async () => {
    const r = failing();
    const before = hanging.connections;
    await afterRun(runOf([r]), await hangingS3Options('late', { deadline: Date.now() - 1 }));
    expect(hanging.connections).toBe(before);
    expect(r.storage!.s3!.error!.message).toMatch(/not tried: no time was left/);
    expect(JSON.parse(await readFile(join(r.storage!.local, 'result.json'), 'utf8')).status).toBe('failed');
  });
});

describe('a Slack endpoint that never answers', () => {
  it('records that Slack did not answer in time, and finishes', async () => {
    const r = failing();
    const notifier = new SlackNotifier({ token: TOKEN, apiUrl: `${hanging.url}/api/`, channel: 'C0ALERTS', timeZone: 'UTC' });
    const before = hanging.requests;
    await afterRun(runOf([r]), {
      stores: { local: new LocalStore(join(scratch, 'slack-hangs')) }, policies: alertAtOnce(r),
      notifier, budgetMs: 3_000, requestTimeoutMs: 500,
    });
    expect(r.notification!.action).toBe('open');
    expect(r.notification!.error!.message).toMatch(/^Slack message failed: Slack did not answer in time \(no answer within 500 ms\)/);
    // Once Slack did not answer, the screenshot is not tried: one hung request, not one per call.
    expect(r.notification!.imageError!.message).toMatch(/^Slack screenshot upload not tried: Slack did not answer in time earlier in this run/);
    expect(hanging.requests - before).toBe(1);
  });
});

describe('npm run check with an S3 endpoint that never answers', () => {
  let site: FixtureSite;
  beforeAll(async () => { site = await startFixtureSite(); });
  afterAll(() => site?.close());

  it('finishes within its after-run budget with the local results, the report and the Slack alert', async () => {
    const out = join(scratch, 'cli');
    const before = slack.messages.length;
    const env = {
      ...s3Env(hanging.url), BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      // Each request (the Slack post too) gets 3 s: room for a fresh process's first post on a busy machine.
      MIMAMORI_AFTER_RUN_TIMEOUT: '15', MIMAMORI_REQUEST_TIMEOUT: '3',
    };
    const run = await runCli([join(ROOT, 'test/fixtures/checks/broken-site.check.ts'), '--out', out], { cwd: scratch, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Storage: 1 of 1 check could not be stored in s3:\/\/evidence\//);
    expect(run.stdout).toMatch(/broken site: S3 upload of runs\/broken%20site\/.* not tried: http:\/\/127\.0\.0\.1:\d+ did not answer in time earlier in this run/);
    expect(run.stdout).toMatch(/state: S3 download of state\/broken%20site\.json failed: http:\/\/127\.0\.0\.1:\d+ did not answer in time \(no answer within 3 s\)/);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    const [r] = results.results;
    expect(r!.storage!.s3!.error!.message).toContain('did not answer in time');
    await expect(readFile(join(out, 'report.html'), 'utf8')).resolves.toContain('broken site');
    // The alert went out, and says it could not read the check's state.
    const posted = slack.messages.slice(before);
    expect(posted[0]!.text).toMatch(/^:red_circle: broken site FAILED/);
    expect(JSON.stringify(posted[0]!.attachments)).toContain('state could not be read');
    expect(r!.notification!.ts).toBe(posted[0]!.ts);
  });
});
