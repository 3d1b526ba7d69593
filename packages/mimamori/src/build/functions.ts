// Bundles the Lambda functions with esbuild, with the project's checks compiled in (discovered and validated now).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { lambdaOptions } from '../../bin/esbuild-options.mjs';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { PACKAGE_ROOT } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { deadManWarning } from '../check/schedule.ts';
import { resolveLogWatches } from '../check/watches.ts';
import { refuseImpossibleTimeouts } from './runner-timeout.ts';
import type { DigestSchedule } from '../lambda/dispatch.ts';
import { resolveMaintenance } from '../maintenance/resolve.ts';

export interface BundleInput {
  config: ProjectConfig;
  configFile?: string;
  checks: ResolvedCheck[];
  /** Absolute paths of the check files, in the order of `checks`. */
  checkFiles: string[];
}

/** The config's digest as the functions get it (src/lambda/dispatch.ts, DigestSchedule), or null when there is none. */
export function digestSchedule(config: ProjectConfig): DigestSchedule | null {
  if (!config.digest?.at) return null;
  const { s3, slack } = config;
  return { at: config.digest.at, timeZone: config.digest.timeZone ?? slack?.timeZone ?? 'UTC', config: { ...(s3 && { s3 }), ...(slack && { slack }) } };
}

/** The two modules the handlers import, generated from the check files. */
function virtualModules(input: BundleInput): Plugin {
  const registry = [
    input.configFile ? `import config from ${JSON.stringify(input.configFile)};` : 'const config = {};',
    ...input.checkFiles.map((file, i) => `import check${i} from ${JSON.stringify(file)};`),
    `export const registry = { config, checks: [${input.checks.map((c, i) => `{ file: ${JSON.stringify(c.file)}, definition: check${i} }`).join(', ')}] };`,
  ].join('\n');
  const schedules = [
    // Tags only where a check has some: what a maintenance window's `tags` match.
    `export const schedules = ${JSON.stringify(input.checks.filter((c) => c.schedule).map((c) => ({ name: c.name, schedule: c.schedule, ...(c.tags?.length && { tags: c.tags }) })))};`,
    `export const timeZone = ${JSON.stringify(input.config.scheduleTimeZone ?? 'UTC')};`,
    // Every check, scheduled or not: the dispatcher enqueues a manual run of any of them.
    `export const checkNames = ${JSON.stringify(input.checks.map((c) => c.name))};`,
    // The daily picture: when (the dispatcher) and what the runner reads the store and Slack with; null without one.
    `export const digest = ${JSON.stringify(digestSchedule(input.config))};`,
    // The maintenance windows, zones settled: the dispatcher does not enqueue a check a pause window covers.
    `export const maintenance = ${JSON.stringify(resolveMaintenance(input.config))};`,
  ].join('\n');
  // The log watches (their regular expressions as literals) and what the log-watch handler formats and redacts with.
  const logWatches = [
    `export const logWatches = [${resolveLogWatches(input.config).map((w) => `{ name: ${JSON.stringify(w.name)}, logGroups: ${JSON.stringify(w.logGroups)}, `
      + `pattern: new RegExp(${JSON.stringify(w.pattern.source)}, ${JSON.stringify(w.pattern.flags)}), filterPattern: ${JSON.stringify(w.filterPattern)}, windowMinutes: ${w.windowMinutes} }`).join(', ')}];`,
    `export const redact = ${JSON.stringify(input.config.redact ?? {})};`,
    `export const timeZone = ${JSON.stringify(input.config.slack?.timeZone ?? 'UTC')};`,
  ].join('\n');
  const contents: Record<string, string> = { 'virtual:mimamori-checks': registry, 'virtual:mimamori-schedules': schedules, 'virtual:mimamori-log-watches': logWatches };
  return {
    name: 'mimamori-virtual',
    setup(b) {
      b.onResolve({ filter: /^virtual:mimamori-/ }, (args) => ({ path: args.path, namespace: 'mimamori-virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'mimamori-virtual' }, (args) => ({ contents: contents[args.path], loader: 'ts', resolveDir: PACKAGE_ROOT }));
    },
  };
}

/** The warning the dispatcher's build prints when the dead-man alarm's 15 minutes do not hold for the schedules. */
export function scheduleWarning(input: { config: ProjectConfig; checks: Pick<ResolvedCheck, 'name' | 'schedule'>[] }, now = Date.now()): string | undefined {
  const scheduled = input.checks.flatMap((c) => (c.schedule ? [{ name: c.name, schedule: c.schedule }] : []));
  return deadManWarning(scheduled, input.config.scheduleTimeZone ?? 'UTC', { from: now });
}

/**
 * One function's bundle, with bin/esbuild-options.mjs's lambdaOptions: CommonJS for Lambda's Node, the layer's
 * packages left to NODE_PATH, `import.meta.url` given its CommonJS meaning.
 */
export async function bundleFunction(name: 'runner' | 'worker' | 'dispatcher' | 'alarms' | 'log-watch', outDir: string, input: BundleInput): Promise<string> {
  // The runner runs the checks: refuse, before bundling, a check its timeout cannot hold.
  if (name === 'runner') refuseImpossibleTimeouts(input.checks, process.env, input.config);
  const { build } = await import('esbuild');
  const outfile = join(outDir, `${name}.js`);
  const warning = name === 'dispatcher' ? scheduleWarning(input) : undefined;
  if (warning) process.stderr.write(`Warning: ${warning}\n`);
  await build(lambdaOptions({ entry: join(PACKAGE_ROOT, 'dist/functions', `${name}.mjs`), outfile, packageRoot: PACKAGE_ROOT, plugins: [virtualModules(input)] }));
  // The bundle is CommonJS wherever it lands, even inside a "type": "module" project (bench/, the repo itself).
  await writeFile(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  return displayPath(outfile);
}
