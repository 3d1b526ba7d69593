// Builds the package's dist/ — what `npm pack` ships and what bin/mimamori.js runs: nothing is compiled in a user's
// node_modules. Run by `npm run build` (and so by prepack, and by the repo root's prepare after `npm install`), and
// before the tests (test/global-setup.ts) — each time only when src/, functions/ or these build files changed.
//   dist/cli.mjs, dist/worker.mjs, dist/chunks/  the CLI: the host (never loads Playwright or check code) and the worker
//                                                process it forks; code used by one side, or loaded later, in chunks
//   dist/early.mjs                                the launcher's first step: forks the first worker of a check run
//   dist/index.mjs                                the public API check files import ('mimamori')
//   dist/functions/*.mjs                          the Lambda handlers, bundled again with the checks by `mimamori build`
//   dist/types/                                   type declarations of the public API (tsc)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionOptions, launcherOptions } from '../bin/esbuild-options.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const ENTRIES = { early: join(ROOT, 'src/cli/early.ts'), cli: join(ROOT, 'src/cli/bin.ts'), worker: join(ROOT, 'src/runner/worker-local.ts'), index: join(ROOT, 'src/index.ts') };
/** The CLI build's options (bin/esbuild-options.mjs), shared with the test that checks the host loads no Playwright. */
export const BUILD_OPTIONS = launcherOptions({ entryPoints: ENTRIES, outdir: DIST });
const FUNCTIONS = ['runner', 'worker', 'dispatcher', 'alarms', 'log-watch'];
const SOURCES = ['src', 'functions'].map((d) => join(ROOT, d));
/** This script and the options it builds with: a change to either rebuilds, as a change to src/ does. */
const SELF = [fileURLToPath(import.meta.url), join(ROOT, 'bin/esbuild-options.mjs')];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** Each file written aside and renamed, entries last, so a run starting at the same moment never imports half a build. */
function writeAll(outputFiles, entries) {
  const ordered = [...outputFiles.filter((f) => !entries.has(f.path)), ...outputFiles.filter((f) => entries.has(f.path))];
  for (const file of ordered) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
}

/** dist/, rebuilt when a source or build file is newer than it; returns dist/cli.mjs's path. */
export async function ensureDist() {
  mkdirSync(join(DIST, 'chunks'), { recursive: true });
  const cli = join(DIST, 'cli.mjs');
  const outputs = [...Object.keys(ENTRIES).map((n) => join(DIST, `${n}.mjs`)), ...FUNCTIONS.map((n) => join(DIST, 'functions', `${n}.mjs`))];
  const builtAt = Math.min(...outputs.map(mtime));
  if (builtAt >= Math.max(...SOURCES.map(newestMtime), ...SELF.map(mtime))) return cli;
  const esbuild = await import('esbuild');
  const [cliBuild, functionsBuild] = await Promise.all([
    esbuild.build(BUILD_OPTIONS),
    esbuild.build(functionOptions({ entryPoints: Object.fromEntries(FUNCTIONS.map((n) => [n, join(ROOT, 'functions', `${n}.ts`)])), outdir: join(DIST, 'functions') })),
  ]);
  writeAll(functionsBuild.outputFiles, new Set());
  buildTypes();
  writeAll(cliBuild.outputFiles, new Set(Object.keys(ENTRIES).map((n) => join(DIST, `${n}.mjs`))));
  // Chunks of older builds: kept an hour for runs that started with them, then removed.
  const current = new Set(cliBuild.outputFiles.map((f) => f.path));
  const chunks = join(DIST, 'chunks');
  for (const name of readdirSync(chunks)) {
    const path = join(chunks, name);
    if (!current.has(path) && Date.now() - mtime(path) > 3_600_000) rmSync(path, { force: true });
  }
  return cli;
}

/** dist/types/: the declarations of the public API (src/index.ts and the types it names), by tsc. */
function buildTypes() {
  // Written aside and swapped in, so a typecheck reading dist/types never sees half of them.
  const aside = join(DIST, `.types-${process.pid}`);
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.types.json'), '--outDir', aside], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('tsc could not write the type declarations (above)');
  rmSync(join(DIST, 'types'), { recursive: true, force: true });
  renameSync(aside, join(DIST, 'types'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --clean (npm pack): from nothing, so the tarball holds no chunk an older build left for runs still using it.
  if (process.argv.includes('--clean')) rmSync(DIST, { recursive: true, force: true });
  await ensureDist();
}
