// What every notifier's sending shares about trying again: which network errors mean the request never left (safe to
// send again), how long a 429's Retry-After asks for, and a wait the run's signal cuts short. Slack, Chatwork, Teams
// and the webhook each decide their own tries and backoff with these.

/** Errors of a request that never reached the other side: safe to send again (a timeout is not: it may have arrived). */
export const UNSENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET/;

/** A Retry-After header in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Waits `ms`, or less when the signal aborts first (the next call then reports why). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
