// `mimamori validate`: the config and every check loaded as a run loads them (in a worker process), and everything a
// deploy refuses listed at once with file and field — without running a check, starting a browser or writing results.
// The real CLI, in projects of its own.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

let scratch: string;
/** A "browser" that only leaves a mark: launched, it would write LAUNCHED beside itself (and fail to start). */
let fakeChromium: string;

/**
 * A check whose top-level code notes (in MARKS, the project's checks/ folder) where it was imported — the worker has an
 * IPC channel, the host none — and whose journey leaves a mark if it ever runs.
 */
const check = (name: string, options = '') => `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCheck } from 'mimamori';
writeFileSync(join(MARKS, 'imported-${name}.txt'), typeof process.send === 'function' ? 'worker' : 'host');
export default defineCheck({ name: '${name}',${options} async run({ page }) {
  writeFileSync(join(MARKS, 'ran-${name}.txt'), 'ran');
  await page.goto('/');
} });
`;

async function project(name: string, config: string, checks: Record<string, string>, files: Record<string, string> = {}): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'checks'), { recursive: true });
  await writeFile(join(dir, 'mimamori.config.ts'), config);
  for (const [file, text] of Object.entries(checks)) await writeFile(join(dir, 'checks', file), text.replaceAll('MARKS', JSON.stringify(join(dir, 'checks'))));
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

// The runner's timeout comes from the package's template.yaml (120 s) unless the config's deploy.parameters sets it.
const validate = (cwd: string, args: string[] = []) =>
  runCli(['validate', ...args], { cwd, env: { MIMAMORI_RUNNER_TIMEOUT_SECONDS: undefined, MIMAMORI_CHROMIUM: fakeChromium, BASE_URL: undefined } });

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-validate-'));
  fakeChromium = join(scratch, 'fake-chromium.sh');
  await writeFile(fakeChromium, `#!/bin/sh\necho launched > ${JSON.stringify(join(scratch, 'LAUNCHED'))}\nexit 1\n`);
  await chmod(fakeChromium, 0o755);
});

