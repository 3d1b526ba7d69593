// The built Lambda runner, invoked the way Lambda invokes it: the project's own build, modules from the built layer
// (NODE_PATH), Lambda's environment, a context with getRemainingTimeInMillis — against the fixture site, s3rver and
// the fake Slack server. Cold then warm in one process; a journey past the deadline is still stored and sent. The
// runner takes SQS events only (a direct invoke is refused); the built dispatcher enqueues scheduled and manual runs
// to an SQS stand-in on loopback. All of it on Lambda's Node major (the template's Runtime), not this machine's.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { startFakeSqs, type FakeSqs } from '../helpers/fake-sqs.ts';
import { invokeBuilt, LAMBDA_NODE_MAJOR, type Invocation } from '../helpers/lambda.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { dueEntries, manualEntry } from '../../src/lambda/dispatch.ts';

const TOKEN = 'xoxb-lambda-test-token';
let build: string;
let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;

/** An SQS event of one record, as the event source mapping delivers a RunQueue message (BatchSize 1). */
function sqsEvent(body: string, messageId = `m-${createHash('md5').update(body).digest('hex').slice(0, 8)}`, attributes: Record<string, string> = {}) {
  const now = String(Date.now());
  return {
    Records: [{
      messageId, body, eventSource: 'aws:sqs',
      attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: now, ApproximateFirstReceiveTimestamp: now, ...attributes },
    }],
  };
}
/** This minute, as the dispatcher writes scheduledAt: a run due now (an older one would be skipped as stale). */
const thisMinute = () => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
/** A scheduled run's message; each message its own id unless given one (a redelivery gives the same). */
const scheduledRun = (check: string, messageId = `m-${check}-${Math.random().toString(16).slice(2, 10)}`) =>
  sqsEvent(JSON.stringify({ check, scheduledAt: thisMinute() }), messageId);

/** The invocation's "check <status>" log line (logRun): a queued run's outcome, as CloudWatch shows it. */
function runLine(invocation: Invocation): Record<string, unknown> {
  const lines = invocation.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.message === 'string' && /^check (passed|failed|degraded)$/.test(l.message));
  expect(lines, invocation.logs.join('\n')).toHaveLength(1);
  return lines[0]!;
}

const TRACE_ID = '1-6a4f1c20-0123456789abcdef01234567';

function invoke(handlerFile: string, invocations: { event: unknown; timeoutMs: number }[], lambdaTmp: string, extraEnv: Record<string, string> = {}): Promise<Invocation[]> {
  return invokeBuilt(handlerFile, invocations, {
    ...process.env, ...s3.env,
    NODE_PATH: join(build, 'layer/nodejs/node_modules'),
    MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'), // the layer's fonts/, which Lambda mounts at /opt/fonts
    TMPDIR: lambdaTmp, // a fresh /tmp: the first invocation inflates Chromium, as a cold start does
    AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', // (no AWS_EXECUTION_ENV: sparticuz would add Amazon Linux's libraries)
    BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    // What Lambda sets with `Tracing: Active` (the tracer itself stays off here: no AWS_EXECUTION_ENV).
    _X_AMZN_TRACE_ID: `Root=${TRACE_ID};Parent=53995c3f42cd8ad8;Sampled=1`,
    ...extraEnv,
  });
}

beforeAll(async () => {
  [site, s3, slack] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN })]);
  useS3Credentials(s3);
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

/**
 * A cold container's invocation whose journey hangs, with a 40 s timeout: 15 s reserve, 25 s for the journey. Its cold
 * start (inflating and launching Chromium: seconds on a quiet machine, many more on a busy one) must fit in those 25 s
 * for the journey to start at all (a 20 s timeout left 5 s, which a busy machine's cold start overran: the load gave
 * up and the run crashed). The hanging navigation's own 30 s timeout (Playwright's) cannot come first. It runs beside
 * the main sequence, which it does not touch (its own process, /tmp, S3 prefix and Slack), so its wait costs no wall time.
 */
