// The CLI's outside systems, set up from config and environment: S3 beside the local folder, and Slack.
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import type { AfterRunOptions } from '../pipeline/after-run.ts';
import { LocalStore } from '../store/local-store.ts';
import { remoteStore } from '../store/settings.ts';
import { createSlackClient, slackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';

/** Throws a clear error for bad settings (e.g. MIMAMORI_LINK_EXPIRY), before any check runs. */
export async function outsideSystems(config: ProjectConfig, checks: ResolvedCheck[], out: string, useSlack: boolean): Promise<AfterRunOptions> {
  const slack = useSlack ? slackSettings(config) : undefined;
  return {
    stores: { local: new LocalStore(out), remote: await remoteStore(config) },
    alerts: new Map(checks.map((c) => [c.name, c.alerts])),
    slack: slack && { notifier: new SlackNotifier(createSlackClient(slack), slack.token), channel: slack.channel, timeZone: slack.timeZone },
    timeZone: config.slack?.timeZone ?? 'UTC',
  };
}
