// Which checks of a run are in quiet time — a maintenance window (the config's, evaluated by the caller) or a mute set
// from the terminal (read once per run from the store the CLI writes it to) — marked on each result before the policy
// judges it, and the mutes that ended since, announced once. A store that cannot be read silences nothing: the run's
// alerts go out, saying why no mute could be honoured.
import type { CheckResult } from '../result/types.ts';
import type { Quiet } from '../maintenance/quiet.ts';
import type { Store } from '../store/store.ts';
import type { CallOptions } from '../store/store.ts';
import { activeMutes, muteStore, type MuteList } from '../mute/mute-store.ts';
import type { LoadedEpisode } from '../episode/episode-store.ts';
import { mutedAt } from '../mute/muted-at.ts';
import { announceEnded, type Announce, type EndedAnnouncements } from '../mute/announce-ended.ts';

/** A check's maintenance window at a time, if any (the config's windows; maintenance/). */
export type MaintenanceAt = (check: { name: string; tags?: readonly string[] }, at: number) => Quiet | undefined;

/** Pause wins over silence; of two of one mode, the one that lasts longer says when the quiet ends. */
export function quieter(a: Quiet | undefined, b: Quiet | undefined): Quiet | undefined {
  if (!a || !b) return a ?? b;
  if (a.mode !== b.mode) return a.mode === 'pause' ? a : b;
  return b.until > a.until ? b : a;
}

/** The mute list as a run reads it, once: for its quiet time, and as the first read of the ended mutes' claim. */
export interface MuteRead {
  loaded?: LoadedEpisode<MuteList>;
  /** Why no mute could be honoured (the list could not be read). */
  problem?: string;
}

/** Reads the mute list (none without a store); never throws: an unreadable list silences nothing and says why. */
export async function readMuteList(store: Store | undefined, call: CallOptions): Promise<MuteRead> {
  if (!store) return {};
  const unreadable = (why: string) => `the mutes could not be read (${why}), so none was honoured`;
  let problem: string | undefined;
  try {
    const loaded = await muteStore(store, { onUnreadable: (m) => (problem = unreadable(m)) }).read(call);
    return { loaded, ...(problem && { problem }) };
  } catch (error) {
    return { problem: unreadable((error as Error)?.message ?? String(error)) };
  }
}

/** Marks `result.quiet` on each result in quiet time at its start; a mute read failure is a warning on every result. */
export function markQuiet(results: CheckResult[], o: { maintenance?: MaintenanceAt; read: MuteRead; now?: () => number }): void {
  const mutes = activeMutes(o.read.loaded?.value, (o.now ?? Date.now)());
  for (const result of results) {
    const check = { name: result.name, tags: result.tags };
    const quiet = quieter(o.maintenance?.(check, result.startedAt), mutedAt(mutes, check, result.startedAt));
    if (quiet) result.quiet = quiet;
    if (o.read.problem) (result.warnings ??= []).push(o.read.problem);
  }
}

/** Mutes that ended, announced once (announceEnded claims them first); never throws. */
export async function announceEndedMutes(store: Store, announce: Announce, o: { call: CallOptions; timeZone: string; first?: LoadedEpisode<MuteList>; now?: () => number }): Promise<EndedAnnouncements | { error: string }> {
  try {
    return await announceEnded(store, (o.now ?? Date.now)(), announce, { ...o.call, timeZone: o.timeZone, ...(o.first && { first: o.first }) });
  } catch (error) {
    return { error: (error as Error)?.message ?? String(error) };
  }
}
