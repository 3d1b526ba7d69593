// The mutes in the shared store (S3 when configured, else the local results folder): one object, `mutes/active.json`,
// changed only by conditional writes (episode-store.ts), so two people muting at once both land. Expiry needs no job:
// a read ignores mutes that are over, and every write drops them — once their end was announced (announce-ended.ts),
// or a day after they ended when nobody was there to announce it.
import { episodeStore, type EpisodeStore } from '../episode/episode-store.ts';
import { MUTES_KEY } from '../store/layout.ts';
import { isRecord, MalformedObject } from '../store/read-json.ts';
import type { CallOptions, Store } from '../store/store.ts';
import { ALL, isActive, type Mute, type MuteTarget } from './mute.ts';

export interface MuteList {
  mutes: Mute[];
}

/** An ended mute waits this long for its end to be announced; later, telling the channel would only be noise. */
export const ANNOUNCE_WINDOW_MS = 24 * 3600_000;

export type MuteStoreOptions = CallOptions & { onUnreadable?: (message: string) => void };

function muteOf(json: unknown): Mute | undefined {
  if (!isRecord(json)) return undefined;
  const { target, by, reason, since, until } = json;
  if (typeof target !== 'string' || !target || typeof by !== 'string') return undefined;
  if (typeof since !== 'number' || typeof until !== 'number' || !Number.isFinite(since) || !Number.isFinite(until)) return undefined;
  return { target, by, ...(typeof reason === 'string' && { reason }), since, until };
}

/** The stored object as a MuteList: an entry that is not a mute is left out and said (the next write drops it). */
export function muteListShape(json: unknown, repairs: string[]): MuteList {
  if (!isRecord(json) || !Array.isArray(json.mutes)) throw new MalformedObject('not an object with a list of mutes');
  const mutes: Mute[] = [];
  json.mutes.forEach((entry, i) => {
    const mute = muteOf(entry);
    if (mute) mutes.push(mute);
    else repairs.push(`mutes[${i}] is not a mute: left out`);
  });
  return { mutes };
}

/** What a write keeps: mutes not over yet, and those over whose end is still to be announced. */
export const kept = (mutes: readonly Mute[], now: number) => mutes.filter((m) => m.until > now || now - m.until < ANNOUNCE_WINDOW_MS);

export function muteStore(store: Store, options: Pick<MuteStoreOptions, 'onUnreadable'> = {}): EpisodeStore<MuteList> {
  return episodeStore(store, {
    key: MUTES_KEY,
    shape: muteListShape,
    indent: 2,
    // People at their terminals who collided once should not collide again in step.
    beforeReread: () => new Promise((resolve) => setTimeout(resolve, Math.random() * 50)),
    onUnreadable: options.onUnreadable,
  });
}

/**
 * The mutes in force at `now` — what a run honours. A corrupt object is read as none (told to `onUnreadable`): a
 * broken mute must not silence alerts.
 */
export async function readMutes(store: Store, now: number, options: MuteStoreOptions = {}): Promise<Mute[]> {
  const { onUnreadable, ...call } = options;
  const { value } = await muteStore(store, { onUnreadable }).read(call);
  return activeMutes(value, now);
}

/** The mutes of a list read that are in force at `now`. */
export const activeMutes = (list: MuteList | undefined, now: number): Mute[] => (list?.mutes ?? []).filter((m) => isActive(m, now));

/** Adds `mute`; a mute of the same target is replaced (returned: it was in force, or had just ended). */
export async function addMute(store: Store, mute: Mute, now: number, options: MuteStoreOptions = {}): Promise<{ replaced?: Mute }> {
  const { onUnreadable, ...call } = options;
  const { replaced } = await muteStore(store, { onUnreadable }).update((loaded) => {
    const mutes = kept(loaded.value?.mutes ?? [], now);
    const before = mutes.find((m) => m.target === mute.target && isActive(m, now));
    return { replaced: before, value: { mutes: [...mutes.filter((m) => m.target !== mute.target), mute] } };
  }, call);
  return replaced ? { replaced } : {};
}

/**
 * Ends the mutes in force whose target is `target` as typed (`all`: every one). Returns those removed (none: nothing
 * was written) and the ones still in force.
 */
export async function removeMutes(store: Store, target: MuteTarget, now: number, options: MuteStoreOptions = {}): Promise<{ removed: Mute[]; active: Mute[] }> {
  const { onUnreadable, ...call } = options;
  const ends = (m: Mute) => isActive(m, now) && (target === ALL || m.target === target);
  const { removed, active } = await muteStore(store, { onUnreadable }).update((loaded) => {
    const mutes = kept(loaded.value?.mutes ?? [], now);
    const removed = mutes.filter(ends);
    const rest = mutes.filter((m) => !ends(m));
    return { removed, active: rest.filter((m) => isActive(m, now)), value: removed.length ? { mutes: rest } : undefined };
  }, call);
  return { removed, active };
}
