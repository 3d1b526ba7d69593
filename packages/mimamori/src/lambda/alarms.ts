// The alarm function's AWS wiring: an SNS event from the stack's AlarmTopic, each record's CloudWatch alarm
// notification handed to the alarm threads (src/alarms/), with the bucket and Slack from the environment.
import type { SNSEvent } from 'aws-lambda';
import { NotAnAlarm, parseAlarmNotification, type AlarmNotification } from '../notify/alarm-message.ts';
import { slackThreads } from '../notify/slack-threads.ts';
import { handleAlarm, type AlarmLog, type AlarmOutcome } from '../alarms/handle-alarm.ts';
import { openS3Store } from '../store/s3-store.ts';
import { s3Settings } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import { slackPoster, type SlackPoster } from './slack-poster.ts';

export type { AlarmLog, AlarmOutcome };

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
  let deps: { store: Store; slack: SlackPoster } | undefined;
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
    const ctx = { deadManAlarm: env.MIMAMORI_DEAD_MAN_ALARM || undefined, region: env.AWS_REGION || undefined };
    const outcome = await handleAlarm(n, { store: deps.store, threads: slackThreads(deps.slack, channel), log, ctx });
    log.info(`alarm ${n.state}: ${outcome.action}`, { alarm: n.name, state: n.state, changedAt: n.changedAt, ...outcome });
    outcomes.push(outcome);
  }
  return outcomes;
}
