// What a stored day of history must hold, checked as it is read: a day a hand edit or a bad copy broke (a null run, a
// numeric id, no `day`) would otherwise throw in everything that reads it — the dashboard, the digest, and the next
// run's own write, for good. Malformed runs are left out and said; what the key tells (the day, the check) is restored;
// a day of another version's format is never taken for a broken one.
import type { HistoryDay, HistoryRun } from './history-days.ts';
import { isRecord, MalformedObject } from './read-json.ts';
import { StorageError } from './store.ts';
import { plural } from '../result/format.ts';

/** A day as read: what could be used, and what was left out or restored (in words; empty when it was whole). */
export interface CheckedDay {
  day: HistoryDay;
  repairs: string[];
}

const DAY_FILE = /\/(\d{4})\/(\d{2})\/(\d{2})\.json$/;
const STATUS = new Set(['p', 'd', 'f']);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const OPTIONAL_STRINGS = ['fs', 'e', 'c', 'shot'] as const;
/** Runs named in a message: a day of a thousand broken runs is said in one line. */
const NAMED = 3;

/** Why `r` is no run (undefined when it is one). */
function runProblem(r: unknown): string | undefined {
  if (!isRecord(r)) return `is ${r === null ? 'null' : Array.isArray(r) ? 'a list' : typeof r}`;
  if (!finite(r.t)) return 'has no start time t';
  if (typeof r.id !== 'string' || r.id === '') return 'has no run id';
  if (typeof r.s !== 'string' || !STATUS.has(r.s)) return 'has no status p, d or f';
  if (!finite(r.ms)) return 'has no duration ms';
  return undefined;
}

/** A run's quiet time as historyQuietOf writes it (anything else only lacks the detail, and is left out). */
function isQuiet(q: unknown): boolean {
  if (!isRecord(q)) return false;
  return (q.m === 'p' || q.m === 's') && (q.k === 'w' || q.k === 'm') && typeof q.n === 'string' && finite(q.from) && finite(q.to)
    && (q.by === undefined || typeof q.by === 'string') && (q.r === undefined || typeof q.r === 'string');
}

/** The run with the optional fields that are not of their type left out (they only add detail). */
function cleanRun(r: Record<string, unknown>, steps: number): HistoryRun {
  const run = { ...r } as Record<string, unknown>;
  if (run.st !== undefined && !(Array.isArray(run.st) && run.st.length === steps && run.st.every(finite))) delete run.st;
  for (const field of OPTIONAL_STRINGS) if (run[field] !== undefined && typeof run[field] !== 'string') delete run[field];
  if (run.i !== undefined && run.i !== 1 && run.i !== 2) delete run.i;
  if (run.q !== undefined && !isQuiet(run.q)) delete run.q;
  return run as unknown as HistoryRun;
}

/**
 * The day object at `key` (of `check`), checked: another version's (`v` not 1) is a StorageError, left as it is;
 * anything that is no day at all is MalformedObject; a day with broken parts comes back without them, with `repairs`.
 */
export function checkDay(json: unknown, key: string, check: string): CheckedDay {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  if (json.v !== 1) {
    throw new StorageError(`history day ${key} is not a version 1 history day (v: ${JSON.stringify(json.v)}): it was written by another version of mimamori, and is left as it is`);
  }
  if (!Array.isArray(json.runs)) throw new MalformedObject('its runs are not a list');
  const repairs: string[] = [];
  const m = DAY_FILE.exec(key);
  const dayOfKey = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  const day = dayOfKey ?? (typeof json.day === 'string' ? json.day : undefined);
  if (!day) throw new MalformedObject('no day');
  if (json.day !== day) repairs.push(`its day ${JSON.stringify(json.day) ?? 'is missing'}: ${day} by its key`);
  let steps = json.steps;
  if (!(Array.isArray(steps) && steps.every((s) => typeof s === 'string'))) {
    repairs.push('its step names are not a list of names: left out');
    steps = [];
  }
  const broken: string[] = [];
  const runs: HistoryRun[] = [];
  json.runs.forEach((r: unknown, k: number) => {
    const problem = runProblem(r);
    if (problem) broken.push(`run ${k + 1} ${problem}`);
    else runs.push(cleanRun(r as Record<string, unknown>, (steps as string[]).length));
  });
  if (broken.length) {
    const more = broken.length > NAMED ? `, and ${broken.length - NAMED} more` : '';
    repairs.push(`${plural(broken.length, 'malformed run')} left out (${broken.slice(0, NAMED).join('; ')}${more})`);
  }
  const checked: HistoryDay = { ...(json as unknown as HistoryDay), check: typeof json.check === 'string' ? json.check : check, day, steps: steps as string[], runs };
  if (checked.budget !== undefined && !isRecord(checked.budget)) delete checked.budget;
  if (checked.usualMs !== undefined && !finite(checked.usualMs)) delete checked.usualMs;
  if (checked.tags !== undefined && !(Array.isArray(checked.tags) && checked.tags.every((t) => typeof t === 'string'))) delete checked.tags;
  return { day: checked, repairs };
}
