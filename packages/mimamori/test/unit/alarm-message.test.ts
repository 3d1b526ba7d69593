// The alarm handler's pure part: a CloudWatch alarm notification read from SNS, and the Slack messages made of it.
import { describe, expect, it } from 'vitest';
import {
  alarmConsoleUrl, alarmMessage, isDeadMan, NotAnAlarm, okReply, parseAlarmNotification, resolvedParent,
} from '../../src/notify/alarm-message.ts';
import { alarmKey } from '../../src/alarms/alarm-thread.ts';
import { alarmMessageJson, DEAD_MAN_TRIGGER, REGION, STACK } from '../fixtures/alarm-notifications.ts';

const RUNNER = `${STACK}-runner-errors`;
const DEAD_MAN = `${STACK}-no-results`;
const at = '2026-11-29T07:35:12.345+0000';
const all = (m: { text: string; attachments: unknown[] }) => `${m.text}\n${JSON.stringify(m.attachments)}`;

describe('parseAlarmNotification', () => {
  it('reads name, state, reason, time, the region code from the ARN, and the trigger', () => {
    const n = parseAlarmNotification(alarmMessageJson({ name: RUNNER, state: 'ALARM', at, description: 'runner crashed' }));
    expect(n).toMatchObject({
      name: RUNNER, state: 'ALARM', oldState: 'OK', changedAt: at, region: REGION, description: 'runner crashed',
      arn: `arn:aws:cloudwatch:${REGION}:123456789012:alarm:${RUNNER}`,
      trigger: { metricName: 'Errors', namespace: 'AWS/Lambda', statistic: 'SUM', threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1, period: 300 },
    });
    expect(n.trigger.dimensions).toEqual([{ name: 'FunctionName', value: `${STACK}-RunnerFunction-AbC123` }]);
    expect(n.reason).toMatch(/^Threshold Crossed/);
  });

  it('refuses what is not an alarm notification, saying what it got', () => {
    expect(() => parseAlarmNotification('hello from the SNS console')).toThrow(NotAnAlarm);
    expect(() => parseAlarmNotification('{"AlarmName":"x","NewStateValue":"MAYBE"}')).toThrow(/no AlarmName or NewStateValue/);
    expect(() => parseAlarmNotification('null')).toThrow(NotAnAlarm);
  });
});

describe('the console link', () => {
  it('opens the alarm in its region, its name encoded', () => {
    expect(alarmConsoleUrl('a b/c#d', 'ap-northeast-1')).toBe('https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#alarmsV2:alarm/a%20b%2Fc%23d');
  });
});

describe('ALARM', () => {
  const n = parseAlarmNotification(alarmMessageJson({ name: RUNNER, state: 'ALARM', at, description: 'mimamori runner errors - the monitor itself crashed' }));
  const m = alarmMessage(n, { deadManAlarm: DEAD_MAN });

  it('names the alarm, the metric, the threshold, the reason, and links to the alarm in the console', () => {
    expect(m.text).toMatch(new RegExp(`^:rotating_light: ${RUNNER} is in ALARM: Threshold Crossed`));
    const body = all(m);
    expect(body).toContain('*Metric:* AWS/Lambda Errors (FunctionName=mimamori-prod-RunnerFunction-AbC123)');
    expect(body).toContain('*Threshold:* SUM ≥ 1 in a period of 5 min');
    expect(body).toContain('*Reason:* Threshold Crossed: 1 datapoint');
    expect(body).toContain(`<${alarmConsoleUrl(RUNNER, REGION)}|Open the alarm in the CloudWatch console>`);
    expect(body).toContain('the monitor itself crashed');
    expect(JSON.stringify(m.attachments[0])).toContain('#e01e5a');
  });

  it('escapes what comes from the alarm: its name, description, reason and dimensions', () => {
    const evil = parseAlarmNotification(alarmMessageJson({
      name: 'x <!channel> & <http://evil|click>', state: 'ALARM', at, description: '<!here> desc', reason: 'because <@U123> & more',
      trigger: { ...DEAD_MAN_TRIGGER, MetricName: 'M<x>', Dimensions: [{ name: 'a<b', value: '<!everyone>' }] },
    }));
    const body = all(alarmMessage(evil, { deadManAlarm: DEAD_MAN }));
    expect(body).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<http:\/\/evil/);
    expect(body).toContain('x &lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
    expect(body).toContain('&lt;!here&gt; desc');
    expect(body).toContain('because &lt;@U123&gt; &amp; more');
    // The link's URL carries the name encoded; its label is fixed text.
    expect(body).toContain(`alarmsV2:alarm/${encodeURIComponent('x <!channel> & <http://evil|click>').replace(/[<>|]/g, encodeURIComponent)}|Open the alarm`);
  });
});

