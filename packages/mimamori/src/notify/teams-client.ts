// One POST to a Teams Workflows webhook within the run's limits: not started after the deadline, each try bounded,
// 429 (Retry-After) and 5xx retried while the deadline allows, any other 4xx reported at once. The webhook's URL is
// a credential (its `sig=` query parameter signs it): no error, outcome or log ever carries it.
import { formatMs } from '../result/format.ts';
import { stopReason } from '../store/store.ts';
import type { NotifyLimits } from './notifier.ts';
import { pause, retryAfterMs, UNSENT } from './retry.ts';

export class TeamsError extends Error {
  override name = 'TeamsError';
  /** `stopped`, `deadline`, `timeout`, `rate-limited`, `http-<status>`, `unreachable`, `bad-url`. */
  constructor(message: string, readonly code: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface TeamsClientDeps {
  fetch?: typeof fetch;
  /** Epoch ms (default Date.now): the deadline is weighed against it. */
  now?: () => number;
  /** Waits before a retry (default: a timer, cut short by the signal). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Tries after the first: enough to ride out a blip, few enough that one channel cannot eat the run's budget. */
const RETRIES = 3;
const BACKOFF_MS = 1_000;

/** `text` with the URL, and anything that looks like its signature, blanked. */
export function redactUrl(text: string, url: string): string {
  let out = url ? text.split(url).join('[webhook URL]') : text;
  out = out.replace(/([?&]sig=)[^&\s"']+/gi, '$1[redacted]');
  return out;
}

/** Why nothing may start now (the run stopped, or its time for alerts ran out), or undefined. */
export function cannotStart(limits: NotifyLimits, now: number): TeamsError | undefined {
  if (limits.signal.aborted) return new TeamsError(`Teams card not sent: ${stopReason(limits.signal)}`, 'stopped');
  if (limits.deadline - now <= 0) return new TeamsError('Teams card not sent: the run\'s time for alerts had run out', 'deadline');
  return undefined;
}

/** What a Logic Apps / Workflows error body says: `WorkflowNotFound: The workflow could not be found.` */
async function explain(res: Response): Promise<string> {
  const body = await res.text().catch(() => '');
  try {
    const error = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
    if (error?.code) return `${error.code}${error.message ? `: ${error.message}` : ''}`;
  } catch { /* not JSON */ }
  return body.slice(0, 200).replace(/\s+/g, ' ').trim();
}

/**
 * Posts `body` (JSON text) to the workflow. Resolves with the HTTP status once Teams accepted it (Workflows answer
 * 202 Accepted with no body and no message id: the card is posted afterwards, by the flow); throws TeamsError.
 */
export async function postToWorkflow(url: string, body: string, limits: NotifyLimits, deps: TeamsClientDeps = {}): Promise<number> {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const wait = deps.wait ?? pause;
  const { signal, deadline } = limits;
  const fail = (message: string, code: string, cause?: unknown) => new TeamsError(redactUrl(message, url), code, cause === undefined ? undefined : { cause });
  for (let attempt = 0; ; attempt++) {
    const t = now();
    const refused = cannotStart(limits, t);
    if (refused) throw refused;
    const left = deadline - t;
    const timeoutMs = Math.min(limits.requestTimeoutMs, left);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) throw fail(`Teams card not sent: ${stopReason(signal)}`, 'stopped', error);
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') throw fail(`Teams did not answer within ${formatMs(timeoutMs)} (not retried: the card may have been posted)`, 'timeout', error);
      const why = `${e.cause?.code ?? ''} ${e.cause?.message ?? e.message}`.trim();
      const backoff = BACKOFF_MS * 2 ** attempt;
      if (UNSENT.test(why) && attempt < RETRIES && now() + backoff < deadline) {
        await wait(backoff, signal);
        continue;
      }
      throw fail(`Teams could not be reached: ${why}`, 'unreachable', error);
    }
    if (res.ok) {
      await res.body?.cancel();
      return res.status;
    }
    const detail = await explain(res);
    const retryable = res.status === 429 || res.status >= 500;
    // A 429 without a readable Retry-After waits 1 s.
    const delay = res.status === 429 ? retryAfterMs(res.headers.get('retry-after'), now()) ?? 1_000 : BACKOFF_MS * 2 ** attempt;
    if (retryable && attempt < RETRIES && now() + delay < deadline) {
      await wait(delay, signal);
      continue;
    }
    if (res.status === 429) {
      throw fail(`Teams rate-limited the card (retry after ${formatMs(delay)}${attempt >= RETRIES ? `, after ${attempt + 1} tries` : ', which the run\'s deadline does not allow'})`, 'rate-limited');
    }
    const hint = res.status === 401 || res.status === 403 ? ' (the webhook URL\'s signature was refused: copy the URL from the workflow again)'
      : res.status === 404 ? ' (the workflow is gone or turned off)' : '';
    const tries = retryable && attempt > 0 ? ` after ${attempt + 1} tries` : '';
    throw fail(`Teams answered HTTP ${res.status}${tries}${detail ? `: ${detail}` : ''}${hint}`, `http-${res.status}`);
  }
}
