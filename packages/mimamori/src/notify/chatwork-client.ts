// The Chatwork API v2 over global fetch, within one run's limits: nothing starts after the deadline or once the run
// is stopped, each request bounded, a 429 waited out until X-RateLimit-Reset when that fits, a 5xx or a request that
// never arrived retried with backoff, any other 4xx reported at once. The token never appears in an error.
// API: https://developer.chatwork.com/docs/endpoints (X-ChatWorkToken; form bodies); the token's limit is 300
// requests per 5 minutes, then 429 with X-RateLimit-Reset in Unix seconds (github.com/chatwork/api,
// documents/en/Chatwork_API_Documentation.pdf, "API Usage Limits").
import { formatMs } from '../result/format.ts';
import { stopReason } from '../store/store.ts';
import type { NotifyLimits } from './notifier.ts';
import { pause, retryAfterMs, UNSENT } from './retry.ts';

export const CHATWORK_API_URL = 'https://api.chatwork.com/v2';
/** The most a file upload may carry (RAML/api-ja.raml: "上限：5MB"). */
export const CHATWORK_FILE_LIMIT = 5 * 1024 * 1024;

export class ChatworkError extends Error {
  override name = 'ChatworkError';
  constructor(message: string, readonly code: 'stopped' | 'timeout' | 'rate-limited' | 'http' | 'network', readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export interface ChatworkConnection {
  token: string;
  /** The API base (default https://api.chatwork.com/v2): a test server, or a gateway. */
  apiUrl?: string;
  /** The HTTP client (default global fetch). */
  fetch?: typeof fetch;
  /** The clock deadlines and X-RateLimit-Reset are read against (default Date.now). */
  now?: () => number;
}

/** Tries of a 5xx or a request that never reached Chatwork. */
const RETRIES = 2;
const BACKOFF_MS = 500;

/** What to fix, in words, for a 4xx Chatwork answered (its `errors` alongside). */
function hint(status: number, room: string | undefined): string {
  if (status === 401) return 'Chatwork rejected the API token (401): set CHATWORK_API_TOKEN, or the SSM parameter CHATWORK_TOKEN_PARAMETER names, to a valid token';
  if (status === 403) return `the token's account may not post in room ${room} (403)`;
  if (status === 404) return `Chatwork room ${room} not found (404): check the room id (the digits after #!rid in the room's URL) and that the token's account is a member`;
  return `Chatwork answered ${status}`;
}

export class ChatworkClient {
  private readonly apiUrl: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly connection: ChatworkConnection, readonly limits: NotifyLimits) {
    this.apiUrl = (connection.apiUrl ?? CHATWORK_API_URL).replace(/\/+$/, '');
    this.fetch = connection.fetch ?? fetch;
    this.now = connection.now ?? Date.now;
  }

  /** POST /rooms/{room_id}/messages → the new message's id. */
  async postMessage(room: string, body: string): Promise<string> {
    const answer = await this.request('message', room, 'POST', `/rooms/${encodeURIComponent(room)}/messages`, () => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body, self_unread: '0' }).toString(),
    }), 'wait');
    return String((answer as { message_id?: unknown }).message_id);
  }

  /** POST /rooms/{room_id}/files (multipart `file`, optional `message`) → the file's id. A 429 is not waited out. */
  async uploadFile(room: string, file: { bytes: Buffer; filename: string; type: string }, message?: string): Promise<string> {
    const answer = await this.request('screenshot upload', room, 'POST', `/rooms/${encodeURIComponent(room)}/files`, () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename);
      if (message) form.append('message', message);
      return { body: form };
    }, 'throw');
    return String((answer as { file_id?: unknown }).file_id);
  }

  /** GET /me → the token's account id (what Chatwork's reply tag names). */
  async me(): Promise<string> {
    const answer = await this.request('account lookup', undefined, 'GET', '/me', () => ({}), 'wait');
    return String((answer as { account_id?: unknown }).account_id);
  }

  private async request(action: string, room: string | undefined, method: string, path: string, init: () => RequestInit, on429: 'wait' | 'throw'): Promise<unknown> {
    const { signal, deadline, requestTimeoutMs } = this.limits;
    const scrub = (text: string) => text.split(this.connection.token).join('[token]');
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new ChatworkError(`Chatwork ${action} not sent: ${stopReason(signal)}`, 'stopped');
      if (this.now() >= deadline) throw new ChatworkError(`Chatwork ${action} not sent: the run's time for alerts is up`, 'stopped');
      const bound = AbortSignal.timeout(Math.max(1, Math.min(requestTimeoutMs, deadline - this.now())));
      let res: Response;
      try {
        const { headers, ...rest } = init();
        res = await this.fetch(`${this.apiUrl}${path}`, { method, ...rest, headers: { ...headers as Record<string, string>, 'x-chatworktoken': this.connection.token, accept: 'application/json' }, signal: AbortSignal.any([signal, bound]) });
      } catch (error) {
        if (signal.aborted) throw new ChatworkError(`Chatwork ${action} failed: stopped (${stopReason(signal)})`, 'stopped', undefined, { cause: error });
        if (bound.aborted) throw new ChatworkError(`Chatwork ${action} failed: Chatwork did not answer within ${formatMs(requestTimeoutMs)}`, 'timeout', undefined, { cause: error });
        const e = error as Error & { cause?: { code?: string; message?: string } };
        const why = `${e.cause?.code ?? ''} ${e.cause?.message ?? e.message}`.trim();
        if (UNSENT.test(why) && (await this.backoff(attempt))) continue;
        throw new ChatworkError(scrub(`Chatwork ${action} failed: Chatwork could not be reached (${why})`), 'network', undefined, { cause: error });
      }
      const text = await res.text().catch(() => '');
      if (res.ok) {
        try {
          return text ? JSON.parse(text) : {};
        } catch (error) {
          throw new ChatworkError(`Chatwork ${action} failed: Chatwork answered ${res.status} with no JSON`, 'http', res.status, { cause: error });
        }
      }
      const errors = (() => {
        try {
          const list = (JSON.parse(text) as { errors?: unknown }).errors;
          return Array.isArray(list) ? list.map(String).join('; ') : '';
        } catch {
          return '';
        }
      })();
      if (res.status === 429) {
        // X-RateLimit-Reset is when the token's 5-minute window starts anew (Unix seconds); Retry-After if one is sent.
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        const after = retryAfterMs(res.headers.get('retry-after'), this.now()) ?? 0;
        const waitMs = after > 0 ? after : Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - this.now()) : BACKOFF_MS;
        if (on429 === 'wait' && attempt <= RETRIES && this.now() + waitMs < deadline) {
          await pause(waitMs, signal);
          continue;
        }
        throw new ChatworkError(`Chatwork ${action} failed: Chatwork rate-limited the token (300 requests per 5 minutes; the limit resets in ${formatMs(waitMs)})`, 'rate-limited', 429);
      }
      if (res.status >= 500 && (await this.backoff(attempt))) continue;
      const said = errors ? `: ${errors}` : '';
      throw new ChatworkError(scrub(`Chatwork ${action} failed: ${res.status >= 500 ? `Chatwork answered ${res.status}` : hint(res.status, room)}${said}`), 'http', res.status);
    }
  }

  /** Waits before another try, when one is left and it fits before the deadline. */
  private async backoff(attempt: number): Promise<boolean> {
    const wait = BACKOFF_MS * 2 ** attempt;
    if (attempt >= RETRIES || this.now() + wait >= this.limits.deadline) return false;
    await pause(wait, this.limits.signal);
    return true;
  }
}
