// A CloudWatch alarm's SNS notification, read and turned into Slack messages (pure): ALARM opens a thread, OK replies
// in it and turns its parent into "resolved". The stack's dead-man alarm says in words that the monitor has stopped.
import { formatMs } from '../result/format.ts';
import { stampWithZone } from '../render/time.ts';
import { esc, link } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export interface AlarmTrigger {
  metricName?: string;
  namespace?: string;
  statistic?: string;
  threshold?: number;
  comparisonOperator?: string;
  evaluationPeriods?: number;
  /** Of evaluationPeriods, how many must breach (M of N); absent means all. */
  datapointsToAlarm?: number;
  /** Seconds. */
  period?: number;
  dimensions: { name: string; value: string }[];
  /** A metric-math alarm (the limit watches' capacity and throttle alarms): its expression, and the metrics it uses. */
  math?: { expression: string; label?: string; metrics: AlarmMathMetric[] };
}

export interface AlarmMathMetric {
  id: string;
  namespace?: string;
  metricName?: string;
  stat?: string;
  dimensions: { name: string; value: string }[];
}

/** What mimamori uses of a CloudWatch alarm notification (the SNS record's `Message`, JSON). */
export interface AlarmNotification {
  name: string;
  description?: string;
  state: AlarmState;
  oldState?: string;
  reason: string;
  /** ISO time of the state change (CloudWatch's StateChangeTime). */
  changedAt: string;
  /** Region code (us-east-1), from the alarm's ARN, else the notification's own. */
  region?: string;
  arn?: string;
  accountId?: string;
  trigger: AlarmTrigger;
}

export class NotAnAlarm extends Error {
  override name = 'NotAnAlarm';
}

const STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/**
 * The notification in an SNS record's `Message`. Throws NotAnAlarm for anything else (a test message from the console,
 * another service's JSON), saying what it got.
 */
export function parseAlarmNotification(message: string): AlarmNotification {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw new NotAnAlarm(`not a CloudWatch alarm notification (not JSON): ${message.slice(0, 200)}`);
  }
  const m = (json ?? {}) as Record<string, unknown>;
  const name = str(m.AlarmName);
  const state = str(m.NewStateValue);
  if (!name || !state || !STATES.includes(state)) {
    throw new NotAnAlarm(`not a CloudWatch alarm notification (no AlarmName or NewStateValue): ${message.slice(0, 200)}`);
  }
  const t = (m.Trigger ?? {}) as Record<string, unknown>;
  const arn = str(m.AlarmArn);
  // arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:name — `Region` in the message is a display name ("Asia
  // Pacific (Tokyo)"), not the code the console URL needs.
  const arnParts = arn?.split(':');
  const regionCode = arnParts?.[3] || (/^[a-z]{2}(-[a-z]+)+-\d$/.test(str(m.Region) ?? '') ? str(m.Region) : undefined);
  const dimensions = dimensionsOf(t.Dimensions);
  return {
    name,
    description: str(m.AlarmDescription),
    state: state as AlarmState,
    oldState: str(m.OldStateValue),
    reason: str(m.NewStateReason) ?? '',
    changedAt: str(m.StateChangeTime) ?? new Date().toISOString(),
    region: regionCode,
    arn,
    accountId: str(m.AWSAccountId) ?? arnParts?.[4],
    trigger: {
      metricName: str(t.MetricName),
      namespace: str(t.Namespace),
      statistic: str(t.Statistic) ?? str(t.ExtendedStatistic),
      threshold: num(t.Threshold),
      comparisonOperator: str(t.ComparisonOperator),
      evaluationPeriods: num(t.EvaluationPeriods),
      datapointsToAlarm: num(t.DatapointsToAlarm),
      // A metric-math alarm has no Period of its own: its metrics' (mimamori's limit alarms use one period for all).
      period: num(t.Period) ?? firstMetricPeriod(t.Metrics),
      dimensions,
      math: mathOf(t.Metrics),
    },
  };
}

function dimensionsOf(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return (value as Record<string, unknown>[]).flatMap((d) => {
    const dn = str(d?.name ?? d?.Name);
    const dv = d?.value ?? d?.Value;
    return dn ? [{ name: dn, value: String(dv ?? '') }] : [];
  });
}

function firstMetricPeriod(value: unknown): number | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const m of value as Record<string, unknown>[]) {
    const period = num((m?.MetricStat as Record<string, unknown> | undefined)?.Period);
    if (period !== undefined) return period;
  }
  return undefined;
}

