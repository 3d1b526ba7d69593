// `npm run check`: the local composition root — load checks, start the demo server, run, write artifacts, summarise.
import { dirname } from 'node:path';
import type { Diagnostic, RunResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { loadChecks, loadConfig } from '../check/load.ts';
import { stopCompiler } from '../check/import-ts.ts';
import { discover } from '../check/discover.ts';
import { displayPath } from '../check/display-path.ts';
import { resolveBaseURL } from '../check/resolve.ts';
import { browserProvider } from '../runner/browser-provider.ts';
import { DEFAULT_WORKERS, runChecks } from '../runner/run-checks.ts';
import { newRunId } from '../result/run-id.ts';
import { parseCli, USAGE, UsageError, type CliOptions } from './args.ts';
import { writeReports } from './reports.ts';
import { afterRun } from '../pipeline/after-run.ts';
import { outsideSystems } from './outside.ts';
import { outsideFailed, outsideSummary } from './outside-summary.ts';
import { progressHooks, runHeader } from './progress.ts';
import { renderSummary } from './summary.ts';
import { startWebServer, type RunningServer } from './web-server.ts';

const EXIT = { ok: 0, failed: 1, usage: 2, outside: 3 } as const;
const out = (text: string) => process.stdout.write(text);

/** Names, --grep and --tag narrow the loaded checks; a name that matches nothing is a usage problem. */
function select(checks: ResolvedCheck[], options: CliOptions, explicitFiles: Set<string>, names: string[]): { checks: ResolvedCheck[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = names
    .filter((n) => !checks.some((c) => c.name === n))
    .map((n) => ({ file: n, message: `is neither a file, a folder nor the name of a check (${checks.map((c) => c.name).join(', ') || 'none loaded'})` }));
  const picked = checks.filter(
    (c) =>
      (explicitFiles.has(c.file) || names.includes(c.name) || (explicitFiles.size === 0 && names.length === 0)) &&
      (!options.grep || options.grep.test(c.name)) &&
      (options.tags.length === 0 || options.tags.some((t) => c.tags.includes(t))),
  );
  return { checks: picked, problems };
}

export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (options.help) return out(`${USAGE}\n`), EXIT.ok;

  const cwd = process.cwd();
  const startedAt = Date.now();
  const browsers = browserProvider();
  void browsers.get(); // start Chromium while the checks compile
  let server: RunningServer | undefined;
  const onSignal = async () => {
    await Promise.all([server?.stop(), browsers.close()]);
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const { config, file: configFile, problems: configProblems } = await loadConfig(cwd, options.config);
    const configDir = configFile ? dirname(configFile) : cwd;
    const selection = await discover(options.targets, cwd, config.checksDir ?? 'checks');
    const loaded = await loadChecks(selection.files, config, cwd);
    await stopCompiler(); // esbuild's service process is not needed while checks run
    const explicit = new Set(selection.explicit.map((f) => displayPath(f, cwd)));
    const { checks, problems: selectProblems } = select(loaded.checks, options, explicit, selection.names);
    const diagnostics = [...configProblems, ...loaded.problems, ...selectProblems];

    if (checks.length > 0 && !process.env.BASE_URL && config.webServer) {
      server = await startWebServer(config.webServer, configDir);
    }
    let outside;
    try {
      outside = await outsideSystems(config, checks, options.out, options.slack);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return EXIT.usage;
    }
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (checks.length > 0) {
      const browser = await browsers.get().catch(() => undefined);
      out(runHeader(checks.length, workers, resolveBaseURL(config), browser ? `Chromium ${browser.version()}` : 'no browser'));
    } else if (diagnostics.length === 0) {
      process.stderr.write(`No checks found${options.targets.length ? ` for ${options.targets.join(' ')}` : ` in ${config.checksDir ?? 'checks'}/`}${options.grep || options.tags.length ? ' matching --grep/--tag' : ''}.\n`);
      return EXIT.usage;
    }
    const results = await runChecks(checks, { workers, browsers, hooks: progressHooks(out, process.stdout.isTTY) });
    const run: RunResult = { runId: newRunId(startedAt), startedAt, durationMs: Date.now() - startedAt, results, diagnostics };
    await afterRun(run, outside);
    const paths = await writeReports(run, options);

    out(`\n${renderSummary(run, { color: process.stdout.isTTY })}`);
    const outsideLines = outsideSummary(run, outside.stores.remote?.location, Boolean(outside.slack));
    if (outsideLines) out(`\n${outsideLines}`);
    const show = (p: string) => displayPath(p, cwd);
    out(`\nReport: ${show(paths.report)}   Results: ${show(paths.results)}${paths.junit ? `   JUnit: ${show(paths.junit)}` : ''}\n`);
    if (diagnostics.length > 0) return EXIT.usage;
    if (results.some((r) => r.status === 'failed')) return EXIT.failed;
    return outsideFailed(run) ? EXIT.outside : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await Promise.all([server?.stop(), browsers.close()]);
  }
}
