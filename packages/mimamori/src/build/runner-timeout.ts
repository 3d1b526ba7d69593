// The runner's Lambda timeout against each check's timeoutMs: a check the timeout cannot hold would be cut short on every
// run. The build of the runner refuses such a check; `mimamori validate` lists it (src/build/problems.ts).
import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../result/types.ts';
import type { ProjectConfig, ResolvedCheck } from '../check/types.ts';
import { PACKAGE_TEMPLATE } from '../check/package-template.ts';
import { displayPath } from '../check/display-path.ts';
import { journeyBudgetMs, reportReserveMs } from '../lambda/time-budget.ts';

/** Overrides every other source of the runner's timeout (a deploy with another RunnerTimeoutSeconds, outside mimamori deploy). */
export const RUNNER_TIMEOUT_ENV = 'MIMAMORI_RUNNER_TIMEOUT_SECONDS';
/** Where the config sets the parameter `mimamori deploy` passes: the build reads the same value. */
const CONFIG_FIELD = 'deploy.parameters.RunnerTimeoutSeconds';

/** The default of the template's RunnerTimeoutSeconds parameter (read as text: the template's `!Ref` tags need no parser). */
export function templateRunnerTimeout(templateText: string): number | undefined {
  const block = /^ {2}RunnerTimeoutSeconds:[^\n]*\n((?: {4,}[^\n]*\n)*)/m.exec(templateText)?.[1];
  const value = block && /^ {4}Default:\s*(\d+)\s*(?:#.*)?$/m.exec(block)?.[1];
  return value ? Number(value) : undefined;
}

/** The runner's timeout and where it came from, or what is wrong with the value `from` names. */
export type RunnerTimeout = { seconds: number; from: string } | { error: string; from: string };

const seconds = (given: unknown, from: string): RunnerTimeout => {
  const text = String(given).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 900) {
    return { error: `must be the runner's timeout in whole seconds (1 to 900, as RunnerTimeoutSeconds), got ${JSON.stringify(given)}`, from };
  }
  return { seconds: Number(text), from };
};

/**
 * The runner's timeout in seconds, and where it came from: MIMAMORI_RUNNER_TIMEOUT_SECONDS when set, else the config's
 * deploy.parameters.RunnerTimeoutSeconds (what `mimamori deploy` deploys with), else the default of RunnerTimeoutSeconds
 * in the package's template.yaml (the template deployed). Undefined without any.
 */
export function runnerTimeout(env: NodeJS.ProcessEnv = process.env, config?: Pick<ProjectConfig, 'deploy'>): RunnerTimeout | undefined {
  const given = env[RUNNER_TIMEOUT_ENV];
  if (given !== undefined && given !== '') return seconds(given, RUNNER_TIMEOUT_ENV);
  const configured = config?.deploy?.parameters?.RunnerTimeoutSeconds;
  if (configured !== undefined) return seconds(configured, CONFIG_FIELD);
  if (!existsSync(PACKAGE_TEMPLATE)) return undefined;
  const fromTemplate = templateRunnerTimeout(readFileSync(PACKAGE_TEMPLATE, 'utf8'));
  return fromTemplate === undefined ? undefined : { seconds: fromTemplate, from: `RunnerTimeoutSeconds's default in ${displayPath(PACKAGE_TEMPLATE)}` };
}

const secs = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A check whose timeoutMs the runner's timeout cannot hold, with the numbers that say why. */
export interface TimeoutMisfit {
  name: string;
  file: string;
  timeoutMs: number;
  timeoutSeconds: number;
  /** What the runner's timeout leaves for the journey once `reserveMs` is kept back to stop, store and alert. */
  budgetMs: number;
  reserveMs: number;
}

/** Each check whose timeoutMs is more than what the Lambda timeout leaves once the report reserve is kept back. */
export function timeoutMisfits(checks: Pick<ResolvedCheck, 'name' | 'file' | 'timeoutMs'>[], timeoutSeconds: number): TimeoutMisfit[] {
  const timeoutMs = timeoutSeconds * 1000;
  const budgetMs = journeyBudgetMs(timeoutMs);
  return checks.filter((c) => c.timeoutMs > budgetMs)
    .map((c) => ({ name: c.name, file: c.file, timeoutMs: c.timeoutMs, timeoutSeconds, budgetMs, reserveMs: reportReserveMs(timeoutMs) }));
}

const leaves = (m: TimeoutMisfit, from?: string) =>
  `a runner timeout of ${m.timeoutSeconds} s${from ? ` (${from})` : ''} leaves ${m.budgetMs} ms (${secs(m.budgetMs)}) once ${secs(m.reserveMs)} are kept back to stop, store and alert`;

const FIX = `Lower the check's timeoutMs, or deploy with a longer RunnerTimeoutSeconds (${CONFIG_FIELD} in the config)`
  + ' (the reserve is 25 % of the timeout, between 15 and 30 s).';

/**
 * The runner's timeout against the checks as diagnostics, file and field: a misfit names its check file and
 * `timeoutMs`; a MIMAMORI_RUNNER_TIMEOUT_SECONDS that is no timeout names the variable. Empty when all fit (or no
 * template gives a timeout).
 */
export function runnerTimeoutProblems(checks: Pick<ResolvedCheck, 'name' | 'file' | 'timeoutMs'>[], env: NodeJS.ProcessEnv = process.env, config?: Pick<ProjectConfig, 'deploy'>, configFile = 'the config'): Diagnostic[] {
  const timeout = runnerTimeout(env, config);
  if (!timeout) return [];
  if ('error' in timeout) {
    return [timeout.from === RUNNER_TIMEOUT_ENV ? { file: `${RUNNER_TIMEOUT_ENV} (environment)`, message: timeout.error } : { file: configFile, field: CONFIG_FIELD, message: timeout.error }];
  }
  return timeoutMisfits(checks, timeout.seconds).map((m) => ({
    file: m.file, field: 'timeoutMs', message: `${m.timeoutMs} (${secs(m.timeoutMs)}) does not fit: ${leaves(m, timeout.from)}. ${FIX}`,
  }));
}

/** A build refused with a message that says it all: printed without a stack, exit code 2. */
class BuildRefusedError extends Error {
  override name = 'BuildRefusedError';
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

/** The build of the runner stops (a BuildRefusedError) on a check its timeout cannot hold. */
export function refuseImpossibleTimeouts(checks: ResolvedCheck[], env: NodeJS.ProcessEnv = process.env, config?: Pick<ProjectConfig, 'deploy'>): void {
  const timeout = runnerTimeout(env, config);
  if (!timeout) return;
  if ('error' in timeout) throw new BuildRefusedError(`Not built: ${timeout.from} ${timeout.error}`);
  const misfits = timeoutMisfits(checks, timeout.seconds);
  if (!misfits.length) return;
  throw new BuildRefusedError([
    `Not built: ${misfits.length === 1 ? 'a check does' : `${misfits.length} checks do`} not fit in the runner's timeout (${timeout.seconds} s, from ${timeout.from}):`,
    ...misfits.map((m) => `  check "${m.name}" (${m.file}) has timeoutMs ${m.timeoutMs} (${secs(m.timeoutMs)}), but ${leaves(m)}`),
    FIX,
  ].join('\n'));
}
