// Loads the config file and check files into resolved checks plus diagnostics; a bad file never stops the others.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from './display-path.ts';
import type { Diagnostic } from '../result/types.ts';
import type { CheckDefinition, ProjectConfig, ResolvedCheck } from './types.ts';
import { importTs, type ImportOptions } from './import-ts.ts';
import { duplicateNames, validateCheck, validateConfig } from './validate.ts';
import { resolveCheck } from './resolve.ts';
import { resolveBaseURL } from './defaults.ts';

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
  const configProblems = validateConfig(config, label);
  return { config: configProblems.length ? {} : (config as ProjectConfig), file, problems: fatal(configProblems) };
}

export interface LoadedChecks {
  checks: ResolvedCheck[];
  problems: Diagnostic[];
}

/**
 * Imports every file concurrently; each file's problems are listed at once, and the valid checks still run. A file
 * whose top-level code does not finish within `options.timeoutMs` is one of those problems.
 */
export async function loadChecks(files: string[], config: ProjectConfig, cwd = process.cwd(), options: ImportOptions = {}): Promise<LoadedChecks> {
  const baseURL = resolveBaseURL(config);
  const problems: Diagnostic[] = [];
  const loaded = await Promise.all(
    files.map(async (file) => {
      const label = displayPath(file, cwd);
      const { module, problems: importProblems } = await importTs(file, label, options);
      if (!module) return { label, problems: importProblems };
      const fileProblems = validateCheck(module.default, label);
      return { label, problems: fileProblems, check: fileProblems.length ? undefined : (module.default as CheckDefinition) };
    }),
  );
  const resolved: ResolvedCheck[] = [];
  for (const { label, problems: p, check } of loaded) {
    problems.push(...p);
    if (check) resolved.push(resolveCheck(check, label, config, baseURL));
  }
  // Resolved names are NFC: names that differ only in how an accent is written are duplicates too.
  const duplicates = duplicateNames(resolved);
  problems.push(...duplicates);
  const rejected = new Set(duplicates.map((d) => d.file));
  return { checks: resolved.filter((c) => !rejected.has(c.file)), problems };
}
