// Which attempts record a trace: only the counted attempt's trace is kept, so with `retain-on-failure` an attempt that
// a retry would follow records nothing (a passing run with retries pays nothing for tracing) — driven through the real
// runCheck with an AttemptRunner that notes the policy each attempt was given.
import { describe, expect, it } from 'vitest';
import { resolveCheck } from '../../src/check/resolve.ts';
import { checkData, type CheckData } from '../../src/check/check-data.ts';
import { forAttempt, runCheck } from '../../src/runner/run-check.ts';
import type { AttemptRunner } from '../../src/runner/attempt-runner.ts';
import type { AttemptResult } from '../../src/runner/attempt-result.ts';
import { noPageErrors } from '../../src/runner/attempt-result.ts';

const NOW = Date.UTC(2026, 11, 6, 9);

function check(options: Record<string, unknown> = {}): CheckData {
  return checkData(resolveCheck({ name: 'shop', ...options, run: async () => {} }, 'checks/shop.check.ts', {}, 'http://shop.test'));
}

/** Fails the first `failures` attempts, then passes; notes each attempt's trace policy. */
class Noting implements AttemptRunner {
  traces: (string | undefined)[] = [];
  constructor(private readonly failures: number) {}
  async attempt(data: CheckData, attempt: number): Promise<AttemptResult> {
    this.traces.push(data.trace);
    const failed = attempt <= this.failures;
    return {
      attempt, status: failed ? 'failed' : 'passed', startedAt: NOW, durationMs: 10, steps: [], navigations: [], screenshots: [], pageErrors: noPageErrors(),
      ...(failed && { error: { name: 'Error', message: 'down', class: 'network' as const } }),
    };
  }
}

describe('tracing per attempt (retain-on-failure)', () => {
  it('a passing first attempt of a check with retries records nothing', async () => {
    const runner = new Noting(0);
    await runCheck(runner, check(), { wait: async () => {} });
    expect(runner.traces).toEqual(['off']);
  });

  it('a run that fails every attempt records only the last, the one whose trace is kept', async () => {
    const runner = new Noting(99);
    const result = await runCheck(runner, check(), { wait: async () => {} });
    expect(result?.attempts).toBe(3);
    expect(runner.traces).toEqual(['off', 'off', 'retain-on-failure']);
  });

  it('with retries: 0 the only attempt records', async () => {
    const runner = new Noting(99);
    await runCheck(runner, check({ retries: 0 }), { wait: async () => {} });
    expect(runner.traces).toEqual(['retain-on-failure']);
  });

  it('an attempt the deadline leaves no room to retry records (it may be the counted one)', () => {
    const c = check({ timeoutMs: 60_000 });
    expect(forAttempt(c, 1, NOW + 10 * 60_000, NOW).trace).toBe('off');
    expect(forAttempt(c, 1, NOW + 90_000, NOW).trace).toBe('retain-on-failure');
  });

  it('counts what an attempt may take beyond its timeout (the failure screenshot, the trace, closing): a retry that would not fit after it is no retry', () => {
    // Lambda's 90 s after the reserve, a 44 s check: 44 + 1 + 44 fits only if the attempt ends on its timeout exactly.
    expect(forAttempt(check({ timeoutMs: 44_000 }), 1, NOW + 90_000, NOW).trace).toBe('retain-on-failure');
  });

  it("'on' and 'off' are as the check says on every attempt", async () => {
    for (const trace of ['on', 'off'] as const) {
      const runner = new Noting(99);
      await runCheck(runner, check({ trace }), { wait: async () => {} });
      expect(runner.traces).toEqual([trace, trace, trace]);
    }
  });
});
