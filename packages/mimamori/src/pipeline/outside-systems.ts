// The outside systems after-run talks to, wired once for the CLI and Lambda alike: the local folder and S3 (when a
// bucket is configured), the notifiers the checks' routes name — Slack (when a token is given), Chatwork (its token),
// Teams and webhooks (their URLs are secrets, read by name) — behind one fan-out notifier, or a stand-in that records
// previews when nothing can be sent; the checks' policies, and where their state lives.
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { LocalStore } from '../store/local-store.ts';
import { openS3Store, type S3Store } from '../store/s3-store.ts';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Settings } from '../store/settings.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { SlackNotifier } from '../notify/slack-notifier.ts';
import { slackAnnouncer } from '../notify/announce-post.ts';
import { quietAt } from '../maintenance/quiet.ts';
import { resolveMaintenance } from '../maintenance/resolve.ts';
import { PreviewNotifier, UnavailableNotifier } from '../notify/preview-notifier.ts';
import { ChatworkNotifier } from '../notify/chatwork-notifier.ts';
import { TeamsNotifier } from '../notify/teams-notifier.ts';
import { WebhookNotifier } from '../notify/webhook-notifier.ts';
import { RoutedNotifier } from '../notify/routed-notifier.ts';
import type { Notifier } from '../notify/notifier.ts';
import { resolveRoute, type NotifierKind, type RouteTarget } from '../check/notify-route.ts';
import type { AfterRunOptions } from './after-run.ts';
import type { Stores } from '../store/save-run.ts';

export interface OutsideChoices {
  config: ProjectConfig;
  checks: (Pick<ResolvedCheck, 'name' | 'alerts' | 'slowerThanUsual'> & Partial<Pick<ResolvedCheck, 'visual' | 'notify' | 'tags'>>)[];
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
  /** The Chatwork token (CHATWORK_API_TOKEN in `env` otherwise) could not be read: its targets record this. */
  chatworkError?: { name: string; message: string };
  /**
   * Reads a secret by NAME: Teams and webhook URLs (and a webhook's signing key). Default: the environment (the CLI
   * has loaded the secrets file into it); Lambda: SSM under the secrets prefix.
   */
  secret?: (name: string) => Promise<string>;
  /**
   * Whether the secret is there to read without reading it (default: set in `env`). A route whose only channels
   * cannot send (no token, no secret) leaves the run a preview, as a run without SLACK_BOT_TOKEN is today.
   */
  hasSecret?: (name: string) => boolean;
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
  slackKey?: string;
  notifier?: SlackNotifier;
  chatworkKey?: string;
  chatwork?: ChatworkNotifier;
}

/**
 * The local folder and S3 (when a bucket is configured; its client kept while a Lambda container is warm): where
 * after-run stores. Open on its own too, so the Lambda runner can read the state ahead while the check runs; a later
 * outsideSystems with the same settings gets the same S3 client.
 */
export async function openStores(o: Pick<OutsideChoices, 'config' | 'env' | 'local' | 'requestTimeoutMs' | 'wrapS3Client'>, kept: KeptClients = {}): Promise<Stores> {
  const s3Key = JSON.stringify([o.env.MIMAMORI_S3_BUCKET, o.env.MIMAMORI_S3_PREFIX, o.env.AWS_ENDPOINT_URL_S3, o.config.s3]);
  if (kept.key !== s3Key) {
    kept.key = s3Key;
    const s3 = s3Settings(o.config, o.env);
    kept.remote = s3 && await openS3Store(s3, o.requestTimeoutMs, o.wrapS3Client);
  }
  return { local: new LocalStore(o.local), remote: kept.remote };
}

/**
 * Throws a clear error for bad settings (e.g. MIMAMORI_LINK_EXPIRY), before any check runs. `slackOn`: alerts go out
 * (some target of the run's routes can send — Slack, or since routing any channel); false: they are previews.
 */
