// The checks compiled into the Lambda bundle at build time (no file system, no compiler at run time).
import type { CheckDefinition, ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { resolveCheck } from '../check/resolve.ts';
import { resolveBaseURL } from '../check/defaults.ts';
import { checkName } from '../check/name.ts';
import { validateCheck } from '../check/validate.ts';

export interface Registry {
  config: ProjectConfig;
  checks: { file: string; definition: CheckDefinition }[];
}

/** The resolved check by name; an unknown name lists the known ones. */
export function findCheck(registry: Registry, name: string, env: NodeJS.ProcessEnv = process.env): ResolvedCheck {
  // Compared as NFC, as checks are named everywhere else: how the request spells an accent does not matter.
  const wanted = typeof name === 'string' ? checkName(name) : name;
  const entry = registry.checks.find((c) => typeof c.definition.name === 'string' && checkName(c.definition.name) === wanted);
  if (!entry) throw new Error(`No check named "${name}" in this deployment (known: ${registry.checks.map((c) => c.definition.name).join(', ')})`);
  const problems = validateCheck(entry.definition, entry.file);
  if (problems.length) throw new Error(`${entry.file}: ${problems.map((p) => `${p.field ?? ''} ${p.message}`).join('; ')}`);
  return resolveCheck(entry.definition, entry.file, registry.config, resolveBaseURL(registry.config, env));
}
