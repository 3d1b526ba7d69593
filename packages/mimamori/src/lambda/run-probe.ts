// A probe region's run (confirmFrom): the home runner asked it to run one check now. It runs the check once, in the
// container's worker like a home run, and writes its answer and evidence into the home bucket under the home run's
// folder. It keeps no state and alerts no one: judging is the home run's.
import { isFatal } from '../result/types.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';
import { runChecks } from '../runner/run-checks.ts';
import { redactorFor } from '../result/redact.ts';
import { runnerFailure } from '../runner/attempt-result.ts';
import type { AttemptRunner } from '../runner/attempt-runner.ts';
import { remoteStore } from '../store/settings.ts';
import { ANSWER_FILE, probeFolder, type ProbeAnswerFile, type ProbeRequest } from '../probe/probe-request.ts';
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
  | { outcome: 'late'; answerBy: string };

/** Writes go to the home bucket within this, each. */
const WRITE_TIMEOUT_MS = 5_000;
/** The answer must land before the home run stops waiting: the journey ends this long before `answerBy`. */
const ANSWER_MARGIN_MS = 3_000;

export async function runProbe(input: RunProbeInput): Promise<ProbeOutcome> {
  const env = input.env ?? process.env;
  const now = input.now ?? Date.now;
  const { request } = input;
  const answerBy = Date.parse(request.answerBy);
  if (now() >= answerBy) return { outcome: 'late', answerBy: request.answerBy };
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'probe';
  const reserveMs = input.reserveMs ?? reportReserveMs(input.remainingMs);
  const lambdaDeadline = now() + input.remainingMs;
  const workers = containerPool(reserveMs);
  const { project } = await workers.load({ kind: 'names', names: [request.check] }, Math.max(1_000, input.remainingMs - reserveMs));
  const found = project.checks[0];
  const fatal = project.problems.filter(isFatal);
  if (!found || fatal.length) throw new Error((fatal.length ? fatal : project.problems).map((p) => `${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}`).join('; '));
  // The check's secrets come from the home region's SSM (MIMAMORI_SECRETS_REGION): one place to keep them.
  const secretsRead = await readSecrets(found.secrets ?? [], env).then((values) => ({ values }), (error: unknown) => ({ error, values: {} as Record<string, string> }));
  const runner: AttemptRunner = 'error' in secretsRead
    ? { attempt: async (_check, n) => runnerFailure(n, Date.now(), secretsRead.error) }
    : { attempt: (c, n, signal) => workers.attempt(c, n, signal, secretsRead.values) };
  const deadline = Math.min(lambdaDeadline - reserveMs, answerBy - ANSWER_MARGIN_MS);
  // One attempt: the home run already retried, and the answer is wanted while it waits.
  const check = { ...found, retries: 0, timeoutMs: Math.max(1_000, Math.min(found.timeoutMs, deadline - now())) };
  const redactor = redactorFor([found], project.config, { ...env, ...secretsRead.values });
  workers.setRedact(redactor.text);
  const { results } = await runChecks([check], { runner, workers: 1, signal: input.signal, deadline, redactor });
  const result = results[0]!;

  const store = await remoteStore(project.config, env, WRITE_TIMEOUT_MS);
  if (!store) throw new Error('A probe writes its answer to the home bucket: MIMAMORI_S3_BUCKET is not set');
  const folder = probeFolder(request.folder, region);
  const shot = storyScreenshot(result, true);
  const meta = { check: request.check, run: request.runId, region };
  // The evidence first, the answer last: an answer the home run reads names only what is there.
  const screenshot = shot ? await store.put(`${folder}screenshot.png`, shot.bytes!, { contentType: 'image/png', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS }).then(() => 'screenshot.png', () => undefined) : undefined;
  if (result.trace?.bytes && !result.trace.skipped) await store.put(`${folder}trace.zip`, result.trace.bytes, { contentType: 'application/zip', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS }).catch(() => {});
  const failedStep = result.steps.find((s) => s.status === 'failed');
  const answer: ProbeAnswerFile = {
    region, check: request.check, runId: request.runId, status: result.status, startedAt: result.startedAt, durationMs: result.durationMs,
    ...(result.error && { error: { message: firstLine(result.error.message), ...(failedStep && { step: failedStep.name }) } }),
    ...(screenshot && { screenshot }),
    steps: result.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs })),
  };
  await store.put(`${folder}${ANSWER_FILE}`, `${JSON.stringify(answer, null, 2)}\n`, { contentType: 'application/json', metadata: meta, timeoutMs: WRITE_TIMEOUT_MS });
  return { outcome: 'answered', answer, key: `${folder}${ANSWER_FILE}` };
}
