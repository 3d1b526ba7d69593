// The daily picture's inputs from a store (S3 or the local folder), the same objects the dashboard reads: each check's
// state and its compact day history of the last few days, then the latest screenshot's bytes of each check, embedded
// as data: URLs so the page rendered to the picture needs nothing but itself.
import type { HistoryDay } from '../store/history-days.ts';
import { readDays } from '../store/history-days.ts';
import { checkFromSegment } from '../store/layout.ts';
import { parseJsonObject } from '../store/read-json.ts';
import { checkStateShape } from '../store/state.ts';
import type { Store } from '../store/store.ts';
import { DIGEST_DAYS, digestHtml, digestLayout, digestSummary, type DigestData } from './digest.ts';

const DAY = 86_400_000;

/** The parts of `state/<check>.json` the digest uses (as the dashboard's DashboardState). */
export interface DigestState {
  check?: string;
  lastStatus?: 'passed' | 'degraded' | 'failed';
  lastRunAt?: string;
  incident?: { openedAt: string; openedRunId?: string } | null;
}

export interface DigestSource {
  name: string;
  days: HistoryDay[];
  state?: DigestState;
}

/** What turns the sources into the dashboard's data: src/cli/dashboard-data.ts's buildDashboard, passed in by the wiring. */
export type BuildData = (input: { checks: DigestSource[]; now: number; timeZone: string; days: number; links: (key: string) => string; warn?: (message: string) => void }) => DigestData;

/** Every check with a state or a history folder, with its state and the last `days` days of history. */
export async function readDigestSources(store: Store, now: number, warn: (message: string) => void, days = DIGEST_DAYS): Promise<DigestSource[]> {
  const [states, history] = await Promise.all([store.list('state/'), store.list('history/')]);
  const segments = new Set<string>();
  for (const key of states.keys) if (key.endsWith('.json')) segments.add(key.slice('state/'.length, -'.json'.length));
  for (const folder of history.folders) segments.add(folder.slice('history/'.length, -1));
  const sources = await Promise.all([...segments].map(async (segment): Promise<DigestSource | undefined> => {
    let state: DigestState | undefined;
    const bytes = await store.get(`state/${segment}.json`);
    if (bytes) {
      const parsed = parseJsonObject(bytes, `state/${segment}.json`, checkStateShape);
      if ('value' in parsed) state = parsed.value as DigestState;
      else warn(`${parsed.unreadable}: its status now is left out`);
    }
    const name = state?.check ?? checkFromSegment(segment);
    const checkDays = await readDays(store, name, now - days * DAY, now, { onUnreadable: (key, error) => warn(`${key} left out: ${error.message}`), warn });
    if (!state && checkDays.length === 0) return undefined;
    return { name: checkDays.at(-1)?.check ?? name, days: checkDays, state };
  }));
  return sources.filter((s): s is DigestSource => s !== undefined);
}

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

/** Each check's latest screenshot as a data: URL, by check name; one that cannot be read is left out (and said). */
export async function embedShots(store: Store, data: DigestData, warn: (message: string) => void): Promise<Map<string, string>> {
  const shots = new Map<string, string>();
  await Promise.all(data.checks.map(async (c) => {
    if (!c.latestShot) return;
    try {
      const bytes = await store.get(c.latestShot);
      if (!bytes) return warn(`${c.latestShot} (the latest screenshot of "${c.name}") is not in ${store.location}`);
      const mime = MIME[c.latestShot.split('.').pop()!.toLowerCase()] ?? 'image/png';
      shots.set(c.name, `data:${mime};base64,${bytes.toString('base64')}`);
    } catch (error) {
      warn(`${c.latestShot} left out: ${(error as Error).message}`);
    }
  }));
  return shots;
}

export interface Digest {
  data: DigestData;
  summary: string;
  html: string;
  size: { width: number; height: number };
}

/** The whole digest from the store: data, summary line, page and the picture's size. */
export async function makeDigest(store: Store, o: { now: number; timeZone: string; build: BuildData; warn: (message: string) => void }): Promise<Digest> {
  const sources = await readDigestSources(store, o.now, o.warn);
  // Links stay store keys: the screenshots are read from the store and embedded.
  const data = o.build({ checks: sources, now: o.now, timeZone: o.timeZone, days: DIGEST_DAYS, links: (key) => key, warn: o.warn });
  const summary = digestSummary(data);
  const shots = await embedShots(store, data, o.warn);
  const { width, height } = digestLayout(data.checks.length);
  return { data, summary, html: digestHtml(data, { shots, summary }), size: { width, height } };
}
