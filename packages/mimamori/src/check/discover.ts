// Turns the CLI's positional arguments (files, folders, check names) into check files and names to select.
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const CHECK_FILE = /\.check\.(ts|mts|js|mjs)$/;

export const DEFAULT_CHECKS_DIR = 'checks';

/**
 * The folder of checks: the config's `checksDir` (default `checks`), relative to the config's folder as every path in
 * the config is (secretsFile, webServer.cwd), so `--config elsewhere/mimamori.config.ts` finds the checks beside it.
 */
export function checksDirPath(checksDir: string | undefined, configFile: string | undefined, cwd: string): string {
  return resolve(configFile ? dirname(configFile) : cwd, checksDir ?? DEFAULT_CHECKS_DIR);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = await Promise.all(
    entries.map(async (e) => {
      if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return CHECK_FILE.test(e.name) ? [path] : [];
    }),
  );
  return found.flat().sort();
}

export interface Selection {
  /** Every file to load: the named ones, plus all of checksDir when there are names to look up. */
  files: string[];
  /** Files named on the command line, directly or through a folder. */
  explicit: string[];
  /** Arguments that are neither files nor folders: check names, matched after loading. */
  names: string[];
}

/**
 * No arguments → every check in `checksDir` (see checksDirPath; a relative one is taken from `cwd`). An argument that is
 * not a path (relative to `cwd`) is taken as a check name.
 */
export async function discover(args: string[], cwd: string, checksDir: string): Promise<Selection> {
  const files = new Set<string>();
  const names: string[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) (await walk(path)).forEach((f) => files.add(f));
    else if (info?.isFile()) files.add(path);
    else names.push(arg);
  }
  const explicit = [...files].sort();
  // Names are looked up among all checks in checksDir.
  if (args.length === 0 || names.length > 0) {
    const dir = resolve(cwd, checksDir);
    const all = await stat(dir).then((i) => i.isDirectory(), () => false);
    if (all) (await walk(dir)).forEach((f) => files.add(f));
  }
  return { files: [...files].sort(), explicit, names };
}
