// The outside systems after-run talks to, wired once for the CLI and Lambda alike: the local folder and S3 (when a
// bucket is configured), Slack (when a token is given) or a stand-in that records previews or why Slack could not be
// set up, the checks' policies, and where their state lives.
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { LocalStore } from '../store/local-store.ts';
import { openS3Store, type S3Store } from '../store/s3-store.ts';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Settings } from '../store/settings.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';
import { UnavailableNotifier } from '../notify/preview-notifier.ts';
import { slackAnnouncer } from '../notify/announce-post.ts';
import { quietAt } from '../maintenance/quiet.ts';
import { resolveMaintenance } from '../maintenance/resolve.ts';
import type { AfterRunOptions } from './after-run.ts';

export interface OutsideChoices {
  config: ProjectConfig;
  checks: (Pick<ResolvedCheck, 'name' | 'alerts' | 'slowerThanUsual'> & Partial<Pick<ResolvedCheck, 'visual'>>)[];
  /** --update-baselines: the visual checks' pictures of this run become their baselines. */
  updateBaselines?: boolean;
  /** The local folder every run's evidence goes to first. */
  local: string;
  /** Where settings come from (SLACK_BOT_TOKEN, MIMAMORI_S3_BUCKET, …). */
  env: NodeJS.ProcessEnv;
  /** False (--no-slack): nothing is sent even with a token. */
  alerting: boolean;
  /** The Slack token could not be read (Lambda's SSM): every alert records this instead of going out. */
  slackError?: { name: string; message: string };
  /** Use the bucket's incident state although nothing is sent (--shared-state); a run that alerts always does. */
  sharedState?: boolean;
  requestTimeoutMs?: number;
  budgetMs?: number;
  /** Wraps the S3 client once it is made (Lambda: the X-Ray tracer's capture of its calls). */
  wrapS3Client?: (client: S3Client) => S3Client;
}

/** Clients kept while a Lambda container is warm, so their connections are reused. */
export interface KeptClients {
  key?: string;
  remote?: S3Store;
  notifier?: SlackNotifier;
}

/** Throws a clear error for bad settings (e.g. MIMAMORI_LINK_EXPIRY), before any check runs. */
export async function outsideSystems(o: OutsideChoices, kept: KeptClients = {}): Promise<AfterRunOptions & { slackOn: boolean }> {
  const slack = o.alerting ? slackSettings(o.config, o.env) : undefined;
  const key = JSON.stringify([o.env.MIMAMORI_S3_BUCKET, o.env.MIMAMORI_S3_PREFIX, o.env.AWS_ENDPOINT_URL_S3, o.config.s3, slack?.token, slack?.apiUrl, slack?.channel]);
  if (kept.key !== key) {
    kept.key = key;
    const s3 = s3Settings(o.config, o.env);
    kept.remote = s3 && await openS3Store(s3, o.requestTimeoutMs, o.wrapS3Client);
    kept.notifier = slack && new SlackNotifier(slack);
  }
  const windows = resolveMaintenance(o.config);
  return {
    stores: { local: new LocalStore(o.local), remote: kept.remote },
    policies: new Map(o.checks.map((c) => [c.name, { alerts: c.alerts, usual: c.slowerThanUsual }])),
    visual: new Map(o.checks.flatMap((c) => (c.visual ? [[c.name, c.visual] as const] : []))),
    updateBaselines: o.updateBaselines,
    notifier: o.slackError ? new UnavailableNotifier('Slack', o.slackError) : kept.notifier,
    previewReason: o.alerting ? undefined : 'Slack is off for this run (--no-slack), so this is a preview',
    // A mute that has ended is told to the channel once, by the first run that notices (quiet-time.ts).
    ...(slack && { announce: slackAnnouncer(slack) }),
    // The config's maintenance windows: a check in one at its start is quiet (silenced, or run by hand in a pause).
    ...(windows.length && { maintenance: (check, at) => quietAt(windows, check, at) }),
    // A run that alerts is the monitor speaking, and shares the deployed monitor's incidents; a try-out keeps its own.
    sharedState: Boolean(slack || o.slackError) || Boolean(o.sharedState),
    slackOn: Boolean(slack),
    timeZone: slack?.timeZone ?? o.config.slack?.timeZone ?? 'UTC',
    budgetMs: o.budgetMs,
    requestTimeoutMs: o.requestTimeoutMs,
  };
}
