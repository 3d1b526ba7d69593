// Compiles a TypeScript check or config file with esbuild and imports it; compile errors become diagnostics.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message } from 'esbuild';
import { checkFileOptions } from '../../bin/esbuild-options.mjs';
import type { Diagnostic } from '../result/types.ts';
import { displayPath } from './display-path.ts';
import { DEFAULT_IMPORT_TIMEOUT_MS, IMPORT_TIMEOUT_ENV, seconds, TIMED_OUT, withinWaiting } from './import-timeout.ts';

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
// Inside node_modules so that bare imports (playwright/test, …) resolve from the output as they would from the source.
const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules/.cache/mimamori');

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
  /** COMPILE_FORMAT when written: an entry of an older mimamori is compiled again. */
  format?: number;
}

/** 2: the output's source map names its sources relative to CACHE_DIR (it was the cwd of the run that compiled it). */
const COMPILE_FORMAT = 2;

const stamp = async (path: string) => {
  const info = await stat(path);
  return `${info.mtimeMs}:${info.size}`;
};

async function cached(file: string): Promise<string | undefined> {
  try {
    const manifest = manifestPath(file);
    const entry = JSON.parse(await readFile(manifest, 'utf8')) as CacheEntry;
    const stamps = await Promise.all(Object.entries(entry.inputs).map(async ([path, was]) => (await stamp(path)) === was));
    if (entry.format === COMPILE_FORMAT && stamps.every(Boolean) && (await stat(entry.output))) {
      await markUsed(manifest);
      return entry.output;
    }
  } catch {
    // no entry, or an input is gone: compile
  }
  return undefined;
}

/** The entry (manifest) of a source file: one per file, rewritten when it is compiled again. */
export const manifestPath = (file: string) => join(CACHE_DIR, `${createHash('sha1').update(file).digest('hex').slice(0, 16)}.json`);

// Bounded growth: each compile writes a new output (named by content) and the test suite compiles files in fresh
// temporary folders, so the cache is pruned — by the first compile of a process, not by runs that hit the cache.
// Entries not used for CACHE_MAX_AGE_DAYS go, then the least recently used beyond CACHE_MAX_BYTES; an output no entry
// names any more (its source was edited) goes after ORPHAN_GRACE_MS. The CLI's own chunks (dist/, scripts/dist.mjs) prune
// its own chunks and is not touched here.
export const CACHE_MAX_AGE_DAYS = 14;
export const CACHE_MAX_BYTES = 200 * 1024 * 1024;
/** A run that read an entry just before it was replaced may still be about to import its output. */
const ORPHAN_GRACE_MS = 3_600_000;
/** A hit marks its entry used by its mtime, at most once a day: one write a day, not one per run. */
const MARK_USED_AFTER_MS = 86_400_000;
const MANIFEST = /^[0-9a-f]{16}\.json$/;
const OUTPUT = /^[0-9a-f]{12}\.mjs$/;

async function markUsed(manifest: string): Promise<void> {
  try {
    if (Date.now() - (await stat(manifest)).mtimeMs > MARK_USED_AFTER_MS) {
      const now = new Date();
      await utimes(manifest, now, now);
    }
  } catch {
    // a read-only cache still serves
  }
}

export interface CachePruneOptions {
  maxAgeDays?: number;
  maxBytes?: number;
  now?: number;
}

/**
 * Removes stale compiled files from `dir` (see above): only names this module writes (`<16 hex>.json`,
 * `<12 hex>.mjs`), never a folder. Returns the names removed. Never throws.
 */
