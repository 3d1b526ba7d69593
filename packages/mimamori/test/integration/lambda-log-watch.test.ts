// The built log-watch handler (`mimamori build --only log-watch` alone), invoked the way Lambda
// invokes it from a subscription filter — real-shaped CloudWatch Logs events, base64 of gzipped JSON — against the
// fake Slack, s3rver for the windows it keeps, and a fake SSM for the bot token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlMessage, encode, lambdaLine, logsEvent, STACK, T0 } from '../fixtures/log-events.ts';
import { buildPart, invokeBuilt, startSlackFunctionFakes, type SlackFunctionFakes } from '../helpers/lambda.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { MATCH_BUDGET } from '../../src/log-watch/line-matcher.ts';
import { openS3Store } from '../../src/store/s3-store.ts';

const TOKEN = 'xoxb-lambda-log-watch';
const TOKEN_PARAMETER = '/mimamori/slack-bot-token';
const PREFIX = 'prod/';
const MIN = 60_000;
const SECRETS = ['hunter2secret', 'abc123456'];
let fakes: SlackFunctionFakes;
let s3: SlackFunctionFakes['s3'];
let slack: SlackFunctionFakes['slack'];
let ssm: SlackFunctionFakes['ssm'];
let handler: string;

beforeAll(async () => {
  // The test reads the stored windows itself.
  fakes = await startSlackFunctionFakes(TOKEN, TOKEN_PARAMETER, { readsStore: true });
  ({ s3, slack, ssm } = fakes);
  // 'slow' overlaps its alternatives (a digit is both \d and \w): the build's nested-repetition check passes it, but
  // a run of digits without the '!' backtracks for ever — what the handler's time budget is for.
  handler = await buildPart('log-watch', `export default { logWatches: [
    { name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ },
    { name: 'slow', logGroups: ['/aws/lambda/slow'], pattern: /^(\\d|\\w)*!$/ },
  ] };\n`);
}, 120_000);
afterAll(() => fakes?.close());

/** What the stack gives the function (LogWatchFunction), and what Lambda's runtime sets. */
const lambdaEnv = (): NodeJS.ProcessEnv => fakes.env(`${STACK}-LogWatchFunction-Q1w2E3`, { MIMAMORI_S3_PREFIX: PREFIX, MIMAMORI_STACK_NAME: STACK });

const storedWindow = async () => {
  const store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: PREFIX })!);
  const found = await store.get('log-watches/api-errors.json');
  return found && (JSON.parse(found.toString('utf8')) as { window: Record<string, unknown>; posted: string[] });
};
const textOf = (m: { text?: string; attachments?: unknown }) => `${m.text}\n${typeof m.attachments === 'string' ? m.attachments : JSON.stringify(m.attachments)}`;
/** What was posted, as posted (the fake Slack's messages show chat.update's changes in place). */
const posted = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.error).map((c) => c.params);

