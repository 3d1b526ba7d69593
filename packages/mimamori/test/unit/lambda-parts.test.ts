// Small Lambda parts: limit warnings, the Slack token (precedence, Slack off, a hung SSM, the cache), the time a run
// keeps to report, reading a queued run (its stable run id, stale runs), finding a compiled-in check, the run queue
// message of a run asked for by hand.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { limitWarnings } from '../../src/runner/warnings.ts';
import { slackToken } from '../../src/lambda/slack-token.ts';
import { journeyBudgetMs, reportReserveMs, staleAfterMs } from '../../src/lambda/time-budget.ts';
import { queuedRunId, readRunRecord } from '../../src/lambda/run-request.ts';
import { findCheck } from '../../src/lambda/registry.ts';
import { dueEntries, manualEntry, manualRequest } from '../../src/lambda/dispatch.ts';
import { startHangingServer } from '../fixtures/hanging-server.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';

describe('limitWarnings', () => {
  const step = (durationMs: number, maxResponseTime?: number) => ({ name: 'pay', status: 'passed' as const, durationMs, budget: { maxResponseTime } });
  it('warns past 80 % of the timeout or a maxResponseTime, not before and not once failed', () => {
    expect(limitWarnings({ durationMs: 49_000, status: 'passed', steps: [] }, { timeoutMs: 60_000 })).toEqual(['used 82 % of its timeout (49 s of 1 min)']);
    expect(limitWarnings({ durationMs: 47_000, status: 'passed', steps: [] }, { timeoutMs: 60_000 })).toEqual([]);
    expect(limitWarnings({ durationMs: 900, status: 'degraded', steps: [step(900, 1000)] }, { timeoutMs: 60_000, maxResponseTime: 1000 }))
      .toEqual(['used 90 % of its maxResponseTime (900 ms of 1 s)', 'used 90 % of its step "pay" maxResponseTime (900 ms of 1 s)']);
    expect(limitWarnings({ durationMs: 59_000, status: 'failed', steps: [] }, { timeoutMs: 60_000 })).toEqual([]);
  });
});

describe('slackToken', () => {
  beforeAll(() => {
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  });
  const PARAMETER = '/mimamori/slack-bot-token';

  it('prefers SLACK_BOT_TOKEN, and is off without a parameter name', async () => {
    expect(await slackToken({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_TOKEN_PARAMETER: '/x' })).toBe('xoxb-1');
    expect(await slackToken({})).toBeUndefined();
    expect(await slackToken({ SLACK_CHANNEL: 'C1' })).toBeUndefined();
  });

  it('does not call SSM when Slack is off (SlackChannel left empty, no channel in the config)', async () => {
    const hanging = await startHangingServer();
    try {
      // What the template gives the runner when SlackChannel is empty: the parameter's name, an empty channel.
      const env = { SLACK_TOKEN_PARAMETER: PARAMETER, SLACK_CHANNEL: '', AWS_ENDPOINT_URL_SSM: hanging.url };
      expect(await slackToken(env, { timeoutMs: 300 })).toBeUndefined();
      expect(await slackToken(env, { timeoutMs: 300, configChannel: undefined })).toBeUndefined();
      expect(hanging.connections).toBe(0);
      // A channel in the config (or the check's alerts) turns Slack on: then the token is read.
      await expect(slackToken(env, { timeoutMs: 300, configChannel: 'C0CONFIG' })).rejects.toThrow(/SSM did not answer/);
      // The read goes on after the bound gave up on it: on a busy machine its request may reach the server only now.
      await vi.waitFor(() => expect(hanging.requests).toBeGreaterThan(0), { timeout: 10_000 });
    } finally {
      await hanging.close();
    }
  });

  it('gives up on an SSM endpoint that never answers, within its bound, and says so', async () => {
    const hanging = await startHangingServer();
    try {
      const env = { SLACK_TOKEN_PARAMETER: PARAMETER, SLACK_CHANNEL: 'C0ALERTS', AWS_ENDPOINT_URL_SSM: hanging.url };
      // The message names the bound that stopped it; a read that kept waiting would meet the test's own timeout.
      await expect(slackToken(env, { timeoutMs: 300 })).rejects.toThrow(`Could not read the Slack token from SSM parameter ${PARAMETER}: SSM did not answer within 0.3 s`);
      // The read goes on after the bound gave up on it: on a busy machine its request may reach the server only now.
      await vi.waitFor(() => expect(hanging.requests).toBeGreaterThan(0), { timeout: 10_000 });
    } finally {
      await hanging.close();
    }
  });

  it('reads the SecureString decrypted, once for a warm container (cached), and names what SSM answered when it fails', async () => {
    const ssm = await startFakeSsm({ [PARAMETER]: 'xoxb-from-ssm' });
    try {
      const env = { SLACK_TOKEN_PARAMETER: PARAMETER, SLACK_CHANNEL: 'C0ALERTS', AWS_ENDPOINT_URL_SSM: ssm.url };
      expect(await slackToken(env)).toBe('xoxb-from-ssm');
      expect(await slackToken(env)).toBe('xoxb-from-ssm');
      expect(ssm.requests).toEqual([{ target: 'AmazonSSM.GetParameter', input: { Name: PARAMETER, WithDecryption: true } }]);
      await expect(slackToken({ ...env, SLACK_TOKEN_PARAMETER: '/mimamori/missing' })).rejects.toThrow(
        /^Could not read the Slack token from SSM parameter \/mimamori\/missing: ParameterNotFound/);
    } finally {
      await ssm.close();
    }
  });
});

