// A check's finished days in one small object (`history/<check>/summary.json`): per UTC hour, the runs that count for
// uptime, those that were up, and the journey's p50/p95; per day, the paused stretches. The dashboard's overview of a
// thousand checks reads this and the day still running — about five reads a check — instead of thirty day objects of
// every run. Written by the first run of a UTC day, for the finished days it lacks (appendRun in history-days.ts): the
// summary's read, the day before's read, and a conditional write per check per day. A day it does not hold (history
// from before it, a write that failed) is read whole by the reader: it is an index, never the only copy.
import { checkDay } from './history-day-shape.ts';
import { conditionalUpdate, unchangedSince } from './conditional-update.ts';
import type { HistoryDay, HistoryRun } from './history-days.ts';
import { historyDayKey, keySegment, utcDay } from './layout.ts';
import { isRecord, MalformedObject, parseJsonObject, readJsonObject } from './read-json.ts';
import type { CallOptions, Store } from './store.ts';
import { percentile } from '../result/percentile.ts';

/** One UTC hour with runs: [hour 0–23, runs counted for uptime, of them up, journey p50 ms, p95 ms (null: all failed)]. */
export type SummaryHour = [number, number, number, number | null, number | null];

export interface DaySummary {
  /** 'YYYY-MM-DD' (UTC) */
  day: string;
  /** runs in the day, all of them */
  n: number;
  /** the hours with runs, in order */
  h: SummaryHour[];
  /** paused stretches [start, end] (epoch ms), from the runs' quiet marks; absent: none */
  p?: [number, number][];
}

export interface HistorySummary {
  v: 1;
  check: string;
  /** the check's tags as its newest summarised day had them; absent: none */
  tags?: string[];
  /** oldest first, one per day, at most SUMMARY_DAYS */
  days: DaySummary[];
}

/** Days a summary keeps: the overview's longest uptime window (30 days) and a margin. */
export const SUMMARY_DAYS = 32;

const HOUR = 3_600_000;

/** `history/<segment>/summary.json`, by the check's key segment (layout.ts): beside the year folders, so a month's listing never holds it. */
const summaryKeyOf = (segment: string) => `history/${segment}/summary.json`;
/** The check's summary key. */
export const summaryKey = (check: string) => summaryKeyOf(keySegment(check));


/**
 * Whether a run counts for uptime — the one rule, the dashboard's (dashboard-data.ts's `uptime`) and the summary's: a run
 * the monitor could not make (failure class `runner`) and a paused run say nothing of the site; a degraded run is up.
 */
export const countsForUptime = (r: HistoryRun) => !(r.s === 'f' && r.c === 'runner') && r.q?.m !== 'p';

/** The runs' hours and pauses, `from`–`to` bounding the pauses (a UTC day's, for a day object). Pure. */
export function summariseRuns(day: string, runs: HistoryRun[], from: number, to: number): DaySummary {
  const hours = new Map<number, { counted: number; up: number; ms: number[] }>();
  for (const r of runs) {
    const t = Math.floor(r.t / HOUR) * HOUR;
    let hour = hours.get(t);
    if (!hour) hours.set(t, (hour = { counted: 0, up: 0, ms: [] }));
    if (countsForUptime(r)) {
      hour.counted++;
      if (r.s !== 'f') hour.up++;
    }
    if (r.s !== 'f') hour.ms.push(r.ms);
  }
  const h = [...hours].sort(([a], [b]) => a - b).map(([t, x]): SummaryHour => {
    const ms = x.ms.sort((a, b) => a - b);
    return [new Date(t).getUTCHours(), x.counted, x.up, ms.length ? percentile(ms, 50) : null, ms.length ? percentile(ms, 95) : null];
  });
  const summary: DaySummary = { day, n: runs.length, h };
  // A pause's stretch: from its first run (or when it began, not before the run before it) to its last run's end.
  const p: [number, number][] = [];
  for (let k = 0; k < runs.length; k++) {
    const q = runs[k]!.q;
    if (q?.m !== 'p') continue;
    let last = k;
    while (runs[last + 1]?.q?.m === 'p' && runs[last + 1]!.q!.from === q.from && runs[last + 1]!.q!.n === q.n) last++;
    const start = Math.min(runs[k]!.t, Math.max(q.from, k > 0 ? runs[k - 1]!.t : from, from));
    const end = Math.max(runs[last]!.t, Math.min(runs[last]!.q!.to, runs[last + 1]?.t ?? to, to));
    p.push([start, end]);
    k = last;
  }
  if (p.length) summary.p = p;
  return summary;
}

