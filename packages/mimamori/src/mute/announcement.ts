// What the channel is told when a mute starts and ends: who, why, until when — in the config's time zone. Plain text:
// the sender escapes it for its channel (Slack's mrkdwn), so a reason like `<!channel>` pings no one.
import { formatDuration } from '../render/dashboard-html.ts';
import { shortStampWithZone } from '../render/time.ts';
import { ALL, TAG_PREFIX, type Mute, type MuteTarget } from './mute.ts';

/** `checkout`, `the checks tagged payments`, `every check`. */
export function targetInWords(target: MuteTarget): string {
  if (target === ALL) return 'every check';
  if (target.startsWith(TAG_PREFIX)) return `the checks tagged ${target.slice(TAG_PREFIX.length)}`;
  return target;
}

const why = (mute: Mute) => (mute.reason ? `: ${mute.reason}` : '');

/** `🔇 Muted checkout until 6 Dec, 10:30 JST (30 min), by alice: DB restart. …` */
export function muteStartText(mute: Mute, timeZone: string, replaced?: Mute): string {
  const was = replaced ? ` (replaces ${replaced.by}'s mute until ${shortStampWithZone(replaced.until, timeZone)})` : '';
  return `🔇 Muted ${targetInWords(mute.target)} until ${shortStampWithZone(mute.until, timeZone)} (${formatDuration(mute.until - mute.since)}), `
    + `by ${mute.by}${why(mute)}${was}. The checks still run and are recorded; their alerts are silenced until then.`;
}

/**
 * `🔔 The mute of checkout ended at 6 Dec, 10:30 JST (set by alice: DB restart): alerts are back on.` — or, ended early
 * with `mimamori unmute` (`early`), who ended it and when.
 */
export function muteEndText(mute: Mute, timeZone: string, early?: { by: string; at: number }): string {
  const set = `set by ${mute.by} at ${shortStampWithZone(mute.since, timeZone)}${why(mute)}`;
  if (early) return `🔔 ${early.by} unmuted ${targetInWords(mute.target)} at ${shortStampWithZone(early.at, timeZone)} (the mute was ${set}): alerts are back on.`;
  return `🔔 The mute of ${targetInWords(mute.target)} ended at ${shortStampWithZone(mute.until, timeZone)} (${set}): alerts are back on.`;
}