describe('the time a run keeps to report (reserve) and the journey\'s share', () => {
  it('keeps 25 % of the timeout, between 15 s and 30 s', () => {
    expect([30, 60, 90, 120, 300, 900].map((s) => reportReserveMs(s * 1000))).toEqual([15_000, 15_000, 22_500, 30_000, 30_000, 30_000]);
    expect([60, 90, 120, 900].map((s) => journeyBudgetMs(s * 1000))).toEqual([45_000, 67_500, 90_000, 870_000]);
  });

  it('leaves the journey most of any timeout RunnerTimeoutSeconds allows (a fixed 30 s left 0 s of 30 s)', () => {
    for (let seconds = 60; seconds <= 900; seconds += 1) expect(journeyBudgetMs(seconds * 1000), `${seconds} s`).toBeGreaterThanOrEqual(seconds * 1000 * 0.75);
    expect(journeyBudgetMs(30_000)).toBe(15_000);
  });
});

describe('a queued run (one run queue record)', () => {
  const body = JSON.stringify({ check: 'homepage', scheduledAt: '2026-11-29T10:20:00.000Z' });
  const at = Date.parse('2026-11-29T10:20:00.000Z');
  const record = (messageId: string, attributes: Record<string, string> = {}, text = body) => ({ messageId, body: text, attributes });

  it('gets the same run id every time SQS delivers the same message (a redelivery), another for another message', () => {
    const first = readRunRecord(record('059f36b4-87a3-44ab-83d2-661975830a7d'), { now: at + 5_000, timeoutMs: 120_000 });
    // Redelivered after the Lambda was killed: later, with another receive count, the same message id.
    const again = readRunRecord(record('059f36b4-87a3-44ab-83d2-661975830a7d', { ApproximateReceiveCount: '2' }), { now: at + 900_000, timeoutMs: 120_000 });
    expect(again.runId).toBe(first.runId);
    expect(first.runId).toMatch(/^20261129T102000Z-[0-9a-f]{6}$/);
    expect(readRunRecord(record('2e1424d4-f796-459a-8184-9c92662be6da'), { now: at + 5_000, timeoutMs: 120_000 }).runId).not.toBe(first.runId);
    expect(queuedRunId('m-1', at)).toBe(queuedRunId('m-1', at));
    expect(first.request).toEqual({ check: 'homepage', scheduledAt: '2026-11-29T10:20:00.000Z' });
  });

  it('without a scheduled time, stamps the run id with the time SQS took the message (stable too)', () => {
    const noTime = JSON.stringify({ check: 'homepage' });
    const a = readRunRecord(record('m-2', { SentTimestamp: String(at) }, noTime), { now: at + 1_000, timeoutMs: 120_000 });
    const b = readRunRecord(record('m-2', { SentTimestamp: String(at) }, noTime), { now: at + 600_000, timeoutMs: 120_000 });
    expect(a.runId).toBe(b.runId);
    expect(a.runId.startsWith('20261129T102000Z-')).toBe(true);
  });

  it('is stale when the queue first hands it out more than 10 minutes after its time (or two runner timeouts)', () => {
    const handedOut = (ms: number, timeoutMs = 120_000) => readRunRecord(record('m', { ApproximateFirstReceiveTimestamp: String(at + ms) }), { now: at + ms, timeoutMs });
    expect(handedOut(30_000).stale).toBe(false);
    expect(handedOut(10 * 60_000).stale).toBe(false);
    expect(handedOut(10 * 60_000 + 1)).toMatchObject({ stale: true, ageMs: 600_001, staleAfterMs: 600_000 });
    expect(handedOut(3 * 3600_000).stale).toBe(true); // after an outage of the stack
    // A long runner timeout: a run may wait for a run of its check that used all of it.
    expect(staleAfterMs(900_000)).toBe(1_800_000);
    expect(handedOut(20 * 60_000, 900_000).stale).toBe(false);
    // Without the first-receive attribute, the age is counted to now.
    expect(readRunRecord(record('m'), { now: at + 11 * 60_000, timeoutMs: 120_000 }).stale).toBe(true);
  });

  it('is not stale when it is the retry of a run handed out in time (it crashed): it runs, and may still dead-letter', () => {
    const retry = readRunRecord(record('m', { ApproximateFirstReceiveTimestamp: String(at + 10_000), ApproximateReceiveCount: '2' }), { now: at + 10_000 + 960_000, timeoutMs: 120_000 });
    expect(retry).toMatchObject({ stale: false, ageMs: 10_000 });
  });

  it('refuses a body that is not a run request', () => {
    expect(() => readRunRecord(record('m', {}, 'run homepage'), { timeoutMs: 120_000 })).toThrow(SyntaxError);
    expect(() => readRunRecord(record('m', {}, '{"run":"homepage"}'), { timeoutMs: 120_000 })).toThrow('Not a run request (no check name): {"run":"homepage"}');
  });
});

