// `mimamori init`: sets mimamori up in an existing repo — the config, an example check that passes against the site,
// .env.example, .gitignore lines, package.json scripts, optionally a GitHub Actions workflow — and says what to run
// next. Never overwrites: a file that exists is skipped and named, so running it twice changes nothing.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CONFIG_FILES } from '../check/load.ts';
import { configText, envExampleText, EXAMPLE_CHECK, workflowText } from './init-files.ts';
import { addScripts, appendIgnores } from './init-edits.ts';
import { addDevCommand, detectPackageManager, detectTypeScript, execCommand, findRepoRoot, type PackageManager } from './package-manager.ts';

export interface InitIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks one question; absent when nobody can answer (stdin is not a terminal): init then never asks. */
  prompt?(question: string): Promise<string>;
}

export const INIT_USAGE = `Usage: mimamori init [--url <url>] [--github-actions] [--yes]

Sets mimamori up in this repo (run it where package.json is): mimamori.config.ts (with the deploy settings),
checks/example.check.ts (passes against the site: opens /, checks the answer and the page), .env.example, the lines
.gitignore lacks (mimamori-results/, .env, .mimamori/), and the package.json scripts mimamori:check,
mimamori:validate and mimamori:deploy. Never overwrites: a file or script that exists is skipped and named, so
running it again changes nothing. Ends with the commands to run next, in your package manager's form.

Options:
  --url <url>        the site the checks visit (default: BASE_URL; else, in a terminal, init asks)
  --github-actions   also write .github/workflows/mimamori.yml: the checks on every pull request, the report kept
  -y, --yes          ask nothing (also when CI is set)
  -h, --help         show this help

Exit code: 0 done (also when everything was already there), 1 a file could not be written, 2 usage error or no
package.json.`;

const EXIT = { ok: 0, write: 1, usage: 2 } as const;
const SCRIPTS = { 'mimamori:check': 'mimamori check', 'mimamori:validate': 'mimamori validate', 'mimamori:deploy': 'mimamori deploy' };
const IGNORES = ['mimamori-results/', '.env', '.mimamori/'];

/** A URL the checks can visit, or why not. */
export function urlProblem(url: string): string | undefined {
  try {
    return /^https?:$/.test(new URL(url).protocol) ? undefined : 'is not an http(s) URL';
  } catch {
    return "is not an absolute URL like 'https://example.com'";
  }
}

/** `mimamori-<package name>` as CloudFormation allows a stack name: letters, digits and hyphens, at most 128. */
export function stackNameFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `mimamori-${slug || 'app'}`.slice(0, 128).replace(/-+$/, '');
}

/** CI=true (or any value but false/0) means nobody is there to answer. */
const inCi = (env: NodeJS.ProcessEnv) => Boolean(env.CI) && !/^(false|0)$/i.test(env.CI!);

/** Asks on the terminal; Ctrl-D answers nothing, Ctrl-C stops init before it has written anything. */
export function terminalPrompt(): InitIo['prompt'] {
  if (!process.stdin.isTTY) return undefined;
  return (question) => new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    let answered = false;
    rl.on('SIGINT', () => (rl.close(), process.stdout.write('\n'), process.exit(130)));
    rl.on('close', () => answered || resolve(''));
    rl.question(question, (answer) => ((answered = true), rl.close(), resolve(answer)));
  });
}

export const processIo = (): InitIo => ({
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  prompt: terminalPrompt(),
});

interface Known { url?: string; from: string }

async function siteUrl(given: string | undefined, io: InitIo, interactive: boolean): Promise<Known> {
  if (given !== undefined) return { url: given, from: '--url' };
  const env = io.env.BASE_URL;
  if (env && !urlProblem(env)) return { url: env, from: 'BASE_URL' };
  if (env) io.stderr(`BASE_URL ${urlProblem(env)}: ${env} — not used\n`);
  if (interactive && io.prompt) {
    for (let tries = 0; tries < 3; tries++) {
      const answer = (await io.prompt('The URL of the site to check (empty: set BASE_URL later): ')).trim();
      if (!answer) break;
      const problem = urlProblem(answer);
      if (!problem) return { url: answer, from: 'your answer' };
      io.stderr(`${answer} ${problem}\n`);
    }
  }
  return { from: 'none' };
}

