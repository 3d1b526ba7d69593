// Builds the Chromium layer folder offline: the layer packages and their dependencies copied from node_modules
// (→ /opt/nodejs/node_modules on Lambda), and the CJK fonts (→ /opt/fonts).
import { cp, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
// The packages the Lambda bundles leave out (esbuild cannot bundle playwright-core), so the layer provides them.
import { LAYER_PACKAGES } from '../../bin/esbuild-options.mjs';
import { PACKAGE_ROOT } from '../check/import-ts.ts';

/** Where a package is installed, seen from `from`: Node's node_modules lookup (nested first, then hoisted). */
async function packageDir(name: string, from: string): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await stat(join(candidate, 'package.json')).then(() => true, () => false)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (looked up from ${from}): run npm ci`);
  }
}

/** The packages and every dependency they need at run time, as [name, folder] pairs (exported for its test). */
export async function closure(names: string[], from: string, seen = new Map<string, string>()): Promise<Map<string, string>> {
  for (const name of names) {
    if (seen.has(name)) continue;
    // Its real folder, as Node resolves it: under pnpm a package's dependencies sit beside its real path, not its link.
    const dir = await realpath(await packageDir(name, from));
    seen.set(name, dir);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    await closure(Object.keys(manifest.dependencies ?? {}), dir, seen);
  }
  return seen;
}

export async function buildLayer(outDir: string, fontFiles: string[]): Promise<{ packages: string[]; fonts: string[] }> {
  const packages = await closure(LAYER_PACKAGES, await realpath(PACKAGE_ROOT));
  await Promise.all([...packages].map(([name, dir]) => cp(dir, join(outDir, 'nodejs/node_modules', name), { recursive: true, dereference: true })));
  await mkdir(join(outDir, 'fonts'), { recursive: true });
  await Promise.all(fontFiles.map((f) => cp(f, join(outDir, 'fonts', basename(f)))));
  return { packages: [...packages.keys()].sort(), fonts: fontFiles.map((f) => basename(f)) };
}
