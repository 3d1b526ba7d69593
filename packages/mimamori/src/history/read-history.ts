// The one reader of history from a store (S3 or the local folder), for the dashboard and the daily digest alike: each
// check's state and its compact day history of the last few days. A corrupt state or day is said and left out (the
// one rule for corrupt objects, src/store/read-json.ts), never the end of the page. Reads go out a bounded number at a
// time (CHECKS_AT_ONCE checks, DAYS_AT_ONCE days each), whatever the number of checks.
import { daysBetween, readDays } from '../store/history-days.ts';
import { addDaySummary, readSummary, summariseDay } from '../store/history-summary.ts';
import { mapLimit } from '../result/map-limit.ts';
import { printable } from '../result/printable.ts';
import { checkFromSegment, keySegment, utcDay } from '../store/layout.ts';
import { parseJsonObject } from '../store/read-json.ts';
import { checkStateShape } from '../store/state.ts';
import type { Store } from '../store/store.ts';
import type { DashboardCheck, DashboardSource, DashboardState, OverviewSource } from './dashboard-model.ts';
import { overviewCheckOf, statusRank } from './dashboard-overview.ts';
import { FUTURE_SLACK_MS, OVERVIEW_DAYS, SPARK_HOURS } from './dashboard-data.ts';

const DAY = 86_400_000;
/** Checks read at once. */
export const CHECKS_AT_ONCE = 32;
/** Day objects of one check read at once: with CHECKS_AT_ONCE, at most 128 reads in flight (S3 serves thousands a second). */
export const DAYS_AT_ONCE = 4;

export interface ReadHistoryOptions {
  now: number;
  /** How many days back from `now`. */
  days: number;
  /** Only these checks (their names); default every check with a state or a history folder. */
  checks?: string[];
  warn: (message: string) => void;
}

/** The checks to read, as key segments with the name given for each (when named). */
async function checkSegments(store: Store, named: string[]): Promise<Map<string, string | undefined>> {
  const segments = new Map<string, string | undefined>();
  if (named.length) {
    for (const name of named) segments.set(keySegment(name), name);
    return segments;
  }
  // One level each (a delimiter listing, paged by the store at 1,000 a page): never the runs or days under them.
  const [states, history] = await Promise.all([store.list('state/'), store.list('history/')]);
  for (const key of states.keys) if (key.endsWith('.json')) segments.set(key.slice('state/'.length, -'.json'.length), undefined);
  for (const folder of history.folders) segments.set(folder.slice('history/'.length, -1), undefined);
  return segments;
}

async function readState(store: Store, segment: string, warn: (message: string) => void): Promise<DashboardState | undefined> {
  const bytes = await store.get(`state/${segment}.json`);
  if (!bytes) return undefined;
  const parsed = parseJsonObject(bytes, `state/${segment}.json`, checkStateShape);
  if ('value' in parsed) return parsed.value as DashboardState;
  warn(`${parsed.unreadable}: its status now is left out`);
  return undefined;
}

/** How every dashboard read of day objects goes: a few at a time, an unreadable day left out and said. */
const dayReads = (warn: (message: string) => void) => ({ concurrency: DAYS_AT_ONCE, onUnreadable: (key: string, error: Error) => warn(`${key} left out: ${error.message}`), warn });
/** A check asked for by name that has nothing to show. */
const notFound = (store: Store, name: string) => `No history or state of "${printable(name)}" in ${store.location}`;

/** Every check (or each named one) with its state and its days of history in the window; one with neither is left out. */
export async function readHistory(store: Store, o: ReadHistoryOptions): Promise<DashboardSource[]> {
  const named = (o.checks ?? []).map((c) => c.normalize('NFC'));
  return readWhole(store, await checkSegments(store, named), named.length > 0, o);
}

async function readWhole(store: Store, segments: Map<string, string | undefined>, named: boolean, o: ReadHistoryOptions): Promise<DashboardSource[]> {
  const sources = await mapLimit([...segments], CHECKS_AT_ONCE, async ([segment, given]): Promise<DashboardSource | undefined> => {
    const state = await readState(store, segment, o.warn);
    // The full name is in the state (a long name's segment keeps only its beginning), else in the day objects.
    const name = given ?? state?.check ?? checkFromSegment(segment);
    const days = await readDays(store, name, o.now - o.days * DAY, o.now, dayReads(o.warn));
    if (!state && days.length === 0) {
      if (named) o.warn(notFound(store, name));
      return undefined;
    }
    return { name: days.at(-1)?.check ?? name, days, state };
  });
  return sources.filter((s): s is DashboardSource => s !== undefined);
}

