// One check per invocation on Lambda: the same engine and after-run pipeline as the CLI, bounded by the deadline.
// The check itself runs in a worker process (bundled beside this one as worker.js), kept while the container is warm.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { isFatal, type RunResult } from '../result/types.ts';
import { newRunId } from '../result/run-id.ts';
import { runChecks } from '../runner/run-checks.ts';
import { redactorFor } from '../result/redact.ts';
import { containerPool } from './container-pool.ts';
import { probeConfirm } from './probe-confirm.ts';
import { afterRun } from '../pipeline/after-run.ts';
import { openStores, outsideSystems, type KeptClients } from '../pipeline/outside-systems.ts';
import { readAhead } from '../pipeline/read-ahead.ts';
import { cloudWatchLogsUrl, lambdaLogContext } from '../notify/logs-link.ts';
import { slackToken } from './slack-token.ts';
import { chatworkToken } from './chatwork-token.ts';
import { resolveRoute } from '../check/notify-route.ts';
import { readSecrets } from './secrets.ts';
import { runnerFailure } from '../runner/attempt-result.ts';
import type { AttemptRunner } from '../runner/attempt-runner.ts';
import { reportReserveMs } from './time-budget.ts';
import { invocationTrace, tracer } from './tracing.ts';
import type { S3Client } from '@aws-sdk/client-s3';

/** Storing and alerting end this long before the Lambda deadline: /tmp is still to be cleaned, and the answer sent. */
const AFTER_RUN_MARGIN_MS = 3_000;
/** One S3 or Slack request, retries included: several fit in what the reserve leaves. */
const REQUEST_TIMEOUT_MS = 3_000;


/** The S3 and Slack clients, kept while the container is warm so their connections are reused. */
const kept: KeptClients = {};

export interface RunOneInput {
  check: string;
  /** The run's id; one of the queued message's (stable across its redeliveries), else a new one. */
  runId?: string;
  /** Aborted `reserveMs` before the deadline (the runner's stop signal). */
  signal?: AbortSignal;
  remainingMs: number;
  /** Time kept back from the deadline to stop, store and notify (default: reportReserveMs of `remainingMs`). */
  reserveMs?: number;
  requestId: string;
  env?: NodeJS.ProcessEnv;
}

