// Reads and writes a check's state object (`state/<check>.json`) with conditional writes, so two runs of one check at
// the same moment never lose each other's update: each write names the version it read (S3 If-Match / If-None-Match),
// and a write that finds the object changed is a WriteConflict for the caller to read again and retry. A corrupt state
// (a truncated write, a hand edit) is read as none and replaced by the next write (read-json.ts); one with parts of the
// wrong type is read without them, said, and repaired by the next write (state-shape.ts).
import type { CheckState } from '../policy/check-state.ts';
import { episodeStore, type EpisodeStore } from '../episode/episode-store.ts';
import { conditionalUpdate, CONDITIONAL_TRIES } from './conditional-update.ts';
import { stateKey } from './layout.ts';
import { checkStateShape } from './state-shape.ts';
import type { CallOptions, Store } from './store.ts';

export interface LoadedState {
  state?: CheckState;
  /** The version read; undefined when there was no state yet (the write then requires that there still is none). */
  version?: string;
  /** The state object could not be read (naming its key): read as none, the check starts afresh and the write replaces it. */
  unreadable?: string;
  /** Parts of the state that were not of their type, left out (naming its key): the run's write repairs the object. */
  repaired?: string;
}

/** Its shape check, where the dashboard and the digest read states too. */
export { checkStateShape };

/** Conflicting writes are retried this many times in all, each after reading again: more means a storm, not a race. */
export const STATE_TRIES = CONDITIONAL_TRIES;

/** A check's state is one episode object: its incident, counts and usual durations (episode/episode-store.ts). */
function checkStates(store: Store, check: string): EpisodeStore<CheckState> {
  return episodeStore(store, {
    key: stateKey(check),
    shape: checkStateShape,
    metadata: (state) => ({ check: state.check, status: state.lastStatus }),
    indent: 2,
    tries: STATE_TRIES,
  });
}

export async function readState(store: Store, check: string, options?: CallOptions): Promise<LoadedState> {
  const { value, version, unreadable, repairs } = await checkStates(store, check).read(options);
  if (unreadable) return { version, unreadable };
  return { state: value, version, ...(repairs.length && { repaired: `${stateKey(check)}: ${repairs.join('; ')} in ${store.location}: repaired by this run's write` }) };
}

/** Writes the state if it is still at `version` (absent: if there is none); throws WriteConflict otherwise. */
export async function writeState(store: Store, state: CheckState, version: string | undefined, options?: CallOptions): Promise<void> {
  await checkStates(store, state.check).write(state, version, options);
}

/**
 * Change, write back — and when another run wrote in between, read again and change again, at most STATE_TRIES
 * times. `first` is a state already read (else it is read now). `change` returns what to write (`state`), or no
 * state to write nothing; what it returned last is returned.
 */
export async function updateState<T extends { state?: CheckState }>(
  store: Store, check: string, change: (loaded: LoadedState) => T, options?: CallOptions, first?: LoadedState,
): Promise<T> {
  const loaded = first ?? (await readState(store, check, options));
  return conditionalUpdate({ read: () => readState(store, check, options), change, write: (next, l) => (next.state ? writeState(store, next.state, l.version, options) : undefined) }, loaded, STATE_TRIES);
}
