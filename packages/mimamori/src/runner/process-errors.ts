// How a ProcessHost request can fail besides its own watch's reason: the process exited, the request timed out, or the
// process answered with an error.
import type { SerializedError } from './process-protocol.ts';

export interface ProcessExit { code: number | null; signal: NodeJS.Signals | null }

/** How a process ended, as a sentence ends: "was killed by SIGKILL", "exited with code 1". */
export const describeExit = ({ code, signal }: ProcessExit) => (signal ? `was killed by ${signal}` : `exited with code ${code}`);

/** The process exited (or could not start) before it answered. */
export class ProcessExitError extends Error {
  override name = 'ProcessExitError';
  constructor(readonly exit: ProcessExit) {
    super(`the process ${describeExit(exit)}`);
  }
}

/** No answer within the request's `timeoutMs`. */
export class ProcessTimeoutError extends Error {
  override name = 'ProcessTimeoutError';
}

/** The process answered the request with an error; `remote` is that error as it was serialised there. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(readonly remote: SerializedError) {
    super(remote.message);
  }
}
