// "Slower than usual" with no budget: the real rule (judgeUsual through evaluateRun) over hundreds of simulated runs
// with realistic noise, a slow creep, a step that slows, and the learning period.
import { describe, expect, it } from 'vitest';
import { checkResult } from '../helpers/check-result.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import type { CheckState } from '../../src/policy/check-state.ts';
import { DEFAULT_USUAL_RULE } from '../../src/policy/usual.ts';
import { DEFAULT_ALERTS } from '../../src/check/defaults.ts';
import type { CheckResult, UsualVerdict } from '../../src/result/types.ts';
import { gaussian, seeded } from '../helpers/simulated-target.ts';

const FIVE_MINUTES = 5 * 60_000;
const T0 = Date.UTC(2026, 10, 1);

function result(i: number, steps: Record<string, number>, overrides: Partial<CheckResult> = {}): CheckResult {
  let at = T0 + i * FIVE_MINUTES;
  const stepResults = Object.entries(steps).map(([name, durationMs]) => {
    const s = { name, status: 'passed' as const, startedAt: at, durationMs, budget: {} };
    at += durationMs;
    return s;
  });
  const durationMs = Object.values(steps).reduce((a, b) => a + b, 0);
  return checkResult({ startedAt: T0 + i * FIVE_MINUTES, durationMs, steps: stepResults, ...overrides });
}

/**
 * Response times as they look in practice: log-normal jitter around the level (σ 0.2), and one run in twenty hit by
 * a spike (GC, a cold cache, a noisy neighbour) of 2–4×.
 */
function noisy(random: () => number, level: number): number {
  const spike = random() < 0.05 ? 2 + 2 * random() : 1;
  return Math.max(1, Math.round(level * Math.exp(0.2 * gaussian(random)) * spike));
}

interface Outcome { verdicts: UsualVerdict[]; statuses: string[]; decisions: string[]; state?: CheckState }

/** Feeds runs through the real policy; `levels(i)` gives each step's typical duration at run i. */
function play(runs: number, levels: (i: number) => Record<string, number>, seed = 1, usual = DEFAULT_USUAL_RULE as typeof DEFAULT_USUAL_RULE | false, overrides: (i: number) => Partial<CheckResult> = () => ({})): Outcome {
  const random = seeded(seed);
  let state: CheckState | undefined;
  const out: Outcome = { verdicts: [], statuses: [], decisions: [] };
  for (let i = 0; i < runs; i++) {
    const steps = Object.fromEntries(Object.entries(levels(i)).map(([name, level]) => [name, noisy(random, level)]));
    const e = evaluateRun(state, result(i, steps, overrides(i)), { runId: `run-${i}`, folder: '' }, { alerts: DEFAULT_ALERTS, usual });
    state = e.state;
    out.verdicts.push(e.usual!);
    out.statuses.push(e.status);
    out.decisions.push(e.decision.action);
  }
  out.state = state;
  return out;
}

const shop = { open: 40, search: 30, 'add to cart': 15 };
const firstSlower = (o: Outcome) => o.verdicts.findIndex((v) => v?.state === 'slower');