/** `Trigger.Metrics` of a metric-math alarm: the expression that returns data, and the metrics beside it. */
function mathOf(value: unknown): AlarmTrigger['math'] {
  if (!Array.isArray(value)) return undefined;
  const entries = value as Record<string, unknown>[];
  const result = entries.find((m) => str(m?.Expression) && m?.ReturnData !== false) ?? entries.find((m) => str(m?.Expression));
  if (!result) return undefined;
  const metrics = entries.flatMap((m) => {
    const stat = (m?.MetricStat ?? undefined) as Record<string, unknown> | undefined;
    const metric = (stat?.Metric ?? undefined) as Record<string, unknown> | undefined;
    const id = str(m?.Id);
    return id && metric ? [{ id, namespace: str(metric.Namespace), metricName: str(metric.MetricName), stat: str(stat?.Stat), dimensions: dimensionsOf(metric.Dimensions) }] : [];
  });
  return { expression: str(result.Expression)!, label: str(result.Label), metrics };
}

/** The alarm in the CloudWatch console. */
export function alarmConsoleUrl(name: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(name)}`;
}

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

const dimensionText = (dimensions: { name: string; value: string }[]) => (dimensions.length ? ` (${dimensions.map((d) => `${d.name}=${d.value}`).join(', ')})` : '');

/**
 * `mimamori CheckRuns (service=mimamori, Stack=prod)`; for metric math, the label and expression and what each id is:
 * `orders consumed / provisioned read capacity = consumed / PERIOD(consumed) / provisioned, where consumed is …`.
 */
export function metricLine(t: AlarmTrigger): string | undefined {
  if (t.metricName) return `${t.namespace ? `${t.namespace} ` : ''}${t.metricName}${dimensionText(t.dimensions)}`;
  if (!t.math) return undefined;
  const where = t.math.metrics.map((m) => `${m.id} is ${m.namespace ? `${m.namespace} ` : ''}${m.metricName ?? '?'}${dimensionText(m.dimensions)}${m.stat ? ` ${m.stat}` : ''}`);
  return `${t.math.label ? `${t.math.label} = ` : ''}${t.math.expression}${where.length ? `, where ${where.join('; ')}` : ''}`;
}

/** `Sum < 1 in each of 3 periods of 5 min`. */
export function thresholdLine(t: AlarmTrigger): string | undefined {
  if (t.threshold === undefined || !t.comparisonOperator) return undefined;
  const op = OPERATORS[t.comparisonOperator] ?? t.comparisonOperator;
  const periods = t.evaluationPeriods ?? 1;
  const needed = t.datapointsToAlarm ?? periods;
  const period = t.period ? ` of ${formatMs(t.period * 1000)}` : '';
  const over = periods === 1 ? `in a period${period}` : needed < periods ? `in ${needed} of ${periods} periods${period}` : `in each of ${periods} periods${period}`;
  return `${t.statistic ? `${t.statistic} ` : ''}${op} ${t.threshold} ${over}`;
}

export interface AlarmMessageContext {
  /** The stack's dead-man alarm (its name, from the template): said in plain words. */
  deadManAlarm?: string;
  /** Region when the notification names none (the function's own). */
  region?: string;
  timeZone?: string;
}

/** Is this the dead-man alarm? By its name when the stack gave it, else by what it watches (mimamori's CheckRuns). */
export function isDeadMan(n: AlarmNotification, ctx: Pick<AlarmMessageContext, 'deadManAlarm'>): boolean {
  if (ctx.deadManAlarm) return n.name === ctx.deadManAlarm;
  return n.trigger.metricName === 'CheckRuns' && n.trigger.namespace === 'mimamori';
}

/** The minutes without a run the dead-man alarm waits (periods × period), 15 for the stack's. */
export function deadManMinutes(t: AlarmTrigger): number {
  return t.period && t.evaluationPeriods ? Math.round((t.period * t.evaluationPeriods) / 60) : 15;
}

export function deadManSentence(t: AlarmTrigger): string {
  return `mimamori has not produced a check result for ${deadManMinutes(t)} minutes: the monitor itself may be down — checks are not running`;
}

const RED = '#e01e5a';
const GREEN = '#2eb67d';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const MAX_REASON = 1500;
const cut = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text);

function details(n: AlarmNotification, ctx: AlarmMessageContext): string[] {
  const lines: string[] = [];
  const metric = metricLine(n.trigger);
  const threshold = thresholdLine(n.trigger);
  if (metric) lines.push(`*Metric:* ${esc(metric)}`);
  if (threshold) lines.push(`*Threshold:* ${esc(threshold)}`);
  if (n.reason) lines.push(`*Reason:* ${esc(cut(n.reason))}`);
  const region = n.region ?? ctx.region;
  if (region) lines.push(link(alarmConsoleUrl(n.name, region), 'Open the alarm in the CloudWatch console'));
  return lines;
}

const when = (iso: string, timeZone = 'UTC') => (Number.isNaN(Date.parse(iso)) ? esc(iso) : stampWithZone(Date.parse(iso), timeZone));

/** ALARM: the parent of the alarm's thread. */
export function alarmMessage(n: AlarmNotification, ctx: AlarmMessageContext = {}): SlackMessage {
  const deadMan = isDeadMan(n, ctx);
  const headline = deadMan
    ? `:rotating_light: ${esc(deadManSentence(n.trigger))} (alarm ${esc(n.name)})`
    : `:rotating_light: ${esc(n.name)} is in ALARM`;
  const blocks: unknown[] = [section(`*${headline}*`)];
  if (deadMan) blocks.push(section('No check has recorded a run: the schedule, the dispatcher, the queue or the runner may have stopped. Until this resolves, a site that breaks will not be reported.'));
  else if (n.description) blocks.push(section(esc(cut(n.description))));
  blocks.push(section(details(n, ctx).join('\n')));
  blocks.push(context(`Since ${when(n.changedAt, ctx.timeZone)} · replies in this thread follow the alarm`));
  const text = deadMan ? `:rotating_light: ${esc(deadManSentence(n.trigger))}` : `${headline}: ${esc(cut(n.reason))}`;
  return { text, attachments: [{ color: RED, blocks, fallback: text }] };
}

function lasted(openedAt: string | undefined, n: AlarmNotification): string {
  const ms = openedAt ? Date.parse(n.changedAt) - Date.parse(openedAt) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ` after ${formatMs(ms)}` : '';
}

/** OK: the reply in the alarm's thread. */
export function okReply(n: AlarmNotification, ctx: AlarmMessageContext & { openedAt?: string } = {}): SlackMessage {
  const headline = isDeadMan(n, ctx)
    ? `:white_check_mark: mimamori records check results again${lasted(ctx.openedAt, n)}: the monitor is running (alarm ${esc(n.name)} is OK)`
    : `:white_check_mark: ${esc(n.name)} is OK again${lasted(ctx.openedAt, n)}`;
  const blocks = [section(`*${headline}*`), ...(n.reason ? [section(`*Reason:* ${esc(cut(n.reason))}`)] : []), context(`At ${when(n.changedAt, ctx.timeZone)}`)];
  return { text: headline, attachments: [{ color: GREEN, blocks, fallback: headline }] };
}

/** OK: the thread's parent, updated to say the alarm is resolved (the details kept). */
export function resolvedParent(n: AlarmNotification, ctx: AlarmMessageContext & { openedAt?: string } = {}): SlackMessage {
  const deadMan = isDeadMan(n, ctx);
  const what = deadMan ? `the monitor had stopped (alarm ${esc(n.name)})` : esc(n.name);
  const headline = `:white_check_mark: Resolved: ${what}${lasted(ctx.openedAt, n)}`;
  const lines = details({ ...n, reason: '' }, ctx);
  const blocks = [
    section(`*${headline}*`),
    ...(lines.length ? [section(lines.join('\n'))] : []),
    context(`${ctx.openedAt ? `In ALARM from ${when(ctx.openedAt, ctx.timeZone)} ` : ''}until ${when(n.changedAt, ctx.timeZone)}`),
  ];
  return { text: headline, attachments: [{ color: GREEN, blocks, fallback: headline }] };
}

/** ALARM again while the thread is open (after INSUFFICIENT_DATA, or a repeated notification): a reply. */
export function stillInAlarmReply(n: AlarmNotification, ctx: AlarmMessageContext = {}): SlackMessage {
  const headline = `:rotating_light: ${esc(n.name)} is still in ALARM`;
  const blocks = [section(`*${headline}*`), ...(n.reason ? [section(`*Reason:* ${esc(cut(n.reason))}`)] : []), context(`At ${when(n.changedAt, ctx.timeZone)}`)];
  return { text: headline, attachments: [{ color: RED, blocks, fallback: headline }] };
}

/** ALARM again soon after its OK (flapping): a reply in the thread it resolved, which becomes its thread again. */
export function alarmAgainReply(n: AlarmNotification, ctx: AlarmMessageContext = {}, again = 1): SlackMessage {
  const headline = isDeadMan(n, ctx)
    ? `:rotating_light: ${esc(deadManSentence(n.trigger))} — again (alarm ${esc(n.name)})`
    : `:rotating_light: ${esc(n.name)} is in ALARM again${again > 1 ? ` (${again + 1} times in this thread)` : ''}`;
  const blocks = [section(`*${headline}*`), ...(n.reason ? [section(`*Reason:* ${esc(cut(n.reason))}`)] : []), context(`At ${when(n.changedAt, ctx.timeZone)}`)];
  return { text: headline, attachments: [{ color: RED, blocks, fallback: headline }] };
}