export async function pruneCompileCache(dir: string, options: CachePruneOptions = {}): Promise<string[]> {
  const { maxAgeDays = CACHE_MAX_AGE_DAYS, maxBytes = CACHE_MAX_BYTES, now = Date.now() } = options;
  const removed: string[] = [];
  try {
    const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    // Files gone meanwhile (another process pruning) are left out.
    const files = async (pattern: RegExp) => (await Promise.all(names.filter((n) => pattern.test(n)).map(async (name) => {
      const s = await stat(join(dir, name)).catch(() => undefined);
      return s ? [{ name, mtimeMs: s.mtimeMs, size: s.size }] : [];
    }))).flat();
    const outputs = new Map((await files(OUTPUT)).map((o) => [o.name, o]));
    // Most recently used first.
    const manifests = (await files(MANIFEST)).sort((a, b) => b.mtimeMs - a.mtimeMs);
    const named = new Set<string>();
    let bytes = 0;
    const remove = async (name: string) => {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    };
    for (const m of manifests) {
      let output: string | undefined;
      try {
        const entry = JSON.parse(await readFile(join(dir, m.name), 'utf8')) as Partial<CacheEntry>;
        if (typeof entry.output === 'string' && resolve(entry.output) === resolve(dir, basename(entry.output))) output = basename(entry.output);
      } catch {
        // unreadable: an entry that serves nothing, removed once it is old
      }
      bytes += m.size + ((output && !named.has(output) && outputs.get(output)?.size) || 0);
      if (now - m.mtimeMs > maxAgeDays * 86_400_000 || bytes > maxBytes) await remove(m.name);
      else if (output) named.add(output);
    }
    for (const o of outputs.values()) {
      if (!named.has(o.name) && now - o.mtimeMs > ORPHAN_GRACE_MS) await remove(o.name);
    }
  } catch {
    // housekeeping: a cache that cannot be pruned still works
  }
  return removed;
}

let pruned = false;

let compiled = false;

async function compile(file: string): Promise<string> {
  // Loaded on first use: when every check is unchanged since the last run, esbuild is never started.
  const { build } = await import('esbuild');
  compiled = true;
  // bin/esbuild-options.mjs: ESM for this Node, packages left to node_modules, `mimamori` → the public API.
  const out = await build(checkFileOptions({ file, packageRoot: PACKAGE_ROOT, outdir: CACHE_DIR }));
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
  await writeFile(manifestPath(file), JSON.stringify({ output, inputs, format: COMPILE_FORMAT } satisfies CacheEntry));
  if (!pruned) {
    pruned = true;
    await pruneCompileCache(CACHE_DIR);
  }
  return output;
}

export interface ImportOptions {
  /**
   * How long the file's top-level code may wait once compiled (time spent computing does not count: see withinWaiting);
   * default 20 s, the CLI passes MIMAMORI_IMPORT_TIMEOUT.
   */
  timeoutMs?: number;
}

/**
 * Never throws: a file that fails to compile or import, or whose top-level code does not finish in time, is a list of
 * problems naming the file. (A file given up on stays pending in this process; nothing else waits for it.)
 */
export async function importTs(file: string, label = file, options: ImportOptions = {}): Promise<Imported> {
  let output: string;
  try {
    output = (await cached(file)) ?? (await compile(file));
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    if (messages?.length) return { problems: messages.map((m) => describe(m, label)) };
    return { problems: [{ file: label, message: `does not compile: ${(error as Error).message}` }] };
  }
  try {
    const timeoutMs = options.timeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS;
    const module = await withinWaiting(import(pathToFileURL(output).href) as Promise<Record<string, unknown>>, timeoutMs);
    if (module === TIMED_OUT) {
      return { problems: [{ file: label, message: `top-level code did not finish within ${seconds(timeoutMs)} (does it await something that never comes? ${IMPORT_TIMEOUT_ENV} sets the limit)` }] };
    }
    return { module, problems: [] };
  } catch (error) {
    const e = error as Error;
    return { problems: [{ file: label, message: `failed to import: ${e.name}: ${e.message}` }] };
  }
}

/** Stops esbuild's service process if a compile started it. */
export async function stopCompiler(): Promise<void> {
  if (compiled) await (await import('esbuild')).stop();
}
