// The notifier interface: what the pipeline hands over once the policy has decided (Slack implements it; a LINE or
// Chatwork notifier would be one more file implementing it). A notifier opens one session per run, bound to the
// run's deadline, and each alert resolves to what was sent — never a throw.
import type { CheckResult, NotificationOutcome } from '../result/types.ts';
import type { AlertDecision } from '../policy/alert-policy.ts';
import type { Incident } from '../policy/check-state.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';

export interface Alert {
  decision: AlertDecision;
  /** The run's result, with `usual` and `lastGood` (its picture's bytes) when the policy found them. */
  result: CheckResult;
  runId: string;
  /** Where the check wants it (its `alerts.channel`); the notifier's own default otherwise. */
  channel?: string;
  timeZone: string;
  logsUrl?: string;
  /** This run's X-Ray trace (Lambda with tracing on). */
  traceUrl?: string;
  /**
   * The incident as it stands after this run (opened, counted, or the one a recovery closes), with the thread this
   * notifier returned for its first message (`incident.thread`): replies and the resolution go there.
   */
  incident: Incident | null;
  /** Shown on the message, e.g. that the check's state could not be read. */
  note?: string;
}

export interface Delivered {
  outcome: NotificationOutcome;
  /**
   * Where the incident's messages are threaded, once its first message went out: this notifier's own reference, kept
   * by the pipeline and handed back on the next alert. None when nothing was posted (or the notifier has no threads).
   */
  thread?: ThreadRef;
}

export interface NotifyLimits {
  /** Every request stops when this aborts. */
  signal: AbortSignal;
  /** Nothing starts after this (epoch ms). */
  deadline: number;
  requestTimeoutMs: number;
}

export interface NotifierSession {
  /** The run has `n` alerts that may still come: a notifier that paces or batches plans with them. */
  expect(n: number): void;
  /** One of them will not come (nothing to say). */
  skip(): void;
  deliver(alert: Alert): Promise<Delivered>;
}

export interface Notifier {
  /** For messages: `Slack`. */
  readonly name: string;
  open(limits: NotifyLimits): Promise<NotifierSession>;
}
