// Storage settings, read once with a written precedence: environment > config file > default.
import type { ProjectConfig } from '../check/types.ts';
import { LocalStore } from './local-store.ts';
import { openS3Store, type S3Store } from './s3-store.ts';
import { StorageError, type Store } from './store.ts';

/** Presigned URLs live at most 7 days (SigV4's limit), and never longer than the credentials that sign them. */
export const MAX_LINK_EXPIRY_SECONDS = 7 * 24 * 3600;

export interface S3Settings {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
  /** AWS_REGION etc. are read by the SDK itself when this is undefined. */
  region?: string;
  /** AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL): an S3-compatible store. */
  endpoint?: string;
  /** What a presigned URL asks for (MIMAMORI_LINK_EXPIRY); it still ends with temporary credentials (see `S3Store.link`). */
  linkExpirySeconds: number;
}

/** `prod` → `prod/`; leading slashes dropped (S3 keys do not start with one). */
export function normalisePrefix(prefix = ''): string {
  const p = prefix.replace(/^\/+/, '');
  return p === '' || p.endsWith('/') ? p : `${p}/`;
}

function linkExpiry(value: string | number | undefined): number {
  if (value === undefined || value === '') return MAX_LINK_EXPIRY_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_EXPIRY_SECONDS) {
    throw new StorageError(`MIMAMORI_LINK_EXPIRY must be whole seconds from 1 to ${MAX_LINK_EXPIRY_SECONDS} (7 days), got '${value}'`);
  }
  return seconds;
}

/** S3 settings when a bucket is configured (MIMAMORI_S3_BUCKET or `s3.bucket`), else undefined: the local folder. */
export function s3Settings(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env): S3Settings | undefined {
  const bucket = env.MIMAMORI_S3_BUCKET || config.s3?.bucket;
  if (!bucket) return undefined;
  return {
    bucket,
    prefix: normalisePrefix(env.MIMAMORI_S3_PREFIX ?? config.s3?.prefix),
    // A probe region's runner writes to the home region's bucket (MIMAMORI_S3_REGION, set by the probe stack).
    region: env.MIMAMORI_S3_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
    endpoint: env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined,
    linkExpirySeconds: linkExpiry(env.MIMAMORI_LINK_EXPIRY ?? config.s3?.linkExpirySeconds),
  };
}

/** The store evidence goes to beyond the local copy: S3 when configured. */
export async function remoteStore(config: ProjectConfig, env: NodeJS.ProcessEnv = process.env, requestTimeoutMs?: number): Promise<S3Store | undefined> {
  const settings = s3Settings(config, env);
  return settings && openS3Store(settings, requestTimeoutMs);
}

/** Where `npm run results` reads history: S3 when configured, else the local out folder. */
export async function historyStore(config: ProjectConfig, out: string, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  return (await remoteStore(config, env)) ?? new LocalStore(out);
}
