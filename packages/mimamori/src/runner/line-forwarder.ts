// A child process's stdout or stderr passed on in whole lines, so a redactor sees a secret whole, never cut at a
// chunk's edge.
import type { Readable } from 'node:stream';

/** A line longer than this is passed on up to its last white space rather than held whole. */
const MAX_PARTIAL = 1 << 20;

export interface LineForwarder {
  /** The stream ended (its last partial line passed on). */
  ended: Promise<void>;
  /** Passes on the partial line held, and stops reading. */
  stop(): void;
}

/** Passes `stream` on to `emit` in whole lines; the partial line at the end goes when the stream ends or is stopped. */
export function forwardLines(stream: Readable | null | undefined, emit: (text: string) => void): LineForwarder {
  if (!stream) return { ended: Promise.resolve(), stop: () => {} };
  stream.setEncoding('utf8');
  let partial = '';
  let over = false;
  const pass = (text: string) => {
    if (text) emit(text);
  };
  stream.on('data', (chunk: string) => {
    if (over) return;
    partial += chunk;
    const end = partial.lastIndexOf('\n');
    if (end >= 0) {
      pass(partial.slice(0, end + 1));
      partial = partial.slice(end + 1);
    } else if (partial.length > MAX_PARTIAL) {
      // A huge line without a newline (a progress bar, a dump): passed on at a word's edge, never mid-word.
      const cut = partial.search(/\s\S*$/);
      if (cut >= 0) {
        pass(partial.slice(0, cut + 1));
        partial = partial.slice(cut + 1);
      }
    }
  });
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const finish = () => {
    if (over) return;
    over = true;
    pass(partial);
    partial = '';
    resolveEnded();
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  return {
    ended,
    stop() {
      finish();
      stream.destroy();
    },
  };
}
