// A site under test without a browser, for simulations over hundreds of runs: each attempt makes `requests`
// requests that each fail with probability `failRate` (seeded, so a run of the suite is repeatable), and takes a
// duration the test chooses. It plugs into the real runCheck as its AttemptRunner.
import type { AttemptRunner } from '../../src/runner/attempt-runner.ts';
import type { AttemptResult } from '../../src/runner/attempt-result.ts';
import type { CheckData } from '../../src/check/check-data.ts';
import type { FailureClass } from '../../src/result/types.ts';

/** mulberry32: a small, well-mixed seeded PRNG. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normal deviate (Box–Muller) from a uniform source. */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface TargetBehaviour {
  /** Chance that one request fails. */
  failRate: number;
  /** Requests one attempt makes (a journey: page, API call, search…). */
  requests: number;
  /** Step names and their durations for this attempt (ms). */
  steps?: () => Record<string, number>;
  /** How a failure is classed (default a network error of the site). */
  failureClass?: FailureClass;
}

export class SimulatedTarget implements AttemptRunner {
  /** Simulated epoch ms of the next attempt: the test moves it along its schedule. */
  now = Date.UTC(2026, 10, 1);
  attempts = 0;

  constructor(public behaviour: TargetBehaviour, private readonly random: () => number) {}

  async attempt(check: CheckData, attempt: number): Promise<AttemptResult> {
    this.attempts++;
    const { failRate, requests, steps = (): Record<string, number> => ({ journey: 100 }), failureClass = 'network' } = this.behaviour;
    let failed = false;
    for (let i = 0; i < requests; i++) if (this.random() < failRate) failed = true;
    const durations = steps();
    const names = Object.keys(durations);
    let at = this.now;
    const stepResults = names.map((name, i) => {
      const step = { name, status: 'passed' as const, startedAt: at, durationMs: durations[name]!, budget: {} };
      at += durations[name]!;
      return failed && i === names.length - 1
        ? { ...step, status: 'failed' as const, error: { name: 'Error', message: 'net::ERR_CONNECTION_RESET', class: failureClass, step: name } }
        : step;
    });
    const durationMs = at - this.now;
    const result: AttemptResult = {
      attempt, status: failed ? 'failed' : 'passed', startedAt: this.now, durationMs, steps: stepResults, navigations: [],
      screenshots: [{ file: `${String(attempt).padStart(2, '0')}-${failed ? 'failure' : 'final'}.png`, kind: failed ? 'failure' : 'final', attempt, width: 1, height: 1, step: failed ? names[names.length - 1] : undefined }],
      pageErrors: { consoleErrors: 0, failedRequests: failed ? 1 : 0, samples: [] },
      ...(failed && { error: { name: 'Error', message: 'net::ERR_CONNECTION_RESET', class: failureClass, step: names[names.length - 1] } }),
    };
    this.now += durationMs + 1_000;
    void check;
    return result;
  }
}
