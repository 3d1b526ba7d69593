// A log watch's state in the evidence bucket, <prefix>log-watches/<watch>.json: its open (or last) window, and the ids
// and fingerprints of what it posted lately, so a redelivery posts nothing. Written conditionally (If-Match /
// If-None-Match): two deliveries at once never lose each other's update.
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { LogMatchBatch } from '../notify/log-watch-message.ts';
import { episodeStore, type EpisodeStore } from '../episode/episode-store.ts';
import { remember as rememberIds } from '../episode/memory.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import { keySegment } from '../store/layout.ts';
import type { Store } from '../store/store.ts';
import { checkLogWatchState } from './window-state-shape.ts';

/** Event ids remembered (the newest): far more than one delivery's matches, so a retried delivery posts nothing. */
export const REMEMBERED_IDS = 1_000;
/**
 * Fingerprints of whole deliveries remembered (the newest): a retried delivery of more matches than REMEMBERED_IDS
 * would find its first lines forgotten and post them again; its fingerprint is known all the same.
 */
export const REMEMBERED_DELIVERIES = 200;
/**
 * A save after a post is tried this many times, each read again after a random pause of up to SAVE_JITTER_MS: in a
 * storm many deliveries write the one object, and a save given up is a Lambda retry that posts the lines again.
 */
export const SAVE_TRIES = 10;
export const SAVE_JITTER_MS = 100;

/** One watch's open (or last) window, as stored. */
export interface LogWindow {
  /** Where the window posts (SLACK_CHANNEL as configured): a window opened before it changed is not continued. */
  channel: string;
  /** Event time (epoch ms) of the first match, at most the clock's (a future-dated line): the window holds the matches logged before `until`. */
  openedAt: number;
  until: number;
  /** The delivery that claimed the window (its random id) and when, by the wall clock: before it posted the parent. */
  claim: string;
  claimedAt: number;
  /** The parent's thread (the notifier's ref), once posted: until then the window is claimed, and other deliveries wait for it. */
  thread?: ThreadRef;
  /** Lines posted in the window: the parent's running total. */
  count: number;
  /** Event time of the latest match posted in the window. */
  latest: number;
  /** What the parent shows (its batch, the first lines only): to update it with the running total. */
  first?: LogMatchBatch;
  /** Replies posted in the thread (at most MAX_REPLIES; later lines are counted only). */
  replies?: number;
  /** The count the parent shows, and when (wall clock) it was last updated. */
  shown?: number;
  updatedAt?: number;
}

/** One watch's state, as stored. */
export interface LogWatchState {
  watch: string;
  window?: LogWindow;
  /** Ids of the events posted lately, the newest last: a redelivery of them (a Lambda retry) posts nothing. */
  posted: string[];
  /** Fingerprints (deliveryFingerprint) of the deliveries posted lately, the newest last; none in older objects. */
  deliveries?: string[];
}

/** `log-watches/<watch name>.json` (the name as one key segment, like a check's state). */
export function logWatchKey(watch: string): string {
  return `log-watches/${keySegment(watch)}.json`;
}

/** What the state's readers and writers need: the store, a pause, and a log for what goes wrong without failing. */
export interface StateIo {
  store: Store;
  sleep: (ms: number) => Promise<void>;
  log: { warn(message: string, fields: Record<string, unknown>): void };
}

export const defaultSleep = (ms: number) => sleepMs(ms);

export interface LoadedState {
  state?: LogWatchState;
  version?: string;
}

/**
 * The watch's state as an episode object (episode/episode-store.ts): a corrupt one is read as none and replaced by the
 * next write, one with parts of the wrong type read without them (window-state-shape.ts) and said. A save after a
 * post is tried SAVE_TRIES times, each read again after a random pause of up to SAVE_JITTER_MS.
 */
function watchStates(io: Pick<StateIo, 'store' | 'log'> & Partial<Pick<StateIo, 'sleep'>>, watch: string): EpisodeStore<LogWatchState> {
  const key = logWatchKey(watch);
  return episodeStore(io.store, {
    key,
    shape: (json, repairs) => checkLogWatchState(json, watch, repairs),
    metadata: (state) => ({ watch: state.watch }),
    tries: SAVE_TRIES,
    beforeReread: async () => io.sleep?.(Math.round(Math.random() * SAVE_JITTER_MS)),
    onUnreadable: (message) => io.log.warn(`log watch ${watch}: ${message}`, { watch, key }),
  });
}

export async function readState(io: Pick<StateIo, 'store' | 'log'>, watch: string): Promise<LoadedState> {
  const key = logWatchKey(watch);
  const { value, version, repairs } = await watchStates(io, watch).read();
  if (repairs.length) io.log.warn(`log watch ${watch}: ${key}: ${repairs.join('; ')} in ${io.store.location}: repaired by the next write`, { watch, key });
  return { state: value, version };
}

export const writeState = (store: Store, state: LogWatchState, version: string | undefined) =>
  watchStates({ store, log: console }, state.watch).write(state, version);

/** Read, change, write back conditionally (again after a conflict, up to SAVE_TRIES): what `change` made of the last read. */
export async function saveState(io: StateIo, watch: string, change: (state: LogWatchState) => LogWatchState): Promise<LogWatchState> {
  const first = await readState(io, watch);
  const { value } = await watchStates(io, watch).update((loaded) => ({ value: change(loaded.value ?? { watch, posted: [] }) }), undefined, { value: first.state, version: first.version, repairs: [] });
  return value;
}

/** What the state keeps of a delivery's posted lines: their ids and its fingerprint, the newest of each. */
export const remember = (s: LogWatchState, ids: readonly string[], fingerprint: string): Pick<LogWatchState, 'posted' | 'deliveries'> => ({
  posted: rememberIds(s.posted, ids, REMEMBERED_IDS),
  deliveries: rememberIds(s.deliveries, [fingerprint], REMEMBERED_DELIVERIES),
});
