// `mimamori validate`: the config and every check file loaded as a run loads them — in a worker process, so check code
// never runs here — and everything a deploy refuses (src/build/problems.ts), listed at once with file and field. Runs no
// check, starts no Chromium, writes nothing. Exit 0 valid, 2 not (or a usage error).
import { routeSecretNames } from '../check/notify-route.ts';
import { parseArgs } from 'node:util';
import { isNote } from '../result/types.ts';
import { plural } from '../result/format.ts';
import { redactorFor, structuralRedactor } from '../result/redact.ts';
import { displayPath } from '../check/display-path.ts';
import { checksDirPath } from '../check/discover.ts';
import { loadSecretsFile, secretsFilePath } from '../check/secrets-file.ts';
import { resolveLimitWatches } from '../check/watches.ts';
import { WorkerPool } from '../runner/worker-pool.ts';
import { WORKER_LOAD_ONLY_ENV } from '../runner/worker-protocol.ts';
import type { LoadedProject } from '../runner/worker-protocol.ts';
import { projectLoadTimeoutMs, WORKER_SCRIPT } from './load-project.ts';
import { resolveMaintenance } from '../maintenance/resolve.ts';
import { maintenanceReport, pauseDeadManWarnings, unknownWindowChecks } from './maintenance-lines.ts';
import { probeRegions } from '../build/probe-regions.ts';

export const VALIDATE_USAGE = `Usage: mimamori validate [--config file]

Loads the config and every check in checksDir as a run does (check code runs in a worker process, as ever; its
top-level code does run), then lists at once, with file and field, everything a run or a deploy refuses: the config
(log and limit watches included), each check file (options, schedules, names), each check's timeoutMs against the
runner's Lambda timeout (deploy.parameters.RunnerTimeoutSeconds in the config, else RunnerTimeoutSeconds's default in
the package's template.yaml; MIMAMORI_RUNNER_TIMEOUT_SECONDS overrides both), each check's confirmFrom against the
home region (deploy.region, else AWS_REGION); and names the probe regions a deploy sets up. Runs no check, starts no
browser, writes nothing.

Options:
  --config <file>  config file (default: mimamori.config.ts)
  -h, --help       show this help

Exit code: 0 valid (warnings are listed, and change nothing), 2 a problem (or a usage error).`;

const EXIT = { ok: 0, invalid: 2 } as const;
const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;


/** "3 checks, 2 schedules, 4 watches: valid" — log watches, and each function and table the limit watches watch. */
export function validSummary(project: Pick<LoadedProject, 'config' | 'checks'>): string {
  const limits = resolveLimitWatches(project.config);
  const watches = (project.config.logWatches?.length ?? 0) + limits.functions.length + limits.tables.length;
  const schedules = project.checks.filter((c) => c.schedule).length;
  return `${plural(project.checks.length, 'check')}, ${plural(schedules, 'schedule')}, ${plural(watches, 'watch', 'watches')}: valid`;
}

export async function validateMain(argv: string[]): Promise<number> {
  let values;
  let loadTimeoutMs: number;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
    if (values.config === '') throw new Error('--config needs a path');
    loadTimeoutMs = projectLoadTimeoutMs();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${VALIDATE_USAGE}\n`);
    return EXIT.invalid;
  }
  if (values.help) return process.stdout.write(`${VALIDATE_USAGE}\n`), EXIT.ok;

  const cwd = process.cwd();
  // One worker that only loads: no Chromium ahead of time, none for the load's browser report.
  const pool = new WorkerPool({ script: WORKER_SCRIPT, size: 1, holdOutput: true, env: { ...process.env, [WORKER_LOAD_ONLY_ENV]: '1' } });
  const stop = (signal: keyof typeof SIGNAL_CODES) => () => {
    pool.kill();
    process.exit(SIGNAL_CODES[signal]);
  };
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((s) => [s, stop(s)] as const);
  for (const [s, handler] of handlers) process.once(s, handler);
  try {
    let project: LoadedProject;
    try {
      ({ project } = await pool.load({ kind: 'files', cwd, configPath: values.config, targets: [] }, loadTimeoutMs));
    } catch (error) {
      process.stderr.write(`mimamori: ${structuralRedactor().text((error as Error).message)}\n`);
      return EXIT.invalid;
    }
    // What the check files print while loading, and the problems' messages, go through the run's redaction: the
    // secrets file fills in what the environment lacks, as for a run, so its values are known to it.
    const secretsFile = secretsFilePath(project.config, project.configFile, cwd);
    const secretsRead = loadSecretsFile(secretsFile, displayPath(secretsFile, cwd));
    const redactor = redactorFor(project.checks, project.config, process.env, routeSecretNames(project.checks, project.config));
    pool.setRedact(redactor.text);
    // A secrets file that exists but cannot be read stops a run (exit 2): so it is not valid either.
    const loading = [...project.problems.filter((p) => !isNote(p)), ...(secretsRead.problem ? [secretsRead.problem] : [])];
    // Reads the runner's timeout from the config or the package's template.yaml: loaded only when asked for.
    const { deployProblems, problemsReport } = await import('../build/problems.ts');
    const configFile = project.configFile ? displayPath(project.configFile, cwd) : undefined;
    const { deployOnly, warnings } = deployProblems(project, { configFile });
    if (!loading.length && project.checks.length === 0) {
      // A run would stop here too ("No checks found"): a project whose checks are elsewhere is not a valid one.
      const dir = displayPath(checksDirPath(project.config.checksDir, project.configFile, cwd), cwd);
      process.stderr.write(`Not valid: no checks found in ${dir}/ (checksDir in the config says where they are).\n`);
      return EXIT.invalid;
    }
    const invalid = loading.length > 0 || deployOnly.length > 0;
    if (invalid) {
      for (const p of [...loading, ...deployOnly]) p.message = redactor.text(p.message);
      process.stderr.write(`${problemsReport('Not valid', loading, deployOnly)}\n`);
    } else {
      process.stdout.write(`${validSummary(project)}\n`);
      const regions = probeRegions(project.checks);
      if (regions.length) process.stdout.write(`Probe regions (confirmFrom): ${regions.join(', ')} — \`mimamori deploy\` deploys a probe stack to each.\n`);
      const windows = resolveMaintenance(project.config);
      const report = maintenanceReport(windows, Date.now());
      if (report.length) process.stdout.write(`\n${report.map((l) => redactor.text(l)).join('\n')}\n`);
      warnings.push(...unknownWindowChecks(windows, project.checks), ...pauseDeadManWarnings(windows, project.checks));
    }
    // After the verdict, which they do not change (the build of the dispatcher prints them too).
    for (const w of warnings) process.stderr.write(`Warning: ${redactor.text(w)}\n`);
    return invalid ? EXIT.invalid : EXIT.ok;
  } finally {
    for (const [s, handler] of handlers) process.off(s, handler);
    await pool.close(1_000);
  }
}
