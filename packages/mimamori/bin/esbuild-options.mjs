// The one esbuild configuration, for the things mimamori compiles: the package itself (scripts/dist.mjs: dist/, the host
// and worker bundles the CLI runs, the public API, the Lambda handlers), a check or config file (src/check/import-ts.ts:
// compiled and imported at run time), and the Lambda functions with the checks compiled in (src/build/functions.ts:
// `mimamori build`, `mimamori deploy`). Plain JavaScript because the launcher
// loads it before anything is compiled; typed by esbuild-options.d.mts beside it. Paths are the caller's to give: this
// module is bundled into the CLI, where import.meta.url is the bundle's, not this file's.
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The Node each output runs on: locally, the oldest the CLI supports (package.json engines: ^22.17 || >=24, what
 * @sparticuz/chromium declares); on Lambda, the functions' runtime (template.yaml Runtime and the layer's
 * CompatibleRuntimes: nodejs24.x) — change them together.
 */
export const TARGETS = { local: 'node22', lambda: 'node24' };

/** Loaded from the layer at run time, never bundled (FIELD-NOTES: esbuild cannot bundle playwright-core; uplot's files are read by the charts). */
export const LAYER_PACKAGES = ['playwright-core', 'playwright', '@sparticuz/chromium', 'uplot'];

/** Every output: one file per entry (or chunk), its imports bundled in, for Node. */
const BASE = { bundle: true, platform: 'node' };

/**
 * Run here, by the Node at hand: ESM; packages stay imports (the CLI's, resolved from the package's node_modules; a
 * check file's, resolved at compile time by packagesFromImporter); source maps inline, so stacks name the .ts lines.
 */
const LOCAL = { ...BASE, format: 'esm', target: TARGETS.local, packages: 'external', sourcemap: 'inline' };

/** The built public API: what `import … from 'mimamori'` gives a check file, here and on Lambda. */
export const API_FILE = 'dist/index.mjs';

/** `import … from 'mimamori'` resolves to the built public API, wherever the importing file lives (even outside any project). */
export function mimamoriSpecifier(packageRoot) {
  const api = join(packageRoot, API_FILE);
  return {
    name: 'mimamori-specifier',
    setup(b) {
      b.onResolve({ filter: /^mimamori$/ }, () => ({ path: api }));
    },
  };
}

/**
 * The Lambda handlers as the package ships them (dist/functions/): ESM, packages and the generated modules
 * (`virtual:mimamori-*`, the checks and schedules) left as imports — `mimamori build` bundles each with the project's
 * checks for Lambda (lambdaOptions).
 */
export function functionOptions({ entryPoints, outdir }) {
  return { ...LOCAL, target: TARGETS.lambda, entryPoints, outdir, outExtension: { '.js': '.mjs' }, write: false, logLevel: 'warning' };
}

/**
 * The CLI: its entries (host and worker) share chunks, and code loaded later sits in chunks of its own; returned in
 * memory, for the launcher to write in a safe order. Warnings are shown: whoever sees them is editing src/.
 */
export function launcherOptions({ entryPoints, outdir }) {
  return {
    ...LOCAL,
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Each map in a file beside its module, not inline: a module's source is held in memory as long as it runs (two
    // bytes a character: the comments are not all ASCII), and an inline map made the host's ≈ 4× its code — ≈ 4.5 MB of
    // a `--workers 1` run's peak. Node reads a map only when source maps are on as the module loads.
    sourcemap: 'linked',
    write: false,
    splitting: true,
    logLevel: 'warning',
  };
}

/**
 * A compiled check lives in a cache, not beside its source: a bare import (a package) is resolved now, from the file
 * that imports it — the project's own packages from the check file (in a monorepo, its app's node_modules), mimamori's
 * from the built API — and kept as an import of that exact file. A package that is not installed is a compile error
 * naming the check file.
 */
export function packagesFromImporter() {
  return {
    name: 'packages-from-importer',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.resolving || isBuiltin(args.path) || /^[A-Za-z]:[\\/]/.test(args.path)) return undefined;
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.external ? found.path : pathToFileURL(found.path).href, external: true };
      });
    },
  };
}

/**
 * A check or config file, compiled to be imported: returned in memory with the inputs it was built from (the
 * compile cache's key). `outdir`: where the caller writes it — its source map names the sources relative to it, so a
 * stack maps to the file where it is. Silent: its errors are returned, and become diagnostics naming the file.
 */
export function checkFileOptions({ file, packageRoot, outdir }) {
  const { packages: _resolvedHere, ...local } = LOCAL;
  return {
    ...local,
    entryPoints: [file],
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [mimamoriSpecifier(packageRoot), packagesFromImporter()],
  };
}

/**
 * A Lambda function, written to `outfile`: CommonJS, so that the layer's packages resolve through NODE_PATH
 * (/opt/nodejs/node_modules) as Lambda sets it; every other package bundled in; `import.meta.url` given its CommonJS
 * meaning for the modules that use it; a source map beside it without the sources (NODE_OPTIONS=--enable-source-maps
 * in template.yaml maps the runner's stacks to the .ts lines; the worker turns that off and maps a failing check's
 * stacks itself from worker.js.map, src/runner/mapped-stack.ts). Silent: the build reports its errors.
 */
export function lambdaOptions({ entry, outfile, packageRoot, plugins = [] }) {
  return {
    ...BASE,
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    target: TARGETS.lambda,
    external: LAYER_PACKAGES.flatMap((p) => [p, `${p}/*`]),
    define: { 'import.meta.url': '__mimamori_import_meta_url' },
    banner: { js: "const __mimamori_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [...plugins, mimamoriSpecifier(packageRoot)],
  };
}