describe('mimamori validate', () => {
  it('exits 0 on a good project with a one-line summary, loading the checks in a worker and running none of them', async () => {
    const cwd = await project(
      'good',
      "export default { baseURL: 'http://127.0.0.1:9', logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /ERROR|Unhandled/ }] };\n",
      { 'home.check.ts': check('home', " schedule: 'rate(5 minutes)',"), 'cart.check.ts': check('cart') },
    );
    const run = await validate(cwd);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('2 checks, 1 schedule, 1 watch: valid\n');
    expect(run.code).toBe(0);
    // Imported (top-level code runs, as in a run) in the worker, not in this process; no journey ran.
    expect(await readFile(join(cwd, 'checks/imported-home.txt'), 'utf8')).toBe('worker');
    expect(await readFile(join(cwd, 'checks/imported-cart.txt'), 'utf8')).toBe('worker');
    expect(existsSync(join(cwd, 'checks/ran-home.txt'))).toBe(false);
    expect(existsSync(join(cwd, 'checks/ran-cart.txt'))).toBe(false);
    // No results folder, no browser started.
    expect(existsSync(join(cwd, 'mimamori-results'))).toBe(false);
    expect(existsSync(join(scratch, 'LAUNCHED'))).toBe(false);
  });

  it('lists a bad check file, a bad schedule, a timeoutMs the runner cannot hold and a backtracking log-watch pattern at once, with file and field, and exits 2', async () => {
    const cwd = await project(
      'bad',
      "export default { baseURL: 'http://127.0.0.1:9', logWatches: [{ name: 'api-errors', logGroups: ['/aws/lambda/api'], pattern: /^(\\w+\\s?)*ERROR$/ }] };\n",
      {
        'home.check.ts': check('home'),
        'retries.check.ts': check('retries', " retries: 'twice',"),
        'schedule.check.ts': check('schedule', " schedule: 'every 5 minutes',"),
        'slow.check.ts': check('slow journey', ' timeoutMs: 100_000,'),
        'typo.check.ts': "import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'typo', async run() { } );\n",
      },
    );
    const run = await validate(cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Not valid: 5 problems\.\n1 fatal problem in the config \(a local run stops too\):\n/);
    expect(run.stderr).toContain("  mimamori.config.ts › logWatches: [0].pattern /^(\\w+\\s?)*ERROR$/ (watch 'api-errors') repeats a group that holds a repetition of its own");
    expect(run.stderr).toContain('3 problems in check files (a local run skips just those checks; a deploy cannot leave them out):\n');
    expect(run.stderr).toContain('  checks/retries.check.ts › retries: must be a whole number from 0 to 5');
    expect(run.stderr).toContain('  checks/schedule.check.ts › schedule: "every 5 minutes" is not a valid schedule');
    expect(run.stderr).toMatch(/ {2}checks\/typo\.check\.ts: does not compile: /);
    expect(run.stderr).toContain('1 problem a deploy refuses (a local run is not affected):\n');
    expect(run.stderr).toContain("  checks/slow.check.ts › timeoutMs: 100000 (100 s) does not fit: a runner timeout of 120 s (RunnerTimeoutSeconds's default in ");
    expect(run.stderr).toContain('leaves 90000 ms (90 s) once 30 s are kept back to stop, store and alert. Lower the check\'s timeoutMs');
    expect(run.stderr).not.toMatch(/\n\s+at /); // messages, not stacks
    expect(existsSync(join(cwd, 'checks/ran-home.txt'))).toBe(false);
    expect(existsSync(join(cwd, 'mimamori-results'))).toBe(false);
    expect(existsSync(join(scratch, 'LAUNCHED'))).toBe(false);
  });

  it('reads the runner timeout from the config\'s deploy.parameters.RunnerTimeoutSeconds, and refuses a deploy section with a typo or a parameter the template lacks', async () => {
    const config = (deploy: string) => `export default { baseURL: 'http://127.0.0.1:9', defaults: { timeoutMs: 30_000 }, deploy: ${deploy} };\n`;
    const cwd = await project(
      'deployable',
      config("{ stackName: 'mimamori-prod', parameters: { RunnerTimeoutSeconds: 60 } }"),
      { 'home.check.ts': check('home', " schedule: 'rate(1 minute)',"), 'slow.check.ts': check('slow', ' timeoutMs: 50_000,') },
    );
    const short = await validate(cwd);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^Not valid: 1 problem\.\n1 problem a deploy refuses \(a local run is not affected\):\n/);
    expect(short.stderr).toContain('  checks/slow.check.ts › timeoutMs: 50000 (50 s) does not fit: a runner timeout of 60 s (deploy.parameters.RunnerTimeoutSeconds) leaves 45000 ms (45 s)');

    await writeFile(join(cwd, 'mimamori.config.ts'), config("{ stackName: 'mimamori-prod', parameters: { RunnerTimeoutSeconds: 90 } }"));
    const valid = await validate(cwd);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toBe('2 checks, 1 schedule, 0 watches: valid\n');
    expect(valid.code).toBe(0);

    await writeFile(join(cwd, 'mimamori.config.ts'), config("{ stackNme: 'x', parameters: { SlackChanel: 'C0123' } }"));
    const typo = await validate(cwd);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("  mimamori.config.ts › deploy.stackNme: unknown option 'stackNme' (known: stackName, region, profile, s3Bucket, parameters, tags)");
    expect(typo.stderr).toMatch(/ {2}mimamori\.config\.ts › deploy\.parameters\.SlackChanel: is not a parameter of template\.yaml \(it declares [^)]*SlackChannel[^)]*\)/);
  });

  it('names the probe regions (confirmFrom) a deploy sets up, and refuses one that is deploy.region, naming the check', async () => {
    const config = (region: string) => `export default { baseURL: 'http://127.0.0.1:9', defaults: { confirmFrom: ['us-west-2'] }, deploy: { stackName: 'shop', region: '${region}' } };\n`;
    const cwd = await project('probed', config('ap-northeast-1'), { 'home.check.ts': check('home', " schedule: 'rate(5 minutes)',"), 'cart.check.ts': check('cart', " confirmFrom: ['eu-west-1'],") });
    const valid = await validate(cwd);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toBe('2 checks, 1 schedule, 0 watches: valid\nProbe regions (confirmFrom): eu-west-1, us-west-2 — `mimamori deploy` deploys a probe stack to each.\n');
    expect(valid.code).toBe(0);

    await writeFile(join(cwd, 'mimamori.config.ts'), config('us-west-2'));
    const home = await validate(cwd);
    expect(home.code).toBe(2);
    expect(home.stderr).toMatch(/^Not valid: 1 problem\.\n1 problem a deploy refuses \(a local run is not affected\):\n {2}checks\/home\.check\.ts › confirmFrom: 'us-west-2' is the home region/);
  });

  it('refuses a secrets file that exists but cannot be read, as a run does', async () => {
    const cwd = await project('unreadable-env', "export default { baseURL: 'http://127.0.0.1:9' };\n", { 'home.check.ts': check('home') });
    await mkdir(join(cwd, '.env')); // a folder where the file belongs: read as root, only this cannot be read
    const run = await validate(cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.env[^\n]*cannot be read/);
    expect(run.stdout).toBe('');
  });

  it('takes --config, and says plainly when there is no check to validate', async () => {
    const cwd = await project('elsewhere', "export default {};\n", {});
    await mkdir(join(cwd, 'monitoring/checks'), { recursive: true });
    await writeFile(join(cwd, 'monitoring/mimamori.config.ts'), "export default { baseURL: 'http://127.0.0.1:9' };\n");
    await writeFile(join(cwd, 'monitoring/checks/home.check.ts'), check('home').replaceAll('MARKS', JSON.stringify(join(cwd, 'monitoring/checks'))));
    const empty = await validate(cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('Not valid: no checks found in checks/ (checksDir in the config says where they are).\n');

    // A warning (here: no schedule for the dead-man alarm) is listed after the verdict and does not change it.
    const found = await validate(cwd, ['--config', 'monitoring/mimamori.config.ts']);
    expect(found.stdout).toBe('1 check, 0 schedules, 0 watches: valid\n');
    expect(found.stderr).toMatch(/^Warning: the dead-man alarm \(NoResultsAlarm\) .* no check has a schedule/);
    expect(found.code).toBe(0);

    const usage = await validate(cwd, ['checks/home.check.ts']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: mimamori validate [--config file]');
  });
});
