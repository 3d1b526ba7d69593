// The Slack Web API client: settings (env > config), a retry policy that fits in a Lambda run, and clear errors.
import slack from '@slack/web-api';
import type { WebClient as WebClientType } from '@slack/web-api';
import type { ProjectConfig } from '../check/types.ts';

// The package is CommonJS: named ESM imports of its getters fail in plain Node, so destructure the default.
const { WebClient, LogLevel } = slack;

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

const silent = {
  debug() {}, info() {}, warn() {}, error() {},
  setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {},
};

/** `budgetMs` bounds all retries of one call: on Lambda it must fit in the time kept back before the deadline. */
export function createSlackClient(settings: SlackSettings, budgetMs = 60_000): WebClientType {
  return new WebClient(settings.token, {
    slackApiUrl: settings.apiUrl?.replace(/\/?$/, '/'),
    // The client's default policy retries for about 30 minutes; this one gives up within about a minute, which
    // fits inside a Lambda run. 429s are still honoured: the client waits for Retry-After before each retry.
    retryConfig: { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 10_000, maxRetryTime: budgetMs },
    timeout: Math.min(15_000, budgetMs),
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
      return 'Slack kept rate-limiting the request (ratelimited) past the retry limit';
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
  // When 429 retries run out the client reports a request error whose message names the rate limit.
  else if (e?.code === 'slack_webapi_request_error' && /rate limit/i.test(e.message ?? '')) message = 'Slack kept rate-limiting the request past the retry limit';
  else if (e?.code === 'slack_webapi_request_error') message = `Slack could not be reached: ${e.message}`;
  else message = e?.message ?? String(error);
  return new SlackError(scrub(`Slack ${action} failed: ${message}`), e?.data?.error ?? e?.code);
}
