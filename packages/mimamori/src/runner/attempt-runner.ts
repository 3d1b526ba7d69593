// Where an attempt runs. The host process hands attempts to worker processes (WorkerPool); the worker, and tests of the
// engine itself, run them in their own process (inProcess).
import type { CheckData } from '../check/check-data.ts';
import type { AttemptResult } from './attempt-result.ts';

export interface AttemptRunner {
  /** One attempt of one check: always a result, never a throw. Aborting `signal` stops it (Lambda's deadline). */
  attempt(check: CheckData, attempt: number, signal?: AbortSignal): Promise<AttemptResult>;
}