describe('slower than usual', () => {
  it('says "learning" until it has 20 runs, then compares', () => {
    const o = play(21, () => shop);
    expect(o.verdicts[0]).toMatchObject({ state: 'learning', runs: 1, needed: 20, sentence: 'learning what is usual: 1 of 20 runs' });
    expect(o.verdicts[18]).toMatchObject({ state: 'learning', runs: 19 });
    expect(o.verdicts[19]!.state).toBe('usual');
    expect(o.state!.baseline).toMatchObject({ runs: 20 });
  });

  it('gives no false "slower" on a steady target with normal jitter and spikes, over 300 runs and five seeds', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const o = play(300, () => shop, seed);
      expect(o.verdicts.filter((v) => v.state === 'slower'), `seed ${seed}`).toEqual([]);
      expect(o.statuses.every((s) => s === 'passed')).toBe(true);
      // The spikes were there: single runs well above 1.5× the usual did happen, and were not called a trend.
      expect(o.state!.history!.length).toBe(40);
    }
  });

  it('flags a creep that doubles the response time over a day of 5-minute runs before the day ends', () => {
    const day = 288;
    const creep = (i: number) => {
      const f = i < 30 ? 1 : 1 + (i - 30) / day;
      return { open: 40 * f, search: 30 * f, 'add to cart': 15 * f };
    };
    const o = play(30 + day, creep);
    const at = firstSlower(o);
    expect(at).toBeGreaterThan(30);
    expect(at).toBeLessThan(30 + day);
    const v = o.verdicts[at] as Extract<UsualVerdict, { journey: unknown }>;
    expect(v.journey.medianMs).toBeGreaterThanOrEqual(1.5 * v.journey.usualMs);
    expect(o.statuses[at]).toBe('degraded');
    // Slower is news once: "post" when it starts, quiet while it lasts (a quick run in a slow stretch changes nothing).
    expect(o.decisions[at]).toBe('post');
    expect(o.decisions.filter((d) => d === 'post')).toHaveLength(1);
  });

  it('flags the creep from the issue: 85 ms to 230 ms over 40 runs, after a steady start', () => {
    const o = play(70, (i) => {
      const ms = i < 30 ? 85 : 85 + ((230 - 85) * (i - 30)) / 39;
      return { open: ms };
    });
    expect(firstSlower(o)).toBeGreaterThan(30);
    expect(firstSlower(o)).toBeLessThan(70);
  });

  it('names the step that slowed most, with now vs usual, in one sentence', () => {
    const o = play(40, (i) => (i < 30 ? shop : { ...shop, search: 400 }));
    const v = o.verdicts[39] as Extract<UsualVerdict, { journey: unknown }>;
    expect(v.state).toBe('slower');
    expect(v.step?.name).toBe('search');
    expect(v.step!.usualMs).toBeGreaterThan(20);
    expect(v.step!.usualMs).toBeLessThan(45);
    expect(v.sentence).toMatch(/^slower than usual: \d+ ms \(median of the last 9 runs\) vs usual \d+ ms \(\d+\.\d×\); step 'search' \d+ ms vs usual \d+ ms \(\d+\.\d×\)$/);
    expect(v.rule).toBe('slower than usual means the median of the last 9 runs is at least 1.5× and 50 ms above the usual (it starts with a run that is too, and lasts until the medians of the last 9 and 18 runs are back within a quarter of the way), the usual learned from 20 runs up to 2026-11-01 01:35 UTC');
  });

  it('says a lasting slowdown once, however noisy, and accepts it after a day', () => {
    for (let seed = 1; seed <= 10; seed++) {
      // 1.6×: just over the line, so noise takes single runs under it all the time.
      const o = play(30 + 300, (i) => ({ open: i < 30 ? 1500 : 2400 }), seed);
      expect(o.decisions.filter((d) => d === 'post'), `seed ${seed}`).toHaveLength(1);
      expect(o.verdicts.some((v) => v.state === 'usual' && v.sentence.includes('is the usual now'))).toBe(true);
    }
  });

  it('is back to usual within a couple of windows once the slowdown ends, and slower news can come again', () => {
    const o = play(160, (i) => ({ open: i < 30 || (i >= 80 && i < 120) ? 100 : 300 }));
    const states = o.verdicts.map((v) => v.state);
    expect(states.slice(40, 80).every((v) => v === 'slower')).toBe(true);
    const back = states.indexOf('usual', 80);
    expect(back).toBeGreaterThan(80);
    expect(back).toBeLessThanOrEqual(80 + 18);
    expect(states.slice(back, 120).every((v) => v === 'usual')).toBe(true);
    expect(o.decisions.filter((d) => d === 'post')).toHaveLength(2);
  });

  it('does not call every morning slower for a site that is faster at night', () => {
    const hour = (i: number) => Math.floor((i * 5) / 60) % 24;
    const o = play(30 + 3 * 288, (i) => ({ open: i < 30 || (hour(i) >= 8 && hour(i) < 22) ? 1000 : 600 }));
    expect(o.verdicts.filter((v) => v.state === 'slower')).toEqual([]);
  });

  it('does not flag a small step that doubles by a few ms (the +50 ms floor)', () => {
    const o = play(60, (i) => (i < 30 ? { ...shop, tiny: 10 } : { ...shop, tiny: 30 }));
    expect(firstSlower(o)).toBe(-1);
  });

  it('keeps the baseline frozen: a creep does not become the usual by itself within a day', () => {
    const o = play(120, (i) => ({ open: i < 30 ? 100 : 300 }));
    expect(o.state!.baseline!.journeyMs).toBeLessThan(130);
    expect(o.verdicts[119]!.state).toBe('slower');
  });

  it('accepts a slower level as the usual after a whole day of it, and says so', () => {
    const o = play(30 + 300, (i) => ({ open: i < 30 ? 100 : 300 }));
    const accepted = o.verdicts.findIndex((v) => v.state === 'usual' && v.sentence.includes('is the usual now'));
    expect(accepted).toBeGreaterThan(30 + 288 - 10);
    expect(o.verdicts[o.verdicts.length - 1]!.state).toBe('usual');
  });

  it('learns again when the check changes its steps', () => {
    const o = play(45, (i) => (i < 30 ? shop : { open: 40, checkout: 90 }));
    expect(o.verdicts[30]).toMatchObject({ state: 'learning', runs: 1 });
    expect(o.verdicts[44]).toMatchObject({ state: 'learning', runs: 15 });
  });

  it('is off with slowerThanUsual: false, and explicit budgets keep working as before', () => {
    const off = play(40, (i) => (i < 30 ? shop : { ...shop, search: 400 }), 1, false);
    expect(off.verdicts.every((v) => v === undefined)).toBe(true);
    expect(off.statuses.every((s) => s === 'passed')).toBe(true);
    const budget = play(25, () => shop, 1, DEFAULT_USUAL_RULE, () => ({ status: 'degraded' }));
    expect(budget.statuses.every((s) => s === 'degraded')).toBe(true);
  });

  it('leaves failed runs out of the history', () => {
    const o = play(10, () => shop, 1, DEFAULT_USUAL_RULE, (i) => (i % 2 ? { status: 'failed', error: { name: 'Error', message: 'x', class: 'assertion' } } : {}));
    expect(o.state!.history!.length).toBe(5);
  });
});
