// The Lambda worker's check source: the checks compiled into its bundle at build time, looked up by name.
import { checkData } from '../check/check-data.ts';
import type { Diagnostic } from '../result/types.ts';
import type { CheckSource } from '../runner/worker-main.ts';
import type { CheckData } from '../check/check-data.ts';
import { findCheck, type Registry } from './registry.ts';

export function registryChecks(registry: Registry, env: NodeJS.ProcessEnv = process.env): CheckSource {
  return {
    async load(request) {
      if (request.kind !== 'names') throw new Error(`the Lambda registry loads checks by name, not ${request.kind}`);
      const checks: CheckData[] = [];
      const problems: Diagnostic[] = [];
      for (const name of request.names) {
        try {
          checks.push(checkData(findCheck(registry, name, env)));
        } catch (error) {
          problems.push({ file: name, message: (error as Error).message });
        }
      }
      return { config: registry.config, checks, problems, explicit: [], names: [] };
    },
    async runOf(check) {
      return findCheck(registry, check.name, env).run;
    },
  };
}
