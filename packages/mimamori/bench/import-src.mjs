// The benches that time a piece of src/ (TypeScript) import it through one esbuild bundle written under bench/results,
// next to node_modules so its packages (left external) resolve as they do for the app.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles `contents` (export statements with paths relative to `dir`) to `dir/<name>.mjs` and imports it. */
export async function importFromSrc(dir, name, contents) {
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: dir, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}
