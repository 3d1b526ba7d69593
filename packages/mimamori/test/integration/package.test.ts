// The package as a team meets it: `npm pack`, then a repository of their own (its package.json, scripts and git
// history) installs the tarball, runs `npx mimamori init` twice, checks its own site with `npx mimamori check` and
// deploys with `--dry-run` — offline, through npm and npx as a user types them (the processes are the subject here).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { installedPackage, ROOT, startCli } from '../helpers/cli.ts';
import { freshRepo, git } from '../helpers/fresh-repo.ts';

/** npm as a user's shell runs it: without the npm_* variables of the `npm test` this suite runs under (a workspace
 * among them), but with the same cache, which `npm ci` filled. */
function userEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, CI: 'true', BASE_URL: undefined, ...extra };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key) && key.toLowerCase() !== 'npm_config_cache') env[key] = undefined;
  return env;
}

async function run(command: string, args: string[], cwd: string, env = userEnv()) {
  const result = await startCli(command, args, { cwd, env }).done;
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}


let scratch: string;
let tarball: string;
let files: string[];
let site: FixtureSite;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-package-'));
  // dist/ is fresh (test/global-setup.ts built it): pack without prepack, which builds from nothing and would pull
  // dist/ from under the test files running beside this one.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], ROOT, userEnv());
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, info!.filename);
  files = info!.files.map((f) => f.path);
  site = await startFixtureSite();
}, 120_000);

afterAll(async () => {
  await site?.close();
});

describe('npm pack', () => {
  it('ships the built CLI, API, types, handlers and template — no source, tests, benches or demo', () => {
    for (const file of ['bin/mimamori.js', 'dist/cli.mjs', 'dist/worker.mjs', 'dist/index.mjs', 'dist/types/index.d.ts', 'template.yaml', 'probe.yaml', 'package.json']) {
      expect(files, file).toContain(file);
    }
    for (const name of ['runner', 'worker', 'dispatcher', 'alarms', 'log-watch']) expect(files).toContain(`dist/functions/${name}.mjs`);
    expect(files.filter((f) => /^(src|test|bench|functions|scripts|examples|demo|checks)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('declares what it installs: exports with types, the true Node minimum, and no `node` binary', () => {
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, any>;
    expect(manifest.exports['.']).toEqual({ types: './dist/types/index.d.ts', default: './dist/index.mjs' });
    expect(String(manifest.bin.mimamori).replace(/^\.\//, '')).toBe('bin/mimamori.js');
    expect(manifest.engines.node).toBe('^22.17.0 || >=24.0.0');
    const installed = { ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies };
    expect(Object.keys(installed).filter((name) => /^node($|-)/.test(name))).toEqual([]);
    expect(manifest.scripts?.postinstall ?? manifest.scripts?.install ?? manifest.scripts?.prepare).toBeUndefined();
  });
});

describe('a team installs it in its own repository', () => {
  it('npm i -D, init (twice), check against its site, deploy --dry-run: a template cfn-lint accepts', async () => {
    const repo = join(scratch, 'web-app');
    execFileSync('mkdir', ['-p', repo]);
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    // A front-end app's TypeScript: strict, bundler resolution, no Node types — and no "type" in package.json.
    writeFileSync(join(repo, 'tsconfig.json'), `${JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', lib: ['es2022', 'dom'], module: 'esnext', moduleResolution: 'bundler', noEmit: true, skipLibCheck: true, types: [] },
      include: ['*.ts', 'checks'],
    }, null, 2)}\n`);
    const name = freshRepo(repo, tarball, {
      name: 'web-app', version: '1.0.0', private: true,
      scripts: { start: 'node server.js', test: 'node --test', check: 'tsc --noEmit' },
    });
    await run('npm', ['install', '-D', '--offline', '--no-audit', '--no-fund', `./${name}`], repo);
    // Nothing it installed put a `node` on the repository's path.
    expect(await readdir(join(repo, 'node_modules/.bin'))).not.toContain('node');

    const first = await run('npx', ['mimamori', 'init', '--url', site.url], repo);
    expect(first.stdout).toContain('mimamori.config.ts');
    const scripts = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).scripts as Record<string, string>;
    // The app's own scripts are kept as they were.
    expect(scripts).toMatchObject({ start: 'node server.js', test: 'node --test', check: 'tsc --noEmit' });
    // What init wrote typechecks with the app's own tsc settings, against the package's declarations.
    const tsc = spawnSync(process.execPath, [join(installedPackage('typescript'), 'bin/tsc'), '-p', repo], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'Add mimamori');

    // The team edits what init wrote; init again changes nothing.
    const config = join(repo, 'mimamori.config.ts');
    writeFileSync(config, `${readFileSync(config, 'utf8')}// ours now\n`);
    git(repo, 'commit', '-q', '-a', '-m', 'Tune the config');
    await run('npx', ['mimamori', 'init', '--url', site.url], repo);
    expect(git(repo, 'status', '--porcelain')).toBe('');

    const check = await run('npx', ['mimamori', 'check'], repo);
    expect(check.stdout).toMatch(/1 check: 1 passed/);
    const results = JSON.parse(await readFile(join(repo, 'mimamori-results/results.json'), 'utf8')) as { results: { status: string }[] };
    expect(results.results.map((r) => r.status)).toEqual(['passed']);

    const deploy = await run('npx', ['mimamori', 'deploy', '--dry-run'], repo);
    expect(deploy.stdout).toMatch(/sam deploy .*--template-file/);
    const template = join(repo, '.mimamori/build/template.yaml');
    const lint = spawnSync('cfn-lint', ['--version']);
    if (lint.status === 0) expect(() => execFileSync('cfn-lint', ['--', template], { encoding: 'utf8' })).not.toThrow();
    // What the build wrote is ignored by git, as init arranged.
    expect(git(repo, 'status', '--porcelain')).toBe('');
  }, 300_000);
});
