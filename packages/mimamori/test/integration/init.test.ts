// `mimamori init` in existing repos (temporary folders with their own package.json): what it writes, what it leaves
// alone, that a second run changes nothing, that it asks only when someone can answer — and that the example check it
// writes passes against a real site in real Chromium. In this process, with cwd, env, output and prompt injected.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { initMain, type InitIo } from '../../src/cli/init.ts';
import { loadChecks, loadConfig } from '../../src/check/load.ts';
import { browserProvider } from '../../src/runner/browser-provider.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { startFixtureSite } from '../fixtures/site.ts';
import { runCli } from '../helpers/cli.ts';

const APP = `{
    "name": "@acme/shop-web",
    "private": true,
    "scripts": {
        "start": "node server.js",
        "test": "vitest run",
        "check": "tsc --noEmit"
    },
    "devDependencies": {
        "typescript": "5.9.3"
    }
}
`;

/** A temporary repo holding `files` (path → text). */
async function repo(files: Record<string, string> = { 'package.json': APP }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mimamori-init-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

interface InitRun { code: number; stdout: string; stderr: string; questions: string[] }

async function init(dir: string, argv: string[] = [], options: { env?: NodeJS.ProcessEnv; answers?: string[] } = {}): Promise<InitRun> {
  const run: InitRun = { code: -1, stdout: '', stderr: '', questions: [] };
  const answers = [...(options.answers ?? [])];
  const io: InitIo = {
    cwd: dir,
    env: options.env ?? {},
    stdout: (t) => void (run.stdout += t),
    stderr: (t) => void (run.stderr += t),
    // A terminal: asked only when `answers` is given.
    prompt: options.answers ? async (q) => (run.questions.push(q), answers.shift() ?? '') : undefined,
  };
  run.code = await initMain(argv, io);
  return run;
}

/** Every file under `dir` (path → bytes), to compare two states of a repo. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), (await readFile(path)).toString('base64'));
    }
  }
  return files;
}

const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');

describe('mimamori init in an existing repo', () => {
  it('writes the config, the example check, .env.example, .gitignore lines and scripts beside the app\'s own', async () => {
    const dir = await repo({ 'package.json': APP, 'tsconfig.json': '{}\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    const run = await init(dir, ['--url', 'https://shop.example.com'], { env: { CI: 'true', AWS_REGION: 'eu-west-1' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Package manager: pnpm (pnpm-lock.yaml)');
    expect(run.stdout).toContain('TypeScript: found (tsconfig.json)');
    for (const file of ['mimamori.config.ts', 'checks/example.check.ts', '.env.example']) expect(run.stdout).toContain(`  created ${file}\n`);

    const config = await read(dir, 'mimamori.config.ts');
    expect(config).toContain("import { defineConfig } from 'mimamori';");
    expect(config).toContain("baseURL: 'https://shop.example.com',");
    expect(config).not.toContain('process.'); // typechecks in a project without Node's types
    expect(config).toMatch(/deploy: \{\n\s+stackName: 'mimamori-acme-shop-web',\n\s+region: 'eu-west-1',\n\s+\}/);
    expect(await read(dir, '.env.example')).toMatch(/^BASE_URL=https:\/\/shop\.example\.com$/m);
    expect(await read(dir, '.gitignore')).toBe('# mimamori: run results, local secrets, the deploy build\nmimamori-results/\n.env\n.mimamori/\n');

    // The app's scripts as they were, in their order, then ours; the file's 4-space layout and final newline kept.
    const pkg = await read(dir, 'package.json');
    expect(Object.entries(JSON.parse(pkg).scripts)).toEqual([
      ['start', 'node server.js'], ['test', 'vitest run'], ['check', 'tsc --noEmit'],
      ['mimamori:check', 'mimamori check'], ['mimamori:validate', 'mimamori validate'], ['mimamori:deploy', 'mimamori deploy'],
    ]);
    expect(Object.keys(JSON.parse(pkg))).toEqual(['name', 'private', 'scripts', 'devDependencies']);
    expect(pkg).toBe(`${JSON.stringify(JSON.parse(pkg), null, 4)}\n`);

    // The next commands, in pnpm's form, in order.
    const next = run.stdout.slice(run.stdout.indexOf('Next:'));
    expect(next).toMatch(/pnpm add -D mimamori[^\n]*\n[^\n]*pnpm exec mimamori check [^\n]*\n[^\n]*pnpm exec mimamori validate [^\n]*\n[^\n]*pnpm exec mimamori deploy /);
  });

  it('says TypeScript is not needed when the repo has none, and prints npx commands for npm', async () => {
    const dir = await repo({ 'package.json': '{ "name": "plain" }\n', 'package-lock.json': '{}\n' });
    const run = await init(dir, ['--yes', '--url', 'http://127.0.0.1:9']);
    expect(run.stdout).toContain('Package manager: npm (package-lock.json)');
    expect(run.stdout).toMatch(/TypeScript: not found .*no TypeScript install needed/);
    expect(run.stdout).toMatch(/^ {2}npx mimamori check /m);
  });

  it('never overwrites: an existing config and .env.example are skipped and named, byte for byte as they were', async () => {
    const mine = "export default { baseURL: 'https://mine.example' };\n";
    const dir = await repo({ 'package.json': APP, 'mimamori.config.ts': mine, '.env.example': 'MINE=1\n' });
    const run = await init(dir, ['--url', 'https://shop.example.com'], { env: { CI: 'true' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  skipped mimamori.config.ts (exists)\n');
    expect(run.stdout).toContain('  skipped .env.example (exists)\n');
    // The checks beside an existing config are the team's: no example is added where that config may never look.
    expect(run.stdout).toContain('  skipped checks/example.check.ts (mimamori.config.ts exists: the checks are yours)\n');
    expect(existsSync(join(dir, 'checks'))).toBe(false);
    expect(await read(dir, 'mimamori.config.ts')).toBe(mine);
    expect(await read(dir, '.env.example')).toBe('MINE=1\n');
  });

  it('takes a config of another kind (mimamori.config.mjs) as the config, and writes no second one', async () => {
    const dir = await repo({ 'package.json': APP, 'mimamori.config.mjs': 'export default {};\n' });
    const run = await init(dir, [], { env: { CI: 'true' } });
    expect(run.stdout).toContain('  skipped mimamori.config.ts (mimamori.config.mjs exists)\n');
    expect(run.stdout).toContain('Site: as mimamori.config.mjs says');
    expect((await snapshot(dir)).has('mimamori.config.ts')).toBe(false);
  });

  it('a second run changes nothing — a file the user edited survives — and says everything was already there', async () => {
    const dir = await repo({ 'package.json': APP, '.gitignore': 'node_modules\n' });
    expect((await init(dir, ['--url', 'https://shop.example.com', '--github-actions'], { env: { CI: 'true' } })).code).toBe(0);
    const edited = "// mine now\nimport { defineCheck } from 'mimamori';\n";
    await writeFile(join(dir, 'checks/example.check.ts'), edited);
    const before = await snapshot(dir);

    const again = await init(dir, ['--url', 'https://other.example.com', '--github-actions'], { env: { CI: 'true' } });
    expect(again.code).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
    expect(await read(dir, 'checks/example.check.ts')).toBe(edited);
    for (const file of ['mimamori.config.ts', '.env.example', '.github/workflows/mimamori.yml']) {
      expect(again.stdout).toContain(`  skipped ${file} (exists)\n`);
    }
    expect(again.stdout).toContain('  skipped checks/example.check.ts (mimamori.config.ts exists: the checks are yours)\n');
    expect(again.stdout).toContain('  .gitignore: already has mimamori-results/, .env, .mimamori/\n');
    expect(again.stdout).toContain('  package.json: already has the scripts mimamori:check, mimamori:validate, mimamori:deploy\n');
    expect(again.stdout).toContain('Nothing changed: everything was already there.');
    expect(again.stdout).not.toContain('created');
  });

  it('appends only the missing .gitignore lines, after a last line that had no newline', async () => {
    const dir = await repo({ 'package.json': APP, '.gitignore': 'node_modules\n/.env' });
    const run = await init(dir, ['--yes']);
    expect(run.stdout).toContain('  .gitignore: added mimamori-results/, .mimamori/\n');
    expect(await read(dir, '.gitignore')).toBe('node_modules\n/.env\n\n# mimamori: run results, local secrets, the deploy build\nmimamori-results/\n.mimamori/\n');
  });

  it('leaves a script of the same name alone and names it', async () => {
    const pkg = '{\n\t"name": "app",\n\t"scripts": {\n\t\t"mimamori:check": "mimamori check --tag smoke"\n\t}\n}';
    const dir = await repo({ 'package.json': pkg });
    const run = await init(dir, ['--yes']);
    expect(run.stdout).toContain('  package.json: kept your script mimamori:check ("mimamori check --tag smoke")\n');
    const written = await read(dir, 'package.json');
    expect(JSON.parse(written).scripts).toEqual({ 'mimamori:check': 'mimamori check --tag smoke', 'mimamori:validate': 'mimamori validate', 'mimamori:deploy': 'mimamori deploy' });
    // Tabs kept, and no final newline added where there was none.
    expect(written).toBe(JSON.stringify(JSON.parse(written), null, '\t'));
  });
});

describe('the site URL', () => {
  it('is asked for in a terminal when neither --url nor BASE_URL gives it, and goes into the config', async () => {
    const dir = await repo();
    const run = await init(dir, [], { answers: ['not a url', 'https://asked.example.com'] });
    expect(run.questions).toHaveLength(2);
    expect(run.stderr).toContain('not a url is not an absolute URL');
    expect(run.stdout).toContain('Site: https://asked.example.com (your answer)');
    expect(await read(dir, 'mimamori.config.ts')).toContain("baseURL: 'https://asked.example.com',");
  });

  it('is never asked for with CI=true or --yes, nor when BASE_URL gives it', async () => {
    for (const [argv, env] of [[[], { CI: 'true' }], [['--yes'], {}], [[], { BASE_URL: 'https://env.example.com' }]] as const) {
      const run = await init(await repo(), [...argv], { env, answers: ['https://never.example.com'] });
      expect(run.code).toBe(0);
      expect(run.questions).toEqual([]);
    }
  });

  it('is not asked for when stdin is no terminal: the real command, without CI or --yes, finishes and asks nothing', async () => {
    // The process is the subject here: its stdin (runCli: ignored, so not a TTY) decides whether init may ask.
    const dir = await repo();
    const run = await runCli(['init'], { cwd: dir, env: { CI: undefined, BASE_URL: undefined } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('The URL of the site');
    expect(await read(dir, 'mimamori.config.ts')).toContain("// baseURL: 'https://www.example.com',");
  });

  it('without one, the config reads BASE_URL alone and init says what to set', async () => {
    const dir = await repo();
    const run = await init(dir, [], { env: { CI: 'true' } });
    expect(run.code).toBe(0);
    expect(await read(dir, 'mimamori.config.ts')).toContain("// baseURL: 'https://www.example.com',");
    // A copied .env.example must not point the checks at a made-up site.
    expect(await read(dir, '.env.example')).toMatch(/^# BASE_URL=/m);
    expect(run.stdout).toMatch(/Next:\n(.*\n)*\s+set BASE_URL \(in \.env — see \.env\.example — or the environment\)/);
  });
});

describe('refusals', () => {
  it('without a package.json: exit 2, says how to make one, writes nothing', async () => {
    const dir = await repo({});
    const run = await init(dir, ['--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No package.json in');
    expect(run.stderr).toContain('npm init -y');
    expect((await snapshot(dir)).size).toBe(0);
  });

  it('an unknown option, or a --url that is no URL, is a usage error (exit 2) and writes nothing', async () => {
    for (const argv of [['--github-action'], ['--url', 'shop.example.com'], ['--url', 'ftp://shop.example.com']]) {
      const dir = await repo();
      const run = await init(dir, argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage: mimamori init');
      expect([...(await snapshot(dir)).keys()]).toEqual(['package.json']);
    }
  });

  it('--help shows the usage and writes nothing', async () => {
    const dir = await repo();
    const run = await init(dir, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mimamori init \[--url <url>\] \[--github-actions\] \[--yes\]/);
    expect([...(await snapshot(dir)).keys()]).toEqual(['package.json']);
  });
});

describe('--github-actions', () => {
  const cases = [
    { lock: 'package-lock.json', install: 'npm ci', run: 'npx mimamori check' },
    { lock: 'pnpm-lock.yaml', install: 'pnpm install --frozen-lockfile', run: 'pnpm exec mimamori check' },
    { lock: 'yarn.lock', install: 'yarn install', run: 'yarn mimamori check' },
    { lock: 'bun.lock', install: 'bun install --frozen-lockfile', run: 'bunx mimamori check' },
  ];
  for (const c of cases) {
    it(`writes a workflow that parses, runs on pull requests, installs with ${c.lock}'s manager and keeps the report (${c.lock})`, async () => {
      const dir = await repo({ 'package.json': APP, [c.lock]: '' });
      expect((await init(dir, ['--yes', '--github-actions'])).code).toBe(0);
      const workflow = parse(await read(dir, '.github/workflows/mimamori.yml'));
      expect(Object.keys(workflow.on)).toEqual(['pull_request', 'workflow_dispatch']);
      const steps: { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }[] = workflow.jobs.checks.steps;
      const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(Number(node?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
      const install = steps.findIndex((s) => s.run === c.install);
      const check = steps.findIndex((s) => s.run?.startsWith(c.run));
      expect(install).toBeGreaterThan(steps.indexOf(node!));
      expect(check).toBeGreaterThan(install);
      expect(steps[check]!.run).toContain('--junit mimamori-results/junit.xml');
      expect(steps[check]!.env?.BASE_URL).toBe('${{ inputs.base_url || vars.MIMAMORI_BASE_URL }}');
      const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
      expect(upload).toBeGreaterThan(check);
      expect(steps[upload]).toMatchObject({ if: 'always()', with: { path: 'mimamori-results/' } });
    });
  }

  it('in a monorepo app folder: found the manager at the workspace root, writes the workflow where GitHub reads it, runs in the app', async () => {
    const root = await repo({
      'package.json': '{ "name": "monorepo", "private": true, "packageManager": "pnpm@9.12.0", "workspaces": ["web"] }\n',
      'pnpm-lock.yaml': '',
      'web/package.json': APP,
    });
    await mkdir(join(root, '.git'));
    const run = await init(join(root, 'web'), ['--yes', '--github-actions']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Package manager: pnpm (packageManager in package.json in ..)');
    expect(run.stdout).toContain('  created ../.github/workflows/mimamori.yml\n');
    const workflow = parse(await read(root, '.github/workflows/mimamori.yml'));
    const steps: { uses?: string; run?: string; with?: Record<string, unknown>; 'working-directory'?: string }[] = workflow.jobs.checks.steps;
    // The install at the workspace root, where the lockfile is; the checks and their report in the app's folder.
    expect(steps.find((s) => s.run === 'pnpm install --frozen-lockfile')?.['working-directory']).toBeUndefined();
    expect(steps.find((s) => s.run?.startsWith('pnpm exec mimamori check'))?.['working-directory']).toBe('web');
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path).toBe('web/mimamori-results/');
    expect(existsSync(join(root, 'web/.github'))).toBe(false);
  });
});

describe('the deploy settings it writes', () => {
  it("takes AWS_REGION, else AWS_DEFAULT_REGION, else leaves the region to the AWS profile (never a guess)", async () => {
    const region = async (env: NodeJS.ProcessEnv) => {
      const dir = await repo();
      await init(dir, ['--yes'], { env });
      return /^ {4}(\/\/ )?region: '([^']+)'/m.exec(await read(dir, 'mimamori.config.ts'));
    };
    expect((await region({ AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-west-1' }))?.slice(1)).toEqual([undefined, 'us-west-2']);
    expect((await region({ AWS_DEFAULT_REGION: 'eu-west-1' }))?.slice(1)).toEqual([undefined, 'eu-west-1']);
    expect((await region({}))?.[1]).toBe('// ');
  });
});

describe('the example check it writes', () => {
  const browsers = browserProvider();
  afterAll(() => browsers.close());

  it('passes against a site on loopback, loaded through the config init wrote, run by the real engine', async () => {
    const site = await startFixtureSite();
    // The URL must come from the written config, not from this process's environment (vitest sets BASE_URL to '/').
    const baseUrl = process.env.BASE_URL;
    delete process.env.BASE_URL;
    try {
      // Outside this repository, as a user's repo is: 'mimamori' resolves all the same (import-ts.ts).
      const dir = await repo();
      expect((await init(dir, ['--url', site.url], { env: { CI: 'true' } })).code).toBe(0);
      const { config, problems } = await loadConfig(dir);
      expect(problems).toEqual([]);
      expect(config.deploy?.stackName).toBe('mimamori-acme-shop-web');
      const loaded = await loadChecks([join(dir, 'checks/example.check.ts')], config, dir);
      expect(loaded.problems).toEqual([]);
      const [check] = loaded.checks;
      expect(check!.baseURL).toBe(site.url);
      const result = await runCheck(inProcess(browsers), { ...check!, retries: 0 });
      expect(result!.error).toBeUndefined();
      expect(result!.status).toBe('passed');
      expect(result!.steps.map((s) => [s.name, s.status])).toEqual([['Open the home page', 'passed'], ['See the page', 'passed']]);
      expect(result!.screenshots.map((s) => s.kind)).toEqual(['final']);
      expect(site.hits('/')).toBe(1);
    } finally {
      if (baseUrl !== undefined) process.env.BASE_URL = baseUrl;
      await site.close();
    }
  });
});
