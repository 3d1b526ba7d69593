// A mute: "quiet for this check, tag or everything until then", set from the terminal (`mimamori mute`), kept in the
// shared store, honoured by every run until it expires by itself. Its alerts are silenced; the checks still run.

/** What a mute covers, as typed: a check's name, `tag:NAME`, or `all`. */
export type MuteTarget = string;

export interface Mute {
  target: MuteTarget;
  /** Who muted: `--by`, else the git user, else the OS user. */
  by: string;
  reason?: string;
  /** Epoch ms. */
  since: number;
  /** Epoch ms: the mute is over from this moment on, by itself. */
  until: number;
}

/** A mute is for a planned moment ("DB restart"); a longer quiet time belongs in the config's maintenance windows. */
export const MAX_MUTE_MS = 7 * 24 * 3600_000;

/** Muting every check at once. */
export const ALL = 'all';
export const TAG_PREFIX = 'tag:';

/**
 * In force from when it is stored until `until` — never further ahead than the longest mute (and a day's skew). `since` is when it was set, for people: a laptop whose clock runs
 * ahead of the monitor's must not delay a mute meant for now.
 */
export const isActive = (mute: Mute, now: number) => now < mute.until && mute.until - now <= MAX_MUTE_MS + CLOCK_SKEW_MS;

/**
 * How far a mute's end may lie beyond the longest mute, as this clock sees it: a laptop's clock that runs ahead. A mute
 * ending later than that (a wrong clock, an edited object) silences nothing: it is never in force.
 */
export const CLOCK_SKEW_MS = 24 * 3600_000;

/** Does `target` cover this check? */
export function covers(target: MuteTarget, check: { name: string; tags?: readonly string[] }): boolean {
  if (target === ALL) return true;
  if (target.startsWith(TAG_PREFIX)) return (check.tags ?? []).includes(target.slice(TAG_PREFIX.length));
  return target === check.name;
}