export async function outsideSystems(o: OutsideChoices, kept: KeptClients = {}): Promise<AfterRunOptions & { slackOn: boolean }> {
  const slack = o.alerting ? slackSettings(o.config, o.env) : undefined;
  const chatworkToken = o.alerting ? o.env.CHATWORK_API_TOKEN || undefined : undefined;
  // Each client kept on its own settings: a warm Lambda whose next check routes elsewhere (no Slack token read for it)
  // keeps its S3 connections, and a notifier it does not use this time is kept for the next check that does.
  const stores = await openStores(o, kept);
  const slackKey = slack && JSON.stringify([slack.token, slack.apiUrl, slack.channel]);
  if (slack && kept.slackKey !== slackKey) {
    kept.slackKey = slackKey;
    kept.notifier = new SlackNotifier(slack);
  }
  const chatworkKey = chatworkToken && JSON.stringify([chatworkToken, o.env.CHATWORK_API_URL, o.env.CHATWORK_ROOM_ID]);
  if (chatworkToken && kept.chatworkKey !== chatworkKey) {
    kept.chatworkKey = chatworkKey;
    kept.chatwork = new ChatworkNotifier({ token: chatworkToken, apiUrl: o.env.CHATWORK_API_URL || undefined, room: o.env.CHATWORK_ROOM_ID || undefined });
  }
  const windows = resolveMaintenance(o.config);
  const routes = new Map(o.checks.map((c) => [c.name, resolveRoute(c, o.config)]));
  // This run's clients: kept ones whose token this run has (a warm container keeps others for later checks).
  const clients = { notifier: slack ? kept.notifier : undefined, chatwork: chatworkToken ? kept.chatwork : undefined };
  const notifier = o.alerting ? routedNotifier(o, routes, clients, slack !== undefined) : undefined;
  return {
    stores,
    policies: new Map(o.checks.map((c) => [c.name, { alerts: c.alerts, usual: c.slowerThanUsual }])),
    visual: new Map(o.checks.flatMap((c) => (c.visual ? [[c.name, c.visual] as const] : []))),
    updateBaselines: o.updateBaselines,
    notifier,
    previewReason: o.alerting ? undefined : 'Slack is off for this run (--no-slack), so this is a preview',
    // A mute that has ended is told to the channel once, by the first run that notices (quiet-time.ts).
    ...(slack && { announce: (limits) => slackAnnouncer(slack, limits) }),
    // The config's maintenance windows: a check in one at its start is quiet (silenced, or run by hand in a pause).
    ...(windows.length && { maintenance: (check, at) => quietAt(windows, check, at) }),
    // A run that alerts is the monitor speaking, and shares the deployed monitor's incidents; a try-out keeps its own.
    sharedState: Boolean(notifier) || Boolean(o.sharedState),
    slackOn: Boolean(notifier),
    timeZone: slack?.timeZone ?? o.config.slack?.timeZone ?? 'UTC',
    budgetMs: o.budgetMs,
    requestTimeoutMs: o.requestTimeoutMs,
  };
}

const NO_SLACK_TOKEN = 'Slack is not configured (SLACK_BOT_TOKEN), so this is a preview';

/**
 * The fan-out over the notifiers the routes use, or none (previews) when no target of any route can send: no token,
 * no secret. Slack without a token stays a preview, as before routing; any other channel a route names but cannot
 * reach is that target's failure (reported, never thrown).
 */
function routedNotifier(o: OutsideChoices, routes: Map<string, RouteTarget[]>, kept: Pick<KeptClients, 'notifier' | 'chatwork'>, slackOn: boolean): Notifier | undefined {
  const targets = [...routes.values()].flat();
  const hasSecret = o.hasSecret ?? ((name: string) => Boolean(o.env[name]));
  const live: Record<NotifierKind, boolean> = {
    slack: slackOn || Boolean(o.slackError),
    chatwork: Boolean(kept.chatwork) || Boolean(o.chatworkError),
    teams: targets.some((t) => t.kind === 'teams' && t.to !== undefined && hasSecret(t.to)),
    webhook: targets.some((t) => t.kind === 'webhook' && t.to !== undefined && hasSecret(t.to)),
  };
  if (!targets.some((t) => live[t.kind])) return undefined;
  const secret = o.secret ?? (async (name: string) => {
    const value = o.env[name];
    if (!value) throw new Error(`${name} is not set (in the environment or the secrets file)`);
    return value;
  });
  const notifiers: Partial<Record<NotifierKind, Notifier>> = {
    slack: o.slackError ? new UnavailableNotifier('Slack', o.slackError) : kept.notifier ?? new PreviewNotifier(NO_SLACK_TOKEN),
    chatwork: o.chatworkError ? new UnavailableNotifier('Chatwork', o.chatworkError) : kept.chatwork,
    teams: new TeamsNotifier({ secret }),
    webhook: new WebhookNotifier({ secret }),
  };
  return new RoutedNotifier({ notifiers, routes });
}
