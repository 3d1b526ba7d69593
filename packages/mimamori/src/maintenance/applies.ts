// Which checks a window covers: those it names, those with one of its tags; every check when it names neither.
import { checkName } from '../check/name.ts';
import type { MaintenanceWindow } from '../check/types.ts';

/** The part of a check a window is matched against. */
export interface QuietTarget {
  name: string;
  tags?: readonly string[];
}

export function appliesTo(window: Pick<MaintenanceWindow, 'checks' | 'tags'>, check: QuietTarget): boolean {
  if (!window.checks?.length && !window.tags?.length) return true;
  // Names compare as NFC, as everywhere a check is looked up.
  return (window.checks ?? []).some((c) => checkName(c) === checkName(check.name)) || (window.tags ?? []).some((t) => check.tags?.includes(t));
}
