// Read → change → conditional write, and again when another writer got there first: the one loop that keeps objects
// several runs update at the same moment (a check's state, its day of history) from losing an update. Each write names
// the version it read (S3 If-Match, or If-None-Match: * when there was none); a WriteConflict means read again.
import { WriteConflict } from './store.ts';

/** Conflicting writes are tried this many times in all, each after reading again: more means a storm, not a race. */
export const CONDITIONAL_TRIES = 4;

/** What a conditional write needs from a read: the version (undefined when there was no object). */
export interface Loaded {
  version?: string;
}

export interface ConditionalUpdate<L extends Loaded, T> {
  /** Reads the object (and its version). */
  read(): Promise<L>;
  /** What to make of what was read; called again after every conflict, with the fresh read. */
  change(loaded: L): T;
  /**
   * Writes what `change` made if the object is still at `loaded.version` (throwing WriteConflict if not), or returns
   * undefined when there is nothing to write.
   */
  write(next: T, loaded: L): Promise<void> | undefined;
}

/**
 * Change, write back — and when another writer wrote in between, read again and change again, at most `tries` times
 * (then the WriteConflict is thrown). `first` is a read already made (else it is read now). Returns what `change`
 * returned last.
 */
export async function conditionalUpdate<L extends Loaded, T>(update: ConditionalUpdate<L, T>, first?: L, tries = CONDITIONAL_TRIES): Promise<T> {
  let loaded = first ?? (await update.read());
  for (let tried = 1; ; tried++) {
    const next = update.change(loaded);
    const writing = update.write(next, loaded);
    if (!writing) return next;
    try {
      await writing;
      return next;
    } catch (error) {
      if (!(error instanceof WriteConflict) || tried >= tries) throw error;
    }
    loaded = await update.read();
  }
}

/** The condition a write back of `version` puts on the object: still that version, or still absent. */
export function unchangedSince(version: string | undefined): { ifMatch: string } | { ifNoneMatch: '*' } {
  return version === undefined ? { ifNoneMatch: '*' } : { ifMatch: version };
}
