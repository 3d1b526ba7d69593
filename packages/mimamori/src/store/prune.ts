// Bounded growth of the local out folder: after a CLI run, run folders older than MIMAMORI_KEEP_DAYS (default 30) are
// removed from `runs/`, except each check's newest MIMAMORI_KEEP_RUNS (default 20) and the runs its local state names
// (last run, last good), so a check that last ran long ago still shows its last runs and an alert's "last good"
// picture. Day, month and year folders left empty go too. Nothing else is touched: not `state/`, not the run's own
// results.json and report.html, nothing outside `runs/`, no file or folder that does not look like the key layout
// (layout.ts). A bucket's growth is its lifecycle rule's business, not this.
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const DEFAULT_KEEP_DAYS = 30;
export const DEFAULT_KEEP_RUNS = 20;

export interface PruneOptions {
  /** Runs that started longer ago than this are removed (beyond the newest `keepPerCheck`); 0 keeps everything. */
  maxAgeDays: number;
  /** Each check's newest runs kept whatever their age. */
  keepPerCheck: number;
  /** The time to measure ages from (tests). */
  now?: number;
}

export interface PruneResult {
  /** The removed run folders, as keys (`runs/<check>/<yyyy>/<mm>/<dd>/<runId>/`), oldest first per check. */
  removed: string[];
}

const DAY_MS = 86_400_000;
const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;
/** A run id begins with its UTC start time: `20261129T073512Z-3fa9c1` (result/run-id.ts). */
const RUN_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-|$)/;

interface Run {
  key: string;
  runId: string;
  startedAt: number;
}

/** The start time a run id names, or undefined for a folder that is not a run. */
export function runIdTime(runId: string): number | undefined {
  const m = RUN_ID.exec(runId);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? undefined : t;
}

/** Sub-folders (never symbolic links, never files) whose names match. */
async function folders(path: string, name: RegExp): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
    throw e;
  });
  return entries.filter((e) => e.isDirectory() && name.test(e.name)).map((e) => e.name).sort();
}

/** Every run of one check folder (`runs/<segment>/`). */
async function runsOf(root: string, segment: string): Promise<Run[]> {
  const runs: Run[] = [];
  const base = join(root, 'runs', segment);
  for (const y of await folders(base, YEAR)) {
    for (const m of await folders(join(base, y), TWO_DIGITS)) {
      for (const d of await folders(join(base, y, m), TWO_DIGITS)) {
        for (const runId of await folders(join(base, y, m, d), RUN_ID)) {
          const startedAt = runIdTime(runId);
          if (startedAt !== undefined) runs.push({ key: `runs/${segment}/${y}/${m}/${d}/${runId}/`, runId, startedAt });
        }
      }
    }
  }
  return runs;
}

/** The run folders the local state objects name (`lastRunFolder`, `lastGood.folder`): never removed. */
async function namedByState(root: string): Promise<Set<string>> {
  const named = new Set<string>();
  const dir = join(root, 'state');
  const files = (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile() && e.name.endsWith('.json'));
  for (const file of files) {
    try {
      const state = JSON.parse(await readFile(join(dir, file.name), 'utf8')) as { lastRunFolder?: unknown; lastGood?: { folder?: unknown } };
      for (const folder of [state.lastRunFolder, state.lastGood?.folder]) if (typeof folder === 'string') named.add(folder);
    } catch {
      // unreadable state: it protects nothing, and is left as it is
    }
  }
  return named;
}

const ymd = (t: number) => new Date(t).toISOString().slice(0, 10).split('-') as [string, string, string];

/**
 * Removes old run folders under `<folder>/runs/` (see the top of this file) and the day, month and year folders that
 * leaves empty — except the current day, month and year (UTC), where a run being stored may be creating them.
 */
export async function pruneRuns(folder: string, options: PruneOptions): Promise<PruneResult> {
  const { maxAgeDays, keepPerCheck } = options;
  if (!(maxAgeDays >= 0) || !(keepPerCheck >= 0)) throw new RangeError(`pruneRuns: bad options ${JSON.stringify(options)}`);
  const root = resolve(folder);
  const result: PruneResult = { removed: [] };
  if (maxAgeDays === 0) return result;
  const segments = await folders(join(root, 'runs'), /./);
  const now = options.now ?? Date.now();
  const cutoff = now - maxAgeDays * DAY_MS;
  const named = await namedByState(root);
  const touchedDays = new Set<string>();
  for (const segment of segments) {
    // Newest first: run ids order runs by their start time.
    const runs = (await runsOf(root, segment)).sort((a, b) => b.startedAt - a.startedAt || b.runId.localeCompare(a.runId));
    const doomed = runs.filter((r, i) => i >= keepPerCheck && r.startedAt < cutoff && !named.has(r.key)).reverse();
    for (const run of doomed) {
      await rm(join(root, ...run.key.split('/')), { recursive: true, force: true });
      result.removed.push(run.key);
      touchedDays.add(run.key.split('/').slice(0, 5).join('/'));
    }
  }
  const [year, month, day] = ymd(now);
  const current = [year, `${year}/${month}`, `${year}/${month}/${day}`];
  for (const dayKey of touchedDays) {
    // runs/<segment>/<yyyy>/<mm>/<dd> → …/<mm> → …/<yyyy>: each removed only if empty, stopping at the first that is not.
    for (let parts = dayKey.split('/'); parts.length > 2; parts = parts.slice(0, -1)) {
      if (parts.slice(2).join('/') >= current[parts.length - 3]!) break;
      try {
        await rmdir(join(root, ...parts));
      } catch {
        break;
      }
    }
  }
  return result;
}

/** Whole days or runs from the environment: undefined when unset, an Error for anything else than a whole number. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, what: string): number | undefined | Error {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) return new Error(`${name} must be a whole number of ${what}, got '${env[name]}'`);
  return Number(value);
}

/** The pruning settings from MIMAMORI_KEEP_DAYS and MIMAMORI_KEEP_RUNS; throws for a value that is not a whole number. */
export function pruneSettings(env: NodeJS.ProcessEnv = process.env): PruneOptions {
  const days = wholeNumber(env, 'MIMAMORI_KEEP_DAYS', 'days (0 keeps every run)');
  const runs = wholeNumber(env, 'MIMAMORI_KEEP_RUNS', 'runs per check');
  for (const v of [days, runs]) if (v instanceof Error) throw v;
  return { maxAgeDays: (days as number | undefined) ?? DEFAULT_KEEP_DAYS, keepPerCheck: (runs as number | undefined) ?? DEFAULT_KEEP_RUNS };
}

/**
 * The end of a CLI run: prunes the out folder with the environment's settings. Never throws — the run's outcome does
 * not depend on housekeeping: a bad setting or a failed removal is one warning line.
 */
export async function pruneOutFolder(folder: string, env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (l) => process.stderr.write(l)): Promise<PruneResult | undefined> {
  try {
    return await pruneRuns(folder, pruneSettings(env));
  } catch (error) {
    warn(`mimamori: warning: old runs were not pruned from ${folder}/runs: ${(error as Error).message}\n`);
    return undefined;
  }
}
