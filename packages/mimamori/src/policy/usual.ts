// "Slower than usual" with no budget set (pure). Each check keeps its recent durations (journey and steps) and a
// baseline learned from its first runs, then frozen: a slow creep never becomes the new normal on its own. A run is
// slower when it and the median of the last runs are both clearly above the baseline — see `UsualRule`.
import type { Comparison, UsualVerdict } from '../result/types.ts';
import { formatMs } from '../result/format.ts';
import { DEFAULT_SLOWER_THAN_USUAL } from '../check/defaults.ts';

/** One run that did not fail: when, how long the journey took, and each step. */
export interface Sample {
  at: number;
  ms: number;
  steps: Record<string, number>;
}

/** The usual durations, learned from `runs` runs that ended at `learnedAt`, then frozen. */
export interface Baseline {
  learnedAt: string;
  runs: number;
  journeyMs: number;
  steps: Record<string, number>;
}

/** The rule, resolved from the `slowerThanUsual` option. */
export interface UsualRule {
  /** Slower means at least this many times the usual… */
  factor: number;
  /** …and at least this many ms above it (small steps jitter by more than 1.5×). */
  minDeltaMs: number;
  /** The median of this many recent runs (this one included) must be slower too: one slow run is not a trend. */
  window: number;
  /** Runs to learn the baseline from; "learning" until then. */
  learnRuns: number;
}

export const DEFAULT_USUAL_RULE: UsualRule = DEFAULT_SLOWER_THAN_USUAL;
/** Samples kept: the learning runs and the window, with room to spare (about 6 KB of state). */
export const HISTORY = 40;
/** Slower for this long, and the slower level becomes the usual — said once in the verdict, never silently. */
export const ACCEPT_AFTER_MS = 24 * 3_600_000;

export interface UsualState {
  history: Sample[];
  baseline?: Baseline;
  slowerSince?: string;
  /** Since when the recent runs have been clearly faster than the usual (ISO), while they are. */
  fasterSince?: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const sameSteps = (a: Record<string, number>, b: Record<string, number>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b);
};

function learn(samples: Sample[]): Baseline {
  const last = samples[samples.length - 1]!;
  return {
    learnedAt: new Date(last.at).toISOString(),
    runs: samples.length,
    journeyMs: Math.round(median(samples.map((s) => s.ms))),
    steps: Object.fromEntries(Object.keys(last.steps).map((name) => [name, Math.round(median(samples.map((s) => s.steps[name]!)))])),
  };
}

const threshold = (usualMs: number, rule: UsualRule) => Math.max(usualMs * rule.factor, usualMs + rule.minDeltaMs);

/**
 * A slowdown starts with a run over the line while the median of the recent runs is over it too. Once started it
 * lasts until the median of those runs and of twice as many are both back near the usual — a quarter of the way to
 * the line (`already`):
 * noise around the line must not make it "usual" one run and "slower" — news again — the next.
 */
function compare(now: number, recent: number[], longer: number[], usualMs: number, rule: UsualRule, already: boolean): Comparison & { slower: boolean; ratio: number } {
  const medianMs = Math.round(median(recent));
  const line = threshold(usualMs, rule);
  const near = usualMs + (line - usualMs) / 4;
  const slower = already ? medianMs >= near || median(longer) >= near : medianMs >= line && now >= line;
  return { nowMs: now, medianMs, usualMs, slower, ratio: medianMs / Math.max(1, usualMs) };
}

const times = (ratio: number) => `${ratio.toFixed(1)}×`;

/**
 * The next usual-state and the verdict for a run that did not fail (`sample`). Samples from before the check's
 * steps changed are not compared with the new ones: the check then learns again.
 */
