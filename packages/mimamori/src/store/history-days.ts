// A check's compact history, one object per UTC day (`history/<check>/<yyyy>/<mm>/<dd>.json`): every run in a
// hundred-odd bytes — status, durations, failing step, error line, screenshot key, incident marks — written as runs
// happen, so the dashboard reads a month of a check in about thirty GETs instead of listing every result.json.
// Runs of one check may finish at the same moment: each run is added with a conditional write (read → add → write
// If-Match / If-None-Match, again on a conflict), so none is lost; a run added twice replaces itself. A broken day
// (history-day-shape.ts) is read without its broken parts, and the next run's write repairs or replaces it.
import type { Budget, CheckResult, CheckStatus, FailureClass, NotificationOutcome } from '../result/types.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';
import { stripAnsi } from '../result/strip-ansi.ts';
import { conditionalUpdate, unchangedSince } from './conditional-update.ts';
import { checkDay } from './history-day-shape.ts';
import { historyDayKey, historyMonthFolder, utcDay } from './layout.ts';
import { parseJsonObject, readJsonObject } from './read-json.ts';
import { resummariseDay, summariseFinishedDays } from './history-summary.ts';
import { mapLimit } from '../result/map-limit.ts';
import { StorageError, type CallOptions, type Store } from './store.ts';

export { historyDayKey };

/** One run, compact: what the dashboard, alert charts and the daily digest need. */
export interface HistoryRun {
  /** epoch ms the run started */
  t: number;
  /** run id */
  id: string;
  /** 'p' passed, 'd' degraded, 'f' failed (the final verdict: "slower than usual" is 'd') */
  s: 'p' | 'd' | 'f';
  /** journey duration, ms */
  ms: number;
  /**
   * step durations in ms, in step order, indexing the day's `steps` (always as long as it). Absent when the run's
   * steps are not the day's (a run that stopped early, one before the check's steps changed) or when a step was
   * skipped after a failure (it has no duration).
   */
  st?: number[];
  /** failing step name, when failed */
  fs?: string;
  /** first line of the error (redacted, ≤ 200 chars), when failed */
  e?: string;
  /** failure class, when failed */
  c?: FailureClass;
  /** key of the run's story screenshot (relative to the store root, e.g. runs/…/01-x.png) */
  shot?: string;
  /** 1 when the run opened an incident, 2 when it recovered one (from the notification decision) */
  i?: 1 | 2;
  /**
   * The quiet time the run was in (a maintenance window or a mute, src/maintenance/quiet.ts): kept on the run because
   * a mute is dropped from the store once it ends, and the dashboard and digest still show it after that.
   */
  q?: HistoryQuiet;
}

/** A run's quiet time, compact. */
export interface HistoryQuiet {
  /** 'p' pause (the dispatcher skips the check; a local run is still recorded), 's' silence */
  m: 'p' | 's';
  /** 'w' a maintenance window, 'm' a mute */
  k: 'w' | 'm';
  /** the window's name, or the mute's target as typed (`checkout`, `tag:payments`, `all`) */
  n: string;
  /** when the window or mute began and ends (epoch ms) */
  from: number;
  to: number;
  /** a mute's author and reason */
  by?: string;
  r?: string;
}

export interface HistoryDay {
  v: 1;
  /** the check's name (NFC) */
  check: string;
  /** 'YYYY-MM-DD' (UTC) */
  day: string;
  /** the step names the runs' `st` arrays index: the last seen (a run that stopped early does not shorten them) */
  steps: string[];
  /** the check's budget as its last run had it */
  budget?: Budget;
  /** the check's baseline journey ms (from its state) as of the last run written, once learned */
  usualMs?: number;
  /** the check's tags as its last run had them (absent: none): the large daily digest groups by them */
  tags?: string[];
  /** sorted by t; a run id appears once (a redelivered run replaces, never duplicates) */
  runs: HistoryRun[];
}

