// Bundles the Lambda functions with esbuild, with the project's checks compiled in (discovered and validated now).
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { lambdaOptions } from '../../bin/esbuild-options.mjs';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { PACKAGE_ROOT } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { deadManWarning } from '../check/schedule.ts';
import { resolveLogWatches } from '../check/watches.ts';
import { journeyBudgetMs, reportReserveMs } from '../lambda/time-budget.ts';
import type { DigestSchedule } from '../lambda/dispatch.ts';

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
    `export const schedules = ${JSON.stringify(input.checks.filter((c) => c.schedule).map((c) => ({ name: c.name, schedule: c.schedule })))};`,
    `export const timeZone = ${JSON.stringify(input.config.scheduleTimeZone ?? 'UTC')};`,
    // Every check, scheduled or not: the dispatcher enqueues a manual run of any of them.
    `export const checkNames = ${JSON.stringify(input.checks.map((c) => c.name))};`,
    // The daily picture: when (the dispatcher) and what the runner reads the store and Slack with; null without one.
    `export const digest = ${JSON.stringify(digestSchedule(input.config))};`,
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

// ---------------------------------------------------------------------------------------------------------------
// The runner's timeout against each check's timeoutMs (self-contained: the build refuses what cannot run).
// ---------------------------------------------------------------------------------------------------------------

/** Set when deploying with another RunnerTimeoutSeconds than template.yaml's default (`sam deploy --parameter-overrides`). */
export const RUNNER_TIMEOUT_ENV = 'MIMAMORI_RUNNER_TIMEOUT_SECONDS';

/** The default of the template's RunnerTimeoutSeconds parameter (read as text: the template's `!Ref` tags need no parser). */
export function templateRunnerTimeout(templateText: string): number | undefined {
  const block = /^ {2}RunnerTimeoutSeconds:[^\n]*\n((?: {4,}[^\n]*\n)*)/m.exec(templateText)?.[1];
  const value = block && /^ {4}Default:\s*(\d+)\s*(?:#.*)?$/m.exec(block)?.[1];
  return value ? Number(value) : undefined;
}

/** A build refused with a message that says it all: printed without a stack, exit code 2. */
class BuildRefusedError extends Error {
  override name = 'BuildRefusedError';
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * The runner's timeout in seconds, and where it came from: MIMAMORI_RUNNER_TIMEOUT_SECONDS when set, else the
 * default of RunnerTimeoutSeconds in template.yaml (the project's own, else the package's). Undefined without either.
 */
export function runnerTimeout(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): { seconds: number; from: string } | undefined {
  const given = env[RUNNER_TIMEOUT_ENV];
  if (given !== undefined && given !== '') {
    if (!/^\d+$/.test(given.trim()) || Number(given) < 1 || Number(given) > 900) {
      throw new BuildRefusedError(`Not built: ${RUNNER_TIMEOUT_ENV} must be the runner's timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got ${JSON.stringify(given)}`);
    }
    return { seconds: Number(given), from: RUNNER_TIMEOUT_ENV };
  }
  for (const file of [join(cwd, 'template.yaml'), join(PACKAGE_ROOT, 'template.yaml')]) {
    if (!existsSync(file)) continue;
    const seconds = templateRunnerTimeout(readFileSync(file, 'utf8'));
    if (seconds !== undefined) return { seconds, from: `RunnerTimeoutSeconds's default in ${displayPath(file)}` };
  }
  return undefined;
}

/**
 * Why the checks cannot run on the runner: each check whose timeoutMs is more than what the Lambda timeout leaves
 * once the report reserve is kept back (the runner would cut it short, every run). Empty when all fit.
 */
export function timeoutProblems(checks: Pick<ResolvedCheck, 'name' | 'file' | 'timeoutMs'>[], timeoutSeconds: number): string[] {
  const timeoutMs = timeoutSeconds * 1000;
  const budget = journeyBudgetMs(timeoutMs);
  return checks.filter((c) => c.timeoutMs > budget).map((c) =>
    `check "${c.name}" (${c.file}) has timeoutMs ${c.timeoutMs} (${secs(c.timeoutMs)}), but a runner timeout of ${timeoutSeconds} s leaves `
    + `${budget} ms (${secs(budget)}) once ${secs(reportReserveMs(timeoutMs))} are kept back to stop, store and alert`);
}

function refuseImpossibleTimeouts(checks: ResolvedCheck[], env: NodeJS.ProcessEnv = process.env): void {
  const timeout = runnerTimeout(env);
  if (!timeout) return;
  const problems = timeoutProblems(checks, timeout.seconds);
  if (!problems.length) return;
  throw new BuildRefusedError([
    `Not built: ${problems.length === 1 ? 'a check does' : `${problems.length} checks do`} not fit in the runner's timeout (${timeout.seconds} s, from ${timeout.from}):`,
    ...problems.map((p) => `  ${p}`),
    `Lower the check's timeoutMs, or deploy with a longer RunnerTimeoutSeconds and build with ${RUNNER_TIMEOUT_ENV}=<those seconds>`
    + ` (the reserve is 25 % of the timeout, between 15 and 30 s).`,
  ].join('\n'));
}

/** The warning the dispatcher's build prints when the dead-man alarm's 15 minutes do not hold for the schedules. */
export function scheduleWarning(input: BundleInput, now = Date.now()): string | undefined {
  const scheduled = input.checks.flatMap((c) => (c.schedule ? [{ name: c.name, schedule: c.schedule }] : []));
  return deadManWarning(scheduled, input.config.scheduleTimeZone ?? 'UTC', { from: now });
}

/**
 * One function's bundle, with bin/esbuild-options.mjs's lambdaOptions: CommonJS for Lambda's Node, the layer's
 * packages left to NODE_PATH, `import.meta.url` given its CommonJS meaning.
 */
export async function bundleFunction(name: 'runner' | 'worker' | 'dispatcher' | 'alarms' | 'log-watch', outDir: string, input: BundleInput): Promise<string> {
  // The runner runs the checks: refuse, before bundling, a check its timeout cannot hold.
  if (name === 'runner') refuseImpossibleTimeouts(input.checks);
  const { build } = await import('esbuild');
  const outfile = join(outDir, `${name}.js`);
  const warning = name === 'dispatcher' ? scheduleWarning(input) : undefined;
  if (warning) process.stderr.write(`Warning: ${warning}\n`);
  await build(lambdaOptions({ entry: join(PACKAGE_ROOT, 'functions', `${name}.ts`), outfile, packageRoot: PACKAGE_ROOT, plugins: [virtualModules(input)] }));
  // The bundle is CommonJS wherever it lands, even inside a "type": "module" project (bench/, the repo itself).
  await writeFile(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  return displayPath(outfile);
}
