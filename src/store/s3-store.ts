// The S3 store: evidence in the team's own bucket via @aws-sdk/client-s3, with presigned and console links.
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { explainS3Error } from './s3-errors.ts';
import type { Link, Listing, PutOptions, Store } from './store.ts';
import type { S3Settings } from './settings.ts';

/**
 * SDK defaults (region, credentials, retries) are kept for AWS. A custom endpoint (MinIO, R2, a test server) gets
 * path-style addressing and checksums only when required: S3-compatible stores differ in what they accept.
 */
type Sdk = typeof import('@aws-sdk/client-s3');
type Presigner = typeof import('@aws-sdk/s3-request-presigner');

/** Loads the AWS SDK only when a bucket is configured: it adds ≈0.2 s to every start otherwise. */
/** `requestTimeoutMs` bounds each try (4 in all): on Lambda they must fit in the time kept back before the deadline. */
export async function openS3Store(settings: S3Settings, requestTimeoutMs = 20_000): Promise<S3Store> {
  const [sdk, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  return new S3Store(sdk, presigner, createS3Client(sdk, settings, requestTimeoutMs), settings);
}

function createS3Client(sdk: Sdk, settings: S3Settings, requestTimeoutMs: number): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    // Bounded: the standard retry strategy with exponential backoff, 4 tries in all, and socket timeouts, so a
    // dead endpoint is reported in seconds rather than hanging the run.
    maxAttempts: 4,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 3_000, requestTimeout: requestTimeoutMs },
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

/** S3 metadata travels in HTTP headers, which must be ASCII: values are URI-encoded. */
function asciiMetadata(metadata: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, encodeURIComponent(v)]));
}

export class S3Store implements Store {
  readonly kind = 's3' as const;
  readonly location: string;

  constructor(
    private readonly sdk: Sdk,
    private readonly presigner: Presigner,
    readonly client: S3Client,
    private readonly settings: S3Settings,
  ) {
    this.location = `s3://${settings.bucket}/${settings.prefix}`;
  }

  private where(action: string, key?: string) {
    return { action, bucket: this.settings.bucket, key: key && this.settings.prefix + key, region: this.settings.region, endpoint: this.settings.endpoint };
  }

  private async call<T>(action: string, key: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw explainS3Error(error, this.where(action, key));
    }
  }

  put(key: string, body: Buffer | string, options: PutOptions): Promise<void> {
    const Body = typeof body === 'string' ? Buffer.from(body) : body;
    return this.call(`upload of ${key}`, key, async () => {
      await this.client.send(new this.sdk.PutObjectCommand({
        Bucket: this.settings.bucket, Key: this.settings.prefix + key, Body, ContentType: options.contentType, Metadata: asciiMetadata(options.metadata),
      }));
    });
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.settings.prefix + key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof this.sdk.NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw explainS3Error(error, this.where(`download of ${key}`, key));
    }
  }

  list(prefix: string): Promise<Listing> {
    return this.call(`listing of ${prefix || '/'}`, prefix, async () => {
      const full = this.settings.prefix + prefix;
      const listing: Listing = { folders: [], keys: [] };
      let token: string | undefined;
      do {
        const page = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: full, Delimiter: '/', ContinuationToken: token }));
        listing.folders.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!.slice(this.settings.prefix.length)));
        listing.keys.push(...(page.Contents ?? []).map((o) => o.Key!.slice(this.settings.prefix.length)));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return listing;
    });
  }

  async link(key: string): Promise<Link> {
    const full = this.settings.prefix + key;
    const expiresIn = this.settings.linkExpirySeconds;
    const url = await this.call(`presigning of ${key}`, key, () =>
      this.presigner.getSignedUrl(this.client, new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: full }), { expiresIn }));
    const link: Link = { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
    // The console exists for AWS only; a custom endpoint (MinIO, R2) has its own UI.
    if (!this.settings.endpoint) {
      const region = this.settings.region ?? (await this.client.config.region());
      link.consoleUrl = `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(this.settings.bucket)}?region=${encodeURIComponent(region)}&bucketType=general&prefix=${encodeURIComponent(full)}`;
    }
    return link;
  }
}
