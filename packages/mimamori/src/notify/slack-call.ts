// One Slack Web API call within the limits: not started when no time is left, stopped at the deadline, retried only
// when the request never reached Slack, and explained when it fails. A 429 comes back as RateLimited: the sender
// (slack-sender.ts) decides whether waiting still fits.
import { pause, UNSENT } from './retry.ts';
import { formatMs } from '../result/format.ts';
import { stopReason } from '../store/store.ts';
import type { NotifyLimits } from './notifier.ts';
import { explainSlackError, SlackError } from './slack-client.ts';

/** The signal that stops every call, the deadline by which the last one is answered, the bound on one request. */
export type SlackLimits = NotifyLimits;

/** Slack answered 429: try again after `retryAfter` seconds, if that still fits. */
export class RateLimited extends Error {
  override name = 'RateLimited';
  constructor(readonly retryAfter: number, options?: { cause?: unknown }) {
    super(`Slack rate-limited the request (retry after ${retryAfter} s)`, options);
  }
}

type ClientError = { code?: string; retryAfter?: number; statusCode?: number; original?: Error & { cause?: { code?: string } } };

const retryable = (e: ClientError) =>
  (e.code === 'slack_webapi_request_error' && UNSENT.test(`${e.original?.cause?.code ?? ''} ${e.original?.message ?? ''}`)) ||
  (e.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500);
const timedOut = (e: ClientError) => e.code === 'slack_webapi_request_error' && e.original?.name === 'TimeoutError';
const RETRIES = 2;
const BACKOFF_MS = 500;


export class SlackCaller {
  /** Set once a call found Slack not answering: later calls of this run are not tried. */
  unanswered?: string;

  constructor(private readonly token: string, readonly limits: SlackLimits) {}

  async call<T>(action: string, channel: string | undefined, fn: () => Promise<T>): Promise<T> {
    const { signal } = this.limits;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new SlackError(`Slack ${action} not sent: ${stopReason(signal)}`, 'stopped');
      if (this.unanswered) throw new SlackError(`Slack ${action} not tried: ${this.unanswered}`, 'unanswered');
      try {
        return await fn();
      } catch (error) {
        const e = (error ?? {}) as ClientError;
        if (e.code === 'slack_webapi_rate_limited_error') throw new RateLimited(e.retryAfter ?? 1, { cause: error });
        if (signal.aborted) {
          throw new SlackError(`Slack ${action} failed: Slack did not answer in time (stopped: ${stopReason(signal)})`, 'stopped', { cause: error });
        }
        if (timedOut(e)) {
          this.unanswered = 'Slack did not answer in time earlier in this run';
          throw new SlackError(`Slack ${action} failed: Slack did not answer in time (no answer within ${formatMs(this.limits.requestTimeoutMs)})`, 'timeout', { cause: error });
        }
        const backoff = BACKOFF_MS * 2 ** attempt;
        if (attempt < RETRIES && retryable(e) && Date.now() + backoff < this.limits.deadline) {
          await pause(backoff, signal);
          continue;
        }
        throw explainSlackError(error, action, this.token, channel);
      }
    }
  }
}
