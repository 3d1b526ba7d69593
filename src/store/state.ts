// The small per-check state object (`state/<check>.json`) that alert policy reads and writes between runs.
import type { CheckResult, CheckStatus } from '../result/types.ts';
import { stateKey } from './layout.ts';
import type { Store } from './store.ts';

export interface CheckState {
  check: string;
  lastStatus: CheckStatus;
  lastRunId: string;
  /** ISO time the last run started. */
  lastRunAt: string;
  lastDurationMs: number;
  /** The last run's folder in the key layout. */
  lastRunFolder: string;
  /** The open incident, owned by the alert policy; null when none. */
  incident: Record<string, unknown> | null;
  /** Fields other parts of mimamori add are kept as they are. */
  [field: string]: unknown;
}

export async function readState(store: Store, check: string): Promise<CheckState | undefined> {
  const bytes = await store.get(stateKey(check));
  return bytes ? (JSON.parse(bytes.toString('utf8')) as CheckState) : undefined;
}

export async function writeState(store: Store, state: CheckState): Promise<void> {
  await store.put(stateKey(state.check), `${JSON.stringify(state, null, 2)}\n`, {
    contentType: 'application/json',
    metadata: { check: state.check, status: state.lastStatus },
  });
}

/** Records a finished run in the check's state, keeping whatever else (an incident) the state holds. */
export async function recordRun(store: Store, result: CheckResult, runId: string, folder: string): Promise<CheckState> {
  const previous = await readState(store, result.name);
  const state: CheckState = {
    incident: null,
    ...previous,
    check: result.name,
    lastStatus: result.status,
    lastRunId: runId,
    lastRunAt: new Date(result.startedAt).toISOString(),
    lastDurationMs: result.durationMs,
    lastRunFolder: folder,
  };
  await writeState(store, state);
  return state;
}
