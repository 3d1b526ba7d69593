// The two CloudFormation files of a deploy, written beside the bundles: template.yaml (the package's SAM template, whose
// CodeUri/ContentUri name the bundle folders next to it) and watches.json (the nested watch stack, generated from the
// config on every build, so it cannot go stale). `sam deploy --template-file <out>/template.yaml` packages them all.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectConfig } from '../check/types.ts';
import { PACKAGE_TEMPLATE } from '../check/package-template.ts';
import { watchStackText } from './watch-stack.ts';

/** template.yaml's Watches (AWS::Serverless::Application) finds the generated stack here, beside the template. */
export const WATCH_STACK_FILE = 'watches.json';
export const TEMPLATE_FILE = 'template.yaml';

/** Writes the watch stack from the config into `outDir`. */
export async function writeWatchStack(outDir: string, config: Pick<ProjectConfig, 'logWatches' | 'limitWatches'>): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, WATCH_STACK_FILE);
  await writeFile(file, watchStackText(config));
  return file;
}

/** Copies the package's template into `outDir`, where its relative CodeUri, ContentUri and Location resolve. */
export async function writeTemplate(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, TEMPLATE_FILE);
  await copyFile(PACKAGE_TEMPLATE, file);
  return file;
}
