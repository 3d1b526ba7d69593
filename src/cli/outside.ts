// The CLI's outside systems, set up from config and environment: S3 beside the local folder, Slack, and the time
// storing and alerting may take (MIMAMORI_AFTER_RUN_TIMEOUT, MIMAMORI_REQUEST_TIMEOUT).
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import type { AfterRunOptions } from '../pipeline/after-run.ts';
import { afterRunSettings } from '../pipeline/after-run-budget.ts';
import { LocalStore } from '../store/local-store.ts';
import { remoteStore } from '../store/settings.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';

/** Throws a clear error for bad settings (e.g. MIMAMORI_LINK_EXPIRY), before any check runs. */
export async function outsideSystems(config: ProjectConfig, checks: Pick<ResolvedCheck, 'name' | 'alerts'>[], out: string, useSlack: boolean, env: NodeJS.ProcessEnv = process.env): Promise<AfterRunOptions> {
  const slack = useSlack ? slackSettings(config, env) : undefined;
  const { budgetMs, requestTimeoutMs } = afterRunSettings(env);
  return {
    stores: { local: new LocalStore(out), remote: await remoteStore(config, env, requestTimeoutMs) },
    alerts: new Map(checks.map((c) => [c.name, c.alerts])),
    slack: slack && { notifier: new SlackNotifier(slack), channel: slack.channel, timeZone: slack.timeZone },
    timeZone: config.slack?.timeZone ?? 'UTC',
    budgetMs,
    requestTimeoutMs,
  };
}
