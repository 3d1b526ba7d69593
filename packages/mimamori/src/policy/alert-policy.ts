// When to alert (pure): from the run and the check's state, one decision — no noise, one thread per incident, and a
// broken monitor never announced as a broken site.
import type { CheckStatus, FailureClass } from '../result/types.ts';
import { plural } from '../result/format.ts';
import type { AlertOptions } from '../check/types.ts';
import type { Incident } from './check-state.ts';
import { quietWords, type Quiet } from '../maintenance/quiet.ts';
import type { Confirmation } from '../result/types.ts';

export type AlertDecision =
  /** `counted`: a failure of an incident another run is still posting: it is counted, and sends nothing. */
  | { action: 'none'; reason: string; counted?: boolean }
  /**
   * First alert of an incident: a new message in the channel, the parent of its thread. `began`: the failures started
   * during quiet time (a maintenance window or a mute), which held the incident back until it ended.
   */
  | { action: 'open'; reason: string; began?: QuietStart }
  /** Another failure of an open incident: a reply in its thread, also shown in the channel when `broadcast`. */
  | { action: 'reply'; reason: string; broadcast: boolean }
  /** The incident is over: a reply in its thread, and the parent updated to show it resolved. */
  | { action: 'recover'; reason: string }
  /** A message outside any incident: newly degraded (or slower than usual), or every run with `notify: 'always'`. */
  | { action: 'post'; reason: string };

/** When a check started failing in quiet time, and which (kept in the state until the check stops failing). */
export interface QuietStart {
  /** ISO time of the first failed run. */
  at: string;
  /** `in maintenance window "deploy"`, `muted (checkout) by aki`. */
  during: string;
}

export interface PolicyInput {
  status: CheckStatus;
  /** Why the run failed; `runner` means the monitor itself broke, not the site. */
  failureClass?: FailureClass;
  previousStatus?: CheckStatus;
  /** Site failures in a row, this run included. */
  consecutiveFailures: number;
  /** Runner failures in a row, this run included. */
  consecutiveRunnerFailures?: number;
  incident: Incident | null;
  /** This run: an incident another run opened a moment ago may still be posting its first message. */
  runId?: string;
  startedAt?: number;
  /** The run is slower than usual: `new` when that starts with this run, `ongoing` while it lasts. */
  slower?: 'new' | 'ongoing';
  /**
   * The check's state could not be read (S3 down): the previous status, the failures in a row and the incident are
   * unknown. The policy then errs towards alerting — a duplicate beats silence.
   */
  stateUnknown?: boolean;
  /** The check is in a maintenance window or muted at this run: it is counted, and nothing is sent. */
  quiet?: Quiet;
  /** The failures in a row began in quiet time that has ended: the incident opening now says so. */
  quietStart?: QuietStart;
  /** What the probe regions saw of this failure (confirmFrom): asked only when it would open or keep an incident. */
  confirmation?: Pick<Confirmation, 'verdict' | 'words'>;
  /** A failure seen from home only was already noted in the channel (the state's `homeOnlySince`): not again. */
  homeOnlyNoted?: boolean;
  options: Required<Omit<AlertOptions, 'channel' | 'homeOnly'>> & Pick<AlertOptions, 'homeOnly'>;
}

/** An incident opened by another run this recently, with no message recorded yet, is that run's to post. */
export const PENDING_MS = 60_000;

const UNKNOWN = "the check's state could not be read";

/** Without the state nothing can be counted or threaded: every problem is reported as it comes. */
function decideWithoutState(status: CheckStatus, always: boolean): AlertDecision {
  if (status === 'failed') return { action: 'post', reason: `failed — ${UNKNOWN}, so it is alerted at once (this may repeat an alert)` };
  if (status === 'degraded') return { action: 'post', reason: `degraded — ${UNKNOWN}, so this may repeat a report` };
  // A recovery needs the incident it closes: it stays open in the state until a run can read it.
  if (always) return { action: 'post', reason: `passed (notify: 'always') — ${UNKNOWN}` };
  return { action: 'none', reason: `passed — ${UNKNOWN}; an open incident is recovered by the first run that can read it` };
}

/** Another run opened this incident a moment ago and has not recorded its message yet: it will. */
function pending(input: PolicyInput): string | undefined {
  const { incident, runId, startedAt } = input;
  if (!incident || incident.thread || incident.unposted || incident.openedRunId === runId || startedAt === undefined) return undefined;
  if (Math.abs(startedAt - Date.parse(incident.openedAt)) >= PENDING_MS) return undefined;
  return `run ${incident.openedRunId} opened this incident a moment ago and is posting its first message: this run leaves it to that one`;
}

