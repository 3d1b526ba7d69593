// The CloudFormation files of a deploy, written beside the bundles: template.yaml (the package's SAM template, whose
// CodeUri/ContentUri name the bundle folders next to it), watches.json (the nested watch stack, generated from the
// config on every build, so it cannot go stale) and probe.yaml (the package's probe stack, deployed to each confirmFrom
// region: the same runner/ and layer/ folders). `sam deploy --template-file <out>/template.yaml` packages the first two,
// `--template-file <out>/probe.yaml` the third.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectConfig } from '../check/types.ts';
import { PACKAGE_TEMPLATE } from '../check/package-template.ts';
import { PACKAGE_ROOT } from '../check/import-ts.ts';
import { watchStackText } from './watch-stack.ts';

/** template.yaml's Watches (AWS::Serverless::Application) finds the generated stack here, beside the template. */
export const WATCH_STACK_FILE = 'watches.json';
export const TEMPLATE_FILE = 'template.yaml';
/** The probe stack's template, at the package's root like template.yaml, and beside it in the build. */
export const PROBE_TEMPLATE_FILE = 'probe.yaml';
export const PACKAGE_PROBE_TEMPLATE = join(PACKAGE_ROOT, PROBE_TEMPLATE_FILE);

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

/** Copies the package's probe template into `outDir`, beside template.yaml: its CodeUri and ContentUri are the same. */
export async function writeProbeTemplate(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, PROBE_TEMPLATE_FILE);
  await copyFile(PACKAGE_PROBE_TEMPLATE, file);
  return file;
}
