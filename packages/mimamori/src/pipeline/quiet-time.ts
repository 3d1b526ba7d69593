// Which checks of a run are in quiet time — a maintenance window (the config's, evaluated by the caller) or a mute set
// from the terminal (read once per run from the store the CLI writes it to) — marked on each result before the policy
// judges it, and the mutes that ended since, announced once. A store that cannot be read silences nothing: the run's
// alerts go out, saying why no mute could be honoured.
import type { CheckResult } from '../result/types.ts';
import type { Quiet } from '../maintenance/quiet.ts';
import type { Store } from '../store/store.ts';
import type { CallOptions } from '../store/store.ts';
import { readMutes } from '../mute/mute-store.ts';
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

export interface QuietOptions {
  maintenance?: MaintenanceAt;
  /** Where mutes are kept (the shared store when there is one). Without it, only windows apply. */
  store?: Store;
  call: CallOptions;
  now?: () => number;
}

/** Marks `result.quiet` on each result in quiet time at its start; a mute read failure is a warning on every result. */
export async function markQuiet(results: CheckResult[], o: QuietOptions): Promise<void> {
  let mutes: Awaited<ReturnType<typeof readMutes>> = [];
  let problem: string | undefined;
  if (o.store && results.length) {
    try {
      mutes = await readMutes(o.store, (o.now ?? Date.now)(), { ...o.call, onUnreadable: (m) => (problem = `the mutes could not be read (${m}), so none was honoured`) });
    } catch (error) {
      problem = `the mutes could not be read (${(error as Error)?.message ?? String(error)}), so none was honoured`;
    }
  }
  for (const result of results) {
    const check = { name: result.name, tags: result.tags };
    const quiet = quieter(o.maintenance?.(check, result.startedAt), mutedAt(mutes, check, result.startedAt));
    if (quiet) result.quiet = quiet;
    if (problem) (result.warnings ??= []).push(problem);
  }
}

/** Mutes that ended, announced once (announceEnded claims them first); never throws. */
export async function announceEndedMutes(store: Store, announce: Announce, o: { call: CallOptions; timeZone: string; now?: () => number }): Promise<EndedAnnouncements | { error: string }> {
  try {
    return await announceEnded(store, (o.now ?? Date.now)(), announce, { ...o.call, timeZone: o.timeZone });
  } catch (error) {
    return { error: (error as Error)?.message ?? String(error) };
  }
}
