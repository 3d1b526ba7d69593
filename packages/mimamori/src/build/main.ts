// build/: what goes to AWS. `mimamori build` (and `mimamori deploy`, before it runs `sam deploy`) validates the config
// and every check — refusing any problem, since a deploy cannot skip a check as a local run does — then bundles the
// Lambda functions with the checks compiled in (functions.ts), builds the Chromium layer (layer.ts), and writes the
// template and the watch stack generated from the config beside them (stack-files.ts): one folder `sam deploy` takes
// as it is, offline, from node_modules. esbuild's options are bin/esbuild-options.mjs's, shared with the CLI.
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChecks, loadConfig } from '../check/load.ts';
import { checksDirPath, discover } from '../check/discover.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { fontFiles } from '../runner/fonts.ts';
import type { Diagnostic } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { bundleFunction } from './functions.ts';
import { buildLayer } from './layer.ts';
import { problemsReport } from './problems.ts';
import { writeProbeTemplate, writeTemplate, writeWatchStack } from './stack-files.ts';

/** Where `mimamori build` and `mimamori deploy` write, from the project's folder. */
export const DEFAULT_BUILD_DIR = '.mimamori/build';

export const BUILD_USAGE = `Usage: mimamori build [--out dir] [--config file] [--only runner|dispatcher|alarms|log-watch|layer|watches]

Validates the config and every check, then writes what a deploy needs (default ${DEFAULT_BUILD_DIR}/):
  runner/runner.js          the runner function (stores and alerts; never runs check code)
  runner/worker.js          the worker process it forks, checks compiled in
  dispatcher/dispatcher.js  the one-minute dispatcher, with the checks' schedules
  alarms/alarms.js          the alarm handler: CloudWatch alarms (the stack's AlarmTopic) to Slack threads
  log-watch/log-watch.js    the log-watch handler: lines of the watched log groups matching a watch, to Slack
  layer/                    nodejs/node_modules (playwright-core, playwright, @sparticuz/chromium) and fonts/
  watches.json              the nested stack of log watches and limit alarms, from the config
  template.yaml             the SAM template (mimamori's own), pointing at the folders above
  probe.yaml                the probe stack (confirmFrom regions): the same runner/ and layer/, a queue
\`mimamori deploy\` builds this and runs \`sam deploy\` on it. With --only, that part alone goes straight into --out.`;

const PARTS = ['runner', 'dispatcher', 'alarms', 'log-watch', 'layer', 'watches'] as const;
type Part = (typeof PARTS)[number];

/**
 * Why the build refuses: every problem, so they are fixed in one go — the fatal ones (the config, which every check
 * inherits) apart from the check files' (a local run skips those checks; a deployed one would silently never run).
 */
export const notBuiltReport = (problems: Diagnostic[], deployOnly: Diagnostic[] = []): string => problemsReport('Not built', problems, deployOnly);

interface Output {
  write(text: string): unknown;
}

export interface BuildOptions {
  /** The project's folder: the config and the checks are found from it. */
  cwd: string;
  /** Absolute. A whole build empties it first. */
  out: string;
  only?: Part;
  /** The config file, relative to cwd (default: mimamori.config.ts and its kin). */
  configPath?: string;
  stdout: Output;
  stderr: Output;
  /**
   * What only the caller knows to refuse in the loaded checks (deploy: a probe region that is the home region), listed
   * with every other problem before anything is written.
   */
  refuse?: (checks: readonly ResolvedCheck[]) => Diagnostic[];
}

/** The build itself: 0 built, 2 refused (every problem printed). */
export async function runBuild(options: BuildOptions): Promise<number> {
  const { cwd, out, only, stdout, stderr } = options;
  const { config, file: configFile, problems: configProblems } = await loadConfig(cwd, options.configPath);
  const selection = await discover([], cwd, checksDirPath(config.checksDir, configFile, cwd));
  const loaded = await loadChecks(selection.files, config, cwd);
  await stopCompiler();
  const problems = [...configProblems, ...loaded.problems];
  const refused = options.refuse?.(loaded.checks) ?? [];
  if (problems.length || refused.length) {
    stderr.write(`${notBuiltReport(problems, refused)}\n`);
    return 2;
  }
  const input = { config, configFile, checks: loaded.checks, checkFiles: loaded.checks.map((c) => resolve(cwd, c.file)) };
  const parts: Part[] = only ? [only] : [...PARTS];
  const dir = (part: string) => (only ? out : join(out, part));
  if (!only) await rm(out, { recursive: true, force: true });
  try {
    for (const part of parts) {
      if (part === 'watches') {
        stdout.write(`watches: ${displayPath(await writeWatchStack(out, config), cwd)} (from the config's logWatches and limitWatches)\n`);
      } else if (part === 'layer') {
        const layer = await buildLayer(dir(part), fontFiles());
        stdout.write(`layer: ${layer.packages.length} packages, fonts ${layer.fonts.join(', ')} → ${displayPath(dir(part), cwd)}\n`);
      } else if (part === 'runner') {
        // The runner forks its worker (the only process that runs check code) from the file beside it.
        const files = [await bundleFunction('runner', dir(part), input), await bundleFunction('worker', dir(part), input)];
        stdout.write(`${part}: ${files.join(', ')}\n`);
      } else {
        stdout.write(`${part}: ${await bundleFunction(part, dir(part), input)}\n`);
      }
    }
  } catch (error) {
    // A refusal that says it all (a check the runner's timeout cannot hold): a message, not a stack.
    if ((error as Error).name !== 'BuildRefusedError') throw error;
    stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (!only) {
    stdout.write(`template: ${displayPath(await writeTemplate(out), cwd)}\n`);
    stdout.write(`probe template: ${displayPath(await writeProbeTemplate(out), cwd)} (for the checks' confirmFrom regions)\n`);
  }
  const scheduled = loaded.checks.filter((c) => c.schedule);
  stdout.write(`${loaded.checks.length} checks compiled in; ${scheduled.length} scheduled: ${scheduled.map((c) => `${c.name} ${c.schedule}`).join(', ') || 'none'}\n`);
  return 0;
}

export async function buildMain(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' }, only: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${BUILD_USAGE}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${BUILD_USAGE}\n`), 0;
  if (values.only && !(PARTS as readonly string[]).includes(values.only)) {
    process.stderr.write(`--only must be one of ${PARTS.join(', ')}\n`);
    return 2;
  }
  return runBuild({
    cwd: process.cwd(), out: resolve(values.out ?? DEFAULT_BUILD_DIR), only: values.only as Part | undefined, configPath: values.config,
    stdout: process.stdout, stderr: process.stderr,
  });
}
