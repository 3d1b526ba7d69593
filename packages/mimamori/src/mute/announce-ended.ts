// A mute that ran out is announced once, by whichever run (or command) notices first: it claims the ended mutes by
// removing them with a conditional write — of two callers at once, one write lands and the other, reading again, finds
// nothing left to claim — and only then posts. So the end is told at most once; a post that fails is returned, not
// retried (a repeat would be worse than a gap the caller reports).
import type { Store } from '../store/store.ts';
import { muteEndText } from './announcement.ts';
import type { Mute } from './mute.ts';
import { ANNOUNCE_WINDOW_MS, kept, muteStore, type MuteList, type MuteStoreOptions } from './mute-store.ts';
import type { LoadedEpisode } from '../episode/episode-store.ts';

/** Tells the channel(s) one announcement, as plain text (the notifier escapes it). */
export type Announce = (text: string) => Promise<unknown>;

export interface EndedAnnouncements {
  /** Ended mutes claimed and posted. */
  announced: Mute[];
  /** Ended mutes claimed whose post failed. */
  failed: { mute: Mute; error: Error }[];
}

export async function announceEnded(
  store: Store, now: number, post: Announce, options: MuteStoreOptions & { timeZone?: string; first?: LoadedEpisode<MuteList> } = {},
): Promise<EndedAnnouncements> {
  // `first`: the list as the caller already read it (a run reads it once, for its quiet time too).
  const { onUnreadable, timeZone = 'UTC', first, ...call } = options;
  const { claimed } = await muteStore(store, { onUnreadable }).update((loaded) => {
    const mutes = loaded.value?.mutes ?? [];
    const ended = mutes.filter((m) => m.until <= now);
    return { claimed: ended, value: ended.length ? { mutes: kept(mutes.filter((m) => m.until > now), now) } : undefined };
  }, call, first);
  const result: EndedAnnouncements = { announced: [], failed: [] };
  // Ended more than a day ago (nobody ran since): dropped quietly, as a write would have.
  for (const mute of claimed.filter((m) => now - m.until < ANNOUNCE_WINDOW_MS)) {
    try {
      await post(muteEndText(mute, timeZone));
      result.announced.push(mute);
    } catch (error) {
      result.failed.push({ mute, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return result;
}