describe('findCheck', () => {
  const registry = { config: { baseURL: 'https://config', defaults: { retries: 2 } }, checks: [{ file: 'checks/a.check.ts', definition: { name: 'a', run() {} } }] };
  it('resolves a compiled-in check with the config defaults and BASE_URL', () => {
    expect(findCheck(registry, 'a', {})).toMatchObject({ name: 'a', retries: 2, baseURL: 'https://config' });
    expect(findCheck(registry, 'a', { BASE_URL: 'https://env' }).baseURL).toBe('https://env');
  });
  it('names the checks it knows when asked for another', () => {
    expect(() => findCheck(registry, 'b', {})).toThrow('No check named "b" in this deployment (known: a)');
  });
});

describe('a manual run (the dispatcher\'s {"run": "<check>"})', () => {
  const known = ['homepage', 'checkout', 'café'];
  const at = (iso: string) => Date.parse(iso);

  it('goes to the check\'s own message group, the one its scheduled runs use: it never overlaps them', () => {
    const scheduled = dueEntries([{ name: 'homepage', schedule: 'rate(1 minute)' }], at('2026-11-29T10:21:30Z'))[0]!;
    const manual = manualEntry('homepage', known, at('2026-11-29T10:21:40Z'));
    expect(manual.MessageGroupId).toBe(scheduled.MessageGroupId);
    expect(manualEntry('checkout', known, at('2026-11-29T10:21:40Z')).MessageGroupId).not.toBe(manual.MessageGroupId);
    // …but it is a run of its own: not deduplicated against the scheduled run of the same minute.
    expect(manual.MessageDeduplicationId).not.toBe(scheduled.MessageDeduplicationId);
    expect(JSON.parse(manual.MessageBody)).toEqual({ check: 'homepage', scheduledAt: '2026-11-29T10:21:00.000Z', manual: true });
  });

  it('is one run within the minute (a retried invoke enqueues it once), another in the next minute or with another id', () => {
    const first = manualEntry('homepage', known, at('2026-11-29T10:21:00.000Z'));
    expect(manualEntry('homepage', known, at('2026-11-29T10:21:59.999Z'))).toEqual(first);
    expect(manualEntry('homepage', known, at('2026-11-29T10:22:00.000Z')).MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    expect(manualEntry('checkout', known, at('2026-11-29T10:21:00.000Z')).MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    // The caller's id: the same id is one run whatever the minute; another id is another run.
    const byId = manualEntry('homepage', known, at('2026-11-29T10:21:00Z'), 'deploy-42');
    expect(manualEntry('homepage', known, at('2026-11-29T10:24:30Z'), 'deploy-42').MessageDeduplicationId).toBe(byId.MessageDeduplicationId);
    expect(manualEntry('homepage', known, at('2026-11-29T10:21:00Z'), 'deploy-43').MessageDeduplicationId).not.toBe(byId.MessageDeduplicationId);
    expect(byId.MessageDeduplicationId).not.toBe(first.MessageDeduplicationId);
    for (const e of [first, byId]) expect(e.MessageDeduplicationId.length).toBeLessThanOrEqual(128);
  });

  it('refuses a name it does not know, listing the known ones; any spelling of an accent is the same check', () => {
    expect(() => manualEntry('home', known, 0)).toThrow('No check named "home" in this deployment (known: homepage, checkout, café)');
    expect(() => manualEntry('home', [], 0)).toThrow('(known: none)');
    const decomposed = manualEntry('cafe\u0301', known, 0);
    expect(JSON.parse(decomposed.MessageBody).check).toBe('café');
    expect(decomposed.MessageGroupId).toBe(manualEntry('café', known, 0).MessageGroupId);
  });

  it('reads {"run"} (or {"check"}) with an optional id, ignores the schedule\'s event, and says what a request looks like', () => {
    expect(manualRequest({ run: 'homepage' })).toEqual({ check: 'homepage', id: undefined });
    expect(manualRequest({ check: 'homepage', id: 'x' })).toEqual({ check: 'homepage', id: 'x' });
    expect(manualRequest({ run: 'homepage', check: 'homepage' })).toEqual({ check: 'homepage', id: undefined });
    expect(manualRequest({ time: '2026-11-29T10:21:00Z', source: 'aws.events' })).toBeUndefined();
    expect(manualRequest(null)).toBeUndefined();
    expect(() => manualRequest({ run: '' })).toThrow('a manual run is {"run":"<check name>"}');
    expect(() => manualRequest({ run: 7 })).toThrow('No check name in {"run":7}');
    expect(() => manualRequest({ run: 'a', check: 'b' })).toThrow('Give the check once');
    expect(() => manualRequest({ run: 'a', id: 3 })).toThrow('"id" must be a non-empty string');
  });
});
