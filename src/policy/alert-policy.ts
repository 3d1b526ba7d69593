// When to tell Slack: a pure decision from the check's state before and after a run — no noise, one thread per incident.
import type { CheckStatus } from '../result/types.ts';
import type { AlertOptions } from '../check/types.ts';
import type { Incident } from '../store/state.ts';

export type AlertDecision =
  | { action: 'none'; reason: string }
  /** First alert of an incident: a new message in the channel, the parent of its thread. */
  | { action: 'open'; reason: string }
  /** Another failure of an open incident: a reply in its thread, also shown in the channel when `broadcast`. */
  | { action: 'reply'; reason: string; broadcast: boolean }
  /** The incident is over: a reply in its thread, and the parent updated to show it resolved. */
  | { action: 'recover'; reason: string }
  /** A message outside any incident: newly degraded, or every run with `notify: 'always'`. */
  | { action: 'post'; reason: string };

export interface PolicyInput {
  status: CheckStatus;
  previousStatus?: CheckStatus;
  /** Failed runs in a row including this one. */
  consecutiveFailures: number;
  incident: Incident | null;
  /**
   * The check's state could not be read (S3 down): the previous status, the failures in a row and the incident are
   * unknown. The policy then errs towards alerting — a duplicate beats silence.
   */
  stateUnknown?: boolean;
  options: Required<Omit<AlertOptions, 'channel'>>;
}

const UNKNOWN = "the check's state could not be read";

/** Without the state nothing can be counted or threaded: every problem is reported as it comes. */
function decideWithoutState(status: CheckStatus, always: boolean): AlertDecision {
  if (status === 'failed') return { action: 'post', reason: `failed — ${UNKNOWN}, so it is alerted at once (this may repeat an alert)` };
  if (status === 'degraded') return { action: 'post', reason: `degraded — ${UNKNOWN}, so this may repeat a report` };
  // A recovery needs the incident it closes: it stays open in the state until a run can read it.
  if (always) return { action: 'post', reason: `passed (notify: 'always') — ${UNKNOWN}` };
  return { action: 'none', reason: `passed — ${UNKNOWN}; an open incident is recovered by the first run that can read it` };
}

export function decide({ status, previousStatus, consecutiveFailures, incident, stateUnknown, options }: PolicyInput): AlertDecision {
  if (options.notify === 'never') return { action: 'none', reason: "alerts are off for this check (notify: 'never')" };
  const always = options.notify === 'always';
  if (stateUnknown) return decideWithoutState(status, always);

  if (status === 'failed') {
    if (incident) {
      const failures = incident.failures + 1;
      const broadcast = failures % options.remindEvery === 0;
      return { action: 'reply', reason: `failure ${failures} of the open incident${broadcast ? ', reminding the channel' : ''}`, broadcast };
    }
    if (consecutiveFailures >= options.alertAfter) {
      return { action: 'open', reason: consecutiveFailures > 1 ? `failed ${consecutiveFailures} times in a row` : 'failed' };
    }
    const waiting = `failed ${consecutiveFailures} of the ${options.alertAfter} times in a row that open an incident`;
    return always ? { action: 'post', reason: `${waiting} (notify: 'always')` } : { action: 'none', reason: waiting };
  }

  if (incident) return { action: 'recover', reason: `${status} after ${incident.failures} failed run${incident.failures === 1 ? '' : 's'}` };
  if (always) return { action: 'post', reason: `${status} (notify: 'always')` };
  if (status === 'degraded' && previousStatus !== 'degraded') return { action: 'post', reason: 'newly degraded' };
  return { action: 'none', reason: status === 'degraded' ? 'still degraded (already reported)' : 'passed' };
}

/** The incident after a decision: opened, counted, or closed. */
export function nextIncident(decision: AlertDecision, incident: Incident | null, run: { runId: string; startedAt: number; consecutiveFailures: number }): Incident | null {
  switch (decision.action) {
    case 'open':
      return { openedAt: new Date(run.startedAt).toISOString(), openedRunId: run.runId, failures: run.consecutiveFailures };
    case 'reply':
      return incident && { ...incident, failures: incident.failures + 1 };
    case 'recover':
      return null;
    default:
      return incident;
  }
}