describe('the built log-watch handler', () => {
  const first = logsEvent({ lines: [
    { at: T0, message: lambdaLine(T0, 'ERROR', 'db timeout after 3000 ms') },
    { at: T0 + 10, message: lambdaLine(T0 + 10, 'INFO', 'request done') },
    { at: T0 + 2_000, message: lambdaLine(T0 + 2_000, 'ERROR', 'Unhandled rejection: GET https://user:hunter2secret@host/x?token=abc123456') },
  ] });
  const second = logsEvent({ lines: [{ at: T0 + 2 * MIN, message: lambdaLine(T0 + 2 * MIN, 'ERROR', 'db timeout again') }] });
  const later = logsEvent({ lines: [{ at: T0 + 7 * MIN, message: lambdaLine(T0 + 7 * MIN, 'ERROR', 'db down') }] });
  let logs: string;
  let answers: Record<string, unknown>[];

  beforeAll(async () => {
    const invocations = await invokeBuilt(handler, [
      // CloudWatch Logs checks the destination when the subscription filter is created.
      { event: encode(controlMessage()), timeoutMs: 30_000 },
      { event: first, timeoutMs: 30_000 },
      { event: second, timeoutMs: 30_000 },
      // Lambda retries an invocation it thinks failed: the same events again.
      { event: second, timeoutMs: 30_000 },
      { event: later, timeoutMs: 30_000 },
    ], lambdaEnv());
    logs = invocations.logs;
    for (const [i, inv] of invocations.entries()) expect(inv.error, `invocation ${i + 1}: ${logs}`).toBeUndefined();
    answers = invocations.map((i) => i.answer);
  }, 90_000);

  it('posts the first batch as a parent: the watch, the count, the pattern, the lines and a link to them', () => {
    expect(answers[0]).toMatchObject({ action: 'ignored', why: expect.stringMatching(/CONTROL_MESSAGE/) });
    expect(answers[1]).toMatchObject({ action: 'opened', watch: 'api-errors', lines: 2 });
    const parent = posted()[0]!;
    expect(parent.channel).toBe('C0ALERTS');
    expect(parent.thread_ts).toBeUndefined();
    expect(parent.text).toBe(':warning: api-errors: 2 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    const body = textOf(parent);
    expect(body).toContain('db timeout after 3000 ms');
    expect(body).not.toContain('request done');
    expect(body).toContain('#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fapi/log-events/2026$252F11$252F29$252F$255B$2524LATEST$255D');
    // The watch's filter pattern, derived by the build from /ERROR|Unhandled/: %ERROR|Unhandled% (CloudWatch's regex form).
    expect(body).toContain(`filterPattern$3D$2525ERROR$257CUnhandled$2525$26start$3D${T0 - 1_000}$26end$3D${T0 + 3_000}`);
  });

  it('replies to a batch within the window in the thread, and updates the parent with the running total', () => {
    expect(answers[2]).toMatchObject({ action: 'replied', lines: 1, total: 3 });
    const parent = slack.messages.filter((m) => !m.thread_ts)[0]!;
    const replies = slack.replies('C0ALERTS', parent.ts);
    expect(replies.map((r) => r.text)).toEqual([':warning: 1 more log line matched /ERROR|Unhandled/']);
    expect(textOf(replies[0]!)).toContain('db timeout again');
    const updates = slack.updates.filter((u) => u.ts === parent.ts);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.text).toBe(':warning: api-errors: 3 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    expect(parent.text).toBe(updates[0]!.text);
  });

  it('posts nothing for a redelivered event', () => {
    expect(answers[3]).toMatchObject({ action: 'ignored', why: expect.stringMatching(/posted already/) });
    expect(logs).toContain('posted already');
    expect(posted()).toHaveLength(3); // two parents and one reply
  });

  it('opens a new parent for a batch after the window, and keeps the window in the bucket', async () => {
    expect(answers[4]).toMatchObject({ action: 'opened', lines: 1 });
    const parents = slack.messages.filter((m) => !m.thread_ts);
    expect(parents).toHaveLength(2);
    expect(parents[1]!.text).toBe(':warning: api-errors: 1 log line matched /ERROR|Unhandled/ in /aws/lambda/api');
    expect(await storedWindow()).toMatchObject({ window: { channel: 'C0ALERTS', thread: { notifier: 'slack', ref: { channel: 'C0ALERTS', ts: parents[1]!.ts } }, count: 1, openedAt: T0 + 7 * MIN, until: T0 + 12 * MIN } });
  });

  it('never lets a secret in a line reach Slack, nor the token reach the logs', () => {
    const sent = JSON.stringify(slack.calls.map((c) => c.params));
    expect(sent).toContain('Unhandled rejection: GET https://***:***@host/x?token=***');
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
    expect(slack.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(ssm.requests.map((r) => [r.target, r.input])).toContainEqual(['AmazonSSM.GetParameter', { Name: TOKEN_PARAMETER, WithDecryption: true }]);
    expect(logs).not.toContain(TOKEN);
  });
});

describe('the built log-watch handler and a pattern that backtracks for ever', () => {
  it('posts the delivery\'s other matching lines and logs the line it could not judge, within the invocation', async () => {
    const delivery = logsEvent({ logGroup: '/aws/lambda/slow', filters: [`${STACK}-slow`], lines: [
      { at: T0 + 20 * MIN, message: 'order 42 failed!' },
      { at: T0 + 20 * MIN + 1, message: 'payment3failed!' },
      { at: T0 + 20 * MIN + 2, message: `${'1'.repeat(64)}?` },
    ] });
    const invocations = await invokeBuilt(handler, [{ event: delivery, timeoutMs: 30_000 }], lambdaEnv());
    expect(invocations[0]!.error, invocations.logs).toBeUndefined();
    expect(invocations[0]!.answer).toMatchObject({ action: 'opened', watch: 'slow', lines: 1 });
    const parent = posted().find((m) => String(m.text).startsWith(':warning: slow:'))!;
    expect(textOf(parent)).toContain('payment3failed!');
    expect(invocations.logs).toContain('log watch slow: lines not checked, not posted: ');
    expect(invocations.logs).toContain(`*!$/ took over ${MATCH_BUDGET.lineMs} ms on 1 line(s) — it backtracks catastrophically`);
  }, 60_000);
});

describe('the built log-watch handler under Slack\'s rate limit', () => {
  it('waits out a 429\'s Retry-After and posts the lines within the invocation, rather than failing the delivery', async () => {
    const at = T0 + 60 * MIN;
    const from = slack.calls.length;
    slack.rateLimitNext('chat.postMessage', 1);
    const delivery = logsEvent({ lines: [{ at, message: lambdaLine(at, 'ERROR', 'rate limited but delivered') }] });
    const [inv] = await invokeBuilt(handler, [{ event: delivery, timeoutMs: 30_000 }], lambdaEnv());
    expect(inv!.error, JSON.stringify(inv!.logs)).toBeUndefined();
    expect(inv!.withinDeadline).toBe(true);
    expect(inv!.answer).toMatchObject({ action: 'opened', watch: 'api-errors', lines: 1 });
    expect(slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(textOf(posted().at(-1)!)).toContain('rate limited but delivered');
  }, 60_000);
});
