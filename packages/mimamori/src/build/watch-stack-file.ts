// infra/watches.json kept in step with the config. `npm run watches` (build --only watches) and a whole `npm run build`
// write it. `sam build` cannot: it reads the templates (the nested one too) before it runs the Makefile targets, and runs
// them in a copy of the project — so there a file that does not match the config is refused, never deployed stale.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProjectConfig } from '../check/types.ts';
import { watchStackText } from './watch-stack.ts';

/** Where template.yaml's Watches (AWS::Serverless::Application) finds the generated template, from the project root. */
export const WATCH_STACK_FILE = 'infra/watches.json';

/** The project's file and what the config gives: the file is stale when they differ (or it is missing). */
function compare(projectDir: string, config: Pick<ProjectConfig, 'logWatches' | 'limitWatches'>): { file: string; text: string; stale: boolean } {
  const file = join(projectDir, WATCH_STACK_FILE);
  const text = watchStackText(config);
  return { file, text, stale: !existsSync(file) || readFileSync(file, 'utf8') !== text };
}

/** Does the project's file differ from what the config gives (or is it missing)? */
export function watchStackIsStale(projectDir: string, config: Pick<ProjectConfig, 'logWatches' | 'limitWatches'>): boolean {
  return compare(projectDir, config).stale;
}

/** Writes the file when it differs from what the config gives; says whether it did. */
export async function syncWatchStack(projectDir: string, config: Pick<ProjectConfig, 'logWatches' | 'limitWatches'>): Promise<{ file: string; changed: boolean }> {
  const { file, text, stale } = compare(projectDir, config);
  if (!stale) return { file, changed: false };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return { file, changed: true };
}

/** Why a `sam build` (a project with template.yaml, building one part) stops. */
export function staleWatchStackMessage(): string {
  return `Not built: ${WATCH_STACK_FILE} (the watch stack: subscription filters for logWatches, alarms for limitWatches) does not `
    + 'match the config. Run `npm run watches` to write it from the config, commit it, then sam build again '
    + '(sam build reads it before building, in a copy of the project, so it cannot write it itself).';
}
