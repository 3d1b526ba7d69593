// Builds resolved checks for runner tests the way the loader would, from a definition and a base URL.
import type { CheckDefinition, ProjectConfig, ResolvedCheck } from '../../src/check/types.ts';
import { resolveCheck } from '../../src/check/resolve.ts';

/** Retries default to 0 here so one failure is one attempt; tests about retries set them. */
export function makeCheck(definition: CheckDefinition, baseURL: string, config: ProjectConfig = {}): ResolvedCheck {
  return resolveCheck({ retries: 0, ...definition }, `test/${definition.name}.check.ts`, config, baseURL);
}
