// The Slack bot token from an SSM SecureString (secure-string.ts: decrypted, cached for a few minutes, bounded in
// time), read only when Slack is on.
import { readSecureString } from './secure-string.ts';

export interface SlackTokenOptions {
  /** The channel the project's config names (`slack.channel`): Slack is on when it or SLACK_CHANNEL names one. */
  configChannel?: string;
  timeoutMs?: number;
}

/** Slack is on when a channel is named: SLACK_CHANNEL (the template's SlackChannel) or the config's. */
export function slackOn(env: NodeJS.ProcessEnv, configChannel?: string): boolean {
  return Boolean(env.SLACK_CHANNEL || configChannel);
}

/**
 * The bot token, or undefined when Slack is off. SLACK_BOT_TOKEN (local tests) wins when set; otherwise the SSM
 * SecureString SLACK_TOKEN_PARAMETER names is read — only when Slack is on (SlackChannel left empty in the template
 * means no Slack, and no SSM call at all). A read that fails or does not answer within `timeoutMs` throws, saying
 * so; the next invocation tries again (only values are cached).
 */
export async function slackToken(env: NodeJS.ProcessEnv = process.env, options: SlackTokenOptions = {}): Promise<string | undefined> {
  if (env.SLACK_BOT_TOKEN) return env.SLACK_BOT_TOKEN;
  const name = env.SLACK_TOKEN_PARAMETER;
  if (!name || !slackOn(env, options.configChannel)) return undefined;
  return readSecureString(name, env, { what: 'the Slack token', timeoutMs: options.timeoutMs });
}