/** A day object's summary. */
export function summariseDay(day: HistoryDay): DaySummary {
  const from = Date.parse(`${day.day}T00:00:00Z`);
  return summariseRuns(day.day, day.runs, from, from + 24 * HOUR);
}

/** The summary with `day` added (in place of an earlier copy), days older than SUMMARY_DAYS before the newest dropped. */
export function addDaySummary(summary: HistorySummary | undefined, day: DaySummary & { check?: string }, tags?: string[]): HistorySummary {
  const { check, ...entry } = day;
  const days = [...(summary?.days ?? []).filter((d) => d.day !== entry.day), entry].sort((a, b) => (a.day < b.day ? -1 : 1));
  const newest = Date.parse(`${days.at(-1)!.day}T00:00:00Z`);
  const next: HistorySummary = { v: 1, check: summary?.check ?? check ?? '', days: days.filter((d) => Date.parse(`${d.day}T00:00:00Z`) > newest - SUMMARY_DAYS * 24 * HOUR) };
  const kept = tags ?? summary?.tags;
  if (kept?.length) next.tags = kept;
  return next;
}

const isInt = (v: unknown) => Number.isInteger(v);
/** Written plainly: a thousand summaries hold about 750,000 hours. */
const isHour = (h: unknown) => Array.isArray(h) && h.length === 5 && isInt(h[0]) && isInt(h[1]) && isInt(h[2])
  && (h[3] === null || typeof h[3] === 'number') && (h[4] === null || typeof h[4] === 'number');

