// `mimamori check` (also the bare `mimamori [files…]`, and `npm run check`): the local composition root. This process
// owns results, storage and alerts and never runs check code: worker processes load the checks and run them (see
// src/runner/worker-main.ts), so no check can silence the run.
import { routeSecretNames } from '../check/notify-route.ts';
import { dirname } from 'node:path';
import { isFatal, isNote, type Diagnostic, type RunResult } from '../result/types.ts';
import type { CheckData } from '../check/check-data.ts';
import { displayPath } from '../check/display-path.ts';
import { checkName } from '../check/name.ts';
import { checksDirPath } from '../check/discover.ts';
import { declaredSecrets, loadSecretsFile, secretProblems, secretsFilePath } from '../check/secrets-file.ts';
import { printable } from '../result/printable.ts';
import { redactorFor, structuralRedactor } from '../result/redact.ts';
import { DEFAULT_WORKERS, runChecks } from '../runner/run-checks.ts';
import { WorkerPool } from '../runner/worker-pool.ts';
import type { AttemptRunner } from '../runner/attempt-runner.ts';
import type { Loaded } from '../runner/worker-host.ts';
import { projectLoadTimeoutMs, WORKER_SCRIPT } from './load-project.ts';
import { newRunId } from '../result/run-id.ts';
import { COMMANDS, HELP, parseCli, USAGE, UsageError, type CliOptions } from './args.ts';
import { reportsNotWritten, writeReports } from './reports.ts';
import { outputPathProblems } from './output-paths.ts';
import { afterRun, mayDrawChart } from '../pipeline/after-run.ts';
import { pruneOutFolder } from '../store/prune.ts';
import { outsideSystems } from '../pipeline/outside-systems.ts';
import { afterRunSettings } from '../pipeline/after-run-budget.ts';
import { outsideFailed, outsideSummary } from './outside-summary.ts';
import { progressHooks, runHeader } from './progress.ts';
import { pauseNotes } from './maintenance-lines.ts';
import { resolveMaintenance } from '../maintenance/resolve.ts';
import { baselineNote, headerBrowser } from './browser-header.ts';
import { fatalReport, renderSummary } from './summary.ts';
import { startWebServer, WebServerError, type RunningServer } from './web-server.ts';
import { watchInterruptions } from './interruptions.ts';

/** Workers asked to close get this long before they (and their Chromium) are killed. */
const CLOSE_GRACE_MS = 2_000;

const EXIT = { ok: 0, failed: 1, usage: 2, outside: 3 } as const;
const out = (text: string) => process.stdout.write(text);

/**
 * Names, --grep and --tag narrow the loaded checks; a name that matches nothing is a usage problem. `firstWord`: the
 * bare form's first argument, which may have been meant as a command (a typo of `validate`): its message says so.
 */
function select(checks: CheckData[], options: CliOptions, explicitFiles: Set<string>, typed: string[], firstWord?: string): { checks: CheckData[]; problems: Diagnostic[] } {
  // A name typed in a terminal may come decomposed (NFD): compare as the loaded names are.
  const names = typed.map(checkName);
  const command = firstWord === undefined ? undefined : checkName(firstWord);
  const problems: Diagnostic[] = names
    .filter((n) => !checks.some((c) => c.name === n))
    .map((n) => ({
      file: n,
      message: `is neither a file, a folder nor the name of a check (${checks.map((c) => c.name).join(', ') || 'none loaded'})`
        + (n === command ? `, nor a command (${Object.keys(COMMANDS).join(', ')})` : ''),
    }));
  const picked = checks.filter(
    (c) =>
      (explicitFiles.has(c.file) || names.includes(c.name) || (explicitFiles.size === 0 && names.length === 0)) &&
      (!options.grep || options.grep.test(c.name)) &&
      (options.tags.length === 0 || options.tags.some((t) => c.tags.includes(t))),
  );
  return { checks: picked, problems };
}

/**
 * `bare`: called as `mimamori [files…]`, without the `check` command: --help then shows every command too, and a first
 * word that is no check may have been meant as a command.
 */
