// One run queue message, as the runner reads it: the run it asks for, its run id (stable across redeliveries of the
// message) and whether it is still worth running.
import { createHash } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import type { RunRequest } from './dispatch.ts';
import { staleAfterMs } from './time-budget.ts';

/** The parts of an SQS record the runner reads (tests build them by hand). */
export type RunRecord = Pick<SQSRecord, 'messageId' | 'body'> & { attributes?: Partial<SQSRecord['attributes']> };

export interface QueuedRun {
  request: RunRequest;
  /** `<scheduled time>-<6 hex digits of the message id's hash>`: the same for every delivery of one message. */
  runId: string;
  /** From the run's scheduled time to when the queue first handed the message out (or now). */
  ageMs?: number;
  /** Past this age the run is skipped (see staleAfterMs). */
  staleAfterMs: number;
  stale: boolean;
}

const stamp = (at: number) => new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * The run id of a queued run, in newRunId's shape (`20261129T073500Z-3fa9c1`, sorting by time). SQS keeps a
 * message's `messageId` across redeliveries, so a message delivered again (the Lambda was killed after alerting,
 * or its answer was lost) gives the same run id: the policy sees a run it already recorded and sends nothing twice.
 * `at` must be stable too: the scheduled time, or the time SQS took the message.
 */
export function queuedRunId(messageId: string, at: number): string {
  return `${stamp(at)}-${createHash('sha256').update(messageId).digest('hex').slice(0, 6)}`;
}

const epochMs = (value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Reads a run queue record. A body that is not a run request (not JSON, no check name) throws: the record fails,
 * is retried once, then kept in the dead-letter queue.
 *
 * Staleness is measured to the queue's first delivery of the message (ApproximateFirstReceiveTimestamp), not to now:
 * a run the queue handed out hours late (the runner was down, disabled or throttled) is skipped, while the retry of a
 * run that started on time and crashed still runs — and, crashing again, still reaches the dead-letter queue and
 * its alarm.
 */
export function readRunRecord(record: RunRecord, options: { now?: number; timeoutMs: number }): QueuedRun {
  const request = JSON.parse(record.body) as Partial<RunRequest> | null;
  if (typeof request?.check !== 'string') throw new Error(`Not a run request (no check name): ${record.body.slice(0, 200)}`);
  const now = options.now ?? Date.now();
  const scheduledAt = epochMs(typeof request.scheduledAt === 'string' ? request.scheduledAt : undefined);
  const sentAt = epochMs(record.attributes?.SentTimestamp);
  const due = scheduledAt ?? sentAt;
  const firstReceivedAt = epochMs(record.attributes?.ApproximateFirstReceiveTimestamp) ?? now;
  const ageMs = due === undefined ? undefined : firstReceivedAt - due;
  const limit = staleAfterMs(options.timeoutMs);
  return {
    request: request as RunRequest,
    runId: queuedRunId(record.messageId, due ?? now),
    ageMs,
    staleAfterMs: limit,
    stale: ageMs !== undefined && ageMs > limit,
  };
}