function decideFailure(input: PolicyInput, always: boolean): AlertDecision {
  const { incident, options } = input;
  const monitor = input.failureClass === 'runner';
  const kind = monitor ? 'monitor' : 'site';
  const inRow = monitor ? input.consecutiveRunnerFailures ?? 1 : input.consecutiveFailures;
  if (incident && (incident.kind ?? 'site') === kind) {
    const failures = incident.failures + 1;
    const broadcast = failures % options.remindEvery === 0;
    return { action: 'reply', reason: `failure ${failures} of the open ${monitor ? 'monitor ' : ''}incident${broadcast ? ', reminding the channel' : ''}`, broadcast };
  }
  if (incident && monitor) return { action: 'none', reason: 'the monitor could not run the check (a runner failure says nothing of the site): the open incident stays open' };
  // The monitor runs again and reached the site: its own incident is over, whatever the site did.
  if (incident) return { action: 'recover', reason: `the monitor runs again after ${plural(incident.failures, 'failed run')} (the site failed this run: that is counted apart)` };
  if (inRow >= options.alertAfter) {
    const what = monitor ? 'the monitor could not run the check' : 'failed';
    const reason = inRow > 1 ? `${what} ${inRow} times in a row` : what;
    const homeOnly = !monitor && input.confirmation?.verdict === 'home-only' ? decideHomeOnly(input, reason) : undefined;
    if (homeOnly) return homeOnly;
    // What the probe regions saw goes into the reason: "failed, down from ap-northeast-1 and us-west-2".
    const seen = !monitor && input.confirmation ? `${reason}, ${input.confirmation.words}` : reason;
    const began = !monitor && input.quietStart;
    return began ? { action: 'open', reason: `${seen}, since ${began.at} (${began.during}, which held the alert back)`, began } : { action: 'open', reason: seen };
  }
  const waiting = `${monitor ? 'the monitor could not run the check' : 'failed'} ${inRow} of the ${options.alertAfter} times in a row that open an incident`;
  return always ? { action: 'post', reason: `${waiting} (notify: 'always')` } : { action: 'none', reason: waiting };
}

/**
 * Every probe region sees the site up: the home region's own network (or the runner) is the likelier cause. As
 * `alerts.homeOnly` says: a note (once while it lasts, no incident; a later failure seen from a probe too opens the
 * incident), the incident as usual, or nothing. Undefined: open the incident.
 */
function decideHomeOnly(input: PolicyInput, reason: string): AlertDecision | undefined {
  const words = input.confirmation!.words;
  switch (input.options.homeOnly ?? 'note') {
    case 'incident':
      return undefined;
    case 'none':
      return { action: 'none', reason: `${reason}, ${words} (alerts.homeOnly: 'none'): no incident, nothing is sent` };
    default:
      return input.homeOnlyNoted
        ? { action: 'none', reason: `${reason}, still ${words}: already noted, no incident` }
        : { action: 'post', reason: `${reason}, ${words}: a note, no incident (alerts.homeOnly: 'note')` };
  }
}

/**
 * Quiet time (a maintenance window, a mute): the run is judged and counted, and nothing is sent. A failure of an open
 * incident counts in it; without one, no incident opens while it lasts — the first failing run after it opens one
 * (saying when the failures began); a recovery waits for the first run after it too.
 */
function decideQuiet(input: PolicyInput, quiet: Quiet): AlertDecision {
  const { status, incident } = input;
  const why = quietWords(quiet);
  if (status === 'failed') {
    const kind = input.failureClass === 'runner' ? 'monitor' : 'site';
    if (incident && (incident.kind ?? 'site') === kind) return { action: 'none', reason: `failure ${incident.failures + 1} of the open incident, ${why}: nothing is sent`, counted: true };
    return { action: 'none', reason: `failed, ${why}: no incident opens while it lasts (the first failing run after it opens one)` };
  }
  if (incident) return { action: 'none', reason: `${status}, ${why}: the open incident is closed by the first run after it` };
  return { action: 'none', reason: `${status}, ${why}: nothing is sent` };
}

export function decide(input: PolicyInput): AlertDecision {
  const { status, previousStatus, incident, options } = input;
  if (options.notify === 'never') return { action: 'none', reason: "alerts are off for this check (notify: 'never')" };
  if (input.quiet) return decideQuiet(input, input.quiet);
  const always = options.notify === 'always';
  if (input.stateUnknown) return decideWithoutState(status, always);
  const waitFor = pending(input);
  if (waitFor) {
    const sameKind = status === 'failed' && (input.failureClass === 'runner' ? 'monitor' : 'site') === (incident!.kind ?? 'site');
    return { action: 'none', reason: waitFor, ...(sameKind && { counted: true }) };
  }

  if (status === 'failed') return decideFailure(input, always);
  if (incident) return { action: 'recover', reason: `${status} after ${plural(incident.failures, 'failed run')}` };
  if (always) return { action: 'post', reason: `${status} (notify: 'always')` };
  if (status === 'degraded') {
    // News once: when a slowdown starts (it lasts until the usual is back), or when a budget is newly broken.
    if (input.slower === 'new') return { action: 'post', reason: 'newly slower than usual' };
    if (!input.slower && previousStatus !== 'degraded') return { action: 'post', reason: 'newly degraded' };
    return { action: 'none', reason: input.slower ? 'still slower than usual (already reported)' : 'still degraded (already reported)' };
  }
  return { action: 'none', reason: 'passed' };
}

/** The incident after a decision: opened, counted, or closed. */
export function nextIncident(decision: AlertDecision, input: Pick<PolicyInput, 'incident' | 'failureClass' | 'consecutiveFailures' | 'consecutiveRunnerFailures'>, run: { runId: string; startedAt: number }): Incident | null {
  const { incident } = input;
  switch (decision.action) {
    case 'open': {
      const monitor = input.failureClass === 'runner';
      return {
        kind: monitor ? 'monitor' : 'site',
        openedAt: new Date(run.startedAt).toISOString(),
        openedRunId: run.runId,
        failures: monitor ? input.consecutiveRunnerFailures ?? 1 : input.consecutiveFailures,
      };
    }
    case 'reply':
      return incident && { ...incident, failures: incident.failures + 1 };
    case 'recover':
      return null;
    case 'none':
      return decision.counted && incident ? { ...incident, failures: incident.failures + 1 } : incident;
    default:
      return incident;
  }
}
