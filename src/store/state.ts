// Reads and writes a check's state object (`state/<check>.json`) with conditional writes, so two runs of one check at
// the same moment never lose each other's update: each write names the version it read (S3 If-Match / If-None-Match),
// and a write that finds the object changed is a WriteConflict for the caller to read again and retry. A corrupt state
// (a truncated write, a hand edit) is read as none and replaced by the next write (read-json.ts).
import type { CheckState } from '../policy/check-state.ts';
import { conditionalUpdate, CONDITIONAL_TRIES, unchangedSince } from './conditional-update.ts';
import { stateKey } from './layout.ts';
import { isRecord, MalformedObject, readJsonObject } from './read-json.ts';
import type { CallOptions, Store } from './store.ts';

export interface LoadedState {
  state?: CheckState;
  /** The version read; undefined when there was no state yet (the write then requires that there still is none). */
  version?: string;
  /** The state object could not be read (naming its key): read as none, the check starts afresh and the write replaces it. */
  unreadable?: string;
}

const STATUSES: unknown[] = ['passed', 'degraded', 'failed'];

/**
 * What the policy (and the dashboard, the digest) read of a state must have its type: else evaluating the run would
 * throw on it, every run. Throws MalformedObject.
 */
export function checkStateShape(json: unknown): CheckState {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  if (typeof json.check !== 'string') throw new MalformedObject('no check name');
  if (json.lastStatus !== undefined && !STATUSES.includes(json.lastStatus)) throw new MalformedObject('lastStatus is not passed, degraded or failed');
  if (json.lastRunAt !== undefined && typeof json.lastRunAt !== 'string') throw new MalformedObject('lastRunAt is not a time');
  const incident = json.incident;
  if (incident != null && !(isRecord(incident) && typeof incident.openedAt === 'string' && typeof incident.openedRunId === 'string')) {
    throw new MalformedObject('its incident has no openedAt or openedRunId');
  }
  for (const list of ['recentRuns', 'history'] as const) if (json[list] !== undefined && !Array.isArray(json[list])) throw new MalformedObject(`${list} is not a list`);
  if (json.consecutiveFailures !== undefined && typeof json.consecutiveFailures !== 'number') throw new MalformedObject('consecutiveFailures is not a number');
  return json as CheckState;
}

/** Conflicting writes are retried this many times in all, each after reading again: more means a storm, not a race. */
export const STATE_TRIES = CONDITIONAL_TRIES;

export async function readState(store: Store, check: string, options?: CallOptions): Promise<LoadedState> {
  const { value, version, unreadable } = await readJsonObject(store, stateKey(check), checkStateShape, options);
  return unreadable ? { version, unreadable } : { state: value, version };
}

/** Writes the state if it is still at `version` (absent: if there is none); throws WriteConflict otherwise. */
export async function writeState(store: Store, state: CheckState, version: string | undefined, options?: CallOptions): Promise<void> {
  await store.put(stateKey(state.check), `${JSON.stringify(state, null, 2)}\n`, {
    ...options,
    contentType: 'application/json',
    metadata: { check: state.check, status: state.lastStatus },
    ...unchangedSince(version),
  });
}

/**
 * Change, write back — and when another run wrote in between, read again and change again, at most STATE_TRIES
 * times. `first` is a state already read (else it is read now). `change` returns what to write (`state`), or no
 * state to write nothing; what it returned last is returned.
 */
export async function updateState<T extends { state?: CheckState }>(
  store: Store, check: string, change: (loaded: LoadedState) => T, options?: CallOptions, first?: LoadedState,
): Promise<T> {
  return conditionalUpdate({
    read: () => readState(store, check, options),
    change,
    write: (next, loaded) => (next.state ? writeState(store, next.state, loaded.version, options) : undefined),
  }, first, STATE_TRIES);
}