export interface ReadDashboardOptions extends ReadHistoryOptions {
  /** Checks detailed (charts, incidents, screenshots): the first this many, what is not passing first. */
  detail: number;
  /** Only checks with one of these tags. */
  tags?: string[];
}

export interface DashboardRead {
  /** The detailed checks, read whole. */
  detailed: DashboardSource[];
  /** The others, as their rows (dashboard-overview.ts): made while each check is read, so no check's runs stay in memory. */
  overview: DashboardCheck[];
  /** Checks a tag filter left out. */
  filteredOut: number;
}

/**
 * What the dashboard shows. Up to `detail` checks (and no tag filter): every check read whole, as ever. More: every
 * check's overview first — its state, summary and the days the summary lacks, about five reads a check once summaries
 * exist — then the first `detail` of them, what is not passing first, read whole. So a thousand checks cost O(checks)
 * reads, not O(checks × days).
 */
export async function readDashboard(store: Store, o: ReadDashboardOptions): Promise<DashboardRead> {
  const named = (o.checks ?? []).map((c) => c.normalize('NFC'));
  const segments = await checkSegments(store, named);
  if (!o.tags?.length && segments.size <= o.detail) return { detailed: await readWhole(store, segments, named.length > 0, o), overview: [], filteredOut: 0 };
  const overviewDays = Math.min(o.days, OVERVIEW_DAYS);
  const rowOf = (source: OverviewSource) => overviewCheckOf(source, { now: o.now, days: overviewDays, futureSlackMs: FUTURE_SLACK_MS, sparkHours: SPARK_HOURS });
  const rows = (await mapLimit([...segments], CHECKS_AT_ONCE, async ([segment, given]): Promise<{ name: string; state?: DashboardState; row: DashboardCheck } | undefined> => {
    // The state and the summary at once: the summary's key is the check's segment too.
    const [state, summary] = await Promise.all([readState(store, segment, o.warn), readSummary(store, segment, o.warn)]);
    const name = given ?? state?.check ?? checkFromSegment(segment);
    const except = new Set(summary?.days.map((d) => d.day));
    // A summary with every day of the window but the last one or two: those are read by their keys, without a listing.
    const from = utcDay(o.now - overviewDays * DAY);
    const gaps = daysBetween(from, utcDay(o.now)).filter((d) => !except.has(d));
    const unlisted = summary !== undefined && gaps.length <= 2 && gaps.every((d) => d >= utcDay(o.now - DAY));
    const days = await readDays(store, name, from, o.now, { ...dayReads(o.warn), except, unlisted });
    if (!state && days.length === 0 && !summary?.days.length) {
      if (named.length) o.warn(notFound(store, name));
      return undefined;
    }
    // Older days read whole (history from before summaries) become their summary at once, and the check becomes its row
    // here: a thousand checks' runs never sit in memory together, whatever their schedule.
    const recent = utcDay(o.now - DAY);
    const older = days.filter((d) => d.day < recent);
    const folded = older.reduce((sum, day) => addDaySummary(sum, summariseDay(day), summary ? undefined : day.tags ?? []), summary ?? { v: 1 as const, check: name, days: [] });
    const checkName = days.at(-1)?.check ?? (summary?.check || name);
    return { name: checkName, state, row: rowOf({ name: checkName, state, summary: older.length ? folded : summary, days: days.filter((d) => d.day >= recent) }) };
  })).filter((r) => r !== undefined);
  const wanted = o.tags?.length ? rows.filter(({ row }) => row.tags?.some((t) => o.tags!.includes(t))) : rows;
  wanted.sort((a, b) => statusRank(a.row) - statusRank(b.row) || (a.row.name < b.row.name ? -1 : a.row.name > b.row.name ? 1 : 0));
  const chosen = wanted.slice(0, o.detail);
  // The detailed ones read whole, their window's days again (today's too: a day more each, for not keeping every check's).
  const detailed = await mapLimit(chosen, CHECKS_AT_ONCE, async ({ name, state }): Promise<DashboardSource> => ({
    name, state, days: await readDays(store, name, o.now - o.days * DAY, o.now, dayReads(o.warn)),
  }));
  return { detailed, overview: wanted.slice(o.detail).map(({ row }) => row), filteredOut: rows.length - wanted.length };
}
