// What a stored check state (`state/<check>.json`) must hold, checked as it is read: valid JSON with a part of the wrong
// type (a `null` history entry, a baseline with no steps) would otherwise throw in the policy on every run, for good.
// A part the state only keeps for detail or speed (history, baseline, recent run ids, the last good run, an incident's
// thread) is left out and said — the run's write then repairs the object; without the check's name, its counts or its
// incident's opening the state means nothing, and the whole object is read as none (read-json.ts).
import type { CheckState } from '../policy/check-state.ts';
import { isRecord, MalformedObject } from './read-json.ts';
import { isThreadRef, migrateLegacyThread } from '../episode/thread-ref.ts';

const STATUSES: unknown[] = ['passed', 'degraded', 'failed'];
const KINDS: unknown[] = ['site', 'monitor'];
/** Entries named in a message: a history of forty broken entries is said in one line. */
const NAMED = 3;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const what = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Why `steps` is no map of step name → duration (undefined when it is one). */
function stepsProblem(steps: unknown): string | undefined {
  if (!isRecord(steps)) return 'has no steps';
  const bad = Object.keys(steps).find((name) => !finite(steps[name]));
  return bad === undefined ? undefined : `has a step ${bad} that is not a duration`;
}

/** Why `s` is no history sample (usual.ts `Sample`). */
function sampleProblem(s: unknown): string | undefined {
  if (!isRecord(s)) return `is ${what(s)}`;
  if (!finite(s.at)) return 'has no time at';
  if (!finite(s.ms)) return 'has no duration ms';
  return stepsProblem(s.steps);
}

/** Why `b` is no baseline (usual.ts `Baseline`). */
function baselineProblem(b: unknown): string | undefined {
  if (!isRecord(b)) return `is ${what(b)}`;
  if (!finite(b.journeyMs)) return 'has no journeyMs';
  return stepsProblem(b.steps) ?? (typeof b.learnedAt !== 'string' ? 'has no learnedAt' : !finite(b.runs) ? 'has no runs count' : undefined);
}

/** Why `g` is no last good run (check-state.ts `LastGood`). */
function lastGoodProblem(g: unknown): string | undefined {
  if (!isRecord(g)) return `is ${what(g)}`;
  for (const field of ['runId', 'at', 'folder'] as const) if (typeof g[field] !== 'string') return `has no ${field}`;
  if (!Array.isArray(g.screenshots)) return 'has no screenshots';
  if (!g.screenshots.every((s) => isRecord(s) && typeof s.file === 'string')) return 'has a screenshot with no file';
  return undefined;
}

/** The incident, its optional parts of the wrong type left out (said in `repairs`); MalformedObject when it is none. */
function checkIncident(incident: unknown, repairs: string[]): CheckState['incident'] {
  if (incident == null) return null;
  if (!(isRecord(incident) && typeof incident.openedAt === 'string' && typeof incident.openedRunId === 'string')) {
    throw new MalformedObject('its incident has no openedAt or openedRunId');
  }
  if (!finite(incident.failures)) throw new MalformedObject('its incident has no failure count');
  const legacy: Record<string, unknown> = { ...incident };
  for (const field of ['channel', 'ts'] as const) {
    if (legacy[field] !== undefined && typeof legacy[field] !== 'string') {
      delete legacy[field];
      repairs.push(`its incident's ${field} is not text: left out`);
    }
  }
  // Written before the thread was the notifier's own: Slack's channel and ts, read as Slack's thread ref.
  const kept = migrateLegacyThread(legacy);
  if (kept.thread !== undefined && !isThreadRef(kept.thread)) {
    delete kept.thread;
    repairs.push("its incident's thread is not a thread: left out");
  }
  if (kept.kind !== undefined && !KINDS.includes(kept.kind)) {
    delete kept.kind;
    repairs.push("its incident's kind is not site or monitor: left out");
  }
  if (kept.unposted !== undefined && typeof kept.unposted !== 'boolean') {
    delete kept.unposted;
    repairs.push("its incident's unposted is not true or false: left out");
  }
  return kept as unknown as CheckState['incident'];
}

/** `list` without the entries `problem` finds fault with, said in one line. */
function keepEntries(list: unknown[], problem: (entry: unknown) => string | undefined, noun: [string, string], repairs: string[]): unknown[] {
  const broken: string[] = [];
  const kept = list.filter((entry, k) => {
    const p = problem(entry);
    if (p) broken.push(`entry ${k + 1} ${p}`);
    return !p;
  });
  if (broken.length) {
    const more = broken.length > NAMED ? `, and ${broken.length - NAMED} more` : '';
    repairs.push(`${broken.length} ${noun[broken.length === 1 ? 0 : 1]} left out (${broken.slice(0, NAMED).join('; ')}${more})`);
  }
  return kept;
}

/**
 * The state as the policy (and the dashboard, the digest) may read it: a copy without the parts that are not of their
 * type, each said in `repairs` (when given). Throws MalformedObject when the state means nothing without what is wrong.
 */
export function checkStateShape(json: unknown, repairs: string[] = []): CheckState {
  if (!isRecord(json)) throw new MalformedObject('not an object');
  if (typeof json.check !== 'string') throw new MalformedObject('no check name');
  if (json.lastStatus !== undefined && !STATUSES.includes(json.lastStatus)) throw new MalformedObject('lastStatus is not passed, degraded or failed');
  if (json.lastRunAt !== undefined && typeof json.lastRunAt !== 'string') throw new MalformedObject('lastRunAt is not a time');
  if (json.consecutiveFailures !== undefined && !finite(json.consecutiveFailures)) throw new MalformedObject('consecutiveFailures is not a number');
  const state: Record<string, unknown> = { ...json };
  if (json.incident !== undefined) state.incident = checkIncident(json.incident, repairs);
  const drop = (field: string, why: string, then = 'left out') => {
    delete state[field];
    repairs.push(`its ${field} ${why}: ${then}`);
  };

  if (state.history !== undefined) {
    if (!Array.isArray(state.history)) drop('history', 'is not a list');
    else state.history = keepEntries(state.history, sampleProblem, ['malformed history entry', 'malformed history entries'], repairs);
  }
  if (state.recentRuns !== undefined) {
    if (!Array.isArray(state.recentRuns)) drop('recentRuns', 'is not a list');
    else {
      const ids = state.recentRuns.filter((id) => typeof id === 'string' && id !== '');
      const bad = state.recentRuns.length - ids.length;
      if (bad) repairs.push(`${bad} recent run id${bad === 1 ? ' that is not an id' : 's that are not ids'} left out`);
      state.recentRuns = ids;
    }
  }
  // Without its baseline the check learns its usual again: a few runs of "learning", never a wrong verdict.
  const baseline = state.baseline === undefined ? undefined : baselineProblem(state.baseline);
  if (baseline) drop('baseline', baseline, 'left out, the usual is learned again');
  const lastGood = state.lastGood === undefined ? undefined : lastGoodProblem(state.lastGood);
  if (lastGood) drop('lastGood', lastGood);
  for (const field of ['slowerSince', 'fasterSince'] as const) if (state[field] !== undefined && typeof state[field] !== 'string') drop(field, 'is not a time');
  if (state.consecutiveRunnerFailures !== undefined && !finite(state.consecutiveRunnerFailures)) drop('consecutiveRunnerFailures', 'is not a number');
  return state as CheckState;
}
