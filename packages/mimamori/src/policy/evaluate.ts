// The policy's one entry point (pure): a finished run and the check's state before it → the state after it, the
// alert decision, and the run's final status ("slower than usual" makes a passed run degraded). The pipeline reads
// and writes the state; everything it means is decided here.
import type { CheckResult, CheckStatus, UsualVerdict } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import { RECENT_RUNS, type CheckState, type Incident, type LastGood } from './check-state.ts';
import { decide, nextIncident, type AlertDecision } from './alert-policy.ts';
import { judgeUsual, type Sample, type UsualRule } from './usual.ts';
import { remember } from '../episode/memory.ts';
import { quietWords } from '../maintenance/quiet.ts';

export interface PolicyOptions {
  alerts: ResolvedCheck['alerts'];
  /** The "slower than usual" rule, or false when it is off for the check. */
  usual: UsualRule | false;
}

export interface Evaluation {
  /** The state to store. */
  state: CheckState;
  decision: AlertDecision;
  /** The run's status after the "usual" verdict. */
  status: CheckStatus;
  usual?: UsualVerdict;
  /** The incident the alert speaks of: the one opened or counted, or on recovery the one it closes. */
  incident: Incident | null;
  /** The state already holds this run (a redelivered message): nothing to write, nothing to send. */
  repeated?: boolean;
}

/** The journey and each step's duration (steps of one name added up: a step in a loop is one step). */
export function sampleOf(result: Pick<CheckResult, 'startedAt' | 'durationMs' | 'steps'>): Sample {
  const steps: Record<string, number> = {};
  for (const s of result.steps) steps[s.name] = (steps[s.name] ?? 0) + s.durationMs;
  return { at: result.startedAt, ms: result.durationMs, steps };
}

/** The pictures of the counted attempt: what the check saw when it passed. */
function lastGoodOf(result: CheckResult, runId: string, folder: string): LastGood {
  const counted = result.attempts;
  return {
    runId, at: new Date(result.startedAt).toISOString(), folder,
    screenshots: result.screenshots.filter((s) => s.attempt === counted && s.kind !== 'failure').map(({ file, step, kind }) => ({ file, ...(step && { step }), kind })),
  };
}

/**
 * `stateUnknown`: the state could not be read, so `previous` is missing for that reason (not a first run): the
 * decision errs towards alerting and the state must not be written.
 */
export function evaluateRun(previous: CheckState | undefined, result: CheckResult, run: { runId: string; folder: string }, options: PolicyOptions, stateUnknown = false): Evaluation {
  // A run id the state already holds was judged (and alerted) before — Lambda stopped after that, and the queue
  // delivered the message again. It changes nothing and sends nothing twice.
  if (previous?.recentRuns?.includes(run.runId) || (previous && previous.lastRunId === run.runId)) {
    const decision = { action: 'none' as const, reason: `run ${run.runId} is already recorded in the check's state (a repeated delivery): nothing is sent twice` };
    return { state: previous, decision, status: result.status, incident: previous.incident, repeated: true };
  }
  const failed = result.status === 'failed';
  const runner = failed && result.error?.class === 'runner';
  const judged = options.usual && !failed && !stateUnknown
    ? judgeUsual({ history: previous?.history ?? [], baseline: previous?.baseline, slowerSince: previous?.slowerSince, fasterSince: previous?.fasterSince }, sampleOf(result), options.usual)
    : undefined;
  const usual = judged?.verdict;
  const status: CheckStatus = result.status === 'passed' && usual?.state === 'slower' ? 'degraded' : result.status;

  // A runner failure says nothing of the site: it neither counts as a site failure nor ends a streak of them.
  const consecutiveFailures = runner ? previous?.consecutiveFailures ?? 0 : failed ? (previous?.consecutiveFailures ?? 0) + 1 : 0;
  const consecutiveRunnerFailures = runner ? (previous?.consecutiveRunnerFailures ?? 0) + 1 : 0;
  const input = {
    // After quiet time nothing it saw was reported: a degradation still there is news, not "already reported".
    status, failureClass: failed ? result.error?.class : undefined, previousStatus: previous?.lastQuiet ? undefined : previous?.lastStatus,
    consecutiveFailures, consecutiveRunnerFailures, incident: previous?.incident ?? null,
    runId: run.runId, startedAt: result.startedAt,
    slower: usual?.state === 'slower' ? (previous?.slowerSince && !previous.lastQuiet ? 'ongoing' as const : 'new' as const) : undefined,
    stateUnknown, options: options.alerts,
    quiet: result.quiet, quietStart: previous?.quietStart,
    confirmation: result.confirmation, homeOnlyNoted: Boolean(previous?.homeOnlySince),
  };
  const decision = decide(input);
  const incident = nextIncident(decision, input, { runId: run.runId, startedAt: result.startedAt });

  const state: CheckState = {
    ...previous,
    check: result.name,
    lastStatus: status,
    lastRunId: run.runId,
    lastRunAt: new Date(result.startedAt).toISOString(),
    lastDurationMs: result.durationMs,
    lastRunFolder: run.folder,
    consecutiveFailures,
    consecutiveRunnerFailures,
    incident,
    lastGood: status === 'passed' ? lastGoodOf(result, run.runId, run.folder) : previous?.lastGood,
    recentRuns: remember(previous?.recentRuns, [run.runId], RECENT_RUNS),
    ...(judged && { history: judged.state.history, baseline: judged.state.baseline, slowerSince: judged.state.slowerSince, fasterSince: judged.state.fasterSince }),
  };
  // A streak of site failures that began in quiet time remembers when and which, until the incident it held back
  // opens or the check stops failing.
  const quietStart = failed && !runner && !incident ? previous?.quietStart ?? (result.quiet && { at: new Date(result.startedAt).toISOString(), during: quietWords(result.quiet) }) : undefined;
  if (result.quiet) state.lastQuiet = true;
  else delete state.lastQuiet;
  if (runner) {
    // A runner failure neither starts nor ends the site's streak.
  } else if (quietStart) state.quietStart = quietStart;
  else delete state.quietStart;
  // A failure seen from home only is noted once: remembered while the site's failures go on without an incident and
  // the probe regions (when asked) still see it up.
  const homeOnly = failed && !runner && !incident && (result.confirmation ? result.confirmation.verdict === 'home-only' : Boolean(previous?.homeOnlySince));
  if (homeOnly) state.homeOnlySince = previous?.homeOnlySince ?? new Date(result.startedAt).toISOString();
  else if (!runner) delete state.homeOnlySince;
  if (judged && !judged.state.slowerSince) delete state.slowerSince;
  if (judged && !judged.state.fasterSince) delete state.fasterSince;
  return { state, decision, status, usual, incident: decision.action === 'recover' ? previous?.incident ?? null : incident };
}
