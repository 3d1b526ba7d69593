// Lambda: every minute, sends one run request per due check to the FIFO run queue — none for a check a `pause`
// maintenance window covers, which is logged as skipped and listed in the answer — (and, once a day at the config's
// `digest.at`, the request for the daily picture, in a message group of its own). Invoked by hand with
// `{ "run": "<check name>" }`, it sends that one run to the same queue, in the check's message group, and answers at
// once: the run waits for the runs of that check already queued, and a retried invoke enqueues it once.
// Lambda's async retries of a tick are off (template.yaml, EventInvokeConfig): a copy of a tick landing past SQS's
// 5-minute deduplication window would enqueue its runs again; the next tick looks back 4 minutes instead.
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { checkNames, digest, maintenance, schedules, timeZone } from 'virtual:mimamori-schedules';
import { digestEntry, dueRuns, MANUAL_EVENT_HELP, manualEntry, manualRequest, type PausedRun } from '../src/lambda/dispatch.ts';
import { SentRuns } from '../src/lambda/sent-runs.ts';

// Bounded: a hung SQS must fail the tick (the next one, a minute later, catches up), not hold it to its timeout.
const sqs = new SQSClient({ requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 } });
/** The runs this warm container has put on the queue: the look-back does not send them again (sent-runs.ts). */
const sent = new SentRuns();

export interface ManualRunAnswer {
  enqueued: string[];
  manual: true;
  messageId?: string;
  runAfter: string;
  note: string;
}

async function enqueueManual(event: unknown): Promise<ManualRunAnswer | undefined> {
  const request = manualRequest(event);
  if (!request) return undefined;
  const entry = manualEntry(request.check, checkNames, Date.now(), request.id);
  const out = await sqs.send(new SendMessageCommand({
    QueueUrl: process.env.RUN_QUEUE_URL, MessageBody: entry.MessageBody,
    MessageGroupId: entry.MessageGroupId, MessageDeduplicationId: entry.MessageDeduplicationId,
  }));
  const { check } = JSON.parse(entry.MessageBody) as { check: string };
  return {
    enqueued: [check],
    manual: true,
    messageId: out.MessageId,
    runAfter: `the runs of "${check}" already queued or running (one at a time per check)`,
    note: request.id === undefined
      ? 'Asking again within this minute is the same run (SQS deduplication); add "id" to ask for another. The result goes to S3 and Slack as for scheduled runs.'
      : `Asking again with id ${JSON.stringify(request.id)} within 5 minutes is the same run (SQS deduplication). The result goes to S3 and Slack as for scheduled runs.`,
  };
}

export async function handler(event: Pick<ScheduledEvent, 'time'> | { run?: string; check?: string; id?: string }): Promise<{ enqueued: string[]; alreadyQueued?: number; digest?: string; paused?: PausedRun[] } | ManualRunAnswer> {
  const manual = await enqueueManual(event);
  if (manual) return manual;
  const time = (event as Partial<ScheduledEvent> | null)?.time;
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time))) {
    throw new Error(`Not a schedule event nor a manual run (${JSON.stringify(event)?.slice(0, 200)}): ${MANUAL_EVENT_HELP}`);
  }
  const due = digestEntry(digest, Date.parse(time));
  const runs = dueRuns(schedules, Date.parse(time), timeZone, maintenance);
  // One line per skipped run, in the function's log: why a check has no result for this minute.
  for (const p of runs.paused) console.info(JSON.stringify({ level: 'INFO', message: `skipped "${p.check}": paused by maintenance window "${p.window}" until ${p.until}`, ...p }));
  const entries = [...runs.entries, ...(due ? [due] : [])];
  const checkOf = (e: { MessageBody: string }) => (JSON.parse(e.MessageBody) as { check?: string }).check ?? '(the daily digest)';
  // Every batch is sent even when an earlier one was refused (in part or whole): a run SQS will not take must not keep
  // the checks after it in the list from being enqueued. The tick then fails, naming the refused runs (the dispatcher
  // errors alarm counts it). The next tick sends a refused run again under the same deduplication id while its minute
  // is in the look-back (the runs SQS took are dropped as duplicates); a check due every minute sends its next run.
  const refused: { checks: string[]; why: string }[] = [];
  // Only what this container has not put on the queue in SQS's deduplication window: the rest would be dropped anyway.
  const sending = entries.filter((e) => !sent.has(e.MessageDeduplicationId, Date.now()));
  // The checks' runs this container had queued at an earlier tick (the digest is not a check's run, as in `enqueued`).
  const sendingNow = new Set(sending);
  const earlier = entries.filter((e) => e !== due && !sendingNow.has(e)).length;
  for (let i = 0; i < sending.length; i += 10) {
    const batch = sending.slice(i, i + 10);
    try {
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.RUN_QUEUE_URL, Entries: batch }));
      const accepted = new Set((out.Successful ?? []).map((s) => s.Id));
      sent.remember(batch.filter((e) => accepted.has(e.Id)).map((e) => e.MessageDeduplicationId), Date.now());
      for (const f of out.Failed ?? []) {
        const entry = batch.find((e) => e.Id === f.Id);
        refused.push({ checks: [entry ? checkOf(entry) : `entry ${f.Id}`], why: `${f.Code}${f.SenderFault ? ', sender fault' : ''}: ${f.Message}` });
      }
    } catch (error) {
      refused.push({ checks: batch.map(checkOf), why: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  const count = refused.reduce((n, r) => n + r.checks.length, 0);
  if (count) {
    const sentNow = sending.length - count;
    const detail = `${sentNow === 0 ? 'none was sent' : `the other ${sentNow} ${sentNow === 1 ? 'was' : 'were'} sent`}${earlier ? `; ${earlier} already queued at an earlier tick` : ''}`;
    throw new Error(`SQS refused ${count} of ${entries.length} run requests (${detail}): ${refused.map((r) => `${r.checks.map((c) => JSON.stringify(c)).join(', ')} (${r.why})`).join('; ')}`);
  }
  // `enqueued`: every run due at this tick, all on the queue; `alreadyQueued`: how many of them this container had put
  // there at an earlier tick (not sent again).
  const answer: { enqueued: string[]; alreadyQueued?: number; digest?: string; paused?: PausedRun[] } = { enqueued: entries.filter((e) => e !== due).map(checkOf) };
  if (earlier) answer.alreadyQueued = earlier;
  if (due) answer.digest = (JSON.parse(due.MessageBody) as { scheduledAt: string }).scheduledAt;
  if (runs.paused.length) answer.paused = runs.paused;
  return answer;
}
