// Compiles a TypeScript check or config file with esbuild and imports it; compile errors become diagnostics.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import type { Diagnostic } from '../result/types.ts';
import { displayPath } from './display-path.ts';

/** Walks up from this module (in src/ or in the CLI bundle) to mimamori's own package.json. */
function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'mimamori') return dir;
    } catch {
      // no package.json here: keep walking
    }
  }
  throw new Error(`mimamori's package.json not found above ${from}`);
}

/** The package root: its node_modules holds the packages a compiled check imports at run time. */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
const PUBLIC_API = join(PACKAGE_ROOT, 'src/index.ts');
// Inside node_modules so that bare imports (playwright/test, …) resolve from the output as they would from the source.
const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules/.cache/mimamori');

/** `import … from 'mimamori'` resolves to the public API wherever the check file lives. */
const mimamoriSpecifier: Plugin = {
  name: 'mimamori-specifier',
  setup(b) {
    b.onResolve({ filter: /^mimamori$/ }, () => ({ path: PUBLIC_API }));
  },
};

function describe(message: Message, file: string): Diagnostic {
  const loc = message.location;
  const where = loc ? `${displayPath(loc.file)}:${loc.line}:${loc.column + 1}` : file;
  return { file, message: `does not compile: ${message.text} (at ${where}${loc?.lineText ? `: ${loc.lineText.trim()}` : ''})` };
}

export interface Imported {
  module?: Record<string, unknown>;
  problems: Diagnostic[];
}

/** The compiled output of a file, with the inputs it was built from, so an unchanged file skips esbuild. */
interface CacheEntry {
  output: string;
  inputs: Record<string, string>;
}

const stamp = async (path: string) => {
  const info = await stat(path);
  return `${info.mtimeMs}:${info.size}`;
};

async function cached(file: string): Promise<string | undefined> {
  try {
    const entry = JSON.parse(await readFile(manifestPath(file), 'utf8')) as CacheEntry;
    const stamps = await Promise.all(Object.entries(entry.inputs).map(async ([path, was]) => (await stamp(path)) === was));
    if (stamps.every(Boolean)) return (await stat(entry.output)) && entry.output;
  } catch {
    // no entry, or an input is gone: compile
  }
  return undefined;
}

const manifestPath = (file: string) => join(CACHE_DIR, `${createHash('sha1').update(file).digest('hex').slice(0, 16)}.json`);

let compiled = false;

async function compile(file: string): Promise<string> {
  // Loaded on first use: when every check is unchanged since the last run, esbuild is never started.
  const { build } = await import('esbuild');
  compiled = true;
  const out = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [mimamoriSpecifier],
  });
  const code = out.outputFiles[0].text;
  // Content-addressed, so an edited file is never served from Node's module cache.
  const output = join(CACHE_DIR, `${createHash('sha1').update(file).update(code).digest('hex').slice(0, 12)}.mjs`);
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(out.metafile.inputs)) {
    const path = resolve(input);
    inputs[path] = await stamp(path);
  }
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(output, code);
  await writeFile(manifestPath(file), JSON.stringify({ output, inputs } satisfies CacheEntry));
  return output;
}

/** Never throws: a file that fails to compile or import is a list of problems naming the file. */
export async function importTs(file: string, label = file): Promise<Imported> {
  let output: string;
  try {
    output = (await cached(file)) ?? (await compile(file));
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (messages?.length) return { problems: messages.map((m) => describe(m, label)) };
    return { problems: [{ file: label, message: `does not compile: ${(error as Error).message}` }] };
  }
  try {
    return { module: (await import(pathToFileURL(output).href)) as Record<string, unknown>, problems: [] };
  } catch (error) {
    const e = error as Error;
    return { problems: [{ file: label, message: `failed to import: ${e.name}: ${e.message}` }] };
  }
}

/** Stops esbuild's service process if a compile started it. */
export async function stopCompiler(): Promise<void> {
  if (compiled) await (await import('esbuild')).stop();
}
