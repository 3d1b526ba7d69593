// build/: what goes to AWS. `npm run build` (also what `sam build` runs, per target, through the Makefile) validates
// the config and every check — refusing any problem, since a deploy cannot skip a check as a local run does — then
// bundles the Lambda functions with the checks compiled in (functions.ts) and builds the Chromium layer (layer.ts),
// offline, from node_modules. esbuild's options are bin/esbuild-options.mjs's, shared with the CLI and check files.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChecks, loadConfig } from '../check/load.ts';
import { checksDirPath, discover } from '../check/discover.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { displayPath } from '../check/display-path.ts';
import { fontFiles } from '../runner/fonts.ts';
import type { Diagnostic } from '../result/types.ts';
import { bundleFunction } from './functions.ts';
import { buildLayer } from './layer.ts';
import { problemsReport } from './problems.ts';
import { staleWatchStackMessage, syncWatchStack, WATCH_STACK_FILE, watchStackIsStale } from './watch-stack-file.ts';

export const BUILD_USAGE = `Usage: npm run build -- [--out dir] [--only runner|dispatcher|alarms|log-watch|layer|watches]

Validates every check in checks/, then writes (default build/):
  runner/runner.js          the runner function (stores and alerts; never runs check code)
  runner/worker.js          the worker process it forks, checks compiled in
  dispatcher/dispatcher.js  the one-minute dispatcher, with the checks' schedules
  alarms/alarms.js          the alarm handler: CloudWatch alarms (the stack's AlarmTopic) to Slack threads
  log-watch/log-watch.js    the log-watch handler: lines of the watched log groups matching a watch, to Slack
  layer/                    nodejs/node_modules (playwright-core, playwright, @sparticuz/chromium) and fonts/
and, in a project with template.yaml, writes infra/watches.json (the nested stack of log watches and limit alarms) from
the config. --only watches writes just that file (npm run watches); --only <another part>, as sam build runs it,
refuses to build while the file does not match the config.
With --only, that part alone goes straight into --out (what the Makefile's sam build targets use).`;

const PARTS = ['runner', 'dispatcher', 'alarms', 'log-watch', 'layer', 'watches'] as const;

/**
 * Why the build refuses: every problem, so they are fixed in one go — the fatal ones (the config, which every check
 * inherits) apart from the check files' (a local run skips those checks; a deployed one would silently never run).
 */
export const notBuiltReport = (problems: Diagnostic[]): string => problemsReport('Not built', problems);

export async function buildMain(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${BUILD_USAGE}\n`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${BUILD_USAGE}\n`), 0;
  if (values.only && !(PARTS as readonly string[]).includes(values.only)) {
    process.stderr.write(`--only must be one of ${PARTS.join(', ')}\n`);
    return 2;
  }
  const out = resolve(values.out ?? 'build');
  const cwd = process.cwd();
  const { config, file: configFile, problems: configProblems } = await loadConfig(cwd);
  const selection = await discover([], cwd, checksDirPath(config.checksDir, configFile, cwd));
  const loaded = await loadChecks(selection.files, config, cwd);
  await stopCompiler();
  const problems = [...configProblems, ...loaded.problems];
  if (problems.length) {
    process.stderr.write(`${notBuiltReport(problems)}\n`);
    return 2;
  }
  // The watch stack follows the config. Only a project with template.yaml deploys it. sam build runs each part in a
  // copy of the project, so there the file can only be checked: a stale one is refused, to be written by `--only
  // watches` (npm run watches) or a whole build, which write it.
  const deployable = existsSync(join(cwd, 'template.yaml'));
  if (values.only === 'watches' || (!values.only && deployable)) {
    const watches = await syncWatchStack(cwd, config);
    process.stdout.write(`${WATCH_STACK_FILE}: ${watches.changed ? 'written from' : 'already matches'} the config's logWatches and limitWatches\n`);
    if (values.only === 'watches') return 0;
  } else if (deployable && watchStackIsStale(cwd, config)) {
    process.stderr.write(`${staleWatchStackMessage()}\n`);
    return 2;
  }
  const input = {
    config, configFile, checks: loaded.checks,
    checkFiles: loaded.checks.map((c) => resolve(cwd, c.file)),
  };
  // `watches` is the file above, not a bundle.
  const parts = values.only ? [values.only as Exclude<(typeof PARTS)[number], 'watches'>] : PARTS.filter((p) => p !== 'watches');
  const dir = (part: string) => (values.only ? out : join(out, part));
  if (!values.only) await rm(out, { recursive: true, force: true });
  for (const part of parts) {
    if (part === 'layer') {
      const layer = await buildLayer(dir(part), fontFiles());
      process.stdout.write(`layer: ${layer.packages.length} packages, fonts ${layer.fonts.join(', ')} → ${displayPath(dir(part))}\n`);
    } else if (part === 'runner') {
      // The runner forks its worker (the only process that runs check code) from the file beside it.
      const files = [await bundleFunction('runner', dir(part), input), await bundleFunction('worker', dir(part), input)];
      process.stdout.write(`${part}: ${files.join(', ')}\n`);
    } else {
      process.stdout.write(`${part}: ${await bundleFunction(part, dir(part), input)}\n`);
    }
  }
  const scheduled = loaded.checks.filter((c) => c.schedule);
  process.stdout.write(`${loaded.checks.length} checks compiled in; ${scheduled.length} scheduled: ${scheduled.map((c) => `${c.name} ${c.schedule}`).join(', ') || 'none'}\n`);
  return 0;
}
