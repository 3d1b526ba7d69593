// `mimamori build` (what `mimamori deploy` runs) refuses checks the runner's Lambda timeout cannot hold: a check whose
// timeoutMs is more than RunnerTimeoutSeconds less the report reserve would be cut short on every run.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

let project: string;

const check = (name: string, timeoutMs?: number) =>
  `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: ${JSON.stringify(name)},${timeoutMs ? ` timeoutMs: ${timeoutMs},` : ''} async run({ page }) { await page.goto('/'); } });\n`;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'mimamori-build-timeout-'));
  await mkdir(join(project, 'checks'));
  await writeFile(join(project, 'mimamori.config.ts'), "export default { baseURL: 'http://127.0.0.1:9' };\n");
  await writeFile(join(project, 'checks/quick.check.ts'), check('quick', 20_000));
  await writeFile(join(project, 'checks/slow.check.ts'), check('slow journey', 100_000));
  await writeFile(join(project, 'checks/default.check.ts'), check('default timeout'));
});

const build = (out: string, env: Record<string, string | undefined> = {}) =>
  runCli(['build', '--only', 'runner', '--out', join(project, out)], { cwd: project, env: { MIMAMORI_RUNNER_TIMEOUT_SECONDS: undefined, ...env } });

describe('the build against the runner timeout', () => {
  it('refuses (exit 2) a check whose timeoutMs does not fit in the template\'s default timeout less the reserve, naming it and the numbers', async () => {
    const run = await build('refused');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Not built: a check does not fit in the runner's timeout (120 s, from RunnerTimeoutSeconds's default in ");
    expect(run.stderr).toContain('check "slow journey" (checks/slow.check.ts) has timeoutMs 100000 (100 s), but a runner timeout of 120 s leaves 90000 ms (90 s) once 30 s are kept back to stop, store and alert');
    expect(run.stderr).toContain('or deploy with a longer RunnerTimeoutSeconds (deploy.parameters.RunnerTimeoutSeconds in the config)');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    expect(run.stderr).not.toContain('"quick"');
    expect(existsSync(join(project, 'refused/runner.js'))).toBe(false);
  });

  it('reads another timeout from MIMAMORI_RUNNER_TIMEOUT_SECONDS (a deploy with another RunnerTimeoutSeconds)', async () => {
    // 60 s keeps 15 s: the 60 s default timeoutMs no longer fits either.
    const short = await build('short', { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '60' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("Not built: 2 checks do not fit in the runner's timeout (60 s, from MIMAMORI_RUNNER_TIMEOUT_SECONDS):");
    expect(short.stderr).toContain('check "default timeout" (checks/default.check.ts) has timeoutMs 60000 (60 s), but a runner timeout of 60 s leaves 45000 ms (45 s) once 15 s are kept back');
    expect(short.stderr).toContain('check "slow journey"');

    const bad = await build('bad', { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '2m' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MIMAMORI_RUNNER_TIMEOUT_SECONDS must be the runner\'s timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got "2m"');

    // 150 s keeps 30 s: 120 s is left, and every check fits.
    const long = await build('long', { MIMAMORI_RUNNER_TIMEOUT_SECONDS: '150' });
    expect(long.stderr).toBe('');
    expect(long.code).toBe(0);
    expect(existsSync(join(project, 'long/runner.js'))).toBe(true);
  }, 60_000);

  it('reads the timeout mimamori deploy deploys with from the config (deploy.parameters.RunnerTimeoutSeconds)', async () => {
    await writeFile(join(project, 'deploy.config.ts'), "export default { baseURL: 'http://127.0.0.1:9', deploy: { parameters: { RunnerTimeoutSeconds: 150 } } };\n");
    const run = await runCli(['build', '--only', 'runner', '--config', 'deploy.config.ts', '--out', join(project, 'configured')], { cwd: project, env: { MIMAMORI_RUNNER_TIMEOUT_SECONDS: undefined } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(project, 'configured/runner.js'))).toBe(true);
  }, 60_000);
});
