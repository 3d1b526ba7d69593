// Is this check muted at `now`? The one question the runner and the alert policy ask of mutes.
import type { Quiet } from '../maintenance/quiet.ts';
import { covers, isActive, type Mute } from './mute.ts';

/**
 * The mute that keeps `check` quiet at `now`, as a Quiet (always a silence: a muted check still runs and is recorded),
 * or undefined. When several cover it, the one lasting longest: that is when the check is heard again.
 */
export function mutedAt(mutes: readonly Mute[], check: { name: string; tags?: readonly string[] }, now: number): Quiet | undefined {
  let found: Mute | undefined;
  for (const mute of mutes) {
    if (isActive(mute, now) && covers(mute.target, check) && (!found || mute.until > found.until)) found = mute;
  }
  if (!found) return undefined;
  return {
    mode: 'silence', source: 'mute', name: found.target, by: found.by, since: found.since, until: found.until,
    ...(found.reason !== undefined && { reason: found.reason }),
  };
}
