// The store interface: where evidence goes (a local folder or an S3 bucket), as plain keys and bytes.

import type { Link } from '../result/types.ts';

export type { Link };

export interface PutOptions {
  contentType: string;
  /** Small facts about the object (check, run id, step, status); ASCII-encoded by the S3 store. */
  metadata?: Record<string, string>;
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
  get(key: string): Promise<Buffer | undefined>;
  /** One level of the tree under `prefix` (which ends with `/`, or is empty for the top). */
  list(prefix: string): Promise<Listing>;
  link(key: string): Promise<Link>;
}

/** An outside-system failure with what to do about it; the original error stays in `cause`. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