let coldStart: Promise<{ invocation: Invocation; slack: FakeSlack }>;
function startColdStart(): void {
  coldStart = (async () => {
    const coldSlack = await startFakeSlack({ token: TOKEN });
    try {
      const [invocation] = await invoke(join(build, 'runner/runner.js'), [{ event: scheduledRun('lambda hang'), timeoutMs: 40_000 }],
        await mkdtemp(join(tmpdir(), 'lambda-cold-')), { MIMAMORI_S3_PREFIX: 'cold-start/', SLACK_API_URL: coldSlack.url });
      return { invocation: invocation!, slack: coldSlack };
    } finally {
      await coldSlack.close();
    }
  })();
  coldStart.catch(() => {}); // awaited (and reported) by its test
}

describe('the built runner on Lambda', () => {
  let runs: Invocation[] & { logs?: string };
  let lambdaTmp: string;
  beforeAll(async () => {
    startColdStart();
    lambdaTmp = await mkdtemp(join(tmpdir(), 'lambda-tmp-'));
    const first = scheduledRun('lambda home', '059f36b4-87a3-44ab-83d2-661975830a7d');
    // The same message delivered again (the Lambda was killed after alerting): same message id, received twice.
    const redelivered = { Records: [{ ...first.Records[0]!, attributes: { ...first.Records[0]!.attributes, ApproximateReceiveCount: '2' } }] };
    runs = await invoke(join(build, 'runner/runner.js'), [
      { event: first, timeoutMs: 120_000 },
      // A run asked for by hand: the dispatcher's message, as it lands on the queue.
      { event: sqsEvent(manualEntry('lambda home', ['lambda home'], Date.now()).MessageBody), timeoutMs: 120_000 },
      // RunnerTimeoutSeconds' least (60 s) less 15 s for the report... here 30 s: the reserve is 15 s, the journey 15 s.
      { event: scheduledRun('lambda hang'), timeoutMs: 30_000 },
      { event: scheduledRun('lambda blocks'), timeoutMs: 60_000 },
      { event: scheduledRun('lambda home'), timeoutMs: 60_000 },
      { event: redelivered, timeoutMs: 60_000 },
    ], lambdaTmp);
  }, 180_000);

  it('runs on Lambda\'s Node major (the template\'s Runtime), not on the Node running the tests', () => {
    expect(LAMBDA_NODE_MAJOR).toBeGreaterThanOrEqual(22);
    for (const run of runs) expect(run.node).toMatch(new RegExp(`^v${LAMBDA_NODE_MAJOR}\\.`));
  });

  it('runs a queued check, stores it in S3 and reports no batch failure (a failing site is a result, not a failure)', async () => {
    for (const run of runs) expect(run.answer).toEqual({ batchItemFailures: [] });
    expect(runLine(runs[0])).toMatchObject({ check: 'lambda home', status: 'passed' });
    const keys = (await (await openS3Store(s3Settings({}, s3.env)!)).client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents!.map((o) => o.Key!);
    // Three runs of lambda home, and the redelivery of the first, which is the same run (same id, same folder).
    expect(keys.filter((k) => k.startsWith('runs/lambda%20home/') && k.endsWith('result.json'))).toHaveLength(3);
    // The invocation's X-Ray trace id goes with the stored result and the run's log line.
    const resultKey = keys.find((k) => k.startsWith('runs/lambda%20home/') && k.endsWith('result.json'))!;
    const stored = JSON.parse(await (await (await openS3Store(s3Settings({}, s3.env)!)).client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: resultKey }))).Body!.transformToString()) as { traceId?: string };
    expect(stored.traceId).toBe(TRACE_ID);
    expect(runLine(runs[0]).traceId).toBe(TRACE_ID);
    expect(keys).toContain('state/lambda%20home.json');
    // The compact history the dashboard reads: one day object, the three runs once each (the redelivery replaced itself).
    const dayKey = keys.find((k) => k.startsWith('history/lambda%20home/'))!;
    expect(dayKey).toMatch(/^history\/lambda%20home\/\d{4}\/\d{2}\/\d{2}\.json$/);
    const day = JSON.parse(await (await (await openS3Store(s3Settings({}, s3.env)!)).client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: dayKey }))).Body!.transformToString()) as { runs: { id: string; s: string }[] };
    expect(day.runs.map((r) => r.s)).toEqual(['p', 'p', 'p']);
    expect(new Set(day.runs.map((r) => r.id)).size).toBe(3);
  });

  it('is warm the second time: the same worker process, no second inflate', () => {
    expect(runs[0].chromiumInflated).toBe(true);
    expect(runLine(runs[1])).toMatchObject({ check: 'lambda home', status: 'passed' });
    expect(runs[0].workers).toHaveLength(1);
    expect(runs[1].workers).toEqual(runs[0].workers);
    expect(runs.map((r) => r.chromiumWrittenAt)).toEqual(Array(runs.length).fill(runs[0].chromiumWrittenAt));
  });

  it('survives check code that blocks its worker: the run is stored and sent, and the next one gets a fresh worker', async () => {
    const [blocked, after] = [runs[3], runs[4]];
    expect(blocked.withinDeadline).toBe(true);
    expect(runLine(blocked)).toMatchObject({ check: 'lambda blocks', status: 'failed' });
    expect(runLine(blocked).error).toMatch(/blocked its worker process/);
    // The message on failure names what the runner decided (the alert policy's action and reason).
    expect(slack.messages.some((m) => m.text?.includes('lambda blocks FAILED: spin: ')), JSON.stringify(runLine(blocked).notification)).toBe(true);
    expect(runLine(after)).toMatchObject({ check: 'lambda home', status: 'passed' });
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

  it('gives a redelivered message the run id of its first delivery (the policy then sends nothing twice)', () => {
    const [first, redelivery] = [runLine(runs[0]), runLine(runs[5])];
    expect(first.runId).toMatch(/^\d{8}T\d{4}00Z-[0-9a-f]{6}$/);
    expect(redelivery.runId).toBe(first.runId);
    expect(runLine(runs[4]).runId).not.toBe(first.runId); // another message of the same check, the same minute
  });

  it('stops a journey before the deadline, then stores and sends it as timed out', async () => {
    const hang = runs[2];
    expect(hang.withinDeadline).toBe(true);
    expect(runLine(hang)).toMatchObject({ check: 'lambda hang', status: 'failed' });
    expect(runLine(hang).error).toMatch(/timed out after \d+ ms|Stopped before the Lambda deadline/);
    // A 30 s timeout keeps 15 s to report: the stop came 15 s in (a fixed 30 s reserve would stop it at once). The
    // invocation, not the journey, is measured: a busy machine makes it only longer, while the journey's share of the
    // 15 s shrinks by however long its start took.
    expect(hang.ms).toBeGreaterThanOrEqual(14_500);
    // …and the journey had time to run: it was stopped in the step that hangs, not before it.
    expect((runLine(hang).steps as { name: string; status: string }[]).slice(0, 2).map((st) => [st.name, st.status])).toEqual([['open home', 'passed'], ['open the hanging page', 'failed']]);
    const alert = slack.messages.find((m) => m.text?.includes('lambda hang'))!;
    expect(alert, JSON.stringify(runLine(hang).notification)).toBeDefined();
    expect(alert.text).toMatch(/^:red_circle: lambda hang FAILED: open the hanging page: /);
    expect(JSON.stringify(alert.attachments)).toContain('|Logs>');
    expect(JSON.stringify(alert.attachments)).toContain('logsV2:log-groups/log-group/$252Faws$252Flambda$252Fmimamori-RunnerFunction');
    const region = process.env.AWS_REGION!;
    expect(JSON.stringify(alert.attachments)).toContain(`<https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${TRACE_ID}|X-Ray trace>`);
    expect(slack.messages.some((m) => m.files?.[0]?.bytes?.length)).toBe(true);
  });

  it('writes metrics and structured logs for each run', () => {
    const logs = (runs as unknown as { logs: string }).logs.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const emf = logs.filter((l) => '_aws' in l);
    expect(emf.some((l) => 'CheckRuns' in l)).toBe(true);
    // Stack-wide: one set of metrics for the stack, with the run's figures; no per-check dimension unless asked for.
    expect(emf.some((l) => 'CheckRuns' in l && 'CheckFailures' in l && 'CheckDegraded' in l && 'CheckDuration' in l && !('check' in l))).toBe(true);
    expect(emf.filter((l) => 'check' in l && 'CheckSuccess' in l)).toEqual([]);
    const lines = logs.filter((l) => typeof l.message === 'string' && /^check (passed|failed|degraded)$/.test(l.message));
    expect(lines.map((l) => [l.check, l.status]).sort()).toEqual([['lambda blocks', 'failed'], ['lambda hang', 'failed'], ['lambda home', 'passed'], ['lambda home', 'passed'], ['lambda home', 'passed'], ['lambda home', 'passed']]);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });

  it('adds the per-check metrics (a check dimension) only with PerCheckMetrics', async () => {
    const [run] = await invoke(join(build, 'runner/runner.js'), [{ event: scheduledRun('lambda home'), timeoutMs: 120_000 }],
      await mkdtemp(join(tmpdir(), 'lambda-metrics-')), { MIMAMORI_S3_PREFIX: 'per-check-metrics/', MIMAMORI_PER_CHECK_METRICS: 'true', MIMAMORI_STACK_NAME: 'mimamori-test' });
    const emf = run!.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => '_aws' in l);
    expect(emf.filter((l) => l.check === 'lambda home' && 'CheckSuccess' in l && 'CheckDuration' in l && !('StepDuration' in l))).toHaveLength(1);
    expect(emf.some((l) => 'CheckRuns' in l && l.Stack === 'mimamori-test' && !('check' in l))).toBe(true);
  }, 120_000);

  it('gives every log line of an invocation its request id, which the Slack message\'s Logs link filters on', () => {
    runs.forEach((run, i) => {
      const lines = run.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => 'level' in l);
      expect(lines.length, `invocation ${i + 1}`).toBeGreaterThan(0);
      for (const line of lines) expect(line, `invocation ${i + 1}`).toMatchObject({ function_request_id: `req-${i + 1}`, function_name: 'mimamori-RunnerFunction' });
    });
    expect(runLine(runs[0])).toMatchObject({ cold_start: true, runId: runLine(runs[0]).runId });
    expect(runLine(runs[1]).cold_start).toBe(false);
    // The hang run (the third invocation) alerted: its link opens the stream filtered to "req-3".
    const alert = slack.messages.find((m) => m.text?.includes('lambda hang'))!;
    expect(JSON.stringify(alert.attachments)).toContain('filterPattern$3D$2522req-3$2522');
  });
});

