// The Slack Web API client: settings (env > config), a retry policy that fits in a Lambda run, and clear errors.
import type { WebClient as WebClientType } from '@slack/web-api';
import type { ProjectConfig } from '../check/types.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../store/store.ts';

// Loaded when a run has something to send: the package costs ≈ 12 MB and 25 ms at every start otherwise. It is
// CommonJS: named ESM imports of its getters fail in plain Node, so the default export is destructured.
type Sdk = typeof import('@slack/web-api');
let sdk: Promise<Sdk> | undefined;
const slackSdk = () => (sdk ??= import('@slack/web-api').then((m) => (m as unknown as { default?: Sdk }).default ?? m));

export interface SlackSettings {
  token: string;
  /** SLACK_CHANNEL or `slack.channel`; a check's `alerts.channel` wins. */
  channel?: string;
  /** SLACK_API_URL or `slack.apiUrl`: a Slack-compatible gateway, or a test server. */
  apiUrl?: string;
  timeZone: string;
}

/** Slack is on when SLACK_BOT_TOKEN is set. The token is read from the environment only, never from files. */
export function slackSettings(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env): SlackSettings | undefined {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) return undefined;
  return {
    token,
    channel: env.SLACK_CHANNEL || config.slack?.channel,
    apiUrl: env.SLACK_API_URL || config.slack?.apiUrl,
    timeZone: config.slack?.timeZone ?? 'UTC',
  };
}

export class SlackError extends Error {
  override name = 'SlackError';
  constructor(message: string, readonly code?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}


export interface SlackClientOptions {
  /** Bound on one HTTP request to Slack. */
  requestTimeoutMs?: number;
  /** The run's signal: aborting it stops every request of this client at once. */
  signal?: AbortSignal;
}

/**
 * A WebClient that neither retries nor waits by itself: mimamori owns the pacing, the 429 waits and the retries
 * (slack-sender.ts, the one way out to Slack), so they fit the deadline.
 */
export async function createSlackClient(settings: Pick<SlackSettings, 'token' | 'apiUrl'>, options: SlackClientOptions = {}): Promise<WebClientType> {
  const { requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, signal } = options;
  const { WebClient, LogLevel } = await slackSdk();
  const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
  return new WebClient(settings.token, {
    slackApiUrl: settings.apiUrl?.replace(/\/?$/, '/'),
    retryConfig: { retries: 0 },
    // A 429 comes back at once as a rate-limit error with its Retry-After: the sender decides to wait or not.
    rejectRateLimitedCalls: true,
    timeout: requestTimeoutMs,
    fetch: signal ? (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }) : undefined,
    // Errors are reported on the run, once, by us; the client's own logging would only repeat them.
    logger: silent,
  });
}

function hint(code: string, data: Record<string, unknown>, channel?: string): string {
  const where = channel ? ` ${channel.startsWith('C') || channel.startsWith('#') ? channel : `#${channel}`}` : ' the channel';
  switch (code) {
    case 'not_authed':
    case 'invalid_auth':
    case 'token_revoked':
    case 'account_inactive':
      return `Slack rejected SLACK_BOT_TOKEN (${code}): use the app's Bot User OAuth Token (xoxb-…) from OAuth & Permissions`;
    case 'channel_not_found':
      return `Slack channel${where} not found (channel_not_found): check SLACK_CHANNEL — a channel ID (C…) is safest; a private channel must have the bot invited`;
    case 'not_in_channel':
      return `the bot is not a member of${where} (not_in_channel): invite it there with /invite @<your app>`;
    case 'missing_scope':
      return `the Slack app lacks the ${String(data.needed ?? 'required')} scope (missing_scope): add it under OAuth & Permissions → Bot Token Scopes (mimamori needs chat:write and files:write), then reinstall the app`;
    case 'ratelimited':
      return 'Slack rate-limited the request (ratelimited)';
    default:
      return `Slack answered ${code}`;
  }
}

/** A Slack failure as a SlackError that says what to fix; the token never appears in it. */
export function explainSlackError(error: unknown, action: string, token: string, channel?: string): SlackError {
  const e = error as { code?: string; message?: string; data?: { error?: string } & Record<string, unknown>; retryAfter?: number };
  const scrub = (text: string) => text.split(token).join('[token]');
  let message: string;
  if (e?.data?.error) message = hint(e.data.error, e.data, channel);
  else if (e?.code === 'slack_webapi_rate_limited_error') message = `Slack rate-limited the request (retry after ${e.retryAfter} s)`;
  else if (e?.code === 'slack_webapi_request_error') message = `Slack could not be reached: ${e.message}`;
  else message = e?.message ?? String(error);
  return new SlackError(scrub(`Slack ${action} failed: ${message}`), e?.data?.error ?? e?.code);
}
