// The built alarm handler (`mimamori build --only alarms`, alone), invoked the
// way Lambda invokes it from the AlarmTopic subscription — real-shaped SNS events carrying CloudWatch alarm
// notifications — against the fake Slack, s3rver for the threads it keeps, and a fake SSM for the bot token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_MAN_TRIGGER, REGION, snsEvent, STACK } from '../fixtures/alarm-notifications.ts';
import { buildPart, invokeBuilt, startSlackFunctionFakes, type SlackFunctionFakes } from '../helpers/lambda.ts';
import { alarmConsoleUrl } from '../../src/notify/alarm-message.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { openS3Store } from '../../src/store/s3-store.ts';

const TOKEN = 'xoxb-lambda-alarms';
const TOKEN_PARAMETER = '/mimamori/slack-bot-token';
const RUNNER = `${STACK}-runner-errors`;
const DEAD_MAN = `${STACK}-no-results`;
const PREFIX = 'prod/';
let fakes: SlackFunctionFakes;
let s3: SlackFunctionFakes['s3'];
let slack: SlackFunctionFakes['slack'];
let ssm: SlackFunctionFakes['ssm'];
let handler: string;

beforeAll(async () => {
  // The test reads the stored threads itself.
  fakes = await startSlackFunctionFakes(TOKEN, TOKEN_PARAMETER, { readsStore: true });
  ({ s3, slack, ssm } = fakes);
  handler = await buildPart('alarms', 'export default {};\n');
}, 120_000);
afterAll(() => fakes?.close());

/** What the template gives the function (AlarmsFunction), and what Lambda's runtime sets. */
const lambdaEnv = (): NodeJS.ProcessEnv => fakes.env(`${STACK}-AlarmsFunction-Q1w2E3`, { MIMAMORI_S3_PREFIX: PREFIX, MIMAMORI_DEAD_MAN_ALARM: DEAD_MAN });

const storedThread = async (alarm: string) => {
  const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: PREFIX })!);
  const found = await store.get(`alarms/${alarm}.json`);
  return found && (JSON.parse(found.toString('utf8')) as Record<string, unknown>);
};
/** The stored ref of a Slack thread (the parent's channel as configured, and its ts). */
const slackThread = (channel: string, ts: string) => ({ notifier: 'slack', ref: { channel, ts } });
const textOf = (m: { text?: string; attachments?: unknown }) => `${m.text}\n${typeof m.attachments === 'string' ? m.attachments : JSON.stringify(m.attachments)}`;
/** What was posted at first (the fake Slack's messages show chat.update's changes in place). */
const posted = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.error).map((c) => c.params);
/** The thread of the runner errors alarm: the first parent. */
const runnerParent = () => slack.messages.filter((m) => !m.thread_ts)[0]!;