export async function initMain(argv: string[], io: InitIo = processIo()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { url: { type: 'string' }, 'github-actions': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' } },
    }));
    if (values.url !== undefined && urlProblem(values.url)) throw new Error(`--url ${values.url}: ${urlProblem(values.url)}`);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${INIT_USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) return io.stdout(`${INIT_USAGE}\n`), EXIT.ok;

  const { cwd } = io;
  const pkgPath = join(cwd, 'package.json');
  let pkgText: string;
  let pkg: Record<string, unknown>;
  try {
    pkgText = await readFile(pkgPath, 'utf8');
    pkg = JSON.parse(pkgText.replace(/^\uFEFF/, ''));
    if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw new Error('is not a JSON object');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    io.stderr(missing
      ? `No package.json in ${cwd}: run mimamori init in your project's folder, or make one first (npm init -y).\n`
      : `package.json cannot be read: ${(error as Error).message}. Nothing was written.\n`);
    return EXIT.usage;
  }

  const pm = detectPackageManager(cwd, pkg);
  const typescript = detectTypeScript(cwd, pkg);
  const say = (line: string) => io.stdout(`${line}\n`);
  say(`Package manager: ${pm.name} (${pm.source}${pm.dir && pm.dir !== cwd ? ` in ${relative(cwd, pm.dir)}` : ''})`);
  say(typescript
    ? `TypeScript: found (${typescript})`
    : 'TypeScript: not found — check files are .ts all the same: mimamori compiles them itself (esbuild), no TypeScript install needed');
  // The URL goes into the config: with a config there already, there is nothing to ask.
  const existingConfig = CONFIG_FILES.find((f) => existsSync(join(cwd, f)));
  const interactive = !values.yes && !inCi(io.env) && !existingConfig;
  const site = await siteUrl(values.url, io, interactive);
  if (site.url) say(`Site: ${site.url} (${site.from})`);
  else say(existingConfig ? `Site: as ${existingConfig} says` : 'Site: not known yet (no --url, no BASE_URL): the config reads BASE_URL');

  let changed = false;
  try {
    const write = async (rel: string, text: string, existing = rel) => {
      if (existsSync(join(cwd, existing))) return say(`  skipped ${rel} (${existing === rel ? 'exists' : `${existing} exists`})`);
      const path = join(cwd, rel);
      await mkdir(dirname(path), { recursive: true });
      // 'wx': should the file appear meanwhile, it is still not overwritten.
      await writeFile(path, text, { flag: 'wx' });
      changed = true;
      say(`  created ${rel}`);
    };
    const region = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined;
    const stackName = stackNameFor(typeof pkg.name === 'string' ? pkg.name : basename(cwd));
    await write('mimamori.config.ts', configText({ url: site.url, stackName, region }), existingConfig);
    // The example belongs to the config init writes (its checksDir): with a config already there, the checks are the
    // team's — an example deleted on purpose is not brought back, nor put where that config never looks.
    if (existingConfig) say(`  skipped checks/example.check.ts (${existingConfig} exists: the checks are yours)`);
    else await write('checks/example.check.ts', EXAMPLE_CHECK);
    await write('.env.example', envExampleText(site.url));
    if (values['github-actions']) {
      // GitHub reads workflows only at the repository's root; in a monorepo the steps run in the app's folder.
      const root = findRepoRoot(cwd) ?? cwd;
      const posix = (dir: string) => relative(root, dir).split(sep).join('/');
      const dirs = { app: posix(cwd), install: posix(pm.dir ?? cwd) };
      await write(relative(cwd, join(root, '.github/workflows/mimamori.yml')), workflowText(pm, dirs));
    }

    const ignorePath = join(cwd, '.gitignore');
    const ignores = appendIgnores(existsSync(ignorePath) ? await readFile(ignorePath, 'utf8') : undefined, IGNORES);
    if (ignores.text !== undefined) await writeFile(ignorePath, ignores.text), (changed = true);
    say(ignores.added.length ? `  .gitignore: added ${ignores.added.join(', ')}` : `  .gitignore: already has ${IGNORES.join(', ')}`);

    const scripts = addScripts(pkgText, SCRIPTS);
    if (scripts.text !== undefined) await writeFile(pkgPath, scripts.text), (changed = true);
    if (scripts.added.length) say(`  package.json: added the scripts ${scripts.added.join(', ')}`);
    if (scripts.present.length) say(`  package.json: already has the scripts ${scripts.present.join(', ')}`);
    for (const kept of scripts.kept) say(`  package.json: kept your script ${kept.name} (${JSON.stringify(kept.command)})`);
  } catch (error) {
    // What was written stays; nothing is overwritten on the next run either, so running it again completes the rest.
    io.stderr(`mimamori init: ${(error as Error).message}. Running init again completes the rest.\n`);
    return EXIT.write;
  }
  if (!changed) say('Nothing changed: everything was already there.');
  nextSteps(say, pm, pkg, site.url, !existingConfig);
  return EXIT.ok;
}

/** `wrote`: this run wrote the config (without a URL, it reads BASE_URL alone). */
function nextSteps(say: (line: string) => void, pm: PackageManager, pkg: Record<string, unknown>, url: string | undefined, wrote: boolean): void {
  const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
  say('\nNext:');
  if (!Object.hasOwn(deps, 'mimamori')) say(`  ${addDevCommand(pm.name, 'mimamori')}   (mimamori is not in package.json yet)`);
  if (!url && wrote) say('  set BASE_URL (in .env — see .env.example — or the environment), or write baseURL in mimamori.config.ts');
  const run = (command: string, what: string) => say(`  ${execCommand(pm.name, command).padEnd(30)} ${what}`);
  run('mimamori check', `run the example check${url ? ` against ${url}` : ''}; the report is in mimamori-results/`);
  run('mimamori validate', 'the config and every check, as a deploy sees them');
  run('mimamori deploy', 'the monitor in your AWS account (needs the SAM CLI and AWS credentials)');
}
