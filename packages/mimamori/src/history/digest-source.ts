// The daily picture's data from a store (S3 or the local folder): the dashboard's data of every check over the last
// few days (read-history.ts, dashboard-data.ts), then the latest screenshot's bytes of each check the picture shows,
// embedded as data: URLs so the page rendered to the picture (src/render/digest-page.ts) needs nothing but itself.
// Only those: at 1,000 checks the picture shows a dozen cards, and 1,000 GETs of screenshots would be waste.
import type { Store } from '../store/store.ts';
import { buildDashboard } from './dashboard-data.ts';
import type { DashboardCheck, DashboardData } from './dashboard-model.ts';
import { readHistory } from './read-history.ts';

/** How many days of history the digest reads: enough for the 24 h uptime and for yesterday in any zone (±14 h). */
export const DIGEST_DAYS = 3;

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

/** Each given check's latest screenshot as a data: URL, by check name; one that cannot be read is left out (and said). */
export async function embedShots(store: Store, checks: readonly Pick<DashboardCheck, 'name' | 'latestShot'>[], warn: (message: string) => void): Promise<Map<string, string>> {
  const shots = new Map<string, string>();
  await Promise.all(checks.map(async (c) => {
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

export interface DigestSource {
  data: DashboardData;
  /** The latest screenshot of each check shown, by name, as a data: URL. */
  shots: Map<string, string>;
}

export interface ReadDigestOptions {
  now: number;
  timeZone: string;
  warn: (message: string) => void;
  /** The checks whose screenshot the picture shows (src/render/digest-board.ts's shownChecks): only theirs are read. */
  shown: (data: DashboardData) => readonly Pick<DashboardCheck, 'name' | 'latestShot'>[];
}

/** What the digest shows, from the store: every check's data, and the latest screenshot of each check shown. */
export async function readDigest(store: Store, o: ReadDigestOptions): Promise<DigestSource> {
  const sources = await readHistory(store, { now: o.now, days: DIGEST_DAYS, warn: o.warn });
  // Links stay store keys: the screenshots are read from the store and embedded.
  const data = buildDashboard({ checks: sources, now: o.now, timeZone: o.timeZone, days: DIGEST_DAYS, links: (key) => key, warn: o.warn });
  return { data, shots: await embedShots(store, o.shown(data), o.warn) };
}
