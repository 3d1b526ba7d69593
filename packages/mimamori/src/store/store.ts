// The store interface: where evidence goes (a local folder or an S3 bucket), as plain keys and bytes.

import type { Link } from '../result/types.ts';

export type { Link };

/** The default bound on one S3 or Slack request, its retries included (MIMAMORI_REQUEST_TIMEOUT). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * What bounds one call to an outside store (the local folder ignores it): the run's signal — aborted at its
 * deadline, or when the run is stopped — a timeout, and the run's breaker.
 */
export interface CallOptions {
  signal?: AbortSignal;
  /** Bound on this one call, its retries included; default the store's own (MIMAMORI_REQUEST_TIMEOUT). */
  timeoutMs?: number;
  /**
   * Shared by the calls of one run: once one call finds the endpoint not answering, the others are not tried
   * (`tripped` says why), so a hung endpoint costs one request timeout, not one per object.
   */
  breaker?: { tripped?: string };
}

export interface PutOptions extends CallOptions {
  contentType: string;
  /** Small facts about the object (check, run id, step, status); ASCII-encoded by the S3 store. */
  metadata?: Record<string, string>;
  /** Write only if the object still has this version (S3 If-Match). */
  ifMatch?: string;
  /** '*': write only if no object exists (S3 If-None-Match: *). */
  ifNoneMatch?: '*';
}

/** An object's bytes and its version (S3: the ETag), for a conditional write back. */
export interface Versioned {
  bytes: Buffer;
  version: string;
}

export interface Listing {
  /** Sub-folders directly under the prefix (with a trailing `/`). */
  folders: string[];
  /** Keys directly under the prefix. */
  keys: string[];
}

export interface Store {
  /** `s3` or `local`. */
  readonly kind: 's3' | 'local';
  /** Where it is, for messages: `s3://bucket/prefix/` or a folder path. */
  readonly location: string;
  put(key: string, body: Buffer | string, options: PutOptions): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string, options?: CallOptions): Promise<Buffer | undefined>;
  /** The object with its version, or undefined when there is none. */
  getVersioned(key: string, options?: CallOptions): Promise<Versioned | undefined>;
  /** One level of the tree under `prefix` (which ends with `/`, or is empty for the top). */
  list(prefix: string, options?: CallOptions): Promise<Listing>;
  link(key: string, options?: CallOptions): Promise<Link>;
}

/** An outside-system failure with what to do about it; the original error stays in `cause`. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A conditional write found the object changed (or present) since it was read: read it again and retry. */
export class WriteConflict extends StorageError {
  override name = 'WriteConflict';
}

/** Why a signal stopped a call, in words: its reason's message, or "the run was interrupted" for a bare abort(). */
export function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'the run was interrupted';
}
