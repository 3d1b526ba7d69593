// The dispatcher's work: which checks are due at this tick, and one FIFO message per due check.
import { createHash } from 'node:crypto';
import { latestDue } from '../schedule/due.ts';

export interface ScheduledCheck {
  name: string;
  schedule: string;
}

export interface RunRequest {
  check: string;
  /** ISO minute the run was due. */
  scheduledAt: string;
}

export interface QueueEntry {
  Id: string;
  MessageBody: string;
  /** One group per check: SQS FIFO never delivers two runs of the same check at once. */
  MessageGroupId: string;
  /** Same check and minute, same id: ticks that look back over the same minute enqueue it once (SQS dedupes 5 min). */
  MessageDeduplicationId: string;
}

/** Looking back 4 minutes stays inside SQS FIFO's 5-minute deduplication window. */
export const LOOKBACK_MINUTES = 4;

export function dueEntries(checks: ScheduledCheck[], now: number, timeZone = 'UTC'): QueueEntry[] {
  return checks.flatMap((c, i) => {
    const due = latestDue(c.schedule, c.name, now, LOOKBACK_MINUTES, timeZone);
    if (due === undefined) return [];
    const request: RunRequest = { check: c.name, scheduledAt: new Date(due).toISOString() };
    const id = createHash('sha256').update(`${c.name}\n${due}`).digest('hex');
    return [{ Id: `c${i}`, MessageBody: JSON.stringify(request), MessageGroupId: createHash('sha256').update(c.name).digest('hex').slice(0, 64), MessageDeduplicationId: id.slice(0, 128) }];
  });
}
