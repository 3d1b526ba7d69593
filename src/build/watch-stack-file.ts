// infra/watches.json kept in step with the config by the build. `sam build` reads the templates (the nested one too)
// before it runs the Makefile targets that run this build, so a file that changes here would miss this deploy: under
// `sam build` the build rewrites it and refuses, and the next `sam build` deploys what the config says.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProjectConfig } from '../check/types.ts';
import { watchStackText } from './watch-stack.ts';

/** Where template.yaml's Watches (AWS::Serverless::Application) finds the generated template, from the project root. */
export const WATCH_STACK_FILE = 'infra/watches.json';

/** Writes the file when it differs from what the config gives; says whether it did. */
export async function syncWatchStack(projectDir: string, config: Pick<ProjectConfig, 'logWatches' | 'limitWatches'>): Promise<{ file: string; changed: boolean }> {
  const file = join(projectDir, WATCH_STACK_FILE);
  const text = watchStackText(config);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (before === text) return { file, changed: false };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { file, changed: true };
}

/** Why a `sam build` (a project with template.yaml, building one part) stops after rewriting the file. */
export function staleWatchStackMessage(): string {
  return `Not built: ${WATCH_STACK_FILE} (the watch stack: subscription filters for logWatches, alarms for limitWatches) did not match `
    + "the config, and is now rewritten from it. sam build had read the old file before this step, so run sam build again "
    + `(and commit ${WATCH_STACK_FILE}).`;
}
