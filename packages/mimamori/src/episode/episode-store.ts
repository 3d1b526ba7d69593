// Keeps one episode (a check's incident state, an alarm's thread, a log watch's window, the digest's day) as one JSON
// object in the store. Every kind gets the same rules: a write names the version it read (If-Match, or If-None-Match
// when there was none), and a write that finds the object changed reads again and changes again — so two deliveries at
// once never lose each other's update; a corrupt object is read as none and replaced by the next write (read-json.ts);
// one with parts of the wrong type, or of an older version's shape, is read as the current shape (the kind's `shape`)
// and said, and the next write stores it so. What differs between kinds is a parameter here, not a copy.
import { conditionalUpdate, CONDITIONAL_TRIES, unchangedSince } from '../store/conditional-update.ts';
import { readJsonObject } from '../store/read-json.ts';
import type { CallOptions, Store } from '../store/store.ts';

export interface EpisodeKind<T> {
  /** The object's key in the store. */
  key: string;
  /**
   * The parsed JSON as `T`: parts of the wrong type left out (each said in `repairs`), older shapes migrated. Throws
   * MalformedObject when it cannot be one (read as none).
   */
  shape(json: unknown, repairs: string[]): T;
  /** Small facts stored beside the object. */
  metadata?(value: T): Record<string, string>;
  /** JSON indentation (the check state is written for people to read; a busy log watch's is not). */
  indent?: number;
  /** Conflicting writes are tried this many times in all (default CONDITIONAL_TRIES). */
  tries?: number;
  /** Before each read after a conflict: a random pause, so writers that collided in step do not collide again. */
  beforeReread?(): Promise<void>;
  /** Told when the object was read as none (naming its key), as it is read. */
  onUnreadable?(message: string): void;
}

export interface LoadedEpisode<T> {
  value?: T;
  /** The version read (of an unreadable object too: the write replaces it); undefined when there was none. */
  version?: string;
  /** The object could not be read and was read as none (why, naming its key). */
  unreadable?: string;
  /** Parts left out or migrated as it was read (the next write stores the repaired object). */
  repairs: string[];
}

export interface EpisodeStore<T> {
  read(options?: CallOptions): Promise<LoadedEpisode<T>>;
  /** Writes `value` if the object is still at `version` (absent: if there is none); throws WriteConflict otherwise. */
  write(value: T, version: string | undefined, options?: CallOptions): Promise<void>;
  /**
   * Change, write back — and when another writer wrote in between, read again and change again. `change` returns what
   * it decided and the value to write (none: nothing is written); what it returned last is returned.
   */
  update<R extends { value?: T }>(change: (loaded: LoadedEpisode<T>) => R, options?: CallOptions, first?: LoadedEpisode<T>): Promise<R>;
}

export function episodeStore<T>(store: Store, kind: EpisodeKind<T>): EpisodeStore<T> {
  const read = async (options?: CallOptions): Promise<LoadedEpisode<T>> => {
    const repairs: string[] = [];
    const { value, version, unreadable } = await readJsonObject(store, kind.key, (json) => kind.shape(json, repairs), { ...options, onUnreadable: kind.onUnreadable });
    return unreadable ? { version, unreadable, repairs: [] } : { value, version, repairs };
  };
  const write = (value: T, version: string | undefined, options?: CallOptions) =>
    store.put(kind.key, `${JSON.stringify(value, null, kind.indent)}\n`, {
      ...options,
      contentType: 'application/json',
      ...(kind.metadata && { metadata: kind.metadata(value) }),
      ...unchangedSince(version),
    });
  return {
    read,
    write,
    // The first read without the pause: it is only for writers that collided.
    update: async (change, options, first) => conditionalUpdate({
      read: async () => {
        await kind.beforeReread?.();
        return read(options);
      },
      change,
      write: (next, loaded) => (next.value === undefined ? undefined : write(next.value, loaded.version, options)),
    }, first ?? (await read(options)), kind.tries ?? CONDITIONAL_TRIES),
  };
}
