// The Slack bot token from an SSM SecureString (Powertools Parameters: decrypted, cached for a few minutes), read
// only when Slack is on.
import { ssmProvider } from './ssm-provider.ts';

/** SSM gets this long: a hung endpoint (a VPC without one) must not hold the run past its deadline. */
export const SSM_TIMEOUT_MS = 3_000;
/** A token read is reused this long (seconds) by a warm container; a rotated token is picked up within it. */
export const TOKEN_MAX_AGE_S = 300;


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
  const timeoutMs = options.timeoutMs ?? SSM_TIMEOUT_MS;
  const tooLate = new Error(`SSM did not answer within ${timeoutMs / 1000} s`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooLate), timeoutMs);
  });
  try {
    const read = ssmProvider(env.AWS_ENDPOINT_URL_SSM || undefined, timeoutMs).get(name, { decrypt: true, maxAge: TOKEN_MAX_AGE_S });
    read.catch(() => {}); // when the bound wins, the read's own failure comes later and means nothing
    return (await Promise.race([read, timedOut])) || undefined;
  } catch (error) {
    // Powertools wraps the SDK's error (GetParameterError): name the SDK's, as AccessDeniedException or the like.
    const cause = ((error as Error).cause ?? error) as Error;
    const why = error === tooLate ? tooLate.message : `${cause.name}: ${cause.message}`;
    throw new Error(`Could not read the Slack token from SSM parameter ${name}: ${why}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
