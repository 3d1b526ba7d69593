// The runner's timeout against the checks, as the diagnostics `mimamori validate` lists (the build's own refusal is
// tested through the real CLI in build-timeout.test.ts).
import { describe, expect, it } from 'vitest';
import { runnerTimeoutProblems } from '../../src/build/runner-timeout.ts';

const checks = [{ name: 'quick', file: 'checks/quick.check.ts', timeoutMs: 20_000 }, { name: 'slow', file: 'checks/slow.check.ts', timeoutMs: 50_000 }];

describe('runnerTimeoutProblems', () => {
  it('names each check file and timeoutMs the timeout cannot hold, and where the timeout came from', () => {
    const problems = runnerTimeoutProblems(checks, { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '60' });
    expect(problems).toEqual([{
      file: 'checks/slow.check.ts', field: 'timeoutMs',
      message: expect.stringMatching(/^50000 \(50 s\) does not fit: a runner timeout of 60 s \(MIMAMORI_RUNNER_TIMEOUT_SECONDS\) leaves 45000 ms \(45 s\) once 15 s are kept back/),
    }]);
    expect(runnerTimeoutProblems(checks, { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '120' })).toEqual([]);
  });

  it('names MIMAMORI_RUNNER_TIMEOUT_SECONDS when it is no timeout', () => {
    expect(runnerTimeoutProblems(checks, { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '2m' })).toEqual([{
      file: 'MIMAMORI_RUNNER_TIMEOUT_SECONDS (environment)',
      message: 'must be the runner\'s timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got "2m"',
    }]);
  });

  it('reads the config\'s deploy.parameters.RunnerTimeoutSeconds (what mimamori deploy deploys with) before the template\'s default; the variable wins', () => {
    // The template's default (120 s) holds both checks; 60 s from the config does not hold the slow one.
    expect(runnerTimeoutProblems(checks, {})).toEqual([]);
    const short = { deploy: { parameters: { RunnerTimeoutSeconds: 60 } } };
    expect(runnerTimeoutProblems(checks, {}, short)).toEqual([{
      file: 'checks/slow.check.ts', field: 'timeoutMs', message: expect.stringContaining('a runner timeout of 60 s (deploy.parameters.RunnerTimeoutSeconds) leaves 45000 ms'),
    }]);
    expect(runnerTimeoutProblems(checks, { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '120' }, short)).toEqual([]);
    expect(runnerTimeoutProblems(checks, {}, { deploy: { parameters: { RunnerTimeoutSeconds: 'soon' } } }, 'mimamori.config.ts')).toEqual([{
      file: 'mimamori.config.ts', field: 'deploy.parameters.RunnerTimeoutSeconds', message: expect.stringContaining('got "soon"'),
    }]);
  });
});
