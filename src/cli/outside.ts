// The CLI's outside systems, set up from config and environment: S3 beside the local folder, Slack, where the checks'
// state lives, and the time storing and alerting may take (MIMAMORI_AFTER_RUN_TIMEOUT, MIMAMORI_REQUEST_TIMEOUT).
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import type { AfterRunOptions } from '../pipeline/after-run.ts';
import { afterRunSettings } from '../pipeline/after-run-budget.ts';
import { LocalStore } from '../store/local-store.ts';
import { remoteStore } from '../store/settings.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';

export interface OutsideChoices {
  /** False with --no-slack. */
  slack: boolean;
  /** --shared-state: use the bucket's incident state even when this run sends no alert. */
  sharedState?: boolean;
}

/** Throws a clear error for bad settings (e.g. MIMAMORI_LINK_EXPIRY), before any check runs. */
export async function outsideSystems(
  config: ProjectConfig, checks: Pick<ResolvedCheck, 'name' | 'alerts' | 'slowerThanUsual'>[], out: string, choices: OutsideChoices, env: NodeJS.ProcessEnv = process.env,
): Promise<AfterRunOptions & { slackOn: boolean }> {
  const slack = choices.slack ? slackSettings(config, env) : undefined;
  const { budgetMs, requestTimeoutMs } = afterRunSettings(env);
  return {
    stores: { local: new LocalStore(out), remote: await remoteStore(config, env, requestTimeoutMs) },
    policies: new Map(checks.map((c) => [c.name, { alerts: c.alerts, usual: c.slowerThanUsual }])),
    notifier: slack && new SlackNotifier(slack),
    previewReason: choices.slack ? undefined : 'Slack is off for this run (--no-slack), so this is a preview',
    // A run that alerts is the monitor speaking, and shares the deployed monitor's incidents; a try-out keeps its own.
    sharedState: Boolean(slack) || Boolean(choices.sharedState),
    slackOn: Boolean(slack),
    timeZone: config.slack?.timeZone ?? 'UTC',
    budgetMs,
    requestTimeoutMs,
  };
}
