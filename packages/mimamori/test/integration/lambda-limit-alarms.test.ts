// Limit watches end to end: the alarms the build generates for `limitWatches` (watches.json), as CloudWatch
// notifies them on the stack's AlarmTopic, through the built alarm handler to the fake Slack — a function near its
// timeout (p99 Duration) and a table near its provisioned capacity (metric math), each opening a thread and resolving it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snsEvent, STACK, triggerOf } from '../fixtures/alarm-notifications.ts';
import { buildPart, invokeBuilt, startSlackFunctionFakes, type SlackFunctionFakes } from '../helpers/lambda.ts';
import { watchStackTemplate } from '../../src/build/watch-stack.ts';

const TOKEN = 'xoxb-limit-alarms';
const TOKEN_PARAMETER = '/mimamori/slack-bot-token';
const LIMITS = { limitWatches: { functions: [{ name: 'api', timeoutSeconds: 30 }], tables: ['orders'] } };
let fakes: SlackFunctionFakes;
let s3: SlackFunctionFakes['s3'];
let slack: SlackFunctionFakes['slack'];
let ssm: SlackFunctionFakes['ssm'];
let handler: string;

/** The generated alarms by name (the stack's name put in), with the trigger CloudWatch would send. */
function generatedAlarms(): Map<string, { description: string; trigger: Record<string, unknown> }> {
  const resources = (watchStackTemplate(LIMITS) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }).Resources; // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Map(Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => [
    String(r.Properties.AlarmName['Fn::Sub']).replace('${ParentStackName}', STACK),
    { description: r.Properties.AlarmDescription as string, trigger: triggerOf(r.Properties) },
  ]));
}

beforeAll(async () => {
  fakes = await startSlackFunctionFakes(TOKEN, TOKEN_PARAMETER);
  ({ s3, slack, ssm } = fakes);
  handler = await buildPart('alarms', `export default ${JSON.stringify(LIMITS)};\n`);
}, 120_000);
afterAll(() => fakes?.close());

const lambdaEnv = (): NodeJS.ProcessEnv => fakes.env(`${STACK}-AlarmsFunction-Q1w2E3`, { MIMAMORI_DEAD_MAN_ALARM: `${STACK}-no-results` });
const textOf = (m: { text?: string; attachments?: unknown }) => `${m.text}\n${typeof m.attachments === 'string' ? m.attachments : JSON.stringify(m.attachments)}`;
const parentOf = (alarm: string) => slack.messages.find((m) => !m.thread_ts && m.text?.includes(alarm))!;
/** The parent as first posted (the fake Slack shows chat.update's changes in place: a resolved parent says "Resolved"). */
const postedParent = (alarm: string) => slack.calls.find((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.params.thread_ts && String(c.params.text).includes(alarm))!.params;

describe('limit alarms through the built alarm handler', () => {
  const alarms = generatedAlarms();
  const DURATION = `${STACK}-limit-api-duration`;
  const READ = `${STACK}-limit-orders-read-capacity`;

  beforeAll(async () => {
    const event = (name: string, state: 'ALARM' | 'OK', at: string, reason: string) =>
      ({ event: snsEvent({ name, state, at, reason, description: alarms.get(name)!.description, trigger: alarms.get(name)!.trigger }), timeoutMs: 30_000 });
    const invocations = await invokeBuilt(handler, [
      event(DURATION, 'ALARM', '2026-11-29T08:10:00.000+0000', 'Threshold Crossed: 2 out of the last 3 datapoints [25210.4 (29/11/26 08:05:00), 24502.0 (29/11/26 08:00:00)] were greater than or equal to the threshold (24000.0).'),
      event(READ, 'ALARM', '2026-11-29T08:11:00.000+0000', 'Threshold Crossed: 2 out of the last 3 datapoints [0.91 (29/11/26 08:05:00), 0.84 (29/11/26 08:00:00)] were greater than or equal to the threshold (0.8).'),
      event(READ, 'OK', '2026-11-29T08:41:00.000+0000', 'Threshold Crossed: 3 datapoints were not greater than or equal to the threshold (0.8).'),
    ], lambdaEnv());
    for (const [i, inv] of invocations.entries()) expect(inv.error, `invocation ${i + 1}: ${invocations.logs}`).toBeUndefined();
  }, 90_000);

  it('the build generated the five alarms a function and a table get', () => {
    expect([...alarms.keys()].sort()).toEqual([
      `${STACK}-limit-api-duration`, `${STACK}-limit-api-throttles`,
      `${STACK}-limit-orders-read-capacity`, `${STACK}-limit-orders-throttles`, `${STACK}-limit-orders-write-capacity`,
    ]);
  });

  it('a function near its timeout: the metric, p99 against 80 % of the timeout, 2 of 3 periods, and what to do', () => {
    const body = textOf(postedParent(DURATION));
    expect(parentOf(DURATION).text).toContain(`${DURATION} is in ALARM`);
    expect(body).toContain('*Metric:* AWS/Lambda Duration (FunctionName=api)');
    expect(body).toContain('*Threshold:* p99 ≥ 24000 in 2 of 3 periods of 5 min');
    expect(body).toContain('p99 duration reached 80 % of its 30 s timeout (24000 ms)');
    expect(body).toContain('Open the alarm in the CloudWatch console');
  });

  it('a table near its provisioned capacity: the expression and each metric it uses, and the share that alarms', () => {
    const body = textOf(postedParent(READ));
    expect(body).toContain('*Metric:* orders consumed / provisioned read capacity = consumed / PERIOD(consumed) / provisioned, where '
      + 'consumed is AWS/DynamoDB ConsumedReadCapacityUnits (TableName=orders) Sum; provisioned is AWS/DynamoDB ProvisionedReadCapacityUnits (TableName=orders) Average');
    expect(body).toContain('*Threshold:* ≥ 0.8 in 2 of 3 periods of 5 min');
    expect(body).toContain('consumed read capacity reached 80 % of what is provisioned');
  });

  it('OK resolves the table\'s thread; the function\'s stays open', () => {
    expect(slack.replies('C0ALERTS', parentOf(READ).ts).map((r) => r.text)).toEqual([`:white_check_mark: ${READ} is OK again after 30 min`]);
    expect(slack.replies('C0ALERTS', parentOf(DURATION).ts)).toEqual([]);
  });
});
