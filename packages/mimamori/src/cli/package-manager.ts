// The project's package manager and TypeScript, as `mimamori init` finds them in an existing repo: what it writes (the
// workflow's install step) and prints (the next commands) is in that manager's own form.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** What told us: `packageManager in package.json`, the lockfile's name, or `default`. */
  source: string;
  /** The lockfile found, if any (the workflow installs frozen only with one). */
  lockfile?: string;
  /** The version in package.json's `packageManager` field (`pnpm@9.1.0` → `9.1.0`). */
  version?: string;
  /** The folder that told us (a workspace root above the app, in a monorepo); absent for the default. */
  dir?: string;
}

/** The repository's root: the nearest folder up from `dir` with a `.git` (GitHub reads workflows only there). */
export function findRepoRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** `dir`, then each folder above it up to the repository's root (or only `dir` outside a repository). */
function upToRoot(dir: string): string[] {
  const root = findRepoRoot(dir);
  const dirs = [dir];
  if (root === undefined) return dirs;
  for (let d = dir; d !== root && dirname(d) !== d; ) dirs.push((d = dirname(d)));
  return dirs;
}

const manifestAt = (dir: string): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** Lockfiles in the order they are tried: a repo that has two (a migration half done) gets the first. */
export const LOCKFILES: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
];

const NAMES: PackageManagerName[] = ['npm', 'pnpm', 'yarn', 'bun'];

/**
 * The nearest folder that says, from `dir` up to the repository's root (in a monorepo the workspace root holds the
 * lockfile and the `packageManager` field, not the app's folder); npm when none does.
 */
export function detectPackageManager(dir: string, pkg: Record<string, unknown>): PackageManager {
  for (const d of upToRoot(dir)) {
    const found = detectIn(d, d === dir ? pkg : manifestAt(d));
    if (found) return { ...found, dir: d };
  }
  return { name: 'npm', source: 'default: no lockfile, no packageManager field' };
}

/**
 * package.json's `packageManager` field (Corepack's `name@version`) wins; then a lockfile. An unknown name in the
 * field is ignored (the lockfile decides), not an error: init only chooses how to print commands.
 */
function detectIn(dir: string, pkg: Record<string, unknown>): PackageManager | undefined {
  const lockfile = LOCKFILES.find(([file]) => existsSync(join(dir, file)));
  const field = typeof pkg.packageManager === 'string' ? /^(npm|pnpm|yarn|bun)@([^+\s]+)/.exec(pkg.packageManager) : null;
  if (field && NAMES.includes(field[1] as PackageManagerName)) {
    const name = field[1] as PackageManagerName;
    const own = LOCKFILES.find(([file, n]) => n === name && existsSync(join(dir, file)));
    return { name, source: 'packageManager in package.json', version: field[2], lockfile: own?.[0] };
  }
  if (lockfile) return { name: lockfile[1], source: lockfile[0], lockfile: lockfile[0] };
  return undefined;
}

/** TypeScript is there when tsconfig.json is, or `typescript` is a dependency; undefined when neither. */
export function detectTypeScript(dir: string, pkg: Record<string, unknown>): string | undefined {
  if (existsSync(join(dir, 'tsconfig.json'))) return 'tsconfig.json';
  for (const field of ['devDependencies', 'dependencies', 'peerDependencies'] as const) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && 'typescript' in deps) return `typescript in ${field}`;
  }
  return undefined;
}

/** How a locally installed bin is run: `npx mimamori check`, `pnpm exec mimamori check`, … */
export function execCommand(pm: PackageManagerName, command: string): string {
  const prefix = { npm: 'npx', pnpm: 'pnpm exec', yarn: 'yarn', bun: 'bunx' }[pm];
  return `${prefix} ${command}`;
}

/** How a dev dependency is added: `npm i -D mimamori`, … */
export function addDevCommand(pm: PackageManagerName, name: string): string {
  return `${{ npm: 'npm i -D', pnpm: 'pnpm add -D', yarn: 'yarn add -D', bun: 'bun add -d' }[pm]} ${name}`;
}

/** The CI install: frozen to the lockfile when there is one (npm ci refuses to run without one). */
export function installCommand(pm: PackageManager): string {
  const frozen = pm.lockfile !== undefined;
  switch (pm.name) {
    case 'npm':
      return frozen ? 'npm ci' : 'npm install';
    case 'pnpm':
      return frozen ? 'pnpm install --frozen-lockfile' : 'pnpm install';
    // Yarn 1 and Yarn 2+ spell "frozen" differently (--frozen-lockfile, --immutable): plain install works on both, and
    // Yarn 2+ installs immutably on CI by itself.
    case 'yarn':
      return 'yarn install';
    case 'bun':
      return frozen ? 'bun install --frozen-lockfile' : 'bun install';
  }
}