/** One run to add to its day. */
export interface HistoryEntry {
  /** The check's name. */
  check: string;
  run: HistoryRun;
  /** The run's step names in order: what its `st` indexes. */
  steps: string[];
  /** The check's budget (the result's); absent: the day's is kept. */
  budget?: Budget;
  /** The check's baseline journey ms; absent: the day's is kept. */
  usualMs?: number;
  /** The check's tags (the result's); absent: the day's are kept, empty: none. */
  tags?: string[];
}

/** An error line in the history is at most this many characters. */
export const ERROR_LINE_CHARS = 200;

const LETTER: Record<CheckStatus, HistoryRun['s']> = { passed: 'p', degraded: 'd', failed: 'f' };
/** A name, author or reason in the history is at most this many characters (a run stays small). */
export const QUIET_TEXT_CHARS = 120;

/** At most `max` characters (code points, never half of one), ending in `…` when cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * A result as a history run. `action` is what the alert policy decided for it: `open` and `recover` mark the run
 * (`i`). Call it after the evidence is stored: the screenshot's key is set then.
 */
export function historyRunOf(result: CheckResult, runId: string, action?: NotificationOutcome['action']): HistoryRun {
  const run: HistoryRun = { t: result.startedAt, id: runId, s: LETTER[result.status], ms: Math.round(result.durationMs) };
  if (result.steps.length > 0 && result.steps.every((s) => s.status !== 'skipped')) run.st = result.steps.map((s) => Math.round(s.durationMs));
  if (result.status === 'failed') {
    const step = result.error?.step ?? result.steps.find((s) => s.status === 'failed')?.name;
    if (step !== undefined) run.fs = step;
    const line = result.error && firstLine(stripAnsi(result.error.message));
    if (line) run.e = cut(line, ERROR_LINE_CHARS);
    if (result.error) run.c = result.error.class;
  }
  const shot = storyScreenshot(result)?.path;
  if (shot) run.shot = shot;
  if (action === 'open') run.i = 1;
  else if (action === 'recover') run.i = 2;
  if (result.quiet) run.q = historyQuietOf(result.quiet);
  return run;
}

