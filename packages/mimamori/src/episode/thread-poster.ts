// What an episode that posts on its own (an alarm's thread, a log watch's window) needs of a notifier: a message that
// opens a thread and gives its ref, a reply in it, the parent updated. The ref is the notifier's (thread-ref.ts).
import type { ThreadRef } from './thread-ref.ts';

export interface ThreadPoster<M> {
  /** Posts `message` — a reply in `thread` when given — and returns its ref (a parent's: the thread from now on). */
  post(message: M, thread?: ThreadRef): Promise<ThreadRef>;
  /** Replaces the message `thread` starts with. */
  update(thread: ThreadRef, message: M): Promise<void>;
  /** Whether this poster can reply in `thread` (Slack: a thread in the channel it posts to, not one it moved from). */
  reaches(thread: ThreadRef): boolean;
}
