// A run by name needs only the files that hold those names: once each name is found, a file still loading (top-level
// code awaiting something that never comes) is not waited for. Names are known only once a file is imported, so this
// waits on the loads as they settle and decides when enough is known.
import type { Diagnostic } from '../result/types.ts';
import { withinWaiting } from './import-timeout.ts';
import { checkName } from './name.ts';

/** What a run asks for by name, and the files it names (needed whatever else is found). */
export interface Wanted {
  /** Check names as typed (compared as NFC, as resolved names are). */
  names: string[];
  /** Absolute paths of the files named on the command line, directly or through a folder. */
  files: string[];
}

/**
 * Once the checks asked for are found, files still loading get this long (waiting time, as the import limit counts) to
 * finish: files load at once, so a healthy neighbour is usually done by then and checked for duplicate names as ever.
 */
export const SELECTION_GRACE_MS = 2_000;

export const waitGrace = (ms = SELECTION_GRACE_MS) => () => withinWaiting(new Promise<never>(() => {}), ms);

/** A settled file: its path and, when it is a valid check, the check's resolved name. */
export interface Settled {
  file: string;
  name?: string;
}

/**
 * Every wanted name is the name of a settled valid check and every wanted file has settled. Only a run by name can be
 * satisfied early: by folder, every file is wanted; by tag or --grep alone, any file still loading might hold a
 * matching check, and leaving it out would skip a check the run asked for without saying so.
 */
export function allFound(wanted: Wanted | undefined, settled: Settled[]): boolean {
  if (!wanted || wanted.names.length === 0) return false;
  const files = new Set(settled.map((s) => s.file));
  const names = new Set(settled.flatMap((s) => (s.name === undefined ? [] : [s.name])));
  return wanted.files.every((f) => files.has(f)) && wanted.names.every((n) => names.has(checkName(n)));
}

/**
 * Resolves when every load has settled, or — when `found()` turns true as a load settles — after `grace()` or every
 * load, whichever is first. The loads left pending keep running; nothing waits for them. (A load that rejects rejects
 * this, as Promise.all would.)
 */
export async function untilFound(loads: Promise<unknown>[], found: () => boolean, grace: () => Promise<unknown>): Promise<void> {
  const all = Promise.all(loads);
  const enough = new Promise<void>((resolve) => {
    for (const load of loads) load.then(() => found() && resolve(), () => {});
  });
  await Promise.race([all, enough.then(() => Promise.race([all, grace()]))]);
}

/** The benign note for a file not waited for: the run asked for nothing in it, but it was not fully checked. */
export function notWaitedFor(label: string): Diagnostic {
  return {
    file: label,
    message: 'still loading when the checks asked for were found; not waited for (still compiling, or its top-level code still running), so it was not checked for duplicate names',
    severity: 'note',
  };
}
