// The home side of a confirmation: ask each probe region to run the check now (one message to its queue), then wait
// for their answers in the home bucket until all are in or the wait is over. Never throws: a region that cannot be
// asked, does not answer or answers nonsense is said so in its answer, and the verdict does not guess for it.
import type { Confirmation, ProbeAnswer } from '../result/types.ts';
import { answerOf, probeAnswerKey, probeFolder, probeMessage, type ProbeRequest } from './probe-request.ts';
import { confirmationOf } from './verdict.ts';
import { formatMs } from '../result/format.ts';

/** How often the bucket is looked at for answers: a GET that finds nothing costs next to nothing, and only on failure. */
export const POLL_MS = 1_000;
/** Less time than this to wait (the run's deadline is near): no probe region could answer, so none is asked. */
export const MIN_WAIT_MS = 5_000;

export interface AskProbes {
  check: string;
  regions: readonly string[];
  home: string;
  runId: string;
  /** The home run's folder in the bucket (`runs/…/<runId>/`). */
  folder: string;
  /** Epoch ms the wait ends at, whatever happens (the run's own deadline for it)… */
  deadline: number;
  /** …and at most this long from now (confirmTimeoutMs). */
  timeoutMs: number;
  /** Sends one request to the region's queue (rejects when its queue refuses it). */
  send(region: string, message: ReturnType<typeof probeMessage>): Promise<unknown>;
  /** The object at `key` in the home bucket, undefined while there is none (rejects when the bucket cannot be read). */
  read(key: string): Promise<Buffer | undefined>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** One answer object read and parsed, or undefined while it is not there. */
async function readAnswer(o: AskProbes, request: ProbeRequest, region: string): Promise<ProbeAnswer | undefined> {
  const folder = probeFolder(o.folder, region);
  const answerKey = probeAnswerKey(o.folder, region);
  const bytes = await o.read(answerKey).catch(() => undefined);
  if (!bytes) return undefined;
  let parsed: ReturnType<typeof answerOf>;
  try {
    parsed = answerOf(JSON.parse(bytes.toString('utf8')));
  } catch {
    parsed = 'the answer is not JSON';
  }
  if (typeof parsed === 'string') return { region, outcome: 'no answer', answerKey, error: { message: parsed } };
  // An answer to an earlier asking of this run (its home run was delivered again): not there yet for this one.
  if (parsed.askedAt !== request.askedAt) return undefined;
  // The probe could not run the check (its own failure, too little time): no verdict on the site, said as such.
  const unrun = parsed.incomplete ?? (parsed.class === 'runner' ? parsed.error?.message ?? 'the probe could not run the check' : undefined);
  if (unrun !== undefined) return { region, outcome: 'not run', durationMs: parsed.durationMs, answerKey, error: { message: unrun } };
  const answer: ProbeAnswer = { region, outcome: parsed.status, durationMs: parsed.durationMs, answerKey };
  if (parsed.error) answer.error = parsed.error;
  if (parsed.screenshot) answer.screenshotKey = `${folder}${parsed.screenshot}`;
  return answer;
}

export async function askProbes(o: AskProbes): Promise<Confirmation> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? wait;
  const start = now();
  const until = Math.min(o.deadline, start + o.timeoutMs);
  const request: ProbeRequest = {
    check: o.check, runId: o.runId, folder: o.folder, home: o.home, askedAt: new Date(start).toISOString(), answerBy: new Date(until).toISOString(),
  };
  const answers = new Map<string, ProbeAnswer>();
  if (until - start < MIN_WAIT_MS) {
    const message = `only ${formatMs(Math.max(0, until - start))} of the run's time was left to wait: too little for a probe region to answer`;
    return confirmationOf(o.home, o.regions.map((region) => ({ region, outcome: 'not asked', error: { message } })), 0);
  }
  await Promise.all(o.regions.map((region) => o.send(region, probeMessage(request, region)).catch((error: unknown) => {
    answers.set(region, { region, outcome: 'not asked', error: { message: errorText(error) } });
  })));
  // Read until every asked region has answered, and once more at the end of the wait (an answer landing as it ends counts).
  for (;;) {
    const pending = o.regions.filter((r) => !answers.has(r));
    const read = await Promise.all(pending.map((r) => readAnswer(o, request, r)));
    read.forEach((answer) => answer && answer.outcome !== 'no answer' && answers.set(answer.region, answer));
    const left = until - now();
    if (o.regions.every((r) => answers.has(r)) || left <= 0) {
      read.forEach((answer) => answer && !answers.has(answer.region) && answers.set(answer.region, answer));
      break;
    }
    await sleep(Math.min(POLL_MS, left));
  }
  const waitedMs = Math.max(0, Math.min(now(), until) - start);
  const probes = o.regions.map((region) => answers.get(region) ?? { region, outcome: 'no answer' as const });
  // Every answering probe's picture, for the alert beside the home run's (down there, or up); one not read goes without.
  await Promise.all(probes.map(async (p) => {
    if (p.screenshotKey) p.bytes = await o.read(p.screenshotKey).catch(() => undefined);
  }));
  return confirmationOf(o.home, probes, waitedMs);
}