describe('the dead-man alarm', () => {
  const n = parseAlarmNotification(alarmMessageJson({
    name: DEAD_MAN, state: 'ALARM', at, trigger: DEAD_MAN_TRIGGER,
    reason: 'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].',
  }));

  it('says plainly that the monitor has stopped', () => {
    const m = alarmMessage(n, { deadManAlarm: DEAD_MAN });
    expect(m.text).toBe(':rotating_light: mimamori has not produced a check result for 15 minutes: the monitor itself may be down — checks are not running');
    const body = all(m);
    expect(body).toContain('a site that breaks will not be reported');
    expect(body).toContain('*Metric:* mimamori CheckRuns (service=mimamori, Stack=mimamori-prod)');
    expect(body).toContain('*Threshold:* SUM &lt; 1 in each of 3 periods of 5 min');
    expect(body).toContain(alarmConsoleUrl(DEAD_MAN, REGION));
  });

  it('is this stack\'s alarm by name: another stack\'s dead-man alarm is an ordinary alarm here', () => {
    expect(isDeadMan(n, { deadManAlarm: DEAD_MAN })).toBe(true);
    expect(isDeadMan(n, { deadManAlarm: 'mimamori-staging-no-results' })).toBe(false);
    expect(isDeadMan(n, {})).toBe(true); // without the name: by the metric it watches
  });

  it('its OK says the monitor runs again', () => {
    const ok = parseAlarmNotification(alarmMessageJson({ name: DEAD_MAN, state: 'OK', at: '2026-11-29T08:05:12.345+0000', trigger: DEAD_MAN_TRIGGER }));
    expect(okReply(ok, { deadManAlarm: DEAD_MAN, openedAt: at }).text).toMatch(/^:white_check_mark: mimamori records check results again after 30 min: the monitor is running/);
    expect(resolvedParent(ok, { deadManAlarm: DEAD_MAN, openedAt: at }).text).toMatch(/^:white_check_mark: Resolved: the monitor had stopped/);
  });
});

describe('OK', () => {
  const ok = parseAlarmNotification(alarmMessageJson({ name: RUNNER, state: 'OK', at: '2026-11-29T07:50:12.345+0000', reason: 'Threshold Crossed: 1 datapoint [0.0] was not greater than or equal to the threshold (1.0).' }));

  it('replies that the alarm is OK again, with how long it lasted', () => {
    const m = okReply(ok, { openedAt: at });
    expect(m.text).toBe(`:white_check_mark: ${RUNNER} is OK again after 15 min`);
    expect(all(m)).toContain('*Reason:* Threshold Crossed: 1 datapoint [0.0] was not');
  });

  it('turns the parent into "resolved", keeping the metric, threshold and link', () => {
    const m = resolvedParent(ok, { openedAt: at });
    expect(m.text).toBe(`:white_check_mark: Resolved: ${RUNNER} after 15 min`);
    const body = all(m);
    expect(body).toContain('*Metric:* AWS/Lambda Errors');
    expect(body).toContain('*Threshold:*');
    expect(body).toContain(alarmConsoleUrl(RUNNER, REGION));
    expect(body).toContain('#2eb67d');
  });
});

describe('the stored thread', () => {
  it('lives at alarms/<alarm name>.json, the name as one key segment', () => {
    expect(alarmKey(RUNNER)).toBe('alarms/mimamori-prod-runner-errors.json');
    expect(alarmKey('a/b c')).toBe('alarms/a%2Fb%20c.json');
  });
});
