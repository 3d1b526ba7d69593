// One webhook POST within the run's limits: signed on each attempt (webhook-signature.ts), retried with exponential
// backoff and jitter on what may pass — no answer, 429 (after its Retry-After), 5xx — while the deadline allows, never
// on another 4xx (the receiver refused it; sending it again changes nothing). The body, and so its event id, is the
// same on every attempt: a receiver that has it already drops the copy. Errors name the secret that holds the URL,
// never the URL or the key.
import { retryAfterMs } from './retry.ts';
import { formatMs } from '../result/format.ts';
import { stopReason } from '../store/store.ts';
import type { NotifyLimits } from './notifier.ts';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.ts';

export class WebhookError extends Error {
  override name = 'WebhookError';
}

/** The clock, the waits and the jitter: injected by tests, so a retry never waits on the wall clock there. */
export interface RetryTiming {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export interface WebhookRequest {
  url: string;
  key: string;
  body: string;
  event: string;
  eventId: string;
  /** The secret holding the URL: how errors name the destination. */
  name: string;
}

const BASE_MS = 500;
const CAP_MS = 8_000;
/** What of a refusal's body an error quotes: enough for `{"error":"invalid event"}`. */
const QUOTE = 200;

/** The wait before attempt `attempt + 1`: doubling from BASE_MS up to CAP_MS, half of it random ("equal jitter"). */
export function backoffMs(attempt: number, random: () => number): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}


/** What failed, said without the URL: a network code, or that no answer came in time. */
function unanswered(error: unknown, requestTimeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${formatMs(requestTimeoutMs)}`;
  return `the request did not reach the receiver (${e?.cause?.code ?? e?.name ?? 'network error'})`;
}

/** Sends the request; resolves with the status it was taken with, or throws a WebhookError saying why not. */
export async function postWebhook(req: WebhookRequest, limits: NotifyLimits, timing: RetryTiming, fetchFn: typeof fetch = fetch): Promise<{ status: number; attempts: number }> {
  const what = `webhook ${req.name}: ${req.event} ${req.eventId}`;
  // A receiver may echo its path (`no hook /hooks/T0K3N`): that is as secret as the URL.
  const { pathname, search } = new URL(req.url);
  const secrets = [req.url, `${pathname}${search}`, req.key].filter((s) => s.length >= 8);
  const hide = (text: string) => secrets.reduce((t, s) => t.split(s).join('[secret]'), text);
  for (let attempt = 1; ; attempt++) {
    if (limits.signal.aborted) throw new WebhookError(`${what} not sent: ${stopReason(limits.signal)}`);
    if (timing.now() >= limits.deadline) throw new WebhookError(`${what} not sent: the run's deadline had passed${attempt > 1 ? ` (after ${attempt - 1} attempts)` : ''}`);
    let why: string;
    let wait = backoffMs(attempt, timing.random);
    try {
      const res = await fetchFn(req.url, {
        method: 'POST',
        body: req.body,
        // A redirect is not followed: the POST would arrive elsewhere (or as a GET), its signature meant for this URL.
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'mimamori-webhook/1',
          'x-mimamori-event': req.event,
          'x-mimamori-event-id': req.eventId,
          'x-mimamori-attempt': String(attempt),
          [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(req.body, req.key, timing.now()),
        },
        signal: AbortSignal.any([limits.signal, AbortSignal.timeout(limits.requestTimeoutMs)]),
      });
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) return { status: res.status, attempts: attempt };
      const quoted = text.trim() ? `: ${hide(text.trim().slice(0, QUOTE))}` : '';
      why = `the receiver answered HTTP ${res.status}${quoted}`;
      if (res.status === 429) wait = retryAfterMs(res.headers.get('retry-after'), timing.now()) ?? wait;
      else if (res.status < 500) {
        const redirect = res.status >= 300 && res.status < 400 ? ' (a redirect: give the final URL)' : '';
        throw new WebhookError(`${what} refused: ${why}${redirect}; not retried`);
      }
    } catch (error) {
      if (error instanceof WebhookError) throw error;
      if (limits.signal.aborted) throw new WebhookError(`${what} not sent: ${stopReason(limits.signal)}`);
      why = unanswered(error, limits.requestTimeoutMs);
    }
    const tried = `after ${attempt} attempt${attempt === 1 ? '' : 's'}`;
    if (attempt >= timing.maxAttempts) throw new WebhookError(`${what} not delivered ${tried}: ${why}`);
    if (timing.now() + wait >= limits.deadline) {
      throw new WebhookError(`${what} not delivered ${tried}: ${why}; the next try (in ${formatMs(wait)}) would be past the run's deadline`);
    }
    await timing.sleep(wait, limits.signal);
  }
}
