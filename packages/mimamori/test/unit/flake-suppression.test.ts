// Flake suppression with the defaults: the real retries (runCheck) and the real policy and state (evaluateRun) driven
// through a seeded random target for hundreds of scheduled runs — no browser, no clock.
import { describe, expect, it } from 'vitest';
import { resolveCheck } from '../../src/check/resolve.ts';
import { checkData } from '../../src/check/check-data.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { evaluateRun } from '../../src/policy/evaluate.ts';
import type { CheckState } from '../../src/policy/check-state.ts';
import { seeded, SimulatedTarget, type TargetBehaviour } from '../helpers/simulated-target.ts';

/** A check with no option set: every default is the built-in one. */
const check = checkData(resolveCheck({ name: 'shop', run: async () => {} }, 'checks/shop.check.ts', {}, 'http://shop.test'));
const policy = { alerts: check.alerts, usual: check.slowerThanUsual };
const FIVE_MINUTES = 5 * 60_000;

interface Played { actions: string[]; incidents: number; recoveries: number; attempts: number; state?: CheckState }

/** Plays `runs` scheduled runs, 5 minutes apart; `behaviour(i)` may change the target along the way. */
async function play(seed: number, runs: number, behaviour: (run: number) => TargetBehaviour): Promise<Played> {
  const target = new SimulatedTarget(behaviour(0), seeded(seed));
  const start = target.now;
  let state: CheckState | undefined;
  const actions: string[] = [];
  for (let i = 0; i < runs; i++) {
    target.now = start + i * FIVE_MINUTES;
    target.behaviour = behaviour(i);
    const result = (await runCheck(target, check, { wait: async () => {} }))!;
    const evaluation = evaluateRun(state, result, { runId: `run-${i}`, folder: `runs/shop/${i}/` }, policy);
    state = evaluation.state;
    actions.push(evaluation.decision.action);
  }
  return { actions, incidents: actions.filter((a) => a === 'open').length, recoveries: actions.filter((a) => a === 'recover').length, attempts: target.attempts, state };
}

const flaky = (requests: number): TargetBehaviour => ({ failRate: 0.1, requests });

describe('with no alert options set', () => {
  it('opens no incident in 50 runs of a target failing 10 % of its requests, over ten seeds', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const played = await play(seed, 50, () => flaky(3));
      expect(played.incidents, `seed ${seed}: ${played.actions.join(' ')}`).toBe(0);
      // The target really did fail: retries absorbed it (3 requests at 10 % fail an attempt about one time in four).
      expect(played.attempts).toBeGreaterThan(55);
    }
  });

  it('keeps flakes rare over 200 seeds (the README figure), where the old defaults opened incidents in most', async () => {
    let withIncident = 0;
    for (let seed = 1; seed <= 200; seed++) if ((await play(seed, 50, () => flaky(3))).incidents > 0) withIncident++;
    // Expected ≈ 49 × (0.271³)² ≈ 2 % of 50-run series for a 3-request journey.
    expect(withIncident).toBeLessThanOrEqual(10);
  });

  it('alerts a hard-down target on its second failing run, then replies, and recovers exactly once', async () => {
    const down = (from: number, to: number) => (i: number): TargetBehaviour => (i >= from && i < to ? { failRate: 1, requests: 1 } : { failRate: 0, requests: 1 });
    const played = await play(1, 12, down(3, 7));
    expect(played.actions).toEqual(['none', 'none', 'none', 'none', 'open', 'reply', 'reply', 'recover', 'none', 'none', 'none', 'none']);
    expect(played.state?.incident).toBeNull();
  });

  it('says the monitor broke, not the site, when the runner fails — and counts it apart', async () => {
    const broken = (i: number): TargetBehaviour => (i >= 2 && i < 5 ? { failRate: 1, requests: 1, failureClass: 'runner' } : { failRate: 0, requests: 1 });
    const target = new SimulatedTarget(broken(0), seeded(1));
    let state: CheckState | undefined;
    const seen: { action: string; kind?: string; reason: string }[] = [];
    const start = target.now;
    for (let i = 0; i < 7; i++) {
      target.now = start + i * FIVE_MINUTES;
      target.behaviour = broken(i);
      const result = (await runCheck(target, check, { wait: async () => {} }))!;
      const e = evaluateRun(state, result, { runId: `run-${i}`, folder: '' }, policy);
      seen.push({ action: e.decision.action, kind: e.incident?.kind, reason: e.decision.reason });
      state = e.state;
      if (i === 3) expect(state.consecutiveFailures).toBe(0);
    }
    expect(seen.map((s) => s.action)).toEqual(['none', 'none', 'none', 'open', 'reply', 'recover', 'none']);
    expect(seen[3]).toMatchObject({ kind: 'monitor', reason: 'the monitor could not run the check 2 times in a row' });
    expect(seen[5]!.kind).toBe('monitor');
  });
});
