// The envelope every message between a ProcessHost (src/runner/process-host.ts) and its child (process-child.ts) comes
// in: requests with ids, their answers, progress events, cancel and stop. What a request means is the caller's
// protocol (src/runner/worker-protocol.ts for workers).

/** Host → process. */
export type HostEnvelope =
  | { type: 'request'; id: number; kind: string; payload: unknown }
  /** The caller no longer wants request `id` (Lambda's deadline): the process still answers it, sooner. */
  | { type: 'cancel'; id: number }
  /** Finish up and exit. */
  | { type: 'stop' };

/** Process → host. Every message is a sign of life (the heartbeat is an event without an id). */
export type ChildEnvelope =
  | { type: 'response'; id: number; result?: unknown; error?: SerializedError }
  /** Progress of request `id`, or (without an id) news about the process itself. */
  | { type: 'event'; id?: number; event: string; payload?: unknown };

export interface SerializedError { name: string; message: string; stack?: string }
