// A check as data: everything the host process needs (name, options, alerts) without its code, which only ever runs
// in a worker process.
import type { ResolvedCheck } from './types.ts';

export type CheckData = Omit<ResolvedCheck, 'run'> & {
  /** Absolute path of the check file, for the worker to import (absent on Lambda, where checks are compiled in). */
  source?: string;
};

export function checkData(check: ResolvedCheck, source?: string): CheckData {
  const { run: _run, ...data } = check;
  return source === undefined ? data : { ...data, source };
}
