// S3 failures explained: each common failure becomes a StorageError that says what to fix.
import { StorageError, WriteConflict } from './store.ts';

export interface S3Where {
  bucket: string;
  key?: string;
  region?: string;
  endpoint?: string;
  action: string;
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|TimeoutError|RequestTimeout/i;

const endpointOf = (where: S3Where) => where.endpoint ?? `the S3 endpoint for ${where.region ?? 'the configured region'}`;

function reason(error: { name?: string; message?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number } }, where: S3Where): string {
  const name = error.name ?? error.Code ?? '';
  const status = error.$metadata?.httpStatusCode;
  const target = `s3://${where.bucket}/${where.key ?? ''}`;
  if (name === 'NoSuchBucket') {
    return `bucket "${where.bucket}" does not exist${where.region ? ` in ${where.region}` : ''}: create it, or fix MIMAMORI_S3_BUCKET`;
  }
  if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'ExpiredToken' || name === 'InvalidToken') {
    return `the AWS credentials were rejected (${name}): check AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or refresh the session`;
  }
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
    return `access denied to ${target}: the credentials in use need s3:PutObject, s3:GetObject and s3:ListBucket on the bucket (check the role or profile, and the bucket policy)`;
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message ?? '')) {
    return 'no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is attached';
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return `bucket "${where.bucket}" is in another region than ${where.region ?? 'the configured one'}: set AWS_REGION to the bucket's region`;
  }
  if (/Region is missing/i.test(error.message ?? '')) {
    return 'no AWS region configured: set AWS_REGION (or a region in your AWS profile)';
  }
  const code = error.code ?? name;
  if (NETWORK.test(`${code} ${error.message ?? ''}`)) {
    return `${endpointOf(where)} is unreachable (${code || 'network error'}): check AWS_ENDPOINT_URL_S3, AWS_REGION and the network`;
  }
  return `${name || 'error'}${status ? ` (HTTP ${status})` : ''}: ${error.message ?? 'unknown S3 error'}`;
}

/** Wraps an S3 SDK error (after the SDK's own bounded retries) into a StorageError naming the action and the fix. */
export function explainS3Error(error: unknown, where: S3Where): StorageError {
  const e = (error ?? {}) as Parameters<typeof reason>[0];
  return new StorageError(`S3 ${where.action} failed: ${reason(e, where)}`, { cause: error });
}

/** A call stopped before S3 answered: by its own timeout, the run's deadline, or the run being stopped (`why`). */
export function explainS3Unanswered(error: unknown, where: S3Where, why: string): StorageError {
  return new StorageError(`S3 ${where.action} failed: ${endpointOf(where)} did not answer in time (${why})`, { cause: error });
}

/** A call never started: the run had no time left, was stopped, or S3 already did not answer in this run. */
export function s3NotTried(where: S3Where, why: string): StorageError {
  return new StorageError(`S3 ${where.action} not tried: ${why}`);
}

/** Why later calls of a run are not tried once one found the endpoint not answering. */
export function unansweredEarlier(where: S3Where): string {
  return `${endpointOf(where)} did not answer in time earlier in this run`;
}

/**
 * A conditional upload S3 refused (412 PreconditionFailed; 409 ConditionalRequestConflict when another conditional
 * write raced it; 404 NoSuchKey when an If-Match object is gone) becomes a WriteConflict: an answer, not an outage.
 * Any other error gives undefined.
 */
export function s3WriteConflict(error: unknown, where: S3Where, condition: { ifMatch?: string; ifNoneMatch?: '*' }): WriteConflict | undefined {
  const e = (error ?? {}) as Parameters<typeof reason>[0];
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const target = `s3://${where.bucket}/${where.key ?? ''}`;
  let what: string | undefined;
  if (status === 412 || name === 'PreconditionFailed') {
    what = condition.ifMatch === undefined ? `${target} already exists` : `${target} changed since it was read`;
  } else if (name === 'ConditionalRequestConflict') {
    what = `another write to ${target} was in progress`;
  } else if (condition.ifMatch !== undefined && name === 'NoSuchKey') {
    what = `${target} no longer exists`;
  }
  if (!what) return undefined;
  return new WriteConflict(`S3 ${where.action} failed: ${what} (${name || 'error'}${status ? `, HTTP ${status}` : ''}): read it again and retry`, { cause: error });
}
