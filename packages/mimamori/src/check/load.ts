// Loads the config file and check files into resolved checks plus diagnostics; a bad file never stops the others.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from './display-path.ts';
import type { Diagnostic } from '../result/types.ts';
import type { CheckDefinition, ProjectConfig, ResolvedCheck } from './types.ts';
import { importTs, type ImportOptions } from './import-ts.ts';
import { duplicateNames, validateCheck, validateConfig } from './validate.ts';
import { resolveCheck } from './resolve.ts';
import { packageTemplateParameters } from './package-template.ts';
import { resolveBaseURL } from './defaults.ts';
import { allFound, notWaitedFor, untilFound, waitGrace, type Wanted } from './until-found.ts';

export const CONFIG_FILES = ['mimamori.config.ts', 'mimamori.config.mts', 'mimamori.config.js', 'mimamori.config.mjs'];

export interface LoadedConfig {
  config: ProjectConfig;
  /** Absolute path, when a config file exists. */
  file?: string;
  problems: Diagnostic[];
}

/**
 * The config is optional; a broken one is a fatal problem: running with the built-in defaults instead would test the
 * wrong site and alert falsely (a typo like `webServr:` drops the base URL of every check).
 */
export async function loadConfig(dir: string, explicit?: string, options: ImportOptions = {}): Promise<LoadedConfig> {
  const file = explicit ? resolve(dir, explicit) : CONFIG_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return { config: {}, problems: [] };
  const label = displayPath(file, dir);
  const fatal = (problems: Diagnostic[]) => problems.map((p) => ({ ...p, severity: 'fatal' as const }));
  if (!existsSync(file)) return { config: {}, file, problems: fatal([{ file: label, message: 'config file not found' }]) };
  const { module, problems } = await importTs(file, label, options);
  if (!module) return { config: {}, file, problems: fatal(problems) };
  const config = module.default;
  const configProblems = validateConfig(config, label, { templateParameters: packageTemplateParameters() });
  return { config: configProblems.length ? {} : (config as ProjectConfig), file, problems: fatal(configProblems) };
}

export interface LoadedChecks {
  checks: ResolvedCheck[];
  problems: Diagnostic[];
}

export interface LoadOptions extends ImportOptions {
  /** What the run asks for by name: once found, files still loading are not waited for (see until-found.ts). */
  wanted?: Wanted;
  /** How long to wait for files still loading once the wanted checks are found; default SELECTION_GRACE_MS. */
  grace?: () => Promise<unknown>;
}

interface FileLoad {
  file: string;
  label: string;
  problems: Diagnostic[];
  check?: ResolvedCheck;
}

/**
 * Imports every file concurrently; each file's problems are listed at once, and the valid checks still run. A file
 * whose top-level code does not finish within `options.timeoutMs` is one of those problems — unless the run asked for
 * checks by name and they were all found meanwhile: then it is a note, and the run does not wait for it.
 */
export async function loadChecks(files: string[], config: ProjectConfig, cwd = process.cwd(), options: LoadOptions = {}): Promise<LoadedChecks> {
  const baseURL = resolveBaseURL(config);
  const settled = new Map<string, FileLoad>();
  const loads = files.map(async (file) => {
    const label = displayPath(file, cwd);
    const { module, problems } = await importTs(file, label, options);
    const fileProblems = module ? validateCheck(module.default, label) : problems;
    const check = module && !fileProblems.length ? resolveCheck(module.default as CheckDefinition, label, config, baseURL) : undefined;
    settled.set(file, { file, label, problems: fileProblems, check });
  });
  const found = () => allFound(options.wanted, [...settled.values()].map((l) => ({ file: l.file, name: l.check?.name })));
  await untilFound(loads, found, options.grace ?? waitGrace());
  // In the order the files were given; a file still loading now is left to itself (and may settle later: not read).
  const loaded = files.map((file) => settled.get(file) ?? { file, label: displayPath(file, cwd), pending: true as const });
  const problems: Diagnostic[] = [];
  const resolved: ResolvedCheck[] = [];
  for (const l of loaded) {
    if ('pending' in l) problems.push(notWaitedFor(l.label));
    else {
      problems.push(...l.problems);
      if (l.check) resolved.push(l.check);
    }
  }
  // Resolved names are NFC: names that differ only in how an accent is written are duplicates too.
  const duplicates = duplicateNames(resolved);
  problems.push(...duplicates);
  const rejected = new Set(duplicates.map((d) => d.file));
  return { checks: resolved.filter((c) => !rejected.has(c.file)), problems };
}
