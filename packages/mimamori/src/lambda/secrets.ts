// A check's declared secrets on Lambda: SSM Parameter Store SecureStrings under one prefix (the template's
// SecretsPrefix, MIMAMORI_SECRETS_PREFIX), read with Powertools Parameters — decrypted, cached a few minutes by a warm
// container (a rotated value is picked up within that, no redeploy), bounded in time. Never from the environment: a
// value there would be a secret in the template, and a silent fallback.
import { MIN_SECRET_LENGTH } from '../result/redact.ts';
import { ssmProvider } from './ssm-provider.ts';
import { CheckFailure } from '../runner/errors.ts';

/** The template's SecretsPrefix default: a secret NAME is the parameter `/mimamori/secrets/NAME`. */
export const DEFAULT_SECRETS_PREFIX = '/mimamori/secrets/';
/** The whole read (one GetParameters per 10 names) gets this long: a hung endpoint must not hold the run. */
export const SECRETS_TIMEOUT_MS = 3_000;
/** A value read is reused this long (seconds) by a warm container; a rotated secret is picked up within it. */
export const SECRETS_MAX_AGE_S = 300;

/** The monitor cannot run the check: a declared secret is not in SSM, or SSM could not be read. Class `runner`. */
export class SecretsError extends CheckFailure {
  constructor(
    name: 'MissingSecretError' | 'SecretsReadError',
    message: string,
    /** Every secret concerned, with its parameter's full name. */
    readonly secrets: { name: string; parameter: string }[],
    options?: { cause?: unknown },
  ) {
    super(name, message, 'runner', options);
  }
}


/** The prefix secrets live under: MIMAMORI_SECRETS_PREFIX (the template's SecretsPrefix), else the default. */
export function secretsPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.MIMAMORI_SECRETS_PREFIX || DEFAULT_SECRETS_PREFIX;
}

/** The SSM parameter a secret is read from: the prefix, then the name. */
export const secretParameter = (name: string, prefix: string): string => `${prefix}${name}`;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export interface ReadSecretsOptions {
  timeoutMs?: number;
}

/**
 * The declared secrets' values, by name (`{ LOGIN_PASSWORD: '…' }`), from the SecureStrings `<prefix><NAME>`. No
 * names, no SSM call. Parameters SSM does not have → a MissingSecretError naming every one of them (name and full
 * path); SSM failing or not answering within `timeoutMs` → a SecretsReadError naming the parameters and why. Either
 * is class `runner`: the monitor is misconfigured, the site says nothing. Only values are cached, never a failure.
 */
export async function readSecrets(names: readonly string[], env: NodeJS.ProcessEnv = process.env, options: ReadSecretsOptions = {}): Promise<Record<string, string>> {
  const wanted = [...new Set(names)];
  if (!wanted.length) return {};
  const prefix = secretsPrefix(env);
  const secrets = wanted.map((name) => ({ name, parameter: secretParameter(name, prefix) }));
  const timeoutMs = options.timeoutMs ?? SECRETS_TIMEOUT_MS;
  const tooLate = new Error(`SSM did not answer within ${timeoutMs / 1000} s`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(tooLate), timeoutMs);
  });
  let values: Record<string, unknown>;
  try {
    // GetParameters (10 names a call) with decryption; names SSM does not have come back under `_errors`.
    const read = ssmProvider(env.AWS_ENDPOINT_URL_SSM || undefined, timeoutMs, env.MIMAMORI_SECRETS_REGION || undefined).getParametersByName(
      Object.fromEntries(secrets.map((s) => [s.parameter, {}])),
      { decrypt: true, maxAge: SECRETS_MAX_AGE_S, throwOnError: false },
    );
    read.catch(() => {}); // when the bound wins, the read's own failure comes later and means nothing
    values = (await Promise.race([read, timedOut])) as Record<string, unknown>;
  } catch (error) {
    const cause = ((error as Error).cause ?? error) as Error;
    const why = error === tooLate ? tooLate.message : `${cause.name}: ${cause.message}`;
    throw new SecretsError('SecretsReadError',
      `Could not read ${plural(secrets.length, 'secret', 'secrets')} ${secrets.map((s) => s.name).join(', ')} from SSM ${plural(secrets.length, 'parameter', 'parameters')} ${secrets.map((s) => s.parameter).join(', ')}: ${why}`,
      secrets, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const missing = secrets.filter((s) => typeof values[s.parameter] !== 'string' || values[s.parameter] === '');
  if (missing.length) {
    const [first] = missing;
    throw new SecretsError('MissingSecretError',
      `${plural(missing.length, 'Secret', 'Secrets')} ${missing.map((s) => s.name).join(', ')} declared by the check ${plural(missing.length, 'is', 'are')} not in SSM Parameter Store: no ${plural(missing.length, 'parameter', 'parameters')} ${missing.map((s) => s.parameter).join(', ')} (put ${plural(missing.length, 'it', 'each')} there as a SecureString: aws ssm put-parameter --type SecureString --name ${first!.parameter} --value '…')`,
      missing);
  }
  // As locally: a value too short to be redacted without mangling other text is not used.
  const short = secrets.filter((s) => (values[s.parameter] as string).length < MIN_SECRET_LENGTH);
  if (short.length) {
    throw new SecretsError('MissingSecretError',
      `${plural(short.length, 'Secret', 'Secrets')} ${short.map((s) => s.name).join(', ')} in SSM (${short.map((s) => s.parameter).join(', ')}) ${plural(short.length, 'is', 'are')} shorter than ${MIN_SECRET_LENGTH} characters: too short to be redacted safely`,
      short);
  }
  return Object.fromEntries(secrets.map((s) => [s.name, values[s.parameter] as string]));
}
