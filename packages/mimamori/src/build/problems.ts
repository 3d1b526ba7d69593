// What a deploy refuses, as diagnostics (file, field, message), computed without writing anything: the build stops on
// them, and `mimamori validate` lists them all at once. Pure apart from reading template.yaml and infra/watches.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFatal, isNote, type Diagnostic } from '../result/types.ts';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { scheduleWarning } from './functions.ts';
import { runnerTimeoutProblems } from './runner-timeout.ts';
import { WATCH_STACK_FILE, watchStackIsStale } from './watch-stack-file.ts';

/** A project as loaded (in a worker, or in this process): its config, its checks as data, the loading's problems. */
export interface ProjectToDeploy {
  config: ProjectConfig;
  checks: Pick<ResolvedCheck, 'name' | 'file' | 'timeoutMs' | 'schedule'>[];
  /** The config's and the check files' problems (fatal ones are the config's), duplicate names included. */
  problems: Diagnostic[];
}

export interface DeployProblems {
  /** What only a deploy refuses: a local run is not affected (the runner's timeout, the committed watch stack). */
  deployOnly: Diagnostic[];
  /** Listed, never refused: the dead-man alarm's 15 minutes against the schedules. */
  warnings: string[];
}

/**
 * Beyond the loading's problems: each check the runner's timeout cannot hold (as the build of the runner refuses it), a
 * MIMAMORI_RUNNER_TIMEOUT_SECONDS that is no timeout, and — in a project with template.yaml, whose `sam build` refuses
 * it — an infra/watches.json that does not match the config. A fatal problem drops the config, so the watch stack
 * cannot be compared then.
 */
export function deployProblems(project: ProjectToDeploy, options: { env?: NodeJS.ProcessEnv; cwd?: string; now?: number } = {}): DeployProblems {
  const { env = process.env, cwd = process.cwd(), now = Date.now() } = options;
  const deployOnly = runnerTimeoutProblems(project.checks, env, cwd);
  const configKnown = !project.problems.some(isFatal);
  if (configKnown && existsSync(join(cwd, 'template.yaml')) && watchStackIsStale(cwd, project.config)) {
    deployOnly.push({
      file: WATCH_STACK_FILE,
      message: "does not match the config's logWatches and limitWatches (sam build refuses it): `npm run watches` or a whole build writes it",
    });
  }
  const warning = configKnown ? scheduleWarning({ config: project.config, checks: project.checks }, now) : undefined;
  return { deployOnly, warnings: warning ? [warning] : [] };
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
export const problemLine = (p: Diagnostic): string => `  ${p.file}${p.field ? ` › ${p.field}` : ''}: ${p.message}`;

/**
 * Every problem, so they are fixed in one go, under `title` ("Not built", "Not valid"): the fatal ones (the config,
 * which every check inherits) apart from the check files' (a local run skips those checks; a deployed one would silently
 * never run), and those only a deploy refuses. Notes are not problems and are left out.
 */
export function problemsReport(title: string, loading: Diagnostic[], deployOnly: Diagnostic[] = []): string {
  const fatal = loading.filter(isFatal);
  const errors = loading.filter((p) => !isFatal(p) && !isNote(p));
  return [
    `${title}: ${count(fatal.length + errors.length + deployOnly.length, 'problem')}.`,
    ...(fatal.length ? [`${count(fatal.length, 'fatal problem')} in the config (a local run stops too):`, ...fatal.map(problemLine)] : []),
    ...(errors.length ? [`${count(errors.length, 'problem')} in check files (a local run skips just those checks; a deploy cannot leave them out):`, ...errors.map(problemLine)] : []),
    ...(deployOnly.length ? [`${count(deployOnly.length, 'problem')} a deploy refuses (a local run is not affected):`, ...deployOnly.map(problemLine)] : []),
  ].join('\n');
}
