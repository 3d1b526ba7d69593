// One rule for every stored JSON object that can be corrupt (a check's state, an alarm's thread, a day of history): a
// truncated write, a hand edit or a bad copy is read as none, with a warning naming its key, and keeps its version,
// so the next conditional write (If-Match on that version) replaces it. Without the rule each reader throws on it for
// good: nothing would ever write it again, and every run or notification that needs it fails the same way.
import type { CallOptions, Store } from './store.ts';

/** Thrown by a shape check: the JSON is not an object of this kind (what is wrong, in words). */
export class MalformedObject extends Error {
  override name = 'MalformedObject';
}

/** Checks parsed JSON and returns it as `T` (or a repaired copy); throws MalformedObject when it cannot be one. */
export type Shape<T> = (json: unknown) => T;

export interface ReadObject<T> {
  value?: T;
  /** The version read — of an unreadable object too: a write back names it (If-Match) and so replaces the object. */
  version?: string;
  /** Why the object was read as none, naming its key (the caller says it where people look). */
  unreadable?: string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The bytes as `T`, or why not (naming `key`). Only what is wrong with the object itself is "unreadable" (not JSON,
 * MalformedObject); any other error `shape` throws (another version's format, left alone on purpose) is thrown.
 */
export function parseJsonObject<T>(bytes: Buffer, key: string, shape: Shape<T>): { value: T } | { unreadable: string } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { unreadable: `${key} is not JSON (${bytes.length ? (error as Error).message : 'it is empty'})` };
  }
  try {
    return { value: shape(json) };
  } catch (error) {
    if (error instanceof MalformedObject) return { unreadable: `${key} is malformed (${error.message})` };
    throw error;
  }
}

/**
 * The object at `key` with its version; one that cannot be read comes back as none with its version and `unreadable`
 * (also told to `onUnreadable`). Store failures (S3 down) are thrown: that is not a corrupt object.
 */
export async function readJsonObject<T>(
  store: Store, key: string, shape: Shape<T>, options: CallOptions & { onUnreadable?: (message: string) => void } = {},
): Promise<ReadObject<T>> {
  const { onUnreadable, ...call } = options;
  const found = await store.getVersioned(key, call);
  if (!found) return {};
  const parsed = parseJsonObject(found.bytes, key, shape);
  if ('value' in parsed) return { value: parsed.value, version: found.version };
  const unreadable = `${parsed.unreadable} in ${store.location}: read as none, the next write replaces it`;
  onUnreadable?.(unreadable);
  return { version: found.version, unreadable };
}