describe('the built alarm handler', () => {
  const ALARM_AT = '2026-11-29T07:35:12.345+0000';
  const OK_AT = '2026-11-29T07:55:12.345+0000';
  let logs: string;

  beforeAll(async () => {
    const invocations = await invokeBuilt(handler, [
      { event: snsEvent({ name: RUNNER, state: 'ALARM', at: ALARM_AT, description: 'mimamori runner errors - the monitor itself crashed.' }), timeoutMs: 30_000 },
      // SNS delivers at least once: the same ALARM again posts nothing.
      { event: snsEvent({ name: RUNNER, state: 'ALARM', at: ALARM_AT }), timeoutMs: 30_000 },
      { event: snsEvent({ name: RUNNER, state: 'OK', at: OK_AT, reason: 'Threshold Crossed: 1 datapoint [0.0 (29/11/26 07:50:00)] was not greater than or equal to the threshold (1.0).' }), timeoutMs: 30_000 },
      { event: snsEvent({ name: DEAD_MAN, state: 'ALARM', at: ALARM_AT, trigger: DEAD_MAN_TRIGGER, reason: 'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].' }), timeoutMs: 30_000 },
      // Alarms go INSUFFICIENT_DATA → OK when they are created: neither is posted.
      { event: snsEvent({ name: `${STACK}-dead-letters`, state: 'INSUFFICIENT_DATA', old: 'OK', at: ALARM_AT }), timeoutMs: 30_000 },
      { event: snsEvent({ name: `${STACK}-dead-letters`, state: 'OK', old: 'INSUFFICIENT_DATA', at: OK_AT }), timeoutMs: 30_000 },
    ], lambdaEnv());
    logs = invocations.logs;
    for (const [i, inv] of invocations.entries()) expect(inv.error, `invocation ${i + 1}: ${logs}`).toBeUndefined();
  }, 90_000);

  it('opens one thread per alarm: the ALARM with the metric, the threshold, the reason and the console link', () => {
    expect(slack.messages.filter((m) => !m.thread_ts)).toHaveLength(2);
    expect(runnerParent().channel).toBe('C0ALERTS');
    const runner = posted().filter((p) => !p.thread_ts)[0]!;
    expect(runner.text).toMatch(new RegExp(`^:rotating_light: ${RUNNER} is in ALARM: Threshold Crossed`));
    const body = textOf(runner);
    expect(body).toContain('*Metric:* AWS/Lambda Errors (FunctionName=mimamori-prod-RunnerFunction-AbC123)');
    expect(body).toContain('*Threshold:* SUM ≥ 1 in a period of 5 min');
    expect(body).toContain('the monitor itself crashed');
    expect(body).toContain(`<${alarmConsoleUrl(RUNNER, REGION)}|Open the alarm in the CloudWatch console>`);
  });

  it('replies OK in that thread and updates the parent to resolved', () => {
    const parent = runnerParent();
    expect(parent.text).toBe(`:white_check_mark: Resolved: ${RUNNER} after 20 min`);
    const replies = slack.replies('C0ALERTS', parent.ts);
    expect(replies.map((r) => r.text)).toEqual([`:white_check_mark: ${RUNNER} is OK again after 20 min`]);
    expect(textOf(replies[0]!)).toContain('was not greater than or equal to the threshold');
    const updates = slack.updates.filter((u) => u.ts === parent.ts);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.text).toBe(`:white_check_mark: Resolved: ${RUNNER} after 20 min`);
    expect(textOf(updates[0]!)).toContain(alarmConsoleUrl(RUNNER, REGION));
  });

  it('says plainly for the dead-man alarm that the monitor has stopped', () => {
    const deadMan = slack.messages.find((m) => !m.thread_ts && m.text?.includes('check result'))!;
    expect(deadMan.text).toBe(':rotating_light: mimamori has not produced a check result for 15 minutes: the monitor itself may be down — checks are not running');
    expect(textOf(deadMan)).toContain('*Metric:* mimamori CheckRuns (service=mimamori, Stack=mimamori-prod)');
    expect(slack.replies('C0ALERTS', deadMan.ts)).toEqual([]);
  });

  it('posts nothing for a repeated ALARM, INSUFFICIENT_DATA, or an OK with no ALARM before it', () => {
    expect(slack.messages).toHaveLength(3); // two parents and the OK reply
    expect(slack.messages.some((m) => m.text?.includes('dead-letters'))).toBe(false);
    expect(logs).toContain('was posted already');
    expect(logs).toContain('INSUFFICIENT_DATA is not posted');
    expect(logs).toContain('no ALARM was posted for it');
  });

  it('keeps each thread in the bucket under <prefix>alarms/<alarm>.json, resolved or open', async () => {
    const parent = runnerParent();
    expect(await storedThread(RUNNER)).toEqual({
      alarm: RUNNER, thread: slackThread('C0ALERTS', parent.ts), openedAt: ALARM_AT, lastAlarmAt: ALARM_AT, open: false, resolvedAt: OK_AT,
    });
    expect(await storedThread(DEAD_MAN)).toMatchObject({ alarm: DEAD_MAN, open: true });
    expect(await storedThread(`${STACK}-dead-letters`)).toBeUndefined();
  });

  it('reads the bot token from SSM by the parameter\'s name, decrypted, and never logs it', () => {
    expect(ssm.requests.map((r) => [r.target, r.input])).toContainEqual(['AmazonSSM.GetParameter', { Name: TOKEN_PARAMETER, WithDecryption: true }]);
    expect(slack.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(logs).not.toContain(TOKEN);
  });

  it('a new ALARM after the OK opens a new thread', async () => {
    const before = slack.messages.length;
    const [again] = await invokeBuilt(handler, [{ event: snsEvent({ name: RUNNER, state: 'ALARM', at: '2026-11-29T09:00:00.000+0000' }), timeoutMs: 30_000 }], lambdaEnv());
    expect(again!.error).toBeUndefined();
    const fresh = slack.messages.slice(before);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.thread_ts).toBeUndefined();
    expect(await storedThread(RUNNER)).toMatchObject({ open: true, thread: slackThread('C0ALERTS', fresh[0]!.ts), openedAt: '2026-11-29T09:00:00.000+0000' });
  }, 60_000);
});

