// X-Ray from the built Lambda runner: with the environment Lambda gives a function with `Tracing: Active`, the
// Powertools Tracer is on and the X-Ray SDK (Lambda mode) streams the invocation's subsegments over UDP to the daemon
// address — here a fake daemon on loopback (test/fixtures/fake-xray-daemon.ts). One queued run of a check that fails
// (test/fixtures/lambda-trace-checks: the page loads, an assertion fails, it alerts at once) uses both S3 (state,
// result, screenshots, trace) and Slack (message, file upload), against s3rver and the fake Slack. The test asserts
// the `## runner.handler` subsegment (captureLambdaHandler's name: `## ${_HANDLER}`), the `S3` subsegments of the
// runner's captured client (src/lambda/run-one.ts `wrapS3Client`) and the Slack Web API's HTTP subsegments (the
// tracer's global capture: @slack/web-api 8 uses fetch, which Powertools instruments through undici's diagnostics
// channel), all in the invocation's trace and under its handler subsegment.
//
// The environment, as Lambda sets it: AWS_EXECUTION_ENV=AWS_Lambda_nodejs<the template's major>.x (Powertools Tracer is
// a no-op without it), LAMBDA_TASK_ROOT (the X-Ray SDK's Lambda mode: a facade segment from _X_AMZN_TRACE_ID, every
// subsegment streamed as it closes), _HANDLER (the template's Handler), _X_AMZN_TRACE_ID, AWS_XRAY_DAEMON_ADDRESS,
// AWS_XRAY_CONTEXT_MISSING=LOG_ERROR. Nothing in src/ or the bundle is changed or stubbed.
//
// Chromium under AWS_EXECUTION_ENV: @sparticuz/chromium then takes itself to be on Amazon Linux 2023 — it inflates
// al2023.tar.br (NSS, NSPR, expat) into $TMPDIR/al2023/lib and prepends that to LD_LIBRARY_PATH (at import, in the
// worker process, whose Chromium inherits it). That was the risk on this Debian machine; it does not materialise:
// Chromium 153 loads those libraries and runs here. So the test does not work around it — it runs the real path and
// asserts it: the al2023 libraries were inflated in this invocation's /tmp, and the journey reached the page (it
// fails at its assertion, not at launch).
//
// A second invocation (the same check, the next message to the warm container) follows the one asserted on. The
// invoke harness (test/helpers/lambda-invoke.cjs) calls process.exit as soon as the last handler returns, and the
// SDK sends the handler subsegment — closed last, in middy's `after` — on a temporary UDP socket a few ticks later:
// the last invocation's handler subsegment would die with the process. A Lambda container lives on after its answer,
// so the datagram goes out; the second invocation is what gives it that time here. Only the first is asserted on.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { startFakeXRayDaemon, type FakeXRayDaemon, type XRayDocument } from '../fixtures/fake-xray-daemon.ts';
import { ROOT } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, LAMBDA_NODE_MAJOR, queuedRun, runnerEnv, type Invocation } from '../helpers/lambda.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';

const TOKEN = 'xoxb-lambda-xray';
const ROOT_ID = '1-6a4f1c20-89abcdef0123456701234567';
/** The Lambda service's segment for the invocation: the parent of the handler subsegment. */
const PARENT_ID = '7f3e2a1b0c9d8e6f';
/** The runner's Handler in template.yaml (`runner.handler`): Lambda's _HANDLER, the handler subsegment's name. */
const HANDLER = /^  RunnerFunction:\n(?:(?!^  \S).*\n)*?\s+Handler: (\S+)\s*$/m.exec(readFileSync(join(ROOT, 'template.yaml'), 'utf8'))?.[1];

let site: FixtureSite;
let s3: FakeS3;
let slack: FakeSlack;
let daemon: FakeXRayDaemon;
let build: string;

beforeAll(async () => {
  [site, s3, slack, daemon] = await Promise.all([startFixtureSite(), startFakeS3(), startFakeSlack({ token: TOKEN }), startFakeXRayDaemon()]);
  useS3Credentials(s3);
  ({ build } = await buildProject(join(ROOT, 'test/fixtures/lambda-trace-checks')));
}, 120_000);
afterAll(() => Promise.all([site?.close(), s3?.close(), slack?.close(), daemon?.close()]));

