// `mimamori <command>`: `check` is the run, as the bare form (and `npm run check`) is; `--help` lists the commands; a
// check named like a command is reached through `check`; a first word that is nothing at all is still a clear error.
// The real CLI, real Chromium, the fixture site.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { ROOT, runCli, startCli } from '../helpers/cli.ts';

const HOME = join(ROOT, 'test/fixtures/checks/home.check.ts');
const named = (name: string) =>
  `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: '${name}', retries: 0, async run({ page }) { await page.goto('/'); } });\n`;

let site: FixtureSite;
let scratch: string;
/** A project whose checks are named `check` and `other`. */
let project: string;
beforeAll(async () => {
  site = await startFixtureSite();
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-commands-'));
  project = join(scratch, 'project');
  await mkdir(join(project, 'checks'), { recursive: true });
  await writeFile(join(project, 'checks/check.check.ts'), named('check'));
  await writeFile(join(project, 'checks/other.check.ts'), named('other'));
});
afterAll(() => site?.close());

const cli = (args: string[], cwd = scratch) => runCli(args, { cwd, env: { BASE_URL: site.url } });
const totals = (stdout: string) => /^\d+ checks?: .*$/m.exec(stdout)?.[0];

describe('mimamori check', () => {
  it('runs a check and exits as the bare form does', async () => {
    const command = await cli(['check', HOME, '--out', join(scratch, 'command')]);
    const bare = await cli([HOME, '--out', join(scratch, 'bare')]);
    expect(command.stderr).toBe('');
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/home\s+✓ passed/);
    expect(totals(command.stdout)).toBe('1 check: 1 passed, 0 degraded, 0 failed');
    expect(bare.code).toBe(command.code);
    expect(totals(bare.stdout)).toBe(totals(command.stdout));
  });

  it('reaches a check named like a command: `mimamori check check` runs the check named "check", and only it', async () => {
    const run = await cli(['check', 'check', '--out', join(scratch, 'named')], project);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^check\s+✓ passed/m);
    expect(run.stdout).not.toMatch(/^other\s/m);
    expect(totals(run.stdout)).toBe('1 check: 1 passed, 0 degraded, 0 failed');
  });

  it('still says a first word that is no command, file, folder or check is none of them, and exits 2', async () => {
    const run = await cli(['vaildate', '--out', join(scratch, 'typo')], project);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('vaildate: is neither a file, a folder nor the name of a check (check, other), nor a command (init, check, validate, results, dashboard, digest, build, deploy, mute, unmute)');
    // Further words are names only: no command hint for them.
    const later = await cli(['check', 'nope', '--out', join(scratch, 'later')], project);
    expect(later.code).toBe(2);
    expect(later.stdout).toContain('nope: is neither a file, a folder nor the name of a check (check, other)\n');
  });
});

describe('help', () => {
  it('`mimamori --help` lists the commands, then the check run\'s options; `mimamori check --help` the options alone', async () => {
    const all = await runCli(['--help']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Usage: mimamori <command> \[arguments\] \[options\]\n\nCommands:\n {2}init {7}set mimamori up in this repo/);
    for (const command of ['check', 'validate', 'results', 'dashboard', 'digest', 'build', 'deploy', 'mute', 'unmute']) expect(all.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    expect(all.stdout).toContain('Usage: mimamori check [files | folders | check names…] [options]');

    const check = await runCli(['check', '--help']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^Usage: mimamori check /);
    expect(check.stdout).toContain('--grep <regex>');
    expect(check.stdout).not.toContain('Commands:');
  });

  it('`mimamori init --help` is init\'s usage; an option init does not know is a usage error, exit 2', async () => {
    const help = await runCli(['init', '--help'], { cwd: scratch });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mimamori init \[--url <url>\] \[--github-actions\] \[--yes\]\n/);
    const typo = await runCli(['init', '--github-action'], { cwd: scratch });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^Unknown option '--github-action'[^\n]*\n\nUsage: mimamori init /);
  });

  it('`npm run check` is `mimamori check`: its --help is the check run\'s', async () => {
    const run = await startCli('npm', ['run', '--silent', 'check', '--', '--help'], { cwd: ROOT }).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mimamori check /);
    expect(run.stdout).not.toContain('Commands:');
  });
});