export async function main(argv: string[], { bare = false }: { bare?: boolean } = {}): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (options.help) return out(`${bare ? `${HELP}\n\n` : ''}${USAGE}\n`), EXIT.ok;
  const pathProblems = outputPathProblems(options, process.cwd());
  if (pathProblems.length) {
    process.stderr.write(`${pathProblems.join('\n')}\n`);
    return EXIT.usage;
  }
  let loadTimeoutMs: number;
  try {
    loadTimeoutMs = projectLoadTimeoutMs();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.usage;
  }

  const cwd = process.cwd();
  const startedAt = Date.now();
  // What the workers print is held until the secrets to redact are known (after loading the project).
  // Workers get the environment as it is now, before the secrets file is read: a check sees only its own declared
  // secrets from it, brought with each attempt (below).
  // The launcher may have forked the first one already (src/cli/early.ts): it is adopted when it matches.
  const pool = new WorkerPool({ script: WORKER_SCRIPT, size: options.workers ?? DEFAULT_WORKERS, holdOutput: true, env: { ...process.env }, adoptEarly: true });
  // The first worker loads the checks, and starts its Chromium meanwhile.
  pool.prestart(1);
  let server: RunningServer | undefined;
  const interrupts = watchInterruptions({
    stopChecks: () => void pool.close(CLOSE_GRACE_MS),
    stopNow: () => {
      pool.kill();
      server?.kill();
    },
  }, (line) => process.stderr.write(line));
  try {
    let loaded: Loaded;
    try {
      loaded = await pool.load({ kind: 'files', cwd, configPath: options.config, targets: options.targets }, loadTimeoutMs);
    } catch (error) {
      if (interrupts.exitCode) return interrupts.exitCode;
      process.stderr.write(`mimamori: ${structuralRedactor().text((error as Error).message)}\n`);
      return EXIT.usage;
    }
    const { project, browser } = loaded;
    const configDir = project.configFile ? dirname(project.configFile) : cwd;
    // The secrets file fills in what the environment does not set, here too: the workers forked from now on inherit
    // it (the first one read it itself, before importing the checks), and redaction reads the values from here.
    const secretsFile = secretsFilePath(project.config, project.configFile, cwd);
    const secretsLabel = displayPath(secretsFile, cwd);
    const secretsRead = loadSecretsFile(secretsFile, secretsLabel);
    const { checks: selected, problems: selectProblems } = select(project.checks, options, new Set(project.explicit), project.names, bare && !argv[0]?.startsWith('-') ? argv[0] : undefined);
    // A selected check whose declared secret is missing does not run (never a silent fallback); the others do.
    const secretsProblems = secretProblems(selected, process.env, secretsLabel);
    const checks = selected.filter((c) => !secretsProblems.some((p) => p.file === c.file));
    const diagnostics = [...project.problems, ...(secretsRead.problem ? [secretsRead.problem] : []), ...selectProblems, ...secretsProblems];
    // One redactor for all this run prints, stores and sends (the secrets file is in process.env by now): the loaded
    // checks' declared secrets, credentials and headers, the config's parameter names. Held worker output goes through it.
    const redactor = redactorFor(project.checks, project.config, process.env, routeSecretNames(project.checks, project.config));
    pool.setRedact(redactor.text);
    for (const d of diagnostics) d.message = redactor.text(d.message);
    // A fatal problem (the config) makes the run meaningless: nothing runs, is stored or alerted.
    const fatal = diagnostics.filter(isFatal);
    if (fatal.length) {
      process.stderr.write(`${fatalReport(fatal)}\n`);
      return EXIT.usage;
    }

    if (checks.length > 0 && !process.env.BASE_URL && project.config.webServer && !interrupts.checks.aborted) {
      try {
        server = await startWebServer(project.config.webServer, configDir);
      } catch (error) {
        if (!(error instanceof WebServerError)) throw error;
        process.stderr.write(`${redactor.text(error.message)}\n`);
        return EXIT.usage;
      }
    }
    let outside;
    try {
      outside = await outsideSystems({
        config: project.config, checks, local: options.out, env: process.env, alerting: options.slack, sharedState: options.sharedState, updateBaselines: options.updateBaselines, ...afterRunSettings(),
      });
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return EXIT.usage;
    }
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (checks.length > 0) {
      pool.size = Math.min(workers, checks.length);
      pool.prestart(pool.size);
      out(runHeader(checks.length, workers, redactor.url(checks[0]!.baseURL), headerBrowser(browser)));
      // No browser: the whole message (what to install, where it looked) once, not only each check's first line.
      if (browser.error) process.stderr.write(`${redactor.text(browser.error)}\n`);
      // Said once per run: a paused check runs here (asked for), though the deployed monitor skips it now.
      for (const line of pauseNotes(resolveMaintenance(project.config), checks, startedAt)) out(`${line}\n`);
      const note = baselineNote(browser, { visual: checks.some((c) => c.visual), shared: Boolean(outside.sharedState && outside.stores.remote), update: Boolean(options.updateBaselines) });
      if (note) out(`${note}\n`);
    } else if (diagnostics.every(isNote)) {
      process.stderr.write(`No checks found${options.targets.length ? ` for ${options.targets.join(' ')}` : ` in ${displayPath(checksDirPath(project.config.checksDir, project.configFile, cwd), cwd)}/`}${options.grep || options.tags.length ? ' matching --grep/--tag' : ''}.\n`);
      return EXIT.usage;
    }
    // Each attempt brings its own check's declared secrets (the environment's or the secrets file's), no other check's.
    const runner: AttemptRunner = { attempt: (c, n, signal) => pool.attempt(c, n, signal, declaredSecrets(c.secrets, process.env)) };
    const { results, interrupted } = await runChecks(checks, { runner, workers, hooks: progressHooks(out, process.stdout.isTTY), interrupt: interrupts.checks, redactor });
    const run: RunResult = { runId: newRunId(startedAt), startedAt, durationMs: Date.now() - startedAt, results, diagnostics };
    if (interrupts.received) run.interrupted = interrupted.map((c) => ({ name: c.name, file: c.file, signal: interrupts.received! }));
    // A signal now, or one that came during the checks, leaves storing and alerting a few seconds at most.
    // No alert can ask for a chart (none degraded): the workers close their Chromium while this process stores the
    // results and alerts. Else a warm worker's Chromium draws the trend chart, and the workers close once that is done.
    const closing = results.some(mayDrawChart) ? undefined : pool.close(CLOSE_GRACE_MS);
    await afterRun(run, { ...outside, signal: interrupts.outside, renderChart: (html, size) => pool.render(html, size) });
    const closed = closing ?? pool.close(CLOSE_GRACE_MS);
    const reports = await writeReports(run, options);
    await pruneOutFolder(options.out); // old runs/ folders (MIMAMORI_KEEP_DAYS, MIMAMORI_KEEP_RUNS); a warning at worst
    await closed;

    out(`\n${renderSummary(run, { color: process.stdout.isTTY })}`);
    if (run.interrupted?.length) {
      out(`\nInterrupted (${interrupts.received}): ${run.interrupted.map((c) => printable(c.name)).join(', ')} did not finish — no result, no incident state, no alert.\n`);
    }
    const outsideLines = outsideSummary(run, outside.stores.remote?.location, outside.slackOn);
    if (outsideLines) out(`\n${outsideLines}`);
    const show = (p: string) => displayPath(p, cwd);
    // Only the files this run wrote: one left from an earlier run is not this run's report.
    const { paths, failed } = reports;
    const written = (label: string, path: string | undefined) => (path && !failed.some((f) => f.path === path) ? [`${label}: ${show(path)}`] : []);
    const links = [...written('Report', paths.report), ...written('Results', paths.results), ...written('JUnit', paths.junit)];
    if (links.length) out(`\n${links.join('   ')}\n`);
    for (const line of reportsNotWritten(failed, show)) process.stderr.write(`${line}\n`);
    if (interrupts.exitCode) return interrupts.exitCode;
    // A note (a file a run by name did not wait for) is listed and changes nothing: the checks asked for all ran.
    if (!diagnostics.every(isNote)) return EXIT.usage;
    if (results.some((r) => r.status === 'failed')) return EXIT.failed;
    // A report not written is a failed local copy (README: exit 3), as a result the local store could not keep.
    return outsideFailed(run) || failed.length > 0 ? EXIT.outside : EXIT.ok;
  } finally {
    interrupts.dispose();
    await Promise.all([server?.stop(), pool.close(CLOSE_GRACE_MS)]);
  }
}
