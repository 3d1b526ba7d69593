// The alarm handler's logic: each CloudWatch alarm notification from the stack's AlarmTopic becomes Slack — ALARM opens a
// thread, OK replies in it and marks its parent resolved, INSUFFICIENT_DATA is left out (logged). The thread of each
// alarm is kept in the evidence bucket as <prefix>alarms/<alarm>.json, written conditionally (If-Match /
// If-None-Match), so two deliveries at once cannot lose each other's write. One thread is one episode: a notification
// older than what the thread already saw (a retried delivery) posts nothing, and an alarm that flaps (ALARM soon after
// its OK) goes back into its thread rather than opening a new one each time.
import type { SNSEvent } from 'aws-lambda';
import {
  alarmAgainReply, alarmMessage, NotAnAlarm, okReply, parseAlarmNotification, resolvedParent, stillInAlarmReply,
  type AlarmMessageContext, type AlarmNotification,
} from '../notify/alarm-message.ts';
import { conditionalUpdate, unchangedSince } from '../store/conditional-update.ts';
import { keySegment } from '../store/layout.ts';
import { isRecord, MalformedObject, readJsonObject } from '../store/read-json.ts';
import { openS3Store } from '../store/s3-store.ts';
import { s3Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import type { SlackMessage } from '../notify/slack-message.ts';
import { slackPoster, type SlackPoster } from './slack-poster.ts';

/** One alarm's Slack thread, as stored. */
export interface AlarmThread {
  alarm: string;
  channel: string;
  /** The parent message's ts: the thread. */
  ts: string;
  /** StateChangeTime of the ALARM that opened the thread. */
  openedAt: string;
  /** StateChangeTime of the last ALARM seen (a repeated delivery of it posts nothing). */
  lastAlarmAt: string;
  open: boolean;
  resolvedAt?: string;
  /** Times the alarm went back into ALARM in this thread (flapping): see FLAP_MS. */
  again?: number;
}

/**
 * An ALARM this soon after the OK that resolved its thread is the same trouble flapping: it goes back into that thread
 * (a reply, the parent red again) instead of a new parent each time. Later, it is a new episode and a new thread.
 */
export const FLAP_MS = 30 * 60_000;

/** `alarms/<alarm name>.json` (the name as one key segment, like a check's state). */
export function alarmKey(alarm: string): string {
  return `alarms/${keySegment(alarm)}.json`;
}

interface LoadedThread {
  thread?: AlarmThread;
  version?: string;
}

/** What the handler reads of a thread must have its type: else every notification of the alarm would throw on it. */
function threadShape(json: unknown): AlarmThread {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  for (const field of ['channel', 'ts', 'openedAt', 'lastAlarmAt'] as const) if (typeof json[field] !== 'string') throw new MalformedObject(`${field} is not a string`);
  if (typeof json.open !== 'boolean') throw new MalformedObject('open is not true or false');
  return json as unknown as AlarmThread;
}

/**
 * A corrupt thread (a hand edit, a bad copy) is read as none — said in the log — and keeps its version, so the next
 * write replaces it: an alarm always gets through (for the dead-man alarm, "the monitor has stopped").
 */
async function readThread(store: Store, alarm: string, log?: Pick<AlarmLog, 'warn'>): Promise<LoadedThread> {
  const { value, version } = await readJsonObject(store, alarmKey(alarm), threadShape, {
    onUnreadable: (message) => log?.warn(`alarm ${alarm}: ${message}`, { alarm, key: alarmKey(alarm) }),
  });
  return { thread: value, version };
}

/** Writes `thread` if its object is still at the version read; a thread changed in between is read again and merged by `change`. */
async function saveThread(store: Store, alarm: string, first: LoadedThread, change: (loaded: LoadedThread) => AlarmThread | undefined): Promise<void> {
  await conditionalUpdate({
    read: () => readThread(store, alarm),
    change,
    write: (next, loaded) => next && store.put(alarmKey(alarm), `${JSON.stringify(next, null, 2)}\n`, {
      contentType: 'application/json',
      metadata: { alarm, open: String(next.open) },
      ...unchangedSince(loaded.version),
    }),
  }, first);
}

/** What the handler needs of Slack (src/lambda/slack-poster.ts); the name kept for its callers. */
export type AlarmSlack = SlackPoster;

export type AlarmOutcome =
  | { action: 'opened'; ts: string }
  | { action: 'still-in-alarm'; ts: string }
  | { action: 'reopened'; ts: string }
  | { action: 'resolved'; ts: string }
  | { action: 'ignored'; why: string };

/** Is `a` (an ISO time) after `b`? Unparseable times count as after: a notification is never dropped for its date. */
const after = (a: string, b: string | undefined) => b === undefined || !(Date.parse(a) <= Date.parse(b));

/** One notification: Slack and the stored thread. */
export async function handleAlarm(n: AlarmNotification, deps: { store: Store; slack: AlarmSlack; channel: string; ctx: AlarmMessageContext; log?: Pick<AlarmLog, 'warn'> }): Promise<AlarmOutcome> {
  const { store, slack, channel, ctx } = deps;
  if (n.state === 'INSUFFICIENT_DATA') return { action: 'ignored', why: 'INSUFFICIENT_DATA is not posted (no verdict either way)' };
  const loaded = await readThread(store, n.name, deps.log);
  const last = loaded.thread;
  const open = last?.open ? last : undefined;
  // A thread in another channel (SlackChannel changed since) is out of the poster's reach: no reply in it, no update of
  // its parent (Slack would refuse both, and every retry of the notification with them). The order checks still hold.
  const here = last?.channel === channel;
  /** The parent's look follows the alarm only if it can: the message may be deleted. The thread is saved regardless. */
  const updateParent = async (ts: string, message: SlackMessage) => {
    try {
      await slack.update(ts, message);
    } catch (error) {
      deps.log?.warn(`alarm ${n.name}: its parent could not be updated (${(error as Error).message}): the thread is kept all the same`, { alarm: n.name, ts, error: String(error) });
    }
  };

  if (n.state === 'ALARM') {
    if (open && open.lastAlarmAt === n.changedAt) return { action: 'ignored', why: `this ALARM (${n.changedAt}) was posted already` };
    // A retried delivery arriving after what followed it: the thread has moved on, and a new one would never resolve.
    if (open && !after(n.changedAt, open.lastAlarmAt)) return { action: 'ignored', why: `this ALARM (${n.changedAt}) is older than the last one posted (${open.lastAlarmAt})` };
    if (last && !last.open && !after(n.changedAt, last.resolvedAt)) return { action: 'ignored', why: `this ALARM (${n.changedAt}) is from before the OK of ${last.resolvedAt} that resolved its thread` };
    if (open && here) {
      await slack.post(stillInAlarmReply(n, ctx), open.ts);
      await saveThread(store, n.name, loaded, (l) => (l.thread ? { ...l.thread, lastAlarmAt: n.changedAt } : { ...open, lastAlarmAt: n.changedAt }));
      return { action: 'still-in-alarm', ts: open.ts };
    }
    if (here && last?.resolvedAt && Date.parse(n.changedAt) - Date.parse(last.resolvedAt) < FLAP_MS) {
      // Flapping: back into the thread, its parent red again; the episode now runs from this ALARM. Once the reply is
      // posted the thread is reopened: a failed update must not leave it closed (its OK would be ignored) and have
      // Lambda's retries post the reply again.
      const again = (last.again ?? 0) + 1;
      await slack.post(alarmAgainReply(n, ctx, again), last.ts);
      await updateParent(last.ts, alarmMessage(n, ctx));
      const { resolvedAt: _resolved, ...rest } = last;
      await saveThread(store, n.name, loaded, () => ({ ...rest, open: true, openedAt: n.changedAt, lastAlarmAt: n.changedAt, again }));
      return { action: 'reopened', ts: last.ts };
    }
    // A new episode — or the old thread is in another channel: a new parent here, which the stored thread now names.
    const ts = await slack.post(alarmMessage(n, ctx));
    const thread: AlarmThread = { alarm: n.name, channel, ts, openedAt: n.changedAt, lastAlarmAt: n.changedAt, open: true };
    await saveThread(store, n.name, loaded, () => thread);
    return { action: 'opened', ts };
  }

  // OK. One with no open thread is left out: alarms go INSUFFICIENT_DATA → OK when they are created (every deploy), and
  // a repeated OK finds its thread resolved already.
  if (!open) return { action: 'ignored', why: loaded.thread ? 'its thread is resolved already' : 'no ALARM was posted for it' };
  if (Date.parse(n.changedAt) < Date.parse(open.openedAt)) return { action: 'ignored', why: `an OK from before the ALARM of ${open.openedAt}` };
  // Its ALARM went to the channel before SlackChannel changed: an OK alone in the new one would say nothing. The next
  // ALARM opens a thread here.
  if (!here) return { action: 'ignored', why: `its thread is in ${open.channel}, not ${channel} (SlackChannel changed): out of reach` };
  const withOpening = { ...ctx, openedAt: open.openedAt };
  await slack.post(okReply(n, withOpening), open.ts);
  await updateParent(open.ts, resolvedParent(n, withOpening));
  await saveThread(store, n.name, loaded, (l) => ({ ...(l.thread ?? open), open: false, resolvedAt: n.changedAt }));
  return { action: 'resolved', ts: open.ts };
}

export interface AlarmLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/**
 * An SNS event from the alarm topic: each record's notification handled in turn. A message that is not an alarm
 * notification is logged and skipped (a retry would not change it); a Slack or S3 failure throws, so Lambda retries
 * the event (SNS invokes asynchronously). Slack's 429s are waited out while they fit before `deadline` (the
 * invocation's, epoch ms).
 */
export async function handleAlarmEvent(event: SNSEvent, log: AlarmLog, env: NodeJS.ProcessEnv = process.env, deadline?: number): Promise<AlarmOutcome[]> {
  const channel = env.SLACK_CHANNEL;
  const outcomes: AlarmOutcome[] = [];
  const records = Array.isArray(event?.Records) ? event.Records : [];
  if (!records.length) throw new Error(`Not an SNS event: ${JSON.stringify(event)?.slice(0, 200)}`);
  let deps: { store: Store; slack: AlarmSlack } | undefined;
  for (const record of records) {
    let n: AlarmNotification;
    try {
      n = parseAlarmNotification(String(record?.Sns?.Message ?? ''));
    } catch (error) {
      if (!(error instanceof NotAnAlarm)) throw error;
      log.warn('SNS message skipped: not a CloudWatch alarm notification', { messageId: record?.Sns?.MessageId, error: error.message });
      outcomes.push({ action: 'ignored', why: error.message });
      continue;
    }
    if (!channel) {
      log.info('alarm not posted: Slack is off (SlackChannel is empty)', { alarm: n.name, state: n.state });
      outcomes.push({ action: 'ignored', why: 'Slack is off' });
      continue;
    }
    if (!deps) {
      const settings = s3Settings({}, env);
      if (!settings) throw new Error('MIMAMORI_S3_BUCKET is not set: the alarm threads are kept in the evidence bucket');
      deps = { store: await openS3Store(settings), slack: await slackPoster(env, channel, deadline) };
    }
    const outcome = await handleAlarm(n, { ...deps, channel, log, ctx: { deadManAlarm: env.MIMAMORI_DEAD_MAN_ALARM || undefined, region: env.AWS_REGION || undefined } });
    log.info(`alarm ${n.state}: ${outcome.action}`, { alarm: n.name, state: n.state, changedAt: n.changedAt, ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
}
