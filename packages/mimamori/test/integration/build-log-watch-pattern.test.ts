// `mimamori build` refuses a log watch whose pattern repeats a group holding a repetition (catastrophic backtracking:
// minutes per line in the deployed handler), naming the config, the watch and the field. The real CLI.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const CHECK = "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', async run({ page }) { await page.goto('/'); } });\n";

describe('the build and a log watch pattern that backtracks catastrophically', () => {
  it('refuses it as a fatal config problem naming the watch and the field, and writes nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'mimamori-build-pattern-'));
    await mkdir(join(cwd, 'checks'));
    await writeFile(join(cwd, 'checks/home.check.ts'), CHECK);
    await writeFile(join(cwd, 'mimamori.config.ts'), "export default { baseURL: 'http://127.0.0.1:9', logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /^(\\w+\\s?)*ERROR$/ }] };\n");
    const run = await runCli(['build', '--only', 'log-watch', '--out', join(cwd, 'out')], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('1 fatal problem in the config');
    expect(run.stderr).toContain("  mimamori.config.ts › logWatches: [0].pattern /^(\\w+\\s?)*ERROR$/ (watch 'api-errors') repeats a group that holds a repetition of its own ((\\w+\\s?)* holds \\w+)");
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});
