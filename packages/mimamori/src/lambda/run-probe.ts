// A probe region's run (confirmFrom): the home runner asked it to run one check now. It runs the check once, in the
// container's worker like a home run, and writes its answer and evidence into the home bucket under the home run's
// folder. It keeps no state and alerts no one: judging is the home run's. A probe that cannot run the check (unknown
// to this bundle, its secrets unreadable, too little time left) answers so — "not run" is no verdict on the site — and
// a request is run once: never retried, as nobody waits for a second answer.
import { isFatal, type CheckResult } from '../result/types.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';
import { runChecks } from '../runner/run-checks.ts';
import { redactorFor } from '../result/redact.ts';
import { runnerFailure } from '../runner/attempt-result.ts';
import type { AttemptRunner } from '../runner/attempt-runner.ts';
import { remoteStore } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import { formatMs } from '../result/format.ts';
import { probeAnswerKey, probeFolder, type ProbeAnswerFile, type ProbeRequest } from '../probe/probe-request.ts';
import { containerPool } from './container-pool.ts';
import { readSecrets } from './secrets.ts';
import { reportReserveMs } from './time-budget.ts';

export interface RunProbeInput {
  request: ProbeRequest;
  signal?: AbortSignal;
  remainingMs: number;
  reserveMs?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export type ProbeOutcome =
  | { outcome: 'answered'; answer: ProbeAnswerFile; key: string }
  /** Handed out after the home run stopped waiting: running it would answer no one. */
  | { outcome: 'late'; answerBy: string }
  /** Not even "not run" could be written (no bucket, the bucket refusing): the home run says it had no answer. */
  | { outcome: 'unanswered'; error: Error };

/** Writes go to the home bucket within this, each. */
const WRITE_TIMEOUT_MS = 5_000;
/** The answer must land before the home run stops waiting: the journey ends this long before `answerBy`. */
const ANSWER_MARGIN_MS = 3_000;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export async function runProbe(input: RunProbeInput): Promise<ProbeOutcome> {
  const env = input.env ?? process.env;
  const now = input.now ?? Date.now;
  const { request } = input;
  const answerBy = Date.parse(request.answerBy);
  if (now() >= answerBy) return { outcome: 'late', answerBy: request.answerBy };
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'probe';
  const startedAt = now();
  const base = { region, check: request.check, runId: request.runId, askedAt: request.askedAt };
  let store: Store | undefined;
  try {
    const reserveMs = input.reserveMs ?? reportReserveMs(input.remainingMs);
    const lambdaDeadline = now() + input.remainingMs;
    const workers = containerPool(reserveMs);
    const { project } = await workers.load({ kind: 'names', names: [request.check] }, Math.max(1_000, input.remainingMs - reserveMs));
    store = await remoteStore(project.config, env, WRITE_TIMEOUT_MS);
    const found = project.checks[0];
    const fatal = project.problems.filter(isFatal);
    if (!found || fatal.length) throw new Error(`this probe's bundle cannot run "${request.check}" (deploy the probe stacks again with the home stack): ${(fatal.length ? fatal : project.problems).map((p) => `${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}`).join('; ')}`);
    // The check's secrets come from the home region's SSM (MIMAMORI_SECRETS_REGION): one place to keep them.
    const secretsRead = await readSecrets(found.secrets ?? [], env).then((values) => ({ values }), (error: unknown) => ({ error, values: {} as Record<string, string> }));
    const runner: AttemptRunner = 'error' in secretsRead
      ? { attempt: async (_check, n) => runnerFailure(n, Date.now(), secretsRead.error) }
      : { attempt: (c, n, signal) => workers.attempt(c, n, signal, secretsRead.values) };
    const deadline = Math.min(lambdaDeadline - reserveMs, answerBy - ANSWER_MARGIN_MS);
    // One attempt: the home run already retried, and the answer is wanted while it waits.
    const timeoutMs = Math.max(1_000, Math.min(found.timeoutMs, deadline - now()));
    const check = { ...found, retries: 0, timeoutMs };
    const redactor = redactorFor([found], project.config, { ...env, ...secretsRead.values });
    workers.setRedact(redactor.text);
    const { results } = await runChecks([check], { runner, workers: 1, signal: input.signal, deadline, redactor });
    const result = results[0]!;
    // A journey stopped by a timeout shorter than the check's own (the home run's wait left less) says nothing of the site.
    const cut = result.status === 'failed' && result.error?.class === 'timeout' && timeoutMs < found.timeoutMs
      ? `it had ${formatMs(timeoutMs)} of the check's ${formatMs(found.timeoutMs)} timeout before the home run stopped waiting, and timed out` : undefined;
    if (!store) throw new Error('a probe writes its answer to the home bucket: MIMAMORI_S3_BUCKET is not set');
    return await answer(store, request, base, result, cut);
  } catch (error) {
    // The probe's own failure: answered as "not run" when the bucket takes it, so the home run says why at once.
    const e = asError(error);
    // The project may not have loaded (a worker that did not start): the bucket is the stack's (MIMAMORI_S3_BUCKET).
    store ??= await remoteStore({}, env, WRITE_TIMEOUT_MS).catch(() => undefined);
    if (!store) return { outcome: 'unanswered', error: e };
    const notRun: ProbeAnswerFile = { ...base, status: 'failed', startedAt, durationMs: now() - startedAt, class: 'runner', incomplete: `the probe could not run the check: ${e.message}`, steps: [] };
    const key = probeAnswerKey(request.folder, region);
    return store.put(key, json(notRun), { contentType: 'application/json', timeoutMs: WRITE_TIMEOUT_MS })
      .then(() => ({ outcome: 'answered' as const, answer: notRun, key }), (writeError: unknown) => ({ outcome: 'unanswered' as const, error: asError(writeError) }));
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The screenshot, then the answer (which names it), then the trace: the answer is what the home run waits for. */
async function answer(store: Store, request: ProbeRequest, base: Pick<ProbeAnswerFile, 'region' | 'check' | 'runId' | 'askedAt'>, result: CheckResult, cut: string | undefined): Promise<ProbeOutcome> {
  const { region } = base;
  const folder = probeFolder(request.folder, region);
  const shot = storyScreenshot(result, true);
  const meta = { check: request.check, run: request.runId, region };
  const screenshot = shot ? await store.put(`${folder}screenshot.png`, shot.bytes!, { contentType: 'image/png', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS }).then(() => 'screenshot.png', () => undefined) : undefined;
  const failedStep = result.steps.find((s) => s.status === 'failed');
  const answerFile: ProbeAnswerFile = {
    ...base, status: result.status, startedAt: result.startedAt, durationMs: result.durationMs,
    ...(result.error && { class: result.error.class, error: { message: firstLine(result.error.message), ...(failedStep && { step: failedStep.name }) } }),
    ...(cut && { incomplete: cut }),
    ...(screenshot && { screenshot }),
    steps: result.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })),
  };
  const key = probeAnswerKey(request.folder, region);
  await store.put(key, json(answerFile), { contentType: 'application/json', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS });
  if (result.trace?.bytes && !result.trace.skipped) await store.put(`${folder}trace.zip`, result.trace.bytes, { contentType: 'application/zip', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS }).catch(() => {});
  return { outcome: 'answered', answer: answerFile, key };
}
