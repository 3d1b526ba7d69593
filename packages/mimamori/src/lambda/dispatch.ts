// The dispatcher's work: which checks are due at this tick, and one FIFO message per due check (none for a check a
// `pause` maintenance window covers now: it costs nothing and is logged as skipped); the one message
// of a run asked for by hand, which goes through the same queue and message group so it never overlaps a scheduled run;
// and, once a day at the config's `digest.at`, the one message that has the runner post the daily picture.
import { createHash } from 'node:crypto';
import { latestDue } from '../schedule/due.ts';
import { localDate } from '../render/time.ts';
import { checkName } from '../check/name.ts';
import type { ProjectConfig } from '../check/types.ts';
import { quietAt } from '../maintenance/quiet.ts';
import type { ResolvedMaintenanceWindow } from '../maintenance/resolve.ts';

export interface ScheduledCheck {
  name: string;
  schedule: string;
  /** What a maintenance window's `tags` match (absent: none). */
  tags?: string[];
}

export interface RunRequest {
  check: string;
  /** ISO minute the run was due (for a manual run: the minute it was asked for). */
  scheduledAt: string;
  /** Asked for by hand (the dispatcher's `{ "run": "<check>" }`), not by the schedule. */
  manual?: true;
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The check's FIFO message group — the same for its scheduled and its manual runs, so none of them overlap. */
export function messageGroupId(check: string): string {
  return sha256(check).slice(0, 64);
}

export function dueEntries(checks: ScheduledCheck[], now: number, timeZone = 'UTC'): QueueEntry[] {
  return checks.flatMap((c, i) => {
    const due = latestDue(c.schedule, c.name, now, LOOKBACK_MINUTES, timeZone);
    if (due === undefined) return [];
    const request: RunRequest = { check: c.name, scheduledAt: new Date(due).toISOString() };
    const id = sha256(`${c.name}\n${due}`);
    return [{ Id: `c${i}`, MessageBody: JSON.stringify(request), MessageGroupId: messageGroupId(c.name), MessageDeduplicationId: id.slice(0, 128) }];
  });
}

/** A due run not enqueued: a `pause` maintenance window covers the check now. */
export interface PausedRun {
  check: string;
  /** The window's name. */
  window: string;
  /** ISO instant the pause ends (back-to-back pause windows joined). */
  until: string;
}

/**
 * The tick's run messages, without those of checks a `pause` window covers at `now` (the tick's own time, so a check
 * due in the look-back is judged by when it would run). Manual runs never come here: asked for by hand, a paused check
 * still runs.
 */
export function dueRuns(checks: ScheduledCheck[], now: number, timeZone = 'UTC', maintenance: readonly ResolvedMaintenanceWindow[] = []): { entries: QueueEntry[]; paused: PausedRun[] } {
  const entries = dueEntries(checks, now, timeZone);
  if (!maintenance.length) return { entries, paused: [] };
  const byName = new Map(checks.map((c) => [c.name, c]));
  const paused: PausedRun[] = [];
  const kept = entries.filter((e) => {
    const check = byName.get((JSON.parse(e.MessageBody) as RunRequest).check)!;
    const quiet = quietAt(maintenance, check, now);
    if (quiet?.mode !== 'pause') return true;
    paused.push({ check: check.name, window: quiet.name, until: new Date(quiet.until).toISOString() });
    return false;
  });
  return { entries: kept, paused };
}

/** A run asked for by hand: `{ "run": "<check name>" }` (or `{ "check": … }`), optionally with the caller's `id`. */
export interface ManualRequest {
  check: string;
  /** Requests with the same id (for this check) are one run while SQS remembers it (5 minutes). */
  id?: string;
}

export const MANUAL_EVENT_HELP = 'a manual run is {"run":"<check name>"} (optionally with "id": a string of your own, to tell one request from another)';

/**
 * The manual run an invoke event asks for, or undefined when the event is not one (the schedule's event). An event
 * that names a check but is malformed throws, saying what a request looks like.
 */
export function manualRequest(event: unknown): ManualRequest | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const e = event as Record<string, unknown>;
  if (!('run' in e) && !('check' in e)) return undefined;
  if ('run' in e && 'check' in e && e.run !== e.check) throw new Error(`Give the check once, as "run" (got run ${JSON.stringify(e.run)} and check ${JSON.stringify(e.check)}): ${MANUAL_EVENT_HELP}`);
  const check = 'run' in e ? e.run : e.check;
  if (typeof check !== 'string' || check.trim() === '') throw new Error(`No check name in ${JSON.stringify(event)}: ${MANUAL_EVENT_HELP}`);
  if (e.id !== undefined && (typeof e.id !== 'string' || e.id === '')) throw new Error(`"id" must be a non-empty string, got ${JSON.stringify(e.id)}: ${MANUAL_EVENT_HELP}`);
  return { check, id: e.id as string | undefined };
}

