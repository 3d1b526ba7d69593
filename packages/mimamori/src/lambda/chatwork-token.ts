// The Chatwork API token by reference, as Slack's: CHATWORK_API_TOKEN (local runs, tests) wins; otherwise the SSM
// SecureString CHATWORK_TOKEN_PARAMETER names, read through the one bounded read (secure-string.ts).
import { readSecureString } from './secure-string.ts';

export interface ChatworkTokenOptions {
  /** False when nothing routes to Chatwork: then no SSM call at all (the template may name the parameter anyway). */
  wanted?: boolean;
  timeoutMs?: number;
}

/** The token, or undefined when none is set or Chatwork is not wanted. A failed or hung SSM read throws, saying so. */
export async function chatworkToken(env: NodeJS.ProcessEnv = process.env, options: ChatworkTokenOptions = {}): Promise<string | undefined> {
  if (env.CHATWORK_API_TOKEN) return env.CHATWORK_API_TOKEN;
  const name = env.CHATWORK_TOKEN_PARAMETER;
  if (!name || options.wanted === false) return undefined;
  return readSecureString(name, env, { what: 'the Chatwork token', timeoutMs: options.timeoutMs });
}