describe('the built alarm handler on a corrupt thread, a late retry and flapping', () => {
  const HEARTBEAT = `${STACK}-heartbeat`;
  const RETRIED = `${STACK}-retried`;
  const FLAPPING = `${STACK}-flapping`;
  /** This describe's dead-man alarm is its own, so the tests above are not in its way. */
  const env = () => ({ ...lambdaEnv(), MIMAMORI_DEAD_MAN_ALARM: HEARTBEAT });
  const invoke = async (...events: ReturnType<typeof snsEvent>[]) => {
    const invocations = await invokeBuilt(handler, events.map((event) => ({ event, timeoutMs: 30_000 })), env());
    for (const [i, inv] of invocations.entries()) expect(inv.error, `invocation ${i + 1}: ${invocations.logs}`).toBeUndefined();
    return invocations.logs;
  };

  it('reads a corrupt alarms/<name>.json as none, says so naming the key, posts the ALARM and replaces the object', async () => {
    const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: PREFIX })!);
    await store.put(`alarms/${HEARTBEAT}.json`, '{"alarm":"mimamori-prod-heartbeat","channel":"C0ALE', { contentType: 'application/json' });
    const before = slack.messages.length;
    const logs = await invoke(snsEvent({ name: HEARTBEAT, state: 'ALARM', at: '2026-12-01T03:00:00.000+0000', trigger: DEAD_MAN_TRIGGER }));
    expect(logs).toMatch(new RegExp(`alarms/${HEARTBEAT}\\.json is not JSON \\(.+\\) in s3://.+: read as none, the next write replaces it`));
    const fresh = slack.messages.slice(before);
    expect(fresh.map((m) => m.text)).toEqual([':rotating_light: mimamori has not produced a check result for 15 minutes: the monitor itself may be down — checks are not running']);
    expect(await storedThread(HEARTBEAT)).toMatchObject({ alarm: HEARTBEAT, thread: slackThread('C0ALERTS', fresh[0]!.ts), open: true });
    // The OK now finds the thread and resolves it.
    await invoke(snsEvent({ name: HEARTBEAT, state: 'OK', at: '2026-12-01T03:20:00.000+0000', trigger: DEAD_MAN_TRIGGER }));
    expect(slack.replies('C0ALERTS', fresh[0]!.ts).map((r) => r.text)).toEqual([expect.stringMatching(/^:white_check_mark: mimamori records check results again after 20 min/)]);
    expect(await storedThread(HEARTBEAT)).toMatchObject({ open: false });
  }, 60_000);

  it("continues a thread stored by an earlier version (Slack's channel and ts): the OK replies in it, the object is rewritten with the thread ref", async () => {
    const LEGACY = `${STACK}-legacy`;
    const ALARM_AT = '2026-12-01T02:00:00.000+0000';
    const before = slack.messages.length;
    await invoke(snsEvent({ name: LEGACY, state: 'ALARM', at: ALARM_AT }));
    const parent = slack.messages.slice(before).find((m) => !m.thread_ts)!;
    // The object as mimamori 0.1 wrote it.
    const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: PREFIX })!);
    const legacy = { alarm: LEGACY, channel: 'C0ALERTS', ts: parent.ts, openedAt: ALARM_AT, lastAlarmAt: ALARM_AT, open: true };
    await store.put(`alarms/${LEGACY}.json`, `${JSON.stringify(legacy, null, 2)}\n`, { contentType: 'application/json' });
    await invoke(snsEvent({ name: LEGACY, state: 'OK', at: '2026-12-01T02:10:00.000+0000' }));
    expect(slack.replies('C0ALERTS', parent.ts).map((r) => r.text)).toEqual([`:white_check_mark: ${LEGACY} is OK again after 10 min`]);
    expect(await storedThread(LEGACY)).toEqual({ alarm: LEGACY, thread: slackThread('C0ALERTS', parent.ts), openedAt: ALARM_AT, lastAlarmAt: ALARM_AT, open: false, resolvedAt: '2026-12-01T02:10:00.000+0000' });
  }, 60_000);

  it('posts nothing for an ALARM retried after the OK that resolved its thread: no thread left open', async () => {
    const ALARM_AT = '2026-12-01T04:00:00.000+0000';
    const before = slack.messages.length;
    const logs = await invoke(
      snsEvent({ name: RETRIED, state: 'ALARM', at: ALARM_AT }),
      snsEvent({ name: RETRIED, state: 'OK', at: '2026-12-01T04:10:00.000+0000' }),
      // The first ALARM's delivery failed after posting (Slack answered late): Lambda retries it after the OK.
      snsEvent({ name: RETRIED, state: 'ALARM', at: ALARM_AT }),
    );
    expect(slack.messages.slice(before).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(logs).toContain(`this ALARM (${ALARM_AT}) is from before the OK of 2026-12-01T04:10:00.000+0000 that resolved its thread`);
    expect(await storedThread(RETRIED)).toMatchObject({ open: false, openedAt: ALARM_AT, resolvedAt: '2026-12-01T04:10:00.000+0000' });
  }, 60_000);

  it('folds an alarm that flaps (ALARM soon after its OK) into its thread, and opens a new one only after a quiet spell', async () => {
    const before = slack.messages.length;
    await invoke(
      snsEvent({ name: FLAPPING, state: 'ALARM', at: '2026-12-01T05:00:00.000+0000' }),
      snsEvent({ name: FLAPPING, state: 'OK', at: '2026-12-01T05:05:00.000+0000' }),
      snsEvent({ name: FLAPPING, state: 'ALARM', at: '2026-12-01T05:10:00.000+0000' }),
      snsEvent({ name: FLAPPING, state: 'OK', at: '2026-12-01T05:15:00.000+0000' }),
      snsEvent({ name: FLAPPING, state: 'ALARM', at: '2026-12-01T05:20:00.000+0000' }),
    );
    const fresh = slack.messages.slice(before);
    const parents = fresh.filter((m) => !m.thread_ts);
    expect(parents).toHaveLength(1);
    expect(slack.replies('C0ALERTS', parents[0]!.ts).map((r) => r.text)).toEqual([
      `:white_check_mark: ${FLAPPING} is OK again after 5 min`,
      `:rotating_light: ${FLAPPING} is in ALARM again`,
      `:white_check_mark: ${FLAPPING} is OK again after 5 min`,
      `:rotating_light: ${FLAPPING} is in ALARM again (3 times in this thread)`,
    ]);
    // The parent is red again while the alarm is.
    expect(parents[0]!.text).toMatch(new RegExp(`^:rotating_light: ${FLAPPING} is in ALARM`));
    expect(await storedThread(FLAPPING)).toMatchObject({ open: true, thread: slackThread('C0ALERTS', parents[0]!.ts), openedAt: '2026-12-01T05:20:00.000+0000', again: 2 });
    // Resolved, and in ALARM again an hour later: a new episode, a new thread.
    await invoke(
      snsEvent({ name: FLAPPING, state: 'OK', at: '2026-12-01T05:30:00.000+0000' }),
      snsEvent({ name: FLAPPING, state: 'ALARM', at: '2026-12-01T06:30:00.000+0000' }),
    );
    expect(slack.messages.slice(before).filter((m) => !m.thread_ts)).toHaveLength(2);
  }, 60_000);

  it('reopens a flapping thread whose parent cannot be made red again (deleted): the update is logged, the thread saved, its OK resolves it', async () => {
    const GONE = `${STACK}-flapping-gone`;
    const before = slack.messages.length;
    await invoke(snsEvent({ name: GONE, state: 'ALARM', at: '2026-12-01T07:00:00.000+0000' }), snsEvent({ name: GONE, state: 'OK', at: '2026-12-01T07:05:00.000+0000' }));
    const parent = slack.messages.slice(before).find((m) => !m.thread_ts)!;
    slack.failNext('chat.update', 'message_not_found');
    const logs = await invoke(snsEvent({ name: GONE, state: 'ALARM', at: '2026-12-01T07:10:00.000+0000' }));
    expect(logs).toMatch(/its parent could not be updated .*message_not_found/);
    expect(await storedThread(GONE)).toMatchObject({ open: true, thread: slackThread('C0ALERTS', parent.ts), openedAt: '2026-12-01T07:10:00.000+0000', again: 1 });
    // Its OK finds the thread open (it was ignored as "resolved already" when the reopening was never saved).
    await invoke(snsEvent({ name: GONE, state: 'OK', at: '2026-12-01T07:15:00.000+0000' }));
    expect(slack.replies('C0ALERTS', parent.ts).map((r) => r.text)).toEqual([
      `:white_check_mark: ${GONE} is OK again after 5 min`,
      `:rotating_light: ${GONE} is in ALARM again`,
      `:white_check_mark: ${GONE} is OK again after 5 min`,
    ]);
    expect(await storedThread(GONE)).toMatchObject({ open: false, resolvedAt: '2026-12-01T07:15:00.000+0000' });
  }, 60_000);

  it('resolves a thread whose parent cannot be updated: the OK is saved, and its retry posts nothing', async () => {
    const GONE = `${STACK}-resolved-gone`;
    const before = slack.messages.length;
    await invoke(snsEvent({ name: GONE, state: 'ALARM', at: '2026-12-01T08:00:00.000+0000' }));
    slack.failNext('chat.update', 'message_not_found');
    const ok = snsEvent({ name: GONE, state: 'OK', at: '2026-12-01T08:05:00.000+0000' });
    expect(await invoke(ok)).toMatch(/its parent could not be updated .*message_not_found/);
    expect(await storedThread(GONE)).toMatchObject({ open: false, resolvedAt: '2026-12-01T08:05:00.000+0000' });
    expect(await invoke(ok)).toContain('its thread is resolved already');
    expect(slack.messages.slice(before).filter((m) => m.thread_ts).map((m) => m.text)).toEqual([`:white_check_mark: ${GONE} is OK again after 5 min`]);
  }, 60_000);

  it('opens a new parent in the new channel when SlackChannel changed since the thread was opened, flapping or still open', async () => {
    const MOVED = `${STACK}-moved`;
    const STILL = `${STACK}-moved-open`;
    if (!slack.channels.some((c) => c.id === 'C0NEWALERTS')) slack.channels.push({ id: 'C0NEWALERTS', name: 'new-alerts', member: true });
    const before = slack.messages.length;
    await invoke(
      snsEvent({ name: MOVED, state: 'ALARM', at: '2026-12-01T09:00:00.000+0000' }),
      snsEvent({ name: MOVED, state: 'OK', at: '2026-12-01T09:05:00.000+0000' }),
      snsEvent({ name: STILL, state: 'ALARM', at: '2026-12-01T09:00:00.000+0000' }),
    );
    const moved = { ...env(), SLACK_CHANNEL: 'C0NEWALERTS' };
    const invocations = await invokeBuilt(handler, [
      // Within FLAP_MS of its OK, but its thread is in the old channel: out of the poster's reach.
      { event: snsEvent({ name: MOVED, state: 'ALARM', at: '2026-12-01T09:10:00.000+0000' }), timeoutMs: 30_000 },
      { event: snsEvent({ name: STILL, state: 'ALARM', at: '2026-12-01T09:10:00.000+0000' }), timeoutMs: 30_000 },
    ], moved);
    for (const [i, inv] of invocations.entries()) expect(inv.error, `invocation ${i + 1}: ${invocations.logs}`).toBeUndefined();
    const fresh = slack.messages.slice(before);
    const [oldMoved, oldStill] = fresh.filter((m) => !m.thread_ts && m.channel === 'C0ALERTS');
    expect(slack.replies('C0ALERTS', oldMoved!.ts).map((r) => r.text)).toEqual([`:white_check_mark: ${MOVED} is OK again after 5 min`]);
    expect(slack.replies('C0ALERTS', oldStill!.ts)).toEqual([]);
    const parents = fresh.filter((m) => m.channel === 'C0NEWALERTS');
    expect(parents.map((m) => [m.thread_ts, m.text?.split(' is in ALARM')[0]])).toEqual([[undefined, `:rotating_light: ${MOVED}`], [undefined, `:rotating_light: ${STILL}`]]);
    expect(await storedThread(MOVED)).toMatchObject({ thread: slackThread('C0NEWALERTS', parents[0]!.ts), open: true, openedAt: '2026-12-01T09:10:00.000+0000' });
    expect(await storedThread(MOVED)).not.toHaveProperty('again');
    expect(await storedThread(STILL)).toMatchObject({ thread: slackThread('C0NEWALERTS', parents[1]!.ts), open: true });
  }, 60_000);
});