describe('the stop signal', () => {
  it('stops a journey that started late (a cold start) at the reserve, not at its own later timeout', async () => {
    // Cold: Chromium is inflated and launched before the journey starts, time the journey's timeout (capped at
    // invocation time) does not know about. Only the runner's stop signal, fired `reserve` before the deadline,
    // stops it in time — without that wiring the journey runs into its own timeout, past the reserve. The order
    // (stop, then the journey's own timeout) holds however long the cold start took.
    const { invocation: cold, slack: coldSlack } = await coldStart;
    expect(cold.chromiumInflated).toBe(true);
    expect(cold.withinDeadline).toBe(true);
    expect(runLine(cold).error).toMatch(/^Stopped before the Lambda deadline/);
    expect(coldSlack.messages.some((m) => m.text?.startsWith(':red_circle: lambda hang FAILED: open the hanging page: '))).toBe(true);
  }, 120_000);
});

describe('the built runner takes runs from the queue only', () => {
  let refused: Invocation[];
  beforeAll(async () => {
    refused = await invoke(join(build, 'runner/runner.js'), [
      { event: { check: 'lambda home' }, timeoutMs: 30_000 },
      { event: { check: "it's" }, timeoutMs: 30_000 },
      { event: { Records: [{ messageId: 'not-json', body: 'run lambda home' }, { messageId: 'no-check', body: '{"run":"lambda home"}' }] }, timeoutMs: 30_000 },
      // Queued three hours ago, handed out now (the stack was down): old news.
      { event: sqsEvent(JSON.stringify({ check: 'lambda home', scheduledAt: new Date(Date.now() - 3 * 3600_000).toISOString() }), 'm-stale'), timeoutMs: 60_000 },
    ], await mkdtemp(join(tmpdir(), 'lambda-tmp-')), { MIMAMORI_DISPATCHER_FUNCTION: 'mimamori-DispatcherFunction-AbC123' });
  }, 60_000);

  it('skips a run handed out long after its time: no check run, no alert, a log line and StaleRunsSkipped', () => {
    const stale = refused[3];
    expect(stale.answer).toEqual({ batchItemFailures: [] }); // done with: deleted from the queue, not retried
    expect(stale.workers).toEqual([]); // no worker, no Chromium
    const lines = stale.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => typeof l.message === 'string' && l.message.startsWith('check '))).toBe(false);
    const skipped = lines.find((l) => l.message === 'stale run skipped');
    expect(skipped).toMatchObject({ level: 'WARN', check: 'lambda home', messageId: 'm-stale', staleAfterMs: 600_000, function_request_id: 'req-4' });
    expect(Number(skipped!.ageMs)).toBeGreaterThan(3 * 3600_000 - 60_000);
    const emf = lines.filter((l) => '_aws' in l);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ StaleRunsSkipped: 1, service: 'mimamori' });
    expect('CheckRuns' in emf[0]!).toBe(false);
    expect(slack.messages.some((m) => m.text?.includes('lambda home'))).toBe(false);
  });

  it('refuses a direct {check} invoke, runs nothing, and gives the dispatcher command instead', () => {
    const [direct] = refused;
    expect(direct.answer).toBeUndefined();
    expect(direct.error!.errorMessage).toMatch(/^The runner takes runs from the run queue only, so that two runs of one check never overlap\./);
    expect(direct.error!.errorMessage).toContain(`aws lambda invoke --function-name mimamori-DispatcherFunction-AbC123 --cli-binary-format raw-in-base64-out --payload '{"run":"lambda home"}' /dev/stdout`);
    expect(direct.workers).toEqual([]); // no worker forked, no Chromium: nothing ran
    expect(direct.logs.some((l) => /"message":"check /.test(l))).toBe(false);
    // A name with a quote still gives a command a shell takes.
    expect(refused[1].error!.errorMessage).toContain(`--payload '{"run":"it'\\''s"}' /dev/stdout`);
  });

  it('fails a record that is not a run request (not JSON, no check): retried, then dead-lettered, as a crash is', () => {
    const bad = refused[2];
    expect(bad.answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'not-json' }, { itemIdentifier: 'no-check' }] });
    const errors = bad.logs.filter((l) => l.includes('"runner crashed"')).map((l) => JSON.parse(l) as { messageId: string; error: { message: string } });
    expect(errors.map((e) => e.messageId)).toEqual(['not-json', 'no-check']);
    expect(errors[1]!.error.message).toBe('Not a run request (no check name): {"run":"lambda home"}');
  });
});

