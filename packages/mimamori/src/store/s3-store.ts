// The S3 store: evidence in the team's own bucket via @aws-sdk/client-s3, with presigned and console links.
import { createHash } from 'node:crypto';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { explainS3Error, explainS3Unanswered, s3NotTried, s3WriteConflict, unansweredEarlier } from './s3-errors.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, stopReason, StorageError, WriteConflict, type CallOptions, type Link, type Listing, type PutOptions, type Store, type Versioned } from './store.ts';
import { formatMs } from '../result/format.ts';
import type { S3Settings } from './settings.ts';

/**
 * SDK defaults (region, credentials, retries) are kept for AWS. A custom endpoint (MinIO, R2, a test server) gets
 * path-style addressing and checksums only when required: S3-compatible stores differ in what they accept.
 */
type Sdk = typeof import('@aws-sdk/client-s3');
type Presigner = typeof import('@aws-sdk/s3-request-presigner');

/**
 * Loads the AWS SDK only when a bucket is configured: it adds ≈0.2 s to every start otherwise.
 * `requestTimeoutMs` bounds each call, all its tries included: a hung endpoint costs at most that.
 */
export async function openS3Store(settings: S3Settings, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, wrapClient?: (client: S3Client) => S3Client): Promise<S3Store> {
  const [sdk, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  // wrapClient: the Lambda runner's X-Ray capture (each S3 call a subsegment); the store itself knows nothing of it.
  const client = createS3Client(sdk, settings, requestTimeoutMs);
  return new S3Store(sdk, presigner, wrapClient ? wrapClient(client) : client, settings, requestTimeoutMs);
}

function createS3Client(sdk: Sdk, settings: S3Settings, requestTimeoutMs: number): S3Client {
  // Each try may take half the call's time, so a connection that stalls once is retried on a fresh one.
  const tryMs = Math.max(250, Math.floor(requestTimeoutMs / 2));
  const config: S3ClientConfig = {
    region: settings.region,
    // The standard retry strategy (4 tries, exponential backoff) inside the call's bound; the call's AbortSignal
    // stops the try in flight and the retries.
    maxAttempts: 4,
    retryMode: 'standard',
    // throwOnRequestTimeout: a try that times out fails (and is retried) instead of only logging a warning.
    requestHandler: { connectionTimeout: Math.min(3_000, tryMs), requestTimeout: tryMs, throwOnRequestTimeout: true },
  };
  if (settings.endpoint) {
    Object.assign(config, {
      endpoint: settings.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }
  return new sdk.S3Client(config);
}

/** Resolves with the promise, or rejects when the signal aborts (for work that takes no signal, like presigning). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The slowest upload speed a request's bound allows for: 256 KiB/s (a 3 MB screenshot gets 12 s more). */
const SLOW_UPLINK_BYTES_PER_S = 256 * 1024;

/** Each metadata value at most this many bytes once encoded: S3 allows 2 KB of user metadata in all. */
const METADATA_VALUE_BYTES = 400;

/**
 * S3 metadata travels in HTTP headers, which must be ASCII: values are URI-encoded character by character, and cut
 * at a character so a long Japanese check or step name cannot push an upload past S3's limit.
 */
function asciiMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  const encode = (ch: string) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD
    }
  };
  const bounded = (value: string) => {
    let out = '';
    for (const ch of value) {
      const encoded = encode(ch);
      if (out.length + encoded.length > METADATA_VALUE_BYTES) break;
      out += encoded;
    }
    return out;
  };
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, bounded(v)]));
}

export class S3Store implements Store {
  readonly kind = 's3' as const;
  readonly location: string;

  constructor(
    private readonly sdk: Sdk,
    private readonly presigner: Presigner,
    readonly client: S3Client,
    private readonly settings: S3Settings,
    private readonly requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.location = `s3://${settings.bucket}/${settings.prefix}`;
  }

