// The child's side of a ProcessHost (src/runner/process-host.ts): requests come in, answers and events go out over
// Node's IPC channel, and a heartbeat says the event loop still turns (its absence is how the host sees it blocked).
import type { ChildEnvelope, HostEnvelope } from './process-protocol.ts';

export interface HostRequests {
  /** Request `id` of `kind`: answer it (once) with `respond` or `fail`. */
  request(kind: string, id: number, payload: unknown): void;
  /** The host no longer wants request `id` (it may not have arrived yet, or be answered already). */
  cancel(id: number): void;
  /** Finish up and exit. */
  stop(): void;
}

export interface HostChannel {
  /** Throws when `result` cannot cross (a function where data belongs): the caller answers with `fail` instead. */
  respond(id: number, result: unknown): void;
  fail(id: number, error: unknown): void;
  /** Progress of request `id`, or, without one, news about this process. */
  event(event: string, payload?: unknown, id?: number): void;
}

export function serveHost(handlers: HostRequests, heartbeatMs: number): HostChannel {
  if (!process.send) throw new Error('serveHost: not a child process (no IPC channel)');
  // Once the host is gone there is no one to tell; the callback swallows a send that raced the disconnect.
  const send = (message: ChildEnvelope) => {
    if (process.connected) process.send!(message, undefined, {}, () => {});
  };
  setInterval(() => send({ type: 'event', event: 'beat' }), heartbeatMs).unref();
  process.on('message', (message: HostEnvelope) => {
    if (message.type === 'request') handlers.request(message.kind, message.id, message.payload);
    else if (message.type === 'cancel') handlers.cancel(message.id);
    else if (message.type === 'stop') handlers.stop();
  });
  return {
    respond: (id, result) => send({ type: 'response', id, result }),
    fail(id, error) {
      const e = error as Error | undefined;
      send({ type: 'response', id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack } });
    },
    event: (event, payload, id) => send({ type: 'event', id, event, payload }),
  };
}