/** A result's quiet time as the history keeps it. */
export function historyQuietOf(quiet: NonNullable<CheckResult['quiet']>): HistoryQuiet {
  const q: HistoryQuiet = { m: quiet.mode === 'pause' ? 'p' : 's', k: quiet.source === 'mute' ? 'm' : 'w', n: cut(quiet.name, QUIET_TEXT_CHARS), from: quiet.since, to: quiet.until };
  if (quiet.by) q.by = cut(quiet.by, QUIET_TEXT_CHARS);
  if (quiet.reason) q.r = cut(firstLine(stripAnsi(quiet.reason)), QUIET_TEXT_CHARS);
  return q;
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((n, k) => n === b[k]);
const isStrictPrefix = (a: string[], of: string[]) => a.length < of.length && a.every((n, k) => n === of[k]);

function compactBudget(budget: Budget): Budget | undefined {
  const out: Budget = {};
  if (typeof budget.degradedResponseTime === 'number') out.degradedResponseTime = budget.degradedResponseTime;
  if (typeof budget.maxResponseTime === 'number') out.maxResponseTime = budget.maxResponseTime;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The day with the entry's run added (or put in place of its earlier copy), runs sorted by start; pure, `day` is not
 * changed. The day's step names become the run's unless the run has none or stopped early (its names are the
 * beginning of the day's); then the other runs whose `st` no longer fits the names lose it.
 */
export function addRun(day: HistoryDay | undefined, entry: HistoryEntry): HistoryDay {
  const run: HistoryRun = { ...entry.run };
  // The same run again (a redelivery, which decides nothing): it keeps the incident mark its first delivery wrote.
  const earlier = day?.runs.find((r) => r.id === run.id);
  if (earlier?.i && !run.i) run.i = earlier.i;
  const next: HistoryDay = day
    ? { ...day, runs: day.runs.filter((r) => r.id !== run.id) }
    : { v: 1, check: entry.check, day: utcDay(run.t), steps: [], runs: [] };
  next.check = entry.check.normalize('NFC');
  const names = entry.steps;
  if (names.length === 0 || isStrictPrefix(names, next.steps)) {
    delete run.st;
  } else if (!sameNames(names, next.steps)) {
    next.steps = [...names];
    next.runs = next.runs.map((r) => {
      if (!r.st || r.st.length === names.length) return r;
      const { st: _dropped, ...rest } = r;
      return rest;
    });
  }
  if (run.st && run.st.length !== next.steps.length) delete run.st;
  next.runs.push(run);
  next.runs.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (entry.budget) {
    const budget = compactBudget(entry.budget);
    if (budget) next.budget = budget;
    else delete next.budget;
  }
  if (typeof entry.usualMs === 'number') next.usualMs = Math.round(entry.usualMs);
  if (entry.tags?.length) next.tags = entry.tags.map((t) => cut(t, QUIET_TEXT_CHARS));
  else if (entry.tags) delete next.tags;
  return next;
}

interface LoadedDay {
  day?: HistoryDay;
  version?: string;
}

/**
 * The day at `key` as a write finds it: a day with malformed runs without them, one that cannot be read at all (not
 * JSON, no list of runs) as none — both keep their version, so the write replaces them (read-json.ts); `said` is told
 * what was left out. A day of another version's format is thrown: never written over.
 */
async function readDay(store: Store, key: string, check: string, said: Set<string>, options?: CallOptions): Promise<LoadedDay> {
  const { value, version } = await readJsonObject(store, key, (json) => checkDay(json, key, check), { ...options, onUnreadable: (message) => said.add(message) });
  if (value?.repairs.length) said.add(`${key}: ${value.repairs.join('; ')}: repaired by this run's write`);
  return { day: value?.day, version };
}

/** A check's day read before its run is added (pipeline/read-ahead.ts): the key read, and the read, settled. */
export interface DayRead {
  key: string;
  read: Promise<{ loaded: LoadedDay; said: string[] } | { error: unknown }>;
}

/** Starts reading the day of `t` that appendRun will add `check`'s run to (never rejects). */
export function readDayAhead(store: Store, check: string, t: number, options?: CallOptions): DayRead {
  const key = historyDayKey(check, t);
  const said = new Set<string>();
  return { key, read: readDay(store, key, check, said, options).then((loaded) => ({ loaded, said: [...said] }), (error: unknown) => ({ error })) };
}

export interface AppendOptions extends CallOptions {
  /** Told what a broken day object lost when this write repaired or replaced it (a warning naming the key). */
  warn?: (message: string) => void;
  /** Epoch ms now (default: the clock): a run added to a day that has already ended may have to correct the summary. */
  now?: number;
  /**
   * The day as read earlier (readDayAhead), used as the first read when it is the run's day and was read: the write
   * names the version it read, so a day that changed since is a conflict, read again — as with any read.
   */
  ahead?: DayRead;
}

/**
 * Adds a run to its check's day (the UTC day it started) in `store`: read, add, written back only if no other run
 * wrote in between (else read again and add again, a few times: then the WriteConflict is thrown). Returns the day
 * as written.
 */
export async function appendRun(store: Store, entry: HistoryEntry, options: AppendOptions = {}): Promise<HistoryDay> {
  const { warn, now = Date.now(), ahead, ...call } = options;
  const key = historyDayKey(entry.check, entry.run.t);
  const said = new Set<string>();
  // Read ahead for another day (the run began past midnight UTC), or the read failed: read now.
  const early = ahead?.key === key ? await ahead.read : undefined;
  const first = early && 'loaded' in early ? (early.said.forEach((m) => said.add(m)), early.loaded) : undefined;
  let created = false;
  const written = await conditionalUpdate<LoadedDay, HistoryDay>({
    read: () => readDay(store, key, entry.check, said, call),
    change: (loaded) => ((created = loaded.version === undefined), addRun(loaded.day, entry)),
    write: (day, loaded) => store.put(key, JSON.stringify(day), {
      ...call,
      contentType: 'application/json',
      metadata: { check: day.check, day: day.day },
      ...unchangedSince(loaded.version),
    }),
  }, first);
  // The day's first run summarises the finished days (history-summary.ts): once a check a day, never the run's failure.
  if (created) {
    await summariseFinishedDays(store, entry.check, entry.run.t, call).catch((error: unknown) => {
      said.add(`the summary of the days before ${written.day} was not written (the dashboard reads those days whole; the next day's first run adds them): ${(error as Error).message}`);
    });
  }
  // A run added after its day ended (a redelivery, a run across midnight, a late local run): the next day's first run
  // may already have summarised that day without it, and the reader trusts the summary for the days it holds.
  if (written.day < utcDay(now)) {
    await resummariseDay(store, written, call).catch((error: unknown) => {
      said.add(`the summary of ${written.day} was not corrected for this late run (the dashboard shows that day without it): ${(error as Error).message}`);
    });
  }
  for (const message of said) warn?.(message);
  return written;
}

/** A day: `YYYY-MM-DD`, or a time (epoch ms) whose UTC day is meant. */
export type DayBound = string | number;

export interface ReadDaysOptions extends CallOptions {
  /** Day objects fetched at once (default 16). */
  concurrency?: number;
  /** Told about a day object that cannot be read (not JSON, another version's), which is then left out; without it, thrown. */
  onUnreadable?: (key: string, error: Error) => void;
  /** Told about the malformed runs left out of a day that was read (a warning naming the key). */
  warn?: (message: string) => void;
  /** Days (`YYYY-MM-DD`) not to read: the caller has them (a summary's days, history-summary.ts). */
  except?: ReadonlySet<string>;
  /**
   * Only the days of the range not in `except` are read, each straight by its key without listing the months (one that
   * is not there is no day): for a caller whose summary holds every other day, so at most a day or two is missing.
   */
  unlisted?: boolean;
}

function dayOf(bound: DayBound): string {
  if (typeof bound === 'number') return utcDay(bound);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bound) || Number.isNaN(Date.parse(`${bound}T00:00:00Z`))) throw new RangeError(`a day is YYYY-MM-DD, got '${bound}'`);
  return bound;
}

/** The months from `from` to `to` (days, inclusive) as [year, month 1–12]. */
function monthsBetween(from: string, to: string): [number, number][] {
  const months: [number, number][] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastYear = Number(to.slice(0, 4));
  const lastMonth = Number(to.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push([year, month]);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

const DAY_FILE = /\/(\d{4})\/(\d{2})\/(\d{2})\.json$/;

/** Every day from `from` to `to` (both included), `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); utcDay(t) <= to; t += 86_400_000) days.push(utcDay(t));
  return days;
}

/**
 * A check's history days from `fromDay` to `toDay` (UTC, both included), oldest first; days without runs are not
 * there. One listing per month in range, then one GET per day found.
 */
export async function readDays(store: Store, check: string, fromDay: DayBound, toDay: DayBound, options: ReadDaysOptions = {}): Promise<HistoryDay[]> {
  const { concurrency = 16, onUnreadable, warn, except, unlisted, ...call } = options;
  const from = dayOf(fromDay);
  const to = dayOf(toDay);
  if (from > to) return [];
  const listings = unlisted
    ? [{ keys: daysBetween(from, to).map((day) => historyDayKey(check, Date.parse(`${day}T00:00:00Z`))) }]
    : await Promise.all(monthsBetween(from, to).map(([year, month]) => store.list(historyMonthFolder(check, year, month), call)));
  const keys = listings.flatMap((l) => l.keys).filter((key) => {
    const m = DAY_FILE.exec(key);
    const day = m && `${m[1]}-${m[2]}-${m[3]}`;
    return day !== null && day >= from && day <= to && !except?.has(day);
  });
  const days = await mapLimit(keys, concurrency, async (key) => {
    const bytes = await store.get(key, call);
    if (!bytes) return undefined; // removed since the listing (pruned)
    try {
      const parsed = parseJsonObject(bytes, key, (json) => checkDay(json, key, check));
      if ('unreadable' in parsed) throw new StorageError(`history day ${parsed.unreadable}`);
      if (parsed.value.repairs.length) warn?.(`${key}: ${parsed.value.repairs.join('; ')}`);
      return parsed.value.day;
    } catch (error) {
      if (!onUnreadable) throw error;
      onUnreadable(key, error as Error);
      return undefined;
    }
  });
  return days.filter((d): d is HistoryDay => d !== undefined).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