export function judgeUsual(previous: UsualState, sample: Sample, rule: UsualRule): { state: UsualState; verdict: UsualVerdict } {
  const history = [...previous.history, sample].slice(-HISTORY);
  // The runs since the check last changed shape (same steps as this one), newest last.
  let from = history.length - 1;
  while (from > 0 && sameSteps(history[from - 1]!.steps, sample.steps)) from--;
  const comparable = history.slice(from);
  let baseline = previous.baseline && sameSteps(previous.baseline.steps, sample.steps) ? previous.baseline : undefined;

  if (!baseline) {
    if (comparable.length < rule.learnRuns) {
      const sentence = `learning what is usual: ${comparable.length} of ${rule.learnRuns} runs`;
      return { state: { history }, verdict: { state: 'learning', runs: comparable.length, needed: rule.learnRuns, sentence } };
    }
    baseline = learn(comparable.slice(-rule.learnRuns));
  }

  const recent = comparable.slice(-rule.window);
  const learning = comparable.slice(-rule.learnRuns);
  let relearned: string | undefined;
  // Clearly faster for a whole day: the faster level is the new usual, so a return to the old one shows. (A day, not
  // a few runs: a site that is faster every night must not make every morning "slower".)
  const fastLevel = median(recent.map((s) => s.ms));
  const faster = fastLevel * rule.factor <= baseline.journeyMs && fastLevel + rule.minDeltaMs <= baseline.journeyMs;
  let fasterSince = faster ? previous.fasterSince ?? new Date(sample.at).toISOString() : undefined;
  if (fasterSince && sample.at - Date.parse(fasterSince) >= ACCEPT_AFTER_MS) {
    relearned = `faster than the usual ${formatMs(baseline.journeyMs)} for a day: ${formatMs(learn(learning).journeyMs)} is the usual now`;
    baseline = learn(learning);
    fasterSince = undefined;
  }
  // Slower for a whole day: said once, then the slower level is the usual (or it would stay "degraded" for ever).
  let already = Boolean(previous.slowerSince);
  if (previous.slowerSince && sample.at - Date.parse(previous.slowerSince) >= ACCEPT_AFTER_MS) {
    relearned = `slower than usual since ${previous.slowerSince}: ${formatMs(learn(learning).journeyMs)} is the usual now (was ${formatMs(baseline.journeyMs)})`;
    baseline = learn(learning);
    already = false;
  }

  const longer = comparable.slice(-2 * rule.window);
  const journey = compare(sample.ms, recent.map((s) => s.ms), longer.map((s) => s.ms), baseline.journeyMs, rule, already);
  const steps = Object.entries(baseline.steps).map(([name, usualMs]) => ({
    name, ...compare(sample.steps[name]!, recent.map((s) => s.steps[name]!), longer.map((s) => s.steps[name]!), usualMs, rule, already),
  }));
  const slowedSteps = steps.filter((s) => s.slower);
  // The step that slowed most: among those over the line, else (the journey slowed as a whole) among all.
  const step = (slowedSteps.length ? slowedSteps : journey.slower ? steps : []).sort((a, b) => b.ratio - a.ratio)[0];
  const slower = journey.slower || slowedSteps.length > 0;
  const since = slower ? previous.slowerSince ?? new Date(sample.at).toISOString() : undefined;
  const rulePhrase = `slower than usual means the median of the last ${recent.length} runs is at least ${rule.factor}× and ${formatMs(rule.minDeltaMs)} above the usual (it starts with a run that is too, and lasts until the medians of the last ${rule.window} and ${2 * rule.window} runs are back within a quarter of the way), the usual learned from ${baseline.runs} runs up to ${baseline.learnedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const stepPhrase = step ? `; step '${step.name}' ${formatMs(step.medianMs)} vs usual ${formatMs(step.usualMs)} (${times(step.ratio)})` : '';
  const sentence = slower
    ? `slower than usual: ${formatMs(journey.medianMs)} (median of the last ${recent.length} runs) vs usual ${formatMs(journey.usualMs)} (${times(journey.ratio)})${stepPhrase}`
    : `as usual: ${formatMs(journey.medianMs)} (median of the last ${recent.length} runs) vs usual ${formatMs(journey.usualMs)}${relearned ? ` — ${relearned}` : ''}`;
  const strip = ({ slower: _s, ratio: _r, ...c }: Comparison & { slower: boolean; ratio: number; name?: string }) => c;
  const verdict: UsualVerdict = {
    state: slower ? 'slower' : 'usual',
    journey: strip(journey),
    ...(step && { step: { ...strip(step), name: step.name } }),
    learnedAt: baseline.learnedAt,
    ...(since && { since }),
    sentence,
    rule: rulePhrase,
  };
  return { state: { history, baseline, slowerSince: since, fasterSince }, verdict };
}
