// Bundles the Lambda functions with esbuild, with the project's checks compiled in (discovered and validated now).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { PACKAGE_ROOT } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';

/** Loaded from the layer at run time (FIELD-NOTES: esbuild cannot bundle playwright-core). */
export const LAYER_PACKAGES = ['playwright-core', 'playwright', '@sparticuz/chromium'];

export interface BundleInput {
  config: ProjectConfig;
  configFile?: string;
  checks: ResolvedCheck[];
  /** Absolute paths of the check files, in the order of `checks`. */
  checkFiles: string[];
}

/** The two modules the handlers import, generated from the check files. */
function virtualModules(input: BundleInput): Plugin {
  const registry = [
    input.configFile ? `import config from ${JSON.stringify(input.configFile)};` : 'const config = {};',
    ...input.checkFiles.map((file, i) => `import check${i} from ${JSON.stringify(file)};`),
    `export const registry = { config, checks: [${input.checks.map((c, i) => `{ file: ${JSON.stringify(c.file)}, definition: check${i} }`).join(', ')}] };`,
  ].join('\n');
  const schedules = [
    `export const schedules = ${JSON.stringify(input.checks.filter((c) => c.schedule).map((c) => ({ name: c.name, schedule: c.schedule })))};`,
    `export const timeZone = ${JSON.stringify(input.config.scheduleTimeZone ?? 'UTC')};`,
    // Every check, scheduled or not: the dispatcher enqueues a manual run of any of them.
    `export const checkNames = ${JSON.stringify(input.checks.map((c) => c.name))};`,
  ].join('\n');
  const contents: Record<string, string> = { 'virtual:mimamori-checks': registry, 'virtual:mimamori-schedules': schedules };
  return {
    name: 'mimamori-virtual',
    setup(b) {
      b.onResolve({ filter: /^virtual:mimamori-/ }, (args) => ({ path: args.path, namespace: 'mimamori-virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'mimamori-virtual' }, (args) => ({ contents: contents[args.path], loader: 'ts', resolveDir: PACKAGE_ROOT }));
      b.onResolve({ filter: /^mimamori$/ }, () => ({ path: join(PACKAGE_ROOT, 'src/index.ts') }));
    },
  };
}

/**
 * CommonJS, so that the layer's packages resolve through NODE_PATH (/opt/nodejs/node_modules) as Lambda sets it;
 * `import.meta.url` is given its CommonJS meaning for the modules that use it.
 */
export async function bundleFunction(name: 'runner' | 'worker' | 'dispatcher', outDir: string, input: BundleInput): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(outDir, `${name}.js`);
  await build({
    entryPoints: [join(PACKAGE_ROOT, 'functions', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: LAYER_PACKAGES.flatMap((p) => [p, `${p}/*`]),
    define: { 'import.meta.url': '__mimamori_import_meta_url' },
    banner: { js: "const __mimamori_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [virtualModules(input)],
  });
  // The bundle is CommonJS wherever it lands, even inside a "type": "module" project (bench/, the repo itself).
  await writeFile(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  return displayPath(outfile);
}
