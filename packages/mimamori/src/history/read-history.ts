// The one reader of history from a store (S3 or the local folder), for the dashboard and the daily digest alike: each
// check's state and its compact day history of the last few days. A corrupt state or day is said and left out (the
// one rule for corrupt objects, src/store/read-json.ts), never the end of the page.
import { readDays } from '../store/history-days.ts';
import { printable } from '../result/printable.ts';
import { checkFromSegment, keySegment } from '../store/layout.ts';
import { parseJsonObject } from '../store/read-json.ts';
import { checkStateShape } from '../store/state.ts';
import type { Store } from '../store/store.ts';
import type { DashboardSource, DashboardState } from './dashboard-model.ts';

const DAY = 86_400_000;

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

/** Every check (or each named one) with its state and its days of history in the window; one with neither is left out. */
export async function readHistory(store: Store, o: ReadHistoryOptions): Promise<DashboardSource[]> {
  const named = (o.checks ?? []).map((c) => c.normalize('NFC'));
  const segments = await checkSegments(store, named);
  const sources = await Promise.all([...segments].map(async ([segment, given]): Promise<DashboardSource | undefined> => {
    const state = await readState(store, segment, o.warn);
    // The full name is in the state (a long name's segment keeps only its beginning), else in the day objects.
    const name = given ?? state?.check ?? checkFromSegment(segment);
    const days = await readDays(store, name, o.now - o.days * DAY, o.now, {
      onUnreadable: (key, error) => o.warn(`${key} left out: ${error.message}`),
      warn: o.warn,
    });
    if (!state && days.length === 0) {
      if (named.length) o.warn(`No history or state of "${printable(name)}" in ${store.location}`);
      return undefined;
    }
    return { name: days.at(-1)?.check ?? name, days, state };
  }));
  return sources.filter((s): s is DashboardSource => s !== undefined);
}