describe('the built dispatcher', () => {
  let sqs: FakeSqs;
  let calls: Invocation[];
  const names = ['lambda blocks', 'lambda hang', 'lambda home'];
  beforeAll(async () => {
    sqs = await startFakeSqs();
    calls = await invoke(join(build, 'dispatcher/dispatcher.js'), [
      { event: { run: 'lambda hang' }, timeoutMs: 30_000 }, // not scheduled: still runnable by hand
      { event: { run: 'lambda home', id: 'deploy-42' }, timeoutMs: 30_000 },
      { event: { run: 'lambda home', id: 'deploy-42' }, timeoutMs: 30_000 }, // the CLI retrying the same invoke
      { event: { check: 'lambda home' }, timeoutMs: 30_000 },
      { event: { run: 'lambda homepage' }, timeoutMs: 30_000 },
      { event: { time: '2026-11-29T10:20:00Z', source: 'aws.events', 'detail-type': 'Scheduled Event' }, timeoutMs: 30_000 },
      { event: {}, timeoutMs: 30_000 },
    ], await mkdtemp(join(tmpdir(), 'lambda-tmp-')), {
      RUN_QUEUE_URL: sqs.queueUrl, AWS_ENDPOINT_URL_SQS: sqs.url, AWS_LAMBDA_FUNCTION_NAME: 'mimamori-DispatcherFunction',
    });
  }, 60_000);
  afterAll(() => sqs?.close());

  it('enqueues a run asked for by hand as one message in the check\'s group, and answers with it (not with the run)', () => {
    const [hang] = calls;
    expect(hang.error).toBeUndefined();
    expect(hang.answer).toMatchObject({ enqueued: ['lambda hang'], manual: true, messageId: 'msg-1', runAfter: 'the runs of "lambda hang" already queued or running (one at a time per check)' });
    const sent = sqs.received[0]!;
    expect(sent.action).toBe('SendMessage');
    expect(sent.input.QueueUrl).toBe(sqs.queueUrl);
    const body = JSON.parse(String(sent.input.MessageBody)) as { check: string; scheduledAt: string; manual: boolean };
    expect(body).toEqual({ check: 'lambda hang', scheduledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/), manual: true });
    const expected = manualEntry('lambda hang', names, Date.parse(body.scheduledAt));
    expect(sent.input).toMatchObject({ MessageGroupId: expected.MessageGroupId, MessageDeduplicationId: expected.MessageDeduplicationId });
  });

  it('gives a manual run the group its scheduled runs use, and one deduplication id to a retried invoke', () => {
    const byAction = sqs.received.filter((r) => r.action === 'SendMessage').map((r) => r.input);
    const [, first, retry, asCheck] = byAction;
    expect(retry!.MessageDeduplicationId).toBe(first!.MessageDeduplicationId);
    expect(asCheck!.MessageDeduplicationId).not.toBe(first!.MessageDeduplicationId);
    const scheduled = sqs.received.find((r) => r.action === 'SendMessageBatch')!.input.Entries as { MessageGroupId: string; MessageBody: string }[];
    expect(scheduled.map((e) => JSON.parse(e.MessageBody).check)).toEqual(['lambda home']);
    for (const manual of [first, retry, asCheck]) expect(manual!.MessageGroupId).toBe(scheduled[0]!.MessageGroupId);
    expect(calls[3]!.answer).toMatchObject({ enqueued: ['lambda home'], manual: true });
    expect(calls[5]!.answer).toEqual({ enqueued: ['lambda home'] });
  });

  it('refuses a name it does not know, listing every compiled-in check (scheduled or not), and an event that is neither', () => {
    expect(calls[4]!.error!.errorMessage).toBe(`No check named "lambda homepage" in this deployment (known: ${names.join(', ')})`);
    expect(calls[6]!.error!.errorMessage).toMatch(/^Not a schedule event nor a manual run \(\{\}\): a manual run is \{"run":"<check name>"\}/);
    expect(sqs.received).toHaveLength(5); // four manual runs and one batch: nothing for the refused ones
  });

  it('plans one FIFO message per due check, grouped by check and deduplicated by minute', () => {
    const entries = dueEntries([{ name: 'a', schedule: 'cron(0/10 * * * ? *)' }, { name: 'b', schedule: 'cron(5 * * * ? *)' }], Date.parse('2026-11-29T10:21:30Z'));
    expect(entries.map((e) => JSON.parse(e.MessageBody))).toEqual([{ check: 'a', scheduledAt: '2026-11-29T10:20:00.000Z' }]);
    const again = dueEntries([{ name: 'a', schedule: 'cron(0/10 * * * ? *)' }], Date.parse('2026-11-29T10:23:00Z'));
    expect(again[0].MessageDeduplicationId).toBe(entries[0].MessageDeduplicationId);
    expect(again[0].MessageGroupId).toBe(entries[0].MessageGroupId);
  });
});