/** What a stored summary must be; a day of the wrong shape is left out (the reader reads that day whole instead). */
export function checkSummary(json: unknown): HistorySummary {
  if (!isRecord(json) || json.v !== 1 || typeof json.check !== 'string' || !Array.isArray(json.days)) throw new MalformedObject('not a summary of version 1');
  const days = json.days.filter((d): d is DaySummary => isRecord(d) && typeof d.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.day) && isInt(d.n)
    && Array.isArray(d.h) && d.h.every(isHour) && (d.p === undefined || (Array.isArray(d.p) && d.p.every((x) => Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number')))));
  const summary: HistorySummary = { v: 1, check: json.check, days };
  if (Array.isArray(json.tags) && json.tags.every((t) => typeof t === 'string') && json.tags.length) summary.tags = json.tags as string[];
  return summary;
}

/**
 * The summary of the check whose key segment (layout.ts) is `segment`, or undefined (none, or unreadable: then `warn`
 * is told, and the days are read whole).
 */
export async function readSummary(store: Store, segment: string, warn?: (message: string) => void, options?: CallOptions): Promise<HistorySummary | undefined> {
  const key = summaryKeyOf(segment);
  const bytes = await store.get(key, options);
  if (!bytes) return undefined;
  const parsed = parseJsonObject(bytes, key, checkSummary);
  if ('value' in parsed) return parsed.value;
  warn?.(`${parsed.unreadable}: its days are read whole`);
  return undefined;
}

/**
 * A finished day's summary from its day object; a day with no object (no run: paused, not scheduled) is an empty day.
 * A day that cannot be summarised (unreadable, or another version's format) is left out: the reader reads it whole.
 */
async function daySummaryOf(store: Store, check: string, dayStart: number, options: CallOptions): Promise<{ entry: DaySummary; tags?: string[] } | undefined> {
  const day = utcDay(dayStart);
  const key = historyDayKey(check, dayStart);
  const bytes = await store.get(key, options);
  if (!bytes) return { entry: { day, n: 0, h: [] } };
  try {
    const parsed = parseJsonObject(bytes, key, (json) => checkDay(json, key, check));
    if ('unreadable' in parsed || parsed.value.day.day !== day) return undefined;
    return { entry: summariseDay(parsed.value.day), tags: parsed.value.day.tags ?? [] };
  } catch {
    return undefined;
  }
}

/**
 * Writes `change` of the check's summary back only if it is still the version `first` read (a conflict reads it again
 * and changes that): two runs summarising at once lose nothing.
 */
async function updateSummary(store: Store, check: string, change: (loaded: HistorySummary | undefined) => HistorySummary, first: Awaited<ReturnType<typeof readSummaryObject>>, options: CallOptions): Promise<void> {
  await conditionalUpdate({
    read: () => readSummaryObject(store, check, options),
    change: (loaded) => change(loaded.value),
    write: (next, loaded) => store.put(summaryKey(check), JSON.stringify(next), { ...options, contentType: 'application/json', metadata: { check }, ...unchangedSince(loaded.version) }),
  }, first);
}

/** The check's summary object as stored, with its version. */
const readSummaryObject = (store: Store, check: string, options: CallOptions) => readJsonObject(store, summaryKey(check), checkSummary, options);

/**
 * Summarises `day` again into its check's summary, if the summary already holds it or a later day — a run added to a
 * day after the day's summary was written. A summary that has not reached the day is left alone: the next day's first
 * run summarises it whole. One read; a conditional write only when the summary changes.
 */
export async function resummariseDay(store: Store, day: HistoryDay, options: CallOptions = {}): Promise<void> {
  const current = await readSummaryObject(store, day.check, options);
  const newest = current.value?.days.at(-1)?.day;
  if (!newest || newest < day.day) return;
  await updateSummary(store, day.check, (loaded) => addDaySummary(loaded, { ...summariseDay(day), check: day.check }), current, options);
}

/**
 * Adds the finished days the check's summary lacks — from the day after its newest (at most SUMMARY_DAYS back) to the
 * day before `t`'s UTC day — each from its day object, a day without one as an empty day: a check that did not run on
 * a Saturday, or whose day's first run failed to write the summary, is filled in by the next day's first run. Usually
 * two reads (the summary, the day before); a check's first summary looks at the whole window once. A conditional write
 * like the day's own; an unreadable summary is replaced. Returns the days added.
 */
export async function summariseFinishedDays(store: Store, check: string, t: number, options: CallOptions = {}): Promise<DaySummary[]> {
  const today = Date.parse(`${utcDay(t)}T00:00:00Z`);
  const current = await readSummaryObject(store, check, options);
  const newest = current.value?.days.at(-1)?.day;
  // Without a summary yet (a new check, or history from before summaries) the whole window is looked at once, and the
  // summary begins with the first day that has runs: a check's days before it existed are not empty days.
  const from = Math.max(today - SUMMARY_DAYS * 24 * HOUR, newest ? Date.parse(`${newest}T00:00:00Z`) + 24 * HOUR : -Infinity);
  const starts: number[] = [];
  for (let d = from; d < today; d += 24 * HOUR) starts.push(d);
  const all = (await Promise.all(starts.map((d) => daySummaryOf(store, check, d, options)))).filter((f) => f !== undefined);
  const firstWithRuns = all.findIndex((f) => f.entry.n > 0);
  // No run in the window yet (a new check's first day): no summary yet — the next day's first run finds this day.
  const found = newest ? all : firstWithRuns >= 0 ? all.slice(firstWithRuns) : [];
  if (!found.length) return [];
  const tags = [...found].reverse().find((f) => f.tags)?.tags;
  // The first read is the one above; a conflict reads the summary again and adds the same days to it.
  await updateSummary(store, check, (loaded) => found.reduce((sum, f) => addDaySummary(sum, f.entry, tags), loaded ?? { v: 1 as const, check, days: [] }), current, options);
  return found.map((f) => f.entry);
}
