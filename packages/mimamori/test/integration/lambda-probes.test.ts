// Confirmation from a probe region, offline: two regions simulated by two sets of the built runner (the home one,
// ap-northeast-1, and a probe, us-west-2 — the same bundle, as the two stacks deploy it), the probe's queue as the fake
// SQS, one s3rver as the home bucket, the fake Slack. Each region sees the site through its own BASE_URL.
// Three cases: down from both (the incident, saying so, both pictures); down from home only (a note, no incident);
// a probe that never answers (said, and the incident opens as without probes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv, type Invocation } from '../helpers/lambda.ts';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFakeSqs, type FakeSqs } from '../helpers/fake-sqs.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { readState } from '../../src/store/state.ts';

const TOKEN = 'xoxb-probe-test';
const HOME = 'ap-northeast-1';
const PROBE = 'us-west-2';

/** A site as one region sees it: the paths in `down` answer 503, every other one a page headed "Open". */
async function regionSite(down: (path: string) => boolean): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (down(req.url ?? '/')) res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<title>shop</title><h1>Open</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let s3: FakeS3;
let slack: FakeSlack;
let sqs: FakeSqs;
let store: S3Store;
let build: string;
let homeSite: Awaited<ReturnType<typeof regionSite>>;
let probeSite: Awaited<ReturnType<typeof regionSite>>;

beforeAll(async () => {
  [s3, slack, sqs, homeSite, probeSite] = await Promise.all([
    startFakeS3(), startFakeSlack({ token: TOKEN }), startFakeSqs(),
    // From home everything but /up is down; from the probe region only /everywhere is.
    regionSite((path) => !path.startsWith('/up')), regionSite((path) => path.startsWith('/everywhere')),
  ]);
  useS3Credentials(s3);
  store = await openS3Store(s3Settings({}, s3.env)!);
  ({ build } = await buildProject(join(ROOT, 'test/fixtures/lambda-probe-checks')));
}, 180_000);
afterAll(async () => {
  await Promise.all([s3?.close(), slack?.close(), sqs?.close(), new Promise((r) => homeSite?.server.close(r)), new Promise((r) => probeSite?.server.close(r))]);
});

/** The home region's runner, as its stack configures it: its bucket, Slack, and the probe queues' URL pattern. */
async function invokeHome(check: string, messageId: string): Promise<Invocation> {
  const env = await runnerEnv(build, {
    ...s3.env, AWS_REGION: HOME, BASE_URL: homeSite.url, SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: 'C0ALERTS', SLACK_API_URL: slack.url,
    MIMAMORI_PROBE_QUEUE_URL: `${sqs.url}/123456789012/mimamori-probe-{region}.fifo`,
  });
  const [run] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun(check, messageId), timeoutMs: 600_000 }], env);
  return run!;
}

/** The probe region's runner, as the probe stack configures it: the home bucket (and its region), no Slack, no state. */
async function invokeProbe(body: string, messageId: string): Promise<Invocation> {
  const env = await runnerEnv(build, { ...s3.env, AWS_REGION: PROBE, MIMAMORI_S3_REGION: HOME, MIMAMORI_SECRETS_REGION: HOME, MIMAMORI_HOME_REGION: HOME, BASE_URL: probeSite.url });
  const now = String(Date.now());
  const event = { Records: [{ messageId, body, eventSource: 'aws:sqs', attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: now, ApproximateFirstReceiveTimestamp: now } }] };
  const [run] = await invokeBuilt(join(build, 'runner/runner.js'), [{ event, timeoutMs: 120_000 }], env);
  return run!;
}

