// The small per-check state object (`state/<check>.json`) that alert policy reads and writes between runs.
import type { CheckResult, CheckStatus } from '../result/types.ts';
import { stateKey } from './layout.ts';
import type { CallOptions, Store } from './store.ts';

export interface CheckState {
  check: string;
  lastStatus: CheckStatus;
  lastRunId: string;
  /** ISO time the last run started. */
  lastRunAt: string;
  lastDurationMs: number;
  /** The last run's folder in the key layout. */
  lastRunFolder: string;
  /** Failed runs in a row, up to and including the last one (0 after a run that did not fail). */
  consecutiveFailures: number;
  /** The open incident, owned by the alert policy; null when none. */
  incident: Incident | null;
  /** Fields other parts of mimamori add are kept as they are. */
  [field: string]: unknown;
}

/** An incident: from the first alerted failure to the recovery, one Slack thread. */
export interface Incident {
  openedAt: string;
  openedRunId: string;
  /** Failed runs since it opened. */
  failures: number;
  channel?: string;
  /** The parent message of the incident's thread. */
  ts?: string;
}

export async function readState(store: Store, check: string, options?: CallOptions): Promise<CheckState | undefined> {
  const bytes = await store.get(stateKey(check), options);
  return bytes ? (JSON.parse(bytes.toString('utf8')) as CheckState) : undefined;
}

export async function writeState(store: Store, state: CheckState, options?: CallOptions): Promise<void> {
  await store.put(stateKey(state.check), `${JSON.stringify(state, null, 2)}\n`, {
    ...options,
    contentType: 'application/json',
    metadata: { check: state.check, status: state.lastStatus },
  });
}

/** The state a check has after its first run. */
export function initialState(result: CheckResult, runId: string, folder = ''): CheckState {
  return {
    check: result.name, lastStatus: result.status, lastRunId: runId, lastRunAt: new Date(result.startedAt).toISOString(),
    lastDurationMs: result.durationMs, lastRunFolder: folder, consecutiveFailures: result.status === 'failed' ? 1 : 0, incident: null,
  };
}

/**
 * The state after a finished run (pure): the run recorded, failures counted, and whatever else the state holds
 * (an incident, fields other parts add) kept. The alert policy compares it with the state before.
 */
export function nextState(previous: CheckState | undefined, result: CheckResult, runId: string, folder: string): CheckState {
  return {
    ...previous,
    ...initialState(result, runId, folder),
    incident: previous?.incident ?? null,
    consecutiveFailures: result.status === 'failed' ? (previous?.consecutiveFailures ?? 0) + 1 : 0,
  };
}
