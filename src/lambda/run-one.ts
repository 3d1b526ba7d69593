// One check per invocation on Lambda: the same engine and after-run pipeline as the CLI, bounded by the deadline.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { CheckResult, RunResult } from '../result/types.ts';
import { newRunId } from '../result/run-id.ts';
import { browserProvider, type BrowserProvider } from '../runner/browser-provider.ts';
import { runChecks } from '../runner/run-checks.ts';
import { afterRun } from '../pipeline/after-run.ts';
import { LocalStore } from '../store/local-store.ts';
import { remoteStore } from '../store/settings.ts';
import type { S3Store } from '../store/s3-store.ts';
import { createSlackClient, slackSettings, type SlackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';
import { cloudWatchLogsUrl, lambdaLogContext } from '../notify/logs-link.ts';
import { findCheck, type Registry } from './registry.ts';
import { slackToken } from './slack-token.ts';

/** Time kept back from the Lambda deadline to take the failure screenshot, store and notify. */
export const REPORT_RESERVE_MS = 30_000;
/** A warm container reuses its browser (≈0.25 s saved per run); it is replaced after this many runs to bound memory. */
export const BROWSER_RUNS = 25;

let warm: { browsers: BrowserProvider; runs: number } | undefined;

/** The container's browser: launched on first use, kept while warm, replaced after BROWSER_RUNS or a crash. */
async function containerBrowser(): Promise<BrowserProvider> {
  if (warm && warm.runs >= BROWSER_RUNS) {
    await warm.browsers.close();
    warm = undefined;
  }
  warm ??= { browsers: browserProvider(), runs: 0 };
  warm.runs++;
  return warm.browsers;
}

let clients: { key: string; remote?: S3Store; notifier?: SlackNotifier } | undefined;

/** The S3 and Slack clients, kept while the container is warm so their connections are reused. */
async function containerClients(registry: Registry, env: NodeJS.ProcessEnv, slack?: SlackSettings): Promise<NonNullable<typeof clients>> {
  const key = JSON.stringify([env.MIMAMORI_S3_BUCKET, env.MIMAMORI_S3_PREFIX, env.AWS_ENDPOINT_URL_S3, slack?.token, slack?.apiUrl]);
  if (clients?.key !== key) {
    clients = {
      key,
      // Sized to fit REPORT_RESERVE_MS with the failure screenshot (≤ 5 s): S3 4 tries of ≤ 3 s, Slack ≤ 10 s.
      remote: await remoteStore(registry.config, env, 3_000),
      notifier: slack && new SlackNotifier(createSlackClient(slack, 10_000), slack.token),
    };
  }
  return clients;
}

export interface RunOneInput {
  check: string;
  registry: Registry;
  /** Aborted REPORT_RESERVE_MS before the deadline (middy's signal). */
  signal?: AbortSignal;
  remainingMs: number;
  requestId: string;
  env?: NodeJS.ProcessEnv;
}

export async function runOne(input: RunOneInput): Promise<RunResult> {
  const env = input.env ?? process.env;
  const startedAt = Date.now();
  const runId = newRunId(startedAt);
  const found = findCheck(input.registry, input.check, env);
  // The check's own timeout, or what the Lambda deadline leaves: its warnings and timeouts then speak of that limit.
  const check = { ...found, timeoutMs: Math.max(1_000, Math.min(found.timeoutMs, input.remainingMs - REPORT_RESERVE_MS)) };

  const deadline = Date.now() + input.remainingMs - REPORT_RESERVE_MS;
  const results: CheckResult[] = await runChecks([check], { workers: 1, browsers: await containerBrowser(), signal: input.signal, deadline });
  // A browser that failed to start or crashed is not kept for the next invocation.
  if (results[0].error?.class === 'runner') {
    await warm?.browsers.close();
    warm = undefined;
  }
  const run: RunResult = { runId, startedAt, durationMs: Date.now() - startedAt, results, diagnostics: [] };

  // The local copy goes to a per-run folder in /tmp, removed afterwards: warm containers must not fill /tmp.
  const local = join(tmpdir(), 'mimamori-runs', runId);
  let slackError: { name: string; message: string } | undefined;
  const token = await slackToken(env).catch((error: Error) => {
    slackError = { name: error.name, message: error.message };
    return undefined;
  });
  const slack = token ? slackSettings(input.registry.config, { ...env, SLACK_BOT_TOKEN: token }) : undefined;
  const clients = await containerClients(input.registry, env, slack);
  try {
    await afterRun(run, {
      stores: { local: new LocalStore(local), remote: clients.remote },
      alerts: new Map([[check.name, check.alerts]]),
      slack: slack && clients.notifier && { notifier: clients.notifier, channel: slack.channel, timeZone: slack.timeZone },
      slackError,
      timeZone: input.registry.config.slack?.timeZone,
      logsUrl: () => {
        const context = lambdaLogContext(input.requestId, startedAt, env);
        return context && cloudWatchLogsUrl({ ...context, end: Date.now() });
      },
    });
  } finally {
    await rm(local, { recursive: true, force: true });
  }
  return run;
}
