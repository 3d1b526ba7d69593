// What after-run reads before it can judge and record a run — each check's state, the mute list and the check's day of
// history — asked for while the checks still run, so the journey's time hides the reads (the Lambda runner: three S3
// GETs off every invocation's critical path). A read ahead may be older than the run's end, and that is safe: the state is written back conditionally
// (store/state.ts: If-Match on the version read), so a state that changed in between is a WriteConflict, read again
// and judged again (the day of history likewise, store/history-days.ts). The mute list read ahead misses a mute set or
// lifted during the run, so it is used only where that cannot change what the run posts (mutesToJudgeBy). On Lambda
// nothing else writes the state meanwhile anyway: the runs of one
// check are one FIFO message group (lambda/dispatch.ts messageGroupId, scheduled and manual alike), so SQS hands out the
// next run of the check only once this one's message is done.
import type { CheckResult } from '../result/types.ts';
import type { Stores } from '../store/save-run.ts';
import type { CallOptions } from '../store/store.ts';
import { readState, type LoadedState } from '../store/state.ts';
import { readDayAhead, type DayRead } from '../store/history-days.ts';
import { readMuteList, type MuteRead } from './quiet-time.ts';

/** A state read, settled: a failure is kept for after-run (never an unhandled rejection while the check runs). */
export type StateRead = { loaded: LoadedState } | { error: unknown };

export interface ReadAhead {
  /** The mute list (readMuteList never throws). */
  mutes: Promise<MuteRead>;
  /** Each check's state by name. */
  states: Map<string, Promise<StateRead>>;
  /** Each check's day of history (today's: a run that begins after midnight UTC reads its own day), by name. */
  days: Map<string, DayRead>;
}

/** Where a check's state lives: S3 when it is shared (the deployed monitor's), else the out folder. */
export const stateStoreOf = (o: { stores: Stores; sharedState?: boolean }) => (o.sharedState && o.stores.remote) || o.stores.local;

/** Where the mutes live: where `mimamori mute` writes them, the bucket when there is one, else the out folder. */
export const muteStoreOf = (stores: Stores) => stores.remote ?? stores.local;

/** Starts reading the checks' states, days and the mute list now, from the stores after-run will use. */
export function readAhead(checks: readonly string[], o: { stores: Stores; sharedState?: boolean; call: CallOptions; now?: number }): ReadAhead {
  const store = stateStoreOf(o);
  const now = o.now ?? Date.now();
  return {
    mutes: readMuteList(muteStoreOf(o.stores), o.call),
    states: new Map(checks.map((name) => [name, readState(store, name, o.call).then((loaded) => ({ loaded }), (error: unknown) => ({ error }))])),
    // The history lives beside the state (after-run's recordHistory).
    days: new Map(checks.map((name) => [name, readDayAhead(store, name, now, o.call)])),
  };
}

/**
 * The mute list a run is judged by: the one read ahead only when a mute set or lifted while the checks ran could not
 * change what the run posts — the read worked, and every check passed after a clean pass (its state read ahead: no
 * incident, no failures counted, last run passed) and does not post every run (`notify: 'always'`). Otherwise it is
 * read now: someone who mutes a failing check mid-run must not get its alert. `readNow` reads it (bounded by the budget).
 */
export async function mutesToJudgeBy(ahead: ReadAhead, results: readonly CheckResult[], postsEveryRun: (check: string) => boolean, readNow: () => Promise<MuteRead>): Promise<MuteRead> {
  const early = await ahead.mutes;
  if (early.problem) return readNow();
  const quiet = await Promise.all(results.map(async (r) => {
    if (r.status !== 'passed' || postsEveryRun(r.name)) return false;
    const read = await ahead.states.get(r.name);
    if (!read || !('loaded' in read)) return false;
    const s = read.loaded.state;
    return !s || (!s.incident && !s.consecutiveFailures && !s.consecutiveRunnerFailures && s.lastStatus === 'passed');
  }));
  return quiet.every(Boolean) ? early : readNow();
}
