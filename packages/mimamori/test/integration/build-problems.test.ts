// `mimamori build` refuses every problem, because a deploy cannot skip a check as a local run does: it exits 2, tells
// the config's fatal problems (a local run stops too) from the check files' (a local run skips those checks), names
// each file and field, and writes nothing. The real CLI, in a project of its own.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

let scratch: string;

const GOOD = "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', async run({ page }) { await page.goto('/'); } });\n";
const BAD = "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'bad', timeoutMs: 'soon', async run() {} });\n";

async function project(name: string, config: string, checks: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'checks'), { recursive: true });
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  for (const [file, text] of Object.entries(checks)) await writeFile(join(dir, 'checks', file), text);
  return dir;
}

const build = (cwd: string) => runCli(['build', '--out', join(cwd, 'out')], { cwd, env: { MIMAMORI_RUNNER_TIMEOUT_SECONDS: undefined } });

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-build-problems-'));
});

describe('the build against problems in the config and check files', () => {
  it('stops on a config typo with exit 2, as fatal, naming the file and the field, and writes nothing', async () => {
    const cwd = await project('typo', "export default { baseURL: 'http://127.0.0.1:9', webServr: { command: 'x', url: 'http://127.0.0.1:9' } };\n", { 'home.check.ts': GOOD });
    const run = await build(cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Not built: 1 problem.\n1 fatal problem in the config (a local run stops too):\n');
    expect(run.stderr).toContain("  mimamori.config.ts › webServr: unknown option 'webServr'");
    expect(run.stderr).not.toContain('in check files');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    expect(run.stdout).toBe('');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('refuses a check file a local run would skip, apart from the fatal ones, listing them all at once', async () => {
    const only = await build(await project('check', "export default { baseURL: 'http://127.0.0.1:9' };\n", { 'home.check.ts': GOOD, 'bad.check.ts': BAD }));
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('Not built: 1 problem.\n1 problem in check files (a local run skips just those checks; a deploy cannot leave them out):\n');
    expect(only.stderr).toContain('  checks/bad.check.ts › timeoutMs: must be a positive number of milliseconds');
    expect(only.stderr).not.toContain('fatal');

    const both = await build(await project('both', "export default { defualts: {} };\n", { 'home.check.ts': GOOD, 'bad.check.ts': BAD }));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^Not built: 2 problems\.\n1 fatal problem in the config \(a local run stops too\):\n {2}mimamori\.config\.ts › defualts: .*\n1 problem in check files .*\n {2}checks\/bad\.check\.ts › timeoutMs: /);
  });
});