  private where(action: string, key?: string) {
    return { action, bucket: this.settings.bucket, key: key && this.settings.prefix + key, region: this.settings.region, endpoint: this.settings.endpoint };
  }

  /**
   * Runs one call with its deadline: the run's signal and this store's request timeout, whichever comes first.
   * A call that cannot start (no time left, stopped, S3 already silent in this run) is not tried at all.
   * Errors `answered` accepts (no such key, a write conflict) are S3's answer and are passed on as they are.
   */
  private async call<T>(action: string, key: string | undefined, options: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>, answered?: (error: unknown) => boolean): Promise<T> {
    const where = this.where(action, key);
    const run = options?.signal;
    if (run?.aborted) throw s3NotTried(where, stopReason(run));
    if (options?.breaker?.tripped) throw s3NotTried(where, options.breaker.tripped);
    const timeoutMs = options?.timeoutMs ?? this.requestTimeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      return await fn(run ? AbortSignal.any([run, timeout.signal]) : timeout.signal);
    } catch (error) {
      if (answered?.(error)) throw error;
      if (run?.aborted) throw explainS3Unanswered(error, where, `stopped: ${stopReason(run)}`);
      if (timeout.signal.aborted) {
        if (options?.breaker) options.breaker.tripped ??= unansweredEarlier(where);
        throw explainS3Unanswered(error, where, `no answer within ${formatMs(timeoutMs)}`);
      }
      throw explainS3Error(error, where);
    } finally {
      clearTimeout(timer);
    }
  }

  put(key: string, body: Buffer | string, options: PutOptions): Promise<void> {
    const Body = typeof body === 'string' ? Buffer.from(body) : body;
    // A large full-page screenshot on a slow uplink is still progressing: its bound grows with its size.
    const timeoutMs = (options.timeoutMs ?? this.requestTimeoutMs) + Math.round((Body.length / SLOW_UPLINK_BYTES_PER_S) * 1000);
    const action = `upload of ${key}`;
    const { ifMatch, ifNoneMatch } = options;
    const conditional = ifMatch !== undefined || ifNoneMatch !== undefined;
    return this.call(action, key, { ...options, timeoutMs }, async (abortSignal) => {
      try {
        await this.client.send(new this.sdk.PutObjectCommand({
          Bucket: this.settings.bucket, Key: this.settings.prefix + key, Body, ContentType: options.contentType, Metadata: asciiMetadata(options.metadata),
          IfMatch: ifMatch, IfNoneMatch: ifNoneMatch,
        }), { abortSignal });
      } catch (error) {
        // S3 answered "changed since read": the caller's to retry, so it passes call() untouched (no outage, no breaker).
        const conflict = conditional ? s3WriteConflict(error, this.where(action, key), { ifMatch, ifNoneMatch }) : undefined;
        if (conflict && (await this.landedEarlier(error, key, Body, abortSignal))) return;
        throw conflict ?? error;
      }
    }, (error) => error instanceof WriteConflict);
  }

  /**
   * An SDK retry of a conditional upload whose first try did land (the answer was lost) finds its own write and gets
   * 412: the object then holds exactly our bytes (a single-part ETag is their MD5; with SSE-KMS it is not, and this
   * stays a conflict), and the write counts as done — else the caller would read its own update back and apply it twice.
   */
  private async landedEarlier(error: unknown, key: string, body: Buffer, abortSignal: AbortSignal): Promise<boolean> {
    if (((error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) < 2) return false;
    try {
      const head = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.settings.prefix + key }), { abortSignal });
      return head.ETag?.replace(/"/g, '') === createHash('md5').update(body).digest('hex');
    } catch {
      return false;
    }
  }

  async get(key: string, options?: CallOptions): Promise<Buffer | undefined> {
    return (await this.download(key, options))?.bytes;
  }

  async getVersioned(key: string, options?: CallOptions): Promise<Versioned | undefined> {
    const found = await this.download(key, options);
    if (!found) return undefined;
    // Every S3 GET carries an ETag; a store that sends none cannot take part in conditional writes.
    if (!found.etag) throw new StorageError(`S3 download of ${key} failed: ${this.settings.endpoint ?? 'S3'} sent no ETag, so the object cannot be updated safely`);
    return { bytes: found.bytes, version: found.etag };
  }

  private async download(key: string, options?: CallOptions): Promise<{ bytes: Buffer; etag?: string } | undefined> {
    const isMissing = (error: unknown) => error instanceof this.sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey';
    try {
      return await this.call(`download of ${key}`, key, options, async (abortSignal) => {
        const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.settings.prefix + key }), { abortSignal });
        return { bytes: Buffer.from(await out.Body!.transformToByteArray()), etag: out.ETag };
      }, isMissing);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  list(prefix: string, options?: CallOptions): Promise<Listing> {
    return this.call(`listing of ${prefix || '/'}`, prefix, options, async (abortSignal) => {
      const full = this.settings.prefix + prefix;
      const listing: Listing = { folders: [], keys: [] };
      let token: string | undefined;
      do {
        const page = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: full, Delimiter: '/', ContinuationToken: token }), { abortSignal });
        listing.folders.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!.slice(this.settings.prefix.length)));
        listing.keys.push(...(page.Contents ?? []).map((o) => o.Key!.slice(this.settings.prefix.length)));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return listing;
    });
  }

  /**
   * A presigned GET and, on AWS, the object's console page. A presigned URL works until the earlier of its own expiry
   * and the end of the credentials that signed it (a role's session ends in hours, whatever X-Amz-Expires says):
   * `expiresAt` is that real end, and `endsWithSession` says when the credentials are temporary but do not tell their
   * end (Lambda's role reaches the SDK as a session token without an expiration).
   */
  async link(key: string, options?: CallOptions): Promise<Link> {
    const full = this.settings.prefix + key;
    const expiresIn = this.settings.linkExpirySeconds;
    // Signing is local (so the breaker does not apply), but finding credentials may not be (SSO, instance
    // metadata): it is bounded too.
    const signed = await this.call(`presigning of ${key}`, key, { signal: options?.signal, timeoutMs: options?.timeoutMs }, (signal) =>
      untilAborted(this.presign(full, expiresIn), signal));
    const link: Link = { url: signed.url, expiresAt: new Date(signed.endsAt).toISOString() };
    if (signed.endsWithSession) link.endsWithSession = true;
    // The console exists for AWS only; a custom endpoint (MinIO, R2) has its own UI.
    if (!this.settings.endpoint) {
      const region = this.settings.region ?? (await this.client.config.region());
      link.consoleUrl = `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(this.settings.bucket)}?region=${encodeURIComponent(region)}&bucketType=general&prefix=${encodeURIComponent(full)}`;
    }
    return link;
  }

  /**
   * Signs with the client's credentials, read just before and after: the provider is memoised, so the signer used one
   * of them (a refresh in between gives two), and the earlier end of the two is the URL's.
   */
  private async presign(full: string, expiresIn: number): Promise<{ url: string; endsAt: number; endsWithSession: boolean }> {
    const before = await this.client.config.credentials();
    const signedAt = Date.now();
    const url = await this.presigner.getSignedUrl(this.client, new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: full }), { expiresIn });
    const after = await this.client.config.credentials();
    // The URL's own end, to the second S3 checks it: X-Amz-Date plus X-Amz-Expires.
    const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(new URL(url).searchParams.get('X-Amz-Date') ?? '');
    const start = date ? Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!) : signedAt;
    let endsAt = start + expiresIn * 1000;
    let endsWithSession = false;
    for (const credentials of [before, after]) {
      if (credentials.expiration) endsAt = Math.min(endsAt, credentials.expiration.getTime());
      else if (credentials.sessionToken) endsWithSession = true;
    }
    return { url, endsAt, endsWithSession };
  }
}
