#!/usr/bin/env node
// Launcher: bundles the TypeScript CLI with esbuild (only when src/ changed) and runs it — no build step after install.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/cli/bin.ts');
const bundle = join(root, 'node_modules/.cache/mimamori/cli.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const builtAt = (() => {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return 0;
  }
})();
if (builtAt < Math.max(newestMtime(join(root, 'src')), statSync(fileURLToPath(import.meta.url)).mtimeMs)) {
  const esbuild = await import('esbuild');
  const { outputFiles } = await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // Written aside and renamed: a second run starting at the same moment never imports half a file.
  mkdirSync(dirname(bundle), { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, outputFiles[0].contents);
  renameSync(tmp, bundle);
}
await import(pathToFileURL(bundle).href);
