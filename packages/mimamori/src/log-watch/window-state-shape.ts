// What a stored log-watch state (log-watches/<watch>.json) must hold, checked as it is read: valid JSON with a part of
// the wrong type (`"deliveries": {}`, a window with no `until`, a first batch with no lines) would otherwise throw on
// every delivery of the watch, or post its lines wrongly. What can go is left out and said (the next write repairs the
// object): stray ids and fingerprints, a window (the next match opens a new one), a window's optional parts. Without its
// list of posted ids the object is no log-watch state, and is read as none (read-json.ts).
import { isRecord, MalformedObject } from '../store/read-json.ts';
import { isThreadRef, migrateLegacyThread } from '../episode/thread-ref.ts';
import type { LogWatchState, LogWindow } from './window-state.ts';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string';
const what = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Whether `b` is a batch a parent can be drawn from (log-watch-message.ts `LogMatchBatch`). */
function batchIsWhole(b: unknown): boolean {
  return isRecord(b) && ['watch', 'pattern', 'logGroup', 'logStream'].every((f) => text(b[f])) && Array.isArray(b.lines) && b.lines.every(text)
    && ['count', 'from', 'to'].every((f) => finite(b[f])) && ['link', 'fallbackLink'].every((f) => b[f] === undefined || text(b[f]));
}

/** Why `w` is no window (undefined when it is one). */
function windowProblem(w: unknown): string | undefined {
  if (!isRecord(w)) return `is ${what(w)}`;
  for (const f of ['channel', 'claim'] as const) if (!text(w[f])) return `has no ${f}`;
  for (const f of ['openedAt', 'until', 'claimedAt', 'count', 'latest'] as const) if (!finite(w[f])) return `has no ${f}`;
  // Its parent: a window whose ts (before the ref was the notifier's) or thread is not one cannot be replied in.
  if (w.ts !== undefined && !text(w.ts)) return 'has a ts that is not one';
  if (w.thread !== undefined && !isThreadRef(w.thread)) return 'has a thread that is not one';
  return undefined;
}

/** The window without its optional parts that are not of their type (said in `repairs`). */
function keptWindow(w: Record<string, unknown>, repairs: string[]): LogWindow {
  // Written before the thread was the notifier's own: Slack's ts (and the window's channel) read as Slack's ref.
  const kept: Record<string, unknown> = { ...migrateLegacyThread(w), channel: w.channel };
  if (kept.first !== undefined && !batchIsWhole(kept.first)) {
    delete kept.first;
    repairs.push("its window's first batch is malformed: left out, its parent keeps the count it shows");
  }
  for (const f of ['replies', 'shown', 'updatedAt'] as const) {
    if (kept[f] !== undefined && !finite(kept[f])) {
      delete kept[f];
      repairs.push(`its window's ${f} is not a number: left out`);
    }
  }
  return kept as unknown as LogWindow;
}

/** `list`'s text entries, the others said in `repairs`. */
function texts(list: unknown[], noun: [string, string], repairs: string[]): string[] {
  const kept = list.filter(text);
  const bad = list.length - kept.length;
  if (bad) repairs.push(`${bad} ${noun[bad === 1 ? 0 : 1]} left out`);
  return kept;
}

/**
 * The state as a delivery may use it: a copy without the parts that are not of their type, each said in `repairs`.
 * Throws MalformedObject when it has no list of posted ids (no log-watch state at all).
 */
export function checkLogWatchState(json: unknown, watch: string, repairs: string[]): LogWatchState {
  if (!isRecord(json) || !Array.isArray(json.posted)) throw new MalformedObject('not a log-watch state: no posted list');
  const state: Record<string, unknown> = { ...json, watch };
  if (json.watch !== watch) repairs.push(`its watch was ${JSON.stringify(json.watch) ?? 'missing'}, set to ${JSON.stringify(watch)} from its key`);
  state.posted = texts(json.posted, ['posted id that is not an id', 'posted ids that are not ids'], repairs);
  if (json.deliveries !== undefined) {
    if (Array.isArray(json.deliveries)) state.deliveries = texts(json.deliveries, ['delivery fingerprint that is not one', 'delivery fingerprints that are not ones'], repairs);
    else {
      delete state.deliveries;
      repairs.push('its deliveries are not a list: left out');
    }
  }
  if (json.window !== undefined) {
    const problem = windowProblem(json.window);
    if (problem) {
      delete state.window;
      repairs.push(`its window ${problem}: left out, the next match opens a new one`);
    } else state.window = keptWindow(json.window as Record<string, unknown>, repairs);
  }
  return state as unknown as LogWatchState;
}