describe('the built alarm handler under Slack\'s rate limit', () => {
  const env = () => ({ ...lambdaEnv(), MIMAMORI_DEAD_MAN_ALARM: `${STACK}-rate-heartbeat` });
  const calls = (method: string, from: number) => slack.calls.slice(from).filter((c) => c.method === method).map((c) => c.status);

  it('waits out a 429\'s Retry-After and posts the ALARM within the invocation: the thread is opened, not lost', async () => {
    const LIMITED = `${STACK}-rate-limited`;
    const from = slack.calls.length;
    slack.rateLimitNext('chat.postMessage', 1);
    const [inv] = await invokeBuilt(handler, [{ event: snsEvent({ name: LIMITED, state: 'ALARM', at: '2026-12-02T01:00:00.000+0000' }), timeoutMs: 30_000 }], env());
    expect(inv!.error, JSON.stringify(inv!.logs)).toBeUndefined();
    expect(inv!.withinDeadline).toBe(true);
    expect(calls('chat.postMessage', from)).toEqual([429, 200]);
    const parent = slack.messages.find((m) => !m.thread_ts && m.text?.startsWith(`:rotating_light: ${LIMITED} is in ALARM`))!;
    expect(parent).toBeDefined();
    expect(await storedThread(LIMITED)).toMatchObject({ open: true, thread: slackThread('C0ALERTS', parent.ts) });
  }, 60_000);

  it('waits out a 429 on the parent\'s update too: the OK marks the parent resolved', async () => {
    const LIMITED = `${STACK}-rate-limited-update`;
    const invoke = async (event: ReturnType<typeof snsEvent>) => {
      const [inv] = await invokeBuilt(handler, [{ event, timeoutMs: 30_000 }], env());
      expect(inv!.error, JSON.stringify(inv!.logs)).toBeUndefined();
      return inv!;
    };
    await invoke(snsEvent({ name: LIMITED, state: 'ALARM', at: '2026-12-02T02:00:00.000+0000' }));
    const parent = slack.messages.find((m) => !m.thread_ts && m.text?.startsWith(`:rotating_light: ${LIMITED} is in ALARM`))!;
    const from = slack.calls.length;
    slack.rateLimitNext('chat.update', 1);
    const ok = await invoke(snsEvent({ name: LIMITED, state: 'OK', at: '2026-12-02T02:10:00.000+0000' }));
    expect(calls('chat.update', from)).toEqual([429, 200]);
    expect(ok.logs.join('\n')).not.toContain('could not be updated');
    expect(parent.text).toBe(`:white_check_mark: Resolved: ${LIMITED} after 10 min`);
  }, 60_000);

  it('does not wait for a Retry-After past its deadline: the invocation fails at once, saying so, for Lambda to retry', async () => {
    const LATE = `${STACK}-rate-limited-late`;
    const from = slack.calls.length;
    slack.rateLimitNext('chat.postMessage', 120);
    const [inv] = await invokeBuilt(handler, [{ event: snsEvent({ name: LATE, state: 'ALARM', at: '2026-12-02T03:00:00.000+0000' }), timeoutMs: 30_000 }], env());
    expect(inv!.withinDeadline).toBe(true);
    expect(inv!.error?.errorMessage).toMatch(/rate-limited .*retry after 120 s.* past the deadline/);
    expect(calls('chat.postMessage', from)).toEqual([429]);
    // Nothing stored: the retry of the notification posts the ALARM.
    expect(await storedThread(LATE)).toBeUndefined();
  }, 60_000);
});
