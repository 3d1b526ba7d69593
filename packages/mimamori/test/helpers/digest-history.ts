// A small generated history for the daily picture: three checks of 5-minute runs over the last two days, written as
// after-run leaves it (day objects, the state, the latest screenshot). "checkout" had one incident yesterday (UTC):
// three failed runs from 12:00, recovered at 12:15 — 15 minutes; "broken site" fails its last 4 runs, incident open.
import { PNG } from 'pngjs';
import { addRun, type HistoryDay, type HistoryRun } from '../../src/store/history-days.ts';
import { historyDayKey, runFolder, stateKey, utcDay } from '../../src/store/layout.ts';
import type { Store } from '../../src/store/store.ts';

const MIN = 60_000;
const DAY = 1440 * MIN;

/** A 320×200 picture of one flat colour. */
export function flatPng(rgb: [number, number, number]): Buffer {
  const image = new PNG({ width: 320, height: 200 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  return PNG.sync.write(image);
}

export interface GeneratedCheck {
  name: string;
  colour: [number, number, number];
  days: HistoryDay[];
  state: Record<string, unknown>;
  latestShot: string;
}

export const DIGEST_CHECKS = ['checkout', 'home page', 'broken site'] as const;

export function generateDigestHistory(now: number): GeneratedCheck[] {
  const yesterdayNoon = Math.floor(now / DAY) * DAY - 12 * 60 * MIN;
  const colours: [number, number, number][] = [[30, 60, 200], [60, 170, 90], [240, 240, 250]];
  return DIGEST_CHECKS.map((name, k) => {
    const first = Math.ceil((now - 2 * DAY) / (5 * MIN)) * 5 * MIN;
    const times: number[] = [];
    for (let t = first; t <= now - MIN; t += 5 * MIN) times.push(t);
    const runs = times.map((t, n): HistoryRun => {
      const id = `${new Date(t).toISOString().replace(/[-:]|\.\d+/g, '')}-${String(n).padStart(6, '0')}`;
      const run: HistoryRun = { t, id, s: 'p', ms: 300 + ((n * 37 + k * 101) % 300), st: [300], shot: `${runFolder(name, id, t)}01-final.png` };
      const fail = () => Object.assign(run, { s: 'f', fs: 'open', e: 'net::ERR_CONNECTION_REFUSED', c: 'network' }) && delete run.st;
      if (name === 'checkout' && t >= yesterdayNoon && t < yesterdayNoon + 15 * MIN) {
        fail();
        if (t === yesterdayNoon) run.i = 1;
      }
      if (name === 'checkout' && t === yesterdayNoon + 15 * MIN) run.i = 2;
      if (name === 'broken site' && n >= times.length - 4) {
        fail();
        if (n === times.length - 4) run.i = 1;
      }
      return run;
    });
    const byDay = new Map<string, HistoryDay>();
    for (const run of runs) byDay.set(utcDay(run.t), addRun(byDay.get(utcDay(run.t)), { check: name, run, steps: ['open'] }));
    const last = runs.at(-1)!;
    const opener = name === 'broken site' ? runs.find((r) => r.i === 1) : undefined;
    return {
      name,
      colour: colours[k]!,
      days: [...byDay.values()],
      state: {
        check: name, lastStatus: last.s === 'f' ? 'failed' : 'passed', lastRunId: last.id, lastRunAt: new Date(last.t).toISOString(),
        incident: opener ? { kind: 'site', openedAt: new Date(opener.t).toISOString(), openedRunId: opener.id, failures: 4 } : null,
      },
      latestShot: last.shot!,
    };
  });
}

export async function storeDigestHistory(target: Store, checks: GeneratedCheck[]): Promise<void> {
  for (const c of checks) {
    for (const day of c.days) await target.put(historyDayKey(c.name, Date.parse(`${day.day}T12:00:00Z`)), JSON.stringify(day), { contentType: 'application/json' });
    await target.put(stateKey(c.name), JSON.stringify(c.state), { contentType: 'application/json' });
    await target.put(c.latestShot, flatPng(c.colour), { contentType: 'image/png' });
  }
}

/** The summary the generated history gives, away from midnight UTC (the open incident then started today). */
export const EXPECTED_SUMMARY = /^2 of 3 passing: broken site failing since \d\d:\d\d; 1 incident yesterday, resolved in 15 min$/;
/** Near midnight UTC the open incident may have started yesterday: the summary then counts it too. */
export const nearMidnight = (now: number) => now % DAY < 30 * MIN;