describe('X-Ray on the built Lambda runner', () => {
  let runs: Invocation[];
  let lambdaTmp: string;
  let handler: XRayDocument;
  /** The first invocation's subsegments under its handler subsegment. */
  let children: XRayDocument[];

  beforeAll(async () => {
    expect(HANDLER).toBe('runner.handler');
    const env = await runnerEnv(build, {
      ...s3.env,
      BASE_URL: site.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
      // What Lambda sets for a function with `Tracing: Active`.
      AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${LAMBDA_NODE_MAJOR}.x`,
      LAMBDA_TASK_ROOT: join(build, 'runner'),
      _HANDLER: HANDLER,
      _X_AMZN_TRACE_ID: `Root=${ROOT_ID};Parent=${PARENT_ID};Sampled=1`,
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    });
    lambdaTmp = env.TMPDIR!;
    runs = await invokeBuilt(join(build, 'runner/runner.js'), [
      { event: queuedRun('traced', 'm-xray-1'), timeoutMs: 120_000 },
      { event: queuedRun('traced', 'm-xray-2'), timeoutMs: 120_000 },
    ], env);
    // The datagrams are on loopback by now; their 'message' events may still be queued in this process.
    await vi.waitFor(() => expect(daemon.documents.some((d) => d.name === `## ${HANDLER}`)).toBe(true), { timeout: 10_000, interval: 50 });
    handler = daemon.documents.find((d) => d.name === `## ${HANDLER}` && d.annotations?.ColdStart === true)!;
    expect(handler, JSON.stringify(daemon.documents.map((d) => d.name))).toBeDefined();
    children = daemon.all().filter((d) => d.parent_id === handler.id);
  }, 240_000);

  it('runs the journey under sparticuz\'s Amazon Linux setup: the AL2023 libraries inflated, the page reached', () => {
    for (const run of runs) expect(run.answer).toEqual({ batchItemFailures: [] });
    expect(existsSync(join(lambdaTmp, 'al2023/lib/libnss3.so'))).toBe(true);
    const line = runs[0]!.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'check failed');
    expect(line).toMatchObject({ check: 'traced', status: 'failed', failingStep: 'open home', errorClass: 'assertion' });
  });

  it('sends well-formed documents of the invocation\'s trace, the handler subsegment under Lambda\'s segment', () => {
    expect(daemon.malformed).toEqual([]);
    for (const doc of daemon.documents) expect(doc.trace_id, doc.name).toBe(ROOT_ID);
    expect(handler).toMatchObject({ type: 'subsegment', trace_id: ROOT_ID, parent_id: PARENT_ID, annotations: { ColdStart: true, Service: 'mimamori' } });
    expect(handler.end_time).toBeGreaterThanOrEqual(handler.start_time);
    expect(handler.in_progress).toBeFalsy();
  });

  it('has an S3 subsegment for each call of the runner\'s S3 client: the state read, the result and evidence written', () => {
    const s3Calls = children.filter((d) => d.name === 'S3');
    expect(s3Calls.length, JSON.stringify(children.map((d) => d.name))).toBeGreaterThan(0);
    for (const call of s3Calls) {
      expect(call).toMatchObject({ type: 'subsegment', namespace: 'aws', trace_id: ROOT_ID, aws: { bucket_name: s3.bucket } });
      // Inside the handler subsegment.
      expect(call.start_time).toBeGreaterThanOrEqual(handler.start_time);
      expect(call.end_time).toBeLessThanOrEqual(handler.end_time!);
    }
    const calls = s3Calls.map((d) => `${d.aws!.operation} ${String(d.aws!.key)}`);
    expect(calls).toContain('GetObject state/traced.json');
    expect(calls).toContain('PutObject state/traced.json');
    expect(calls.some((c) => /^PutObject runs\/traced\/.+\/result\.json$/.test(c)), calls.join('\n')).toBe(true);
    expect(calls.some((c) => /^PutObject runs\/traced\/.+\.png$/.test(c)), calls.join('\n')).toBe(true);
    // The S3 client's requests are recorded as S3 calls, not as anonymous HTTP requests to the endpoint.
    const endpoint = new URL(s3.env.AWS_ENDPOINT_URL_S3!);
    const raw = children.filter((d) => d.namespace === 'remote' && d.http?.request?.url?.startsWith(`${endpoint.protocol}//${endpoint.hostname}/${s3.bucket}/`));
    expect(raw.map((d) => d.http!.request!.url)).toEqual([]);
  });

  it('has an HTTP subsegment for each Slack Web API request: the message and the screenshot upload', () => {
    const slackHost = new URL(slack.url);
    const requests = children.filter((d) => d.namespace === 'remote' && d.name === slackHost.hostname && d.http?.request?.url?.includes('/api/'));
    const urls = requests.map((d) => d.http!.request!.url);
    const api = `${slackHost.protocol}//${slackHost.hostname}${slackHost.pathname}`;
    expect(urls).toContain(`${api}chat.postMessage`);
    expect(urls).toContain(`${api}files.getUploadURLExternal`);
    expect(urls).toContain(`${api}files.completeUploadExternal`);
    for (const request of requests) {
      expect(request).toMatchObject({ type: 'subsegment', trace_id: ROOT_ID, http: { request: { method: 'POST' }, response: { status: 200 } } });
      expect(request.end_time).toBeLessThanOrEqual(handler.end_time!);
    }
    // What the fake Slack saw is what the trace shows.
    expect(slack.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']));
  });

  it('stores the result with the trace id the subsegments carry', async () => {
    const store = await openS3Store(s3Settings({}, s3.env)!);
    const key = children.find((d) => d.name === 'S3' && d.aws?.operation === 'PutObject' && String(d.aws.key).endsWith('/result.json'))?.aws?.key;
    expect(key, 'no S3 PutObject subsegment of the result').toEqual(expect.any(String));
    const stored = JSON.parse(await (await store.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key as string }))).Body!.transformToString()) as { traceId?: string };
    expect(stored.traceId).toBe(ROOT_ID);
    expect(stored.traceId).toBe(handler.trace_id);
  });
});
