// Bundles the TypeScript CLI with esbuild when src/ changed — no build step after install. Two entry points: the
// host (cli.mjs, which never loads Playwright or check code) and the worker process it forks (worker.mjs); code used
// by only one side, or loaded later (`build`, `results`), sits in chunks that side imports.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launcherOptions } from './esbuild-options.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'node_modules/.cache/mimamori/cli');
export const ENTRIES = { cli: join(ROOT, 'src/cli/bin.ts'), worker: join(ROOT, 'src/runner/worker-local.ts') };

/** The options (bin/esbuild-options.mjs), shared with the test that checks the host's bundle loads no Playwright. */
export const BUILD_OPTIONS = launcherOptions({ entryPoints: ENTRIES, outdir: BUNDLE_DIR });

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** The launcher's own files that shape the bundle: a change to either rebuilds it, as a change to src/ does. */
const SELF = [fileURLToPath(import.meta.url), fileURLToPath(new URL('./esbuild-options.mjs', import.meta.url))];

/** Rebuilds when src/ or the launcher's own files are newer than the bundle; returns the host entry's path. */
export async function ensureBundle() {
  const cli = join(BUNDLE_DIR, 'cli.mjs');
  const builtAt = Math.min(...Object.keys(ENTRIES).map((name) => mtime(join(BUNDLE_DIR, `${name}.mjs`))));
  if (builtAt >= Math.max(newestMtime(join(ROOT, 'src')), ...SELF.map(mtime))) return cli;
  const esbuild = await import('esbuild');
  const { outputFiles } = await esbuild.build(BUILD_OPTIONS);
  // Chunks are named by content and written first; the entries last, each written aside and renamed, so a run starting
  // at the same moment never imports half a file or an entry whose chunks are missing.
  const entries = new Set(Object.keys(ENTRIES).map((name) => join(BUNDLE_DIR, `${name}.mjs`)));
  const ordered = [...outputFiles.filter((f) => !entries.has(f.path)), ...outputFiles.filter((f) => entries.has(f.path) && f.path !== cli), ...outputFiles.filter((f) => f.path === cli)];
  for (const file of ordered) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // Chunks of older builds: kept an hour for runs that started with them, then removed.
  const current = new Set(outputFiles.map((f) => f.path));
  const chunks = join(BUNDLE_DIR, 'chunks');
  for (const name of readdirSync(chunks)) {
    const path = join(chunks, name);
    if (!current.has(path) && Date.now() - mtime(path) > 3_600_000) rmSync(path, { force: true });
  }
  return cli;
}
