// One check per invocation on Lambda: the same engine and after-run pipeline as the CLI, bounded by the deadline.
// The check itself runs in a worker process (bundled beside this one as worker.js), kept while the container is warm.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ProjectConfig } from '../check/types.ts';
import type { RunResult } from '../result/types.ts';
import { newRunId } from '../result/run-id.ts';
import { runChecks } from '../runner/run-checks.ts';
import { WorkerPool } from '../runner/worker-pool.ts';
import { afterRun } from '../pipeline/after-run.ts';
import { LocalStore } from '../store/local-store.ts';
import { remoteStore } from '../store/settings.ts';
import type { S3Store } from '../store/s3-store.ts';
import { slackSettings, type SlackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';
import { UnavailableNotifier } from '../notify/preview-notifier.ts';
import { cloudWatchLogsUrl, lambdaLogContext } from '../notify/logs-link.ts';
import { slackToken } from './slack-token.ts';

/** Time kept back from the Lambda deadline to take the failure screenshot, store and notify. */
export const REPORT_RESERVE_MS = 30_000;
/** Storing and alerting end this long before the Lambda deadline: /tmp is still to be cleaned, and the answer sent. */
const AFTER_RUN_MARGIN_MS = 3_000;
/** One S3 or Slack request, retries included: several fit in what the reserve leaves. */
const REQUEST_TIMEOUT_MS = 3_000;

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.js', import.meta.url));

let pool: WorkerPool | undefined;

/** The container's worker: started on first use, kept while warm (with its Chromium), replaced when check code broke it. */
function containerPool(): WorkerPool {
  pool ??= new WorkerPool({ script: WORKER_SCRIPT, size: 1 });
  return pool;
}

let clients: { key: string; remote?: S3Store; notifier?: SlackNotifier } | undefined;

/** The S3 and Slack clients, kept while the container is warm so their connections are reused. */
async function containerClients(config: ProjectConfig, env: NodeJS.ProcessEnv, slack?: SlackSettings): Promise<NonNullable<typeof clients>> {
  const key = JSON.stringify([env.MIMAMORI_S3_BUCKET, env.MIMAMORI_S3_PREFIX, env.AWS_ENDPOINT_URL_S3, slack?.token, slack?.apiUrl]);
  if (clients?.key !== key) {
    clients = {
      key,
      remote: await remoteStore(config, env, REQUEST_TIMEOUT_MS),
      notifier: slack && new SlackNotifier(slack),
    };
  }
  return clients;
}

export interface RunOneInput {
  check: string;
  /** Aborted REPORT_RESERVE_MS before the deadline (middy's signal). */
  signal?: AbortSignal;
  remainingMs: number;
  requestId: string;
  env?: NodeJS.ProcessEnv;
}

export async function runOne(input: RunOneInput): Promise<RunResult> {
  const env = input.env ?? process.env;
  const startedAt = Date.now();
  const lambdaDeadline = startedAt + input.remainingMs;
  const runId = newRunId(startedAt);
  // The Slack token is read while the check runs; a failure to read it is recorded on the alert, never thrown.
  let slackError: { name: string; message: string } | undefined;
  const tokenRead = slackToken(env).catch((error: Error) => {
    slackError = { name: error.name, message: error.message };
    return undefined;
  });
  const workers = containerPool();
  // A cold worker starts Chromium before it answers: that too must leave time to report.
  const { project } = await workers.load({ kind: 'names', names: [input.check] }, Math.max(1_000, input.remainingMs - REPORT_RESERVE_MS));
  const found = project.checks[0];
  if (!found) throw new Error(project.problems.map((p) => p.message).join('; '));
  // The check's own timeout, or what the Lambda deadline leaves: its warnings and timeouts then speak of that limit.
  const check = { ...found, timeoutMs: Math.max(1_000, Math.min(found.timeoutMs, input.remainingMs - REPORT_RESERVE_MS)) };

  const deadline = Date.now() + input.remainingMs - REPORT_RESERVE_MS;
  const { results } = await runChecks([check], { runner: workers, workers: 1, signal: input.signal, deadline });
  const run: RunResult = { runId, startedAt, durationMs: Date.now() - startedAt, results, diagnostics: [] };

  // The local copy goes to a per-run folder in /tmp, removed afterwards: warm containers must not fill /tmp.
  const local = join(tmpdir(), 'mimamori-runs', runId);
  const token = await tokenRead;
  const slack = token ? slackSettings(project.config, { ...env, SLACK_BOT_TOKEN: token }) : undefined;
  const clients = await containerClients(project.config, env, slack);
  try {
    await afterRun(run, {
      stores: { local: new LocalStore(local), remote: clients.remote },
      policies: new Map([[check.name, { alerts: check.alerts, usual: check.slowerThanUsual }]]),
      notifier: slackError ? new UnavailableNotifier('Slack', slackError) : clients.notifier,
      // The deployed monitor owns the incidents: its state is the bucket's.
      sharedState: true,
      timeZone: slack?.timeZone ?? project.config.slack?.timeZone,
      // Storing, the state and Slack share what is left before the deadline; each request is bounded on its own too.
      deadline: lambdaDeadline - AFTER_RUN_MARGIN_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
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