/** Waits (on events, not a clock) for the home run's request to reach the probe queue. */
async function probeRequestFor(check: string, home: Promise<Invocation>): Promise<{ body: string; queueUrl: string }> {
  let settled = false;
  void home.finally(() => (settled = true));
  for (;;) {
    const i = sqs.received.findIndex((c) => c.action === 'SendMessage' && String(c.input.MessageBody).includes(JSON.stringify(check)));
    if (i >= 0) return { body: String(sqs.received[i]!.input.MessageBody), queueUrl: String(sqs.received[i]!.input.QueueUrl) };
    if (settled) throw new Error(`the home run ended without asking the probe region about "${check}": ${(await home).logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A message's words wherever Slack has them (text, blocks, attachments). */
const words = (m: { text?: string; blocks?: unknown[]; attachments?: unknown[] }) => JSON.stringify([m.text, m.blocks, m.attachments]);
/** The channel messages (not file shares, not thread replies) about `check`. */
const parentsFor = (check: string) => slack.messages.filter((m) => !m.thread_ts && !m.files && words(m).includes(check));
const storedResult = async (key: string) => JSON.parse((await store.get(key))!.toString()) as Record<string, any>;

describe('confirmation from a probe region (two simulated regions)', () => {
  it('a passing run asks no probe region (cost only on failure)', async () => {
    const run = await invokeHome('probe passing', 'm-passing');
    expect(run.answer, run.logs.join('\n')).toEqual({ batchItemFailures: [] });
    expect((await readState(store, 'probe passing')).state?.lastStatus).toBe('passed');
    expect(sqs.received).toEqual([]);
  }, 600_000);

  it('down from both: the incident opens saying so, with both regions\' pictures side by side; the probe\'s evidence is under the run', async () => {
    const home = invokeHome('probe everywhere', 'm-everywhere');
    const request = await probeRequestFor('probe everywhere', home);
    expect(request.queueUrl).toBe(`${sqs.url}/123456789012/mimamori-probe-${PROBE}.fifo`);
    const probe = await invokeProbe(request.body, 'p-everywhere');
    expect(probe.answer, probe.logs.join('\n')).toEqual({ batchItemFailures: [] });
    const run = await home;
    expect(run.answer, run.logs.join('\n')).toEqual({ batchItemFailures: [] });

    const [parent] = parentsFor('probe everywhere');
    expect(words(parent!), words(parent ?? {})).toContain('Down from ap-northeast-1 and us-west-2.');
    const state = await readState(store, 'probe everywhere');
    expect(state.state?.incident).toMatchObject({ kind: 'site' });
    // One upload, the two regions side by side.
    const upload = slack.messages.find((m) => m.files?.some((f) => f.title?.startsWith(`${PROBE} ·`)));
    expect(upload!.files!.map((f) => f.title)).toEqual([`${HOME} · open everywhere · failed`, `${PROBE} · failed · at "open everywhere"`]);
    // The run's result records what each region saw, and the probe's answer and picture are under the run's folder.
    const folder = String(state.state?.lastRunFolder);
    const result = await storedResult(`${folder}result.json`);
    expect(result.confirmation).toMatchObject({ home: HOME, verdict: 'confirmed', probes: [{ region: PROBE, outcome: 'failed', error: { step: 'open everywhere' } }] });
    expect(result.confirmation.probes[0].answerKey).toBe(`${folder}probes/${PROBE}/answer.json`);
    expect(await store.get(`${folder}probes/${PROBE}/screenshot.png`)).toBeDefined();
    expect(await storedResult(`${folder}probes/${PROBE}/answer.json`)).toMatchObject({ region: PROBE, status: 'failed', check: 'probe everywhere' });
  }, 600_000);

  it('down from home only: one note in the channel that the probe region sees it up, and no incident', async () => {
    const home = invokeHome('probe home only', 'm-home-only');
    const request = await probeRequestFor('probe home only', home);
    await invokeProbe(request.body, 'p-home-only');
    const run = await home;
    expect(run.answer, run.logs.join('\n')).toEqual({ batchItemFailures: [] });

    const posts = parentsFor('probe home only');
    expect(posts).toHaveLength(1);
    expect(words(posts[0]!)).toContain('Down from ap-northeast-1 only; us-west-2 sees it up.');
    // A note, worded as a warning: not an outage.
    expect(words(posts[0]!)).toContain('probe home only failed from ap-northeast-1 only');
    expect(words(posts[0]!)).not.toContain('FAILED');
    const state = await readState(store, 'probe home only');
    expect(state.state?.incident).toBeNull();
    expect(state.state?.homeOnlySince).toBeDefined();
    const result = await storedResult(`${String(state.state?.lastRunFolder)}result.json`);
    expect(result.confirmation).toMatchObject({ verdict: 'home-only', probes: [{ region: PROBE, outcome: 'passed' }] });
    // Stored before it alerted; the run's log line says what was sent.
    const line = run.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'check failed');
    expect(line).toMatchObject({ notification: { action: 'post' } });
  }, 600_000);

  it('a probe that never answers: said, never guessed — the incident opens as it would without probes', async () => {
    const home = invokeHome('probe silent', 'm-silent');
    await probeRequestFor('probe silent', home);
    // The probe region never runs it (its Lambda is down, its queue stuck): nothing is invoked.
    const run = await home;
    expect(run.answer, run.logs.join('\n')).toEqual({ batchItemFailures: [] });

    const [parent] = parentsFor('probe silent');
    expect(words(parent!), words(parent ?? {})).toContain('Down from ap-northeast-1; us-west-2 did not answer within 5 s.');
    const state = await readState(store, 'probe silent');
    expect(state.state?.incident).toMatchObject({ kind: 'site' });
    const result = await storedResult(`${String(state.state?.lastRunFolder)}result.json`);
    expect(result.confirmation).toMatchObject({ verdict: 'unconfirmed', probes: [{ region: PROBE, outcome: 'no answer' }] });
  }, 600_000);

  it('a probe that cannot run the check answers so at once: said ("could not run the check"), and the incident opens', async () => {
    const home = invokeHome('probe cannot run', 'm-cannot-run');
    const request = await probeRequestFor('probe cannot run', home);
    // The probe's bundle does not know the check it is asked for (a probe stack left behind by a failed deploy).
    const stale = JSON.stringify({ probe: { ...JSON.parse(request.body).probe, check: 'a check this bundle never had' } });
    const probe = await invokeProbe(stale, 'p-cannot-run');
    // Never a failed record (a probe request is run once), and it says why in its log.
    expect(probe.answer).toEqual({ batchItemFailures: [] });
    expect(probe.logs.join('\n')).toContain('probe answered: not run');
    const run = await home;
    expect(run.answer, run.logs.join('\n')).toEqual({ batchItemFailures: [] });

    const [parent] = parentsFor('probe cannot run');
    expect(words(parent!)).toContain('Down from ap-northeast-1; us-west-2 could not run the check.');
    expect((await readState(store, 'probe cannot run')).state?.incident).toMatchObject({ kind: 'site' });
  }, 600_000);
});
