// Probe regions (confirmFrom): what the home runner asks of a probe region's runner through that region's queue, and
// where the probe answers — under the home run's own folder in the home bucket, so a run's evidence stays together.
import { createHash } from 'node:crypto';
import type { CheckStatus, FailureClass } from '../result/types.ts';

export interface ProbeRequest {
  check: string;
  /** The home run's id and folder (`runs/<check>/…/<runId>/`): the probe's evidence goes under it. */
  runId: string;
  folder: string;
  /** The home region, for the probe's log. */
  home: string;
  /** ISO: when the home run asked, and until when it waits (a probe handed the request later does not run it). */
  askedAt: string;
  answerBy: string;
}

/** What a probe writes as `<folder>probes/<region>/answer.json`. */
export interface ProbeAnswerFile {
  region: string;
  check: string;
  runId: string;
  /** The request's `askedAt`: an answer to an earlier asking of the same run (a redelivered home run) is not this one's. */
  askedAt: string;
  status: CheckStatus;
  /** The failure's class: `runner` means the probe itself could not run the check (no verdict on the site). */
  class?: FailureClass;
  /** Why this answer is no verdict on the site although it has a status: the probe could not run the check as home does. */
  incomplete?: string;
  startedAt: number;
  durationMs: number;
  error?: { message: string; step?: string };
  /** The screenshot's file name beside the answer. */
  screenshot?: string;
  steps: { name: string; status: string; durationMs: number }[];
}

export const ANSWER_FILE = 'answer.json';

/** The probe region's folder under the home run's: `runs/…/<runId>/probes/us-west-2/`. */
export const probeFolder = (runFolder: string, region: string): string => `${runFolder}probes/${region}/`;

/** Where the region's answer is: what the probe writes and the home run waits for. */
export const probeAnswerKey = (runFolder: string, region: string): string => `${probeFolder(runFolder, region)}${ANSWER_FILE}`;

/** The region's queue: the home template's pattern with `{region}` filled in. */
export const probeQueueUrl = (pattern: string, region: string): string => pattern.replaceAll('{region}', region);

/** The request's message: in the check's own group (two probe runs of one check never overlap), once per run and region. */
export function probeMessage(request: ProbeRequest, region: string): { MessageBody: string; MessageGroupId: string; MessageDeduplicationId: string } {
  return {
    MessageBody: JSON.stringify({ probe: request }),
    MessageGroupId: createHash('sha256').update(request.check).digest('hex').slice(0, 64),
    MessageDeduplicationId: createHash('sha256').update(`${request.runId}\n${region}`).digest('hex'),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A queue body that is a probe request (`{ "probe": { … } }`), or undefined for any other body. Malformed: throws, naming the field. */
export function probeRequestOf(body: unknown): ProbeRequest | undefined {
  if (!isRecord(body) || !('probe' in body)) return undefined;
  const p = body.probe;
  if (!isRecord(p)) throw new Error(`Not a probe request: "probe" must be an object, got ${JSON.stringify(p)?.slice(0, 200)}`);
  for (const field of ['check', 'runId', 'folder', 'home', 'askedAt', 'answerBy'] as const) {
    if (typeof p[field] !== 'string' || p[field] === '') throw new Error(`Not a probe request: probe.${field} must be a non-empty string, got ${JSON.stringify(p[field])}`);
  }
  if (!Number.isFinite(Date.parse(p.answerBy as string))) throw new Error(`Not a probe request: probe.answerBy must be an ISO time, got ${JSON.stringify(p.answerBy)}`);
  return p as unknown as ProbeRequest;
}

/** A stored answer's shape, or why it is not one (read as no answer: never guessed). */
export function answerOf(json: unknown): ProbeAnswerFile | string {
  if (!isRecord(json)) return 'the answer is not a JSON object';
  if (!['passed', 'failed', 'degraded'].includes(json.status as string)) return `the answer's status is ${JSON.stringify(json.status)}`;
  if (typeof json.durationMs !== 'number') return 'the answer has no durationMs';
  if (typeof json.askedAt !== 'string') return 'the answer has no askedAt';
  return json as unknown as ProbeAnswerFile;
}
