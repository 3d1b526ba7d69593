// The next times a window is open, for `mimamori validate` (and docs): occurrences joined where they touch (SAT and
// SUN 00:00–24:00 is one weekend), the one open now first.
import { joined, occurrences, type Interval } from './occurrences.ts';
import type { ResolvedMaintenanceWindow } from './resolve.ts';

const DAY = 86_400_000;
const STEP = 14 * DAY;
/** How far ahead to look: a yearly cron window shows its next one; a window that never opens again shows none. */
const HORIZON = 2 * 366 * DAY;

export function nextWindows(window: ResolvedMaintenanceWindow, now: number, n = 3): Interval[] {
  // The two weeks before now too: the window open now is shown from its start (a weekend from Saturday, on Sunday).
  const found: Interval[] = [...occurrences(window, now - STEP, now)];
  for (let from = now; from < now + HORIZON; from += STEP) {
    found.push(...occurrences(window, from, from + STEP));
    // One more than asked: the nth may still grow into the next stretch looked at.
    if (joined(found).filter((i) => i.end > now).length > n) break;
  }
  return joined(found).filter((i) => i.end > now).slice(0, n);
}
