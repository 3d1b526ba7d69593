// What a deploy refuses, as diagnostics (file, field, message), computed without writing anything: the build stops on
// them, and `mimamori validate` lists them all at once. Pure apart from reading the package's template.yaml.
import { isFatal, isNote, type Diagnostic } from '../result/types.ts';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { scheduleWarning } from './functions.ts';
import { runnerTimeoutProblems } from './runner-timeout.ts';
import { plural } from '../result/format.ts';
import { probeRegionProblems } from './probe-regions.ts';

/** A project as loaded (in a worker, or in this process): its config, its checks as data, the loading's problems. */
export interface ProjectToDeploy {
  config: ProjectConfig;
  checks: Pick<ResolvedCheck, 'name' | 'file' | 'timeoutMs' | 'schedule' | 'confirmFrom'>[];
  /** The config's and the check files' problems (fatal ones are the config's), duplicate names included. */
  problems: Diagnostic[];
}

export interface DeployProblems {
  /** What only a deploy refuses: a local run is not affected (the runner's timeout, a probe in the home region). */
  deployOnly: Diagnostic[];
  /** Listed, never refused: the dead-man alarm's 15 minutes against the schedules. */
  warnings: string[];
}

/**
 * Beyond the loading's problems: each check the runner's timeout cannot hold (as the build of the runner refuses it),
 * a MIMAMORI_RUNNER_TIMEOUT_SECONDS or deploy.parameters.RunnerTimeoutSeconds that is no timeout, and a confirmFrom that
 * names the home region (deploy.region, else AWS_REGION) or a stack name too long for the probe queue's. A fatal problem
 * drops the config, so its deploy settings and schedules are not known then. `configFile`: the config as the problems
 * name it.
 */
export function deployProblems(project: ProjectToDeploy, options: { env?: NodeJS.ProcessEnv; now?: number; configFile?: string } = {}): DeployProblems {
  const { env = process.env, now = Date.now() } = options;
  const configKnown = !project.problems.some(isFatal);
  const deployOnly = runnerTimeoutProblems(project.checks, env, configKnown ? project.config : undefined, options.configFile);
  if (configKnown) {
    // The home region as a deploy without --region finds it; when none is known, the deploy itself asks for one.
    const { region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined, stackName } = project.config.deploy ?? {};
    deployOnly.push(...probeRegionProblems(project.checks, { region, stackName, regionRequired: false, configFile: options.configFile ?? 'the config' }));
  }
  const warning = configKnown ? scheduleWarning({ config: project.config, checks: project.checks }, now) : undefined;
  return { deployOnly, warnings: warning ? [warning] : [] };
}

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
    `${title}: ${plural(fatal.length + errors.length + deployOnly.length, 'problem')}.`,
    ...(fatal.length ? [`${plural(fatal.length, 'fatal problem')} in the config (a local run stops too):`, ...fatal.map(problemLine)] : []),
    ...(errors.length ? [`${plural(errors.length, 'problem')} in check files (a local run skips just those checks; a deploy cannot leave them out):`, ...errors.map(problemLine)] : []),
    ...(deployOnly.length ? [`${plural(deployOnly.length, 'problem')} a deploy refuses (a local run is not affected):`, ...deployOnly.map(problemLine)] : []),
  ].join('\n');
}
