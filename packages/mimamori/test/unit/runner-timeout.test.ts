// The runner's timeout against the checks, as the diagnostics `mimamori validate` lists (the build's own refusal is
// tested through the real CLI in build-timeout.test.ts).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it("names MIMAMORI_RUNNER_TIMEOUT_SECONDS when it is no timeout, and reads the project's template.yaml before the package's", async () => {
    expect(runnerTimeoutProblems(checks, { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '2m' })).toEqual([{
      file: 'MIMAMORI_RUNNER_TIMEOUT_SECONDS (environment)',
      message: 'must be the runner\'s timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got "2m"',
    }]);
    const project = await mkdtemp(join(tmpdir(), 'mimamori-runner-timeout-'));
    await writeFile(join(project, 'template.yaml'), 'Parameters:\n  RunnerTimeoutSeconds:\n    Type: Number\n    Default: 60\n');
    expect(runnerTimeoutProblems(checks, {}, project).map((p) => p.file)).toEqual(['checks/slow.check.ts']);
  });
});