/**
 * The one FIFO message of a manual run of `name`, one of the compiled-in checks `known` (scheduled or not; an unknown
 * name throws and lists them). Its group is the check's, as for scheduled runs: it runs after the runs of that check
 * already queued, never beside one. Its deduplication id is the check and the minute (or the caller's `id`): an invoke
 * the CLI or an SDK retries enqueues the run once.
 */
export function manualEntry(name: string, known: readonly string[], now: number, id?: string): QueueEntry {
  // Names are compared as NFC, as the runner looks them up; the message carries the name as compiled in.
  const check = known.find((k) => checkName(k) === checkName(name));
  if (check === undefined) throw new Error(`No check named "${name}" in this deployment (known: ${known.join(', ') || 'none'})`);
  const minute = Math.floor(now / 60_000) * 60_000;
  const request: RunRequest = { check, scheduledAt: new Date(minute).toISOString(), manual: true };
  const key = id === undefined ? `minute ${minute}` : `id ${id}`;
  return { Id: 'manual', MessageBody: JSON.stringify(request), MessageGroupId: messageGroupId(check), MessageDeduplicationId: sha256(`${check}\nmanual\n${key}`) };
}

// ---------------------------------------------------------------------------------------------------------------
// The daily picture (the config's `digest`): compiled into the dispatcher and the runner (virtual:mimamori-schedules).
// ---------------------------------------------------------------------------------------------------------------

/** The digest as the build compiles it in: its local time and zone, and the config the runner reads the store and Slack with. */
export interface DigestSchedule {
  /** 'HH:MM' */
  at: string;
  /** The zone `at` is read in and the picture's times are shown in: digest.timeZone, else slack.timeZone, else UTC. */
  timeZone: string;
  config: Pick<ProjectConfig, 's3' | 'slack'>;
}

/** The digest's run queue message. */
export interface DigestRequest {
  digest: true;
  /** ISO minute the digest was due. */
  scheduledAt: string;
}

/** The digest's own FIFO message group: it never waits behind a check's runs, nor holds one up. */
export const DIGEST_GROUP = 'mimamori-digest';

export function isDigestRequest(body: unknown): body is DigestRequest {
  return typeof body === 'object' && body !== null && (body as { digest?: unknown }).digest === true;
}

/** The digest time as a daily cron, read in the digest's zone with the checks' rules (a skipped local time is skipped). */
export function digestCron(at: string): string {
  const [hour, minute] = at.split(':').map(Number);
  return `cron(${minute} ${hour} * * ? *)`;
}

/**
 * The digest's message when its local time falls in this tick's look-back (the same due-minute rule and 4 minutes as
 * the checks), else undefined. Its deduplication id is `digest:<local date>`: the ticks that look back over the same
 * minute enqueue it once.
 */
export function digestEntry(digest: Pick<DigestSchedule, 'at' | 'timeZone'> | null | undefined, now: number): QueueEntry | undefined {
  if (!digest) return undefined;
  const due = latestDue(digestCron(digest.at), 'digest', now, LOOKBACK_MINUTES, digest.timeZone);
  if (due === undefined) return undefined;
  // The runner's marker names the same local date (run-digest.ts): one helper for both.
  const date = localDate(due, digest.timeZone);
  const request: DigestRequest = { digest: true, scheduledAt: new Date(due).toISOString() };
  return { Id: 'digest', MessageBody: JSON.stringify(request), MessageGroupId: DIGEST_GROUP, MessageDeduplicationId: `digest:${date}` };
}
