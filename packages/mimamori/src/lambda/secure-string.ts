// One SSM SecureString read bounded in time, for the chat tokens read by reference (Slack's, Chatwork's): decrypted,
// cached a few minutes by a warm container (Powertools Parameters), and given up on when SSM does not answer.
import { ssmProvider } from './ssm-provider.ts';

/** SSM gets this long: a hung endpoint (a VPC without one) must not hold the run past its deadline. */
export const SSM_TIMEOUT_MS = 3_000;
/** A value read is reused this long (seconds) by a warm container; a rotated token is picked up within it. */
export const TOKEN_MAX_AGE_S = 300;

export interface SecureStringOptions {
  /** What the value is, for the error: `the Slack token`. */
  what: string;
  timeoutMs?: number;
}

/**
 * The SecureString `name`, decrypted (undefined when it is empty). A read that fails or does not answer within
 * `timeoutMs` throws, naming the parameter and why (never a value); only values are cached, so the next invocation
 * tries again.
 */
export async function readSecureString(name: string, env: NodeJS.ProcessEnv, options: SecureStringOptions): Promise<string | undefined> {
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
    throw new Error(`Could not read ${options.what} from SSM parameter ${name}: ${why}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