export async function runOne(input: RunOneInput): Promise<RunResult> {
  const env = input.env ?? process.env;
  const startedAt = Date.now();
  const lambdaDeadline = startedAt + input.remainingMs;
  const reserveMs = input.reserveMs ?? reportReserveMs(input.remainingMs);
  const runId = input.runId ?? newRunId(startedAt);
  const workers = containerPool(reserveMs);
  // A cold worker starts Chromium before it answers: that too must leave time to report.
  const { project } = await workers.load({ kind: 'names', names: [input.check] }, Math.max(1_000, input.remainingMs - reserveMs));
  const found = project.checks[0];
  // A fatal problem (the config) makes the run meaningless: a crash (retried, then dead-lettered, alarmed), never a
  // false alert. The build refuses such a project, so this guards a bundle built some other way.
  const fatal = project.problems.filter(isFatal);
  if (!found || fatal.length) throw new Error((fatal.length ? fatal : project.problems).map((p) => `${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}`).join('; '));
  // The Slack token is read while the check runs — only when Slack is on (a channel in the environment, the config
  // or the check's alerts): no channel, no SSM call. A failure to read it is recorded on the alert, never thrown.
  // Each chat token only when the check's route names that chat (check/notify-route.ts): no Chatwork, no SSM call.
  const route = resolveRoute(found, project.config);
  const slackTarget = route.find((t) => t.kind === 'slack');
  let slackError: { name: string; message: string } | undefined;
  let chatworkError: typeof slackError;
  const tokenRead = (slackTarget ? slackToken(env, { configChannel: slackTarget.to ?? project.config.slack?.channel }) : Promise.resolve(undefined)).catch((error: Error) => {
    slackError = { name: error.name, message: error.message };
    return undefined;
  });
  const chatworkRead = chatworkToken(env, { wanted: route.some((t) => t.kind === 'chatwork') }).catch((error: Error) => {
    chatworkError = { name: error.name, message: error.message };
    return undefined;
  });
  // The check's declared secrets, from SSM (bounded; cached while warm), read while the token is. Not there, or SSM
  // failing: the check does not run — a `runner` failure naming the parameter (the monitor is misconfigured, not the
  // site), stored and alerted as a monitor incident. Their values go to the worker for this check only, never logged.
  const declared = found.secrets ?? [];
  const secretsRead = await readSecrets(declared, env).then((values) => ({ values }), (error: unknown) => ({ error, values: {} }));
  const secrets: Record<string, string> = secretsRead.values;
  // The host's environment with the secrets' values: what the redactor hides in everything this run writes or sends.
  const runEnv: NodeJS.ProcessEnv = { ...env, ...secrets };
  const runner: AttemptRunner = 'error' in secretsRead
    ? { attempt: async (_check, n) => runnerFailure(n, Date.now(), secretsRead.error) }
    : { attempt: (c, n, signal) => workers.attempt(c, n, signal, secrets) };
  // The check's own timeout, or what the Lambda deadline leaves: its warnings and timeouts then speak of that limit.
  const check = { ...found, timeoutMs: Math.max(1_000, Math.min(found.timeoutMs, input.remainingMs - reserveMs)) };

  const deadline = lambdaDeadline - reserveMs;
  // The local copy goes to a per-run folder in /tmp, removed afterwards: warm containers must not fill /tmp.
  const local = join(tmpdir(), 'mimamori-runs', runId);
  // The S3 client (kept while warm), and the check's state and the mutes read from it while the check runs: after the
  // journey, the run is judged at once. Safe (pipeline/read-ahead.ts): the state is written back only if unchanged, and
  // nothing changes it meanwhile — the runs of one check are one FIFO message group (dispatch.ts messageGroupId), so
  // this check's next run is not handed out before this one's message is done. The stores are the ones
  // outsideSystems returns below (same settings, same kept client); the state is the bucket's (sharedState).
  const wrapS3Client = (client: S3Client) => tracer.captureAWSv3Client(client);
  const stores = await openStores({ config: project.config, env, local, requestTimeoutMs: REQUEST_TIMEOUT_MS, wrapS3Client }, kept);
  const ahead = readAhead([check.name], { stores, sharedState: true, call: { signal: input.signal, timeoutMs: REQUEST_TIMEOUT_MS } });
  // One redaction step (as the CLI's): the result and what the worker prints (CloudWatch) lose the secrets' values.
  const redactor = redactorFor([found], project.config, runEnv);
  workers.setRedact(redactor.text);
  // Without its secrets the check is not tried again: one attempt, the same answer.
  const { results } = await runChecks(['error' in secretsRead ? { ...check, retries: 0 } : check], { runner, workers: 1, signal: input.signal, deadline, redactor });
  // The invocation's X-Ray trace (Lambda with `Tracing: Active`): its id goes with the result, its link on the message.
  const trace = invocationTrace(env);
  const run: RunResult = trace
    ? { runId, startedAt, durationMs: Date.now() - startedAt, results: results.map((r) => ({ ...r, traceId: trace.traceId })), traceId: trace.traceId, diagnostics: [] }
    : { runId, startedAt, durationMs: Date.now() - startedAt, results, diagnostics: [] };

  const [token, chatwork] = await Promise.all([tokenRead, chatworkRead]);
  const outside = await outsideSystems({
    config: project.config, checks: [check], local, env: { ...env, SLACK_BOT_TOKEN: token ?? '', CHATWORK_API_TOKEN: chatwork ?? '' }, alerting: true, slackError, chatworkError,
    // Teams and webhook URLs (and signing keys) are secrets by name: SSM under the secrets prefix, read when sent.
    secret: async (name) => (await readSecrets([name], env))[name]!,
    hasSecret: () => true,
    // The deployed monitor owns the incidents: its state is the bucket's.
    sharedState: true, requestTimeoutMs: REQUEST_TIMEOUT_MS,
    // Each S3 call a subsegment of the invocation's trace (a no-op when tracing is off). Slack's HTTPS requests are
    // captured by the tracer globally (its default captureHTTPsRequests).
    wrapS3Client,
  }, kept);
  try {
    await afterRun(run, {
      ...outside,
      readAhead: ahead,
      // Storing, the state and Slack share what is left before the deadline; each request is bounded on its own too.
      deadline: lambdaDeadline - AFTER_RUN_MARGIN_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      // The container's warm worker (its Chromium) draws a degraded alert's trend chart.
      renderChart: (html, size) => workers.render(html, size),
      traceUrl: trace?.url,
      // A failure that would alert is first run again from the check's probe regions (confirmFrom), within the deadline.
      confirm: probeConfirm(check, outside.stores.remote, env),
      confirmMs: check.confirmFrom?.length ? check.confirmTimeoutMs : undefined,
      logsUrl: () => {
        const context = lambdaLogContext(input.requestId, startedAt, env);
        return context && cloudWatchLogsUrl({ ...context, end: Date.now() });
      },
    });
  } finally {
    // A late write after after-run's deadline may still be landing: never fail the invocation (and alert twice) over it.
    await rm(local, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  }
  return run;
}
