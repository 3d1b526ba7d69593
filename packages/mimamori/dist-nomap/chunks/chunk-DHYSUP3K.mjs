import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  stopReason
} from "./chunk-P4DNPQN3.mjs";
import {
  formatMs
} from "./chunk-2I6LHTXW.mjs";

// src/notify/slack-client.ts
var sdk;
var slackSdk = () => sdk ??= import("@slack/web-api").then((m) => m.default ?? m);
function slackSettings(config, env = process.env) {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) return void 0;
  return {
    token,
    channel: env.SLACK_CHANNEL || config.slack?.channel,
    apiUrl: env.SLACK_API_URL || config.slack?.apiUrl,
    timeZone: config.slack?.timeZone ?? "UTC"
  };
}
var SlackError = class extends Error {
  constructor(message, code, options) {
    super(message, options);
    this.code = code;
  }
  code;
  name = "SlackError";
};
async function createSlackClient(settings, options = {}) {
  const { requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, signal } = options;
  const { WebClient, LogLevel } = await slackSdk();
  const silent = { debug() {
  }, info() {
  }, warn() {
  }, error() {
  }, setLevel() {
  }, getLevel: () => LogLevel.ERROR, setName() {
  } };
  return new WebClient(settings.token, {
    slackApiUrl: settings.apiUrl?.replace(/\/?$/, "/"),
    retryConfig: { retries: 0 },
    // A 429 comes back at once as a rate-limit error with its Retry-After: the sender decides to wait or not.
    rejectRateLimitedCalls: true,
    timeout: requestTimeoutMs,
    fetch: signal ? (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }) : void 0,
    // Errors are reported on the run, once, by us; the client's own logging would only repeat them.
    logger: silent
  });
}
function hint(code, data, channel) {
  const where = channel ? ` ${channel.startsWith("C") || channel.startsWith("#") ? channel : `#${channel}`}` : " the channel";
  switch (code) {
    case "not_authed":
    case "invalid_auth":
    case "token_revoked":
    case "account_inactive":
      return `Slack rejected SLACK_BOT_TOKEN (${code}): use the app's Bot User OAuth Token (xoxb-\u2026) from OAuth & Permissions`;
    case "channel_not_found":
      return `Slack channel${where} not found (channel_not_found): check SLACK_CHANNEL \u2014 a channel ID (C\u2026) is safest; a private channel must have the bot invited`;
    case "not_in_channel":
      return `the bot is not a member of${where} (not_in_channel): invite it there with /invite @<your app>`;
    case "missing_scope":
      return `the Slack app lacks the ${String(data.needed ?? "required")} scope (missing_scope): add it under OAuth & Permissions \u2192 Bot Token Scopes (mimamori needs chat:write and files:write), then reinstall the app`;
    case "ratelimited":
      return "Slack rate-limited the request (ratelimited)";
    default:
      return `Slack answered ${code}`;
  }
}
function explainSlackError(error, action, token, channel) {
  const e = error;
  const scrub = (text) => text.split(token).join("[token]");
  let message;
  if (e?.data?.error) message = hint(e.data.error, e.data, channel);
  else if (e?.code === "slack_webapi_rate_limited_error") message = `Slack rate-limited the request (retry after ${e.retryAfter} s)`;
  else if (e?.code === "slack_webapi_request_error") message = `Slack could not be reached: ${e.message}`;
  else message = e?.message ?? String(error);
  return new SlackError(scrub(`Slack ${action} failed: ${message}`), e?.data?.error ?? e?.code);
}

// src/notify/mrkdwn.ts
var esc = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
var link = (url, label) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${esc(label)}>`;

// src/notify/channel-pacer.ts
var POSTS_PER_SECOND = 1;
var BURST = 1;
var ChannelPacer = class {
  constructor(perSecond = POSTS_PER_SECOND, burst = BURST, now = Date.now) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.at = now();
  }
  perSecond;
  burst;
  now;
  tokens;
  at;
  /** No post before this time (epoch ms): Slack's Retry-After. */
  blockedUntil = 0;
  /** The last Retry-After Slack gave, in seconds (for messages). */
  lastRetryAfter;
  tokensAt(time) {
    return Math.min(this.burst, this.tokens + Math.max(0, time - this.at) / 1e3 * this.perSecond);
  }
  /** When the next post may start. */
  nextAt() {
    const start = Math.max(this.now(), this.blockedUntil);
    const tokens = this.tokensAt(start);
    return tokens >= 1 ? start : start + (1 - tokens) / this.perSecond * 1e3;
  }
  /** How many posts can start by `time`, one after the other as soon as allowed. */
  slotsBefore(time) {
    const start = Math.max(this.now(), this.blockedUntil);
    if (time < start) return 0;
    return Math.max(0, Math.floor(this.tokensAt(start) + (time - start) / 1e3 * this.perSecond + 1e-9));
  }
  /** Takes the next slot: call when the post starts (after waiting until `nextAt()`). */
  take() {
    const now = Math.max(this.now(), this.at);
    this.tokens = this.tokensAt(now) - 1;
    this.at = now;
  }
  /**
   * The post was answered: the next one counts from now, not from when this one started, so Slack — which counts
   * from when it received it — never sees two inside its window.
   */
  answered() {
    this.at = Math.max(this.at, this.now());
  }
  /** Slack answered 429: nothing more before Retry-After has passed. */
  block(retryAfterSeconds) {
    this.lastRetryAfter = retryAfterSeconds;
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + retryAfterSeconds * 1e3);
    this.tokens = 0;
    this.at = this.blockedUntil - 1e3 / this.perSecond;
  }
};

// src/notify/slack-call.ts
var RateLimited = class extends Error {
  constructor(retryAfter, options) {
    super(`Slack rate-limited the request (retry after ${retryAfter} s)`, options);
    this.retryAfter = retryAfter;
  }
  retryAfter;
  name = "RateLimited";
};
function pause(ms, signal) {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
var UNSENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET/;
var retryable = (e) => e.code === "slack_webapi_request_error" && UNSENT.test(`${e.original?.cause?.code ?? ""} ${e.original?.message ?? ""}`) || e.code === "slack_webapi_http_error" && (e.statusCode ?? 0) >= 500;
var timedOut = (e) => e.code === "slack_webapi_request_error" && e.original?.name === "TimeoutError";
var RETRIES = 2;
var BACKOFF_MS = 500;
var SlackCaller = class {
  constructor(token, limits) {
    this.token = token;
    this.limits = limits;
  }
  token;
  limits;
  /** Set once a call found Slack not answering: later calls of this run are not tried. */
  unanswered;
  async call(action, channel, fn) {
    const { signal } = this.limits;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new SlackError(`Slack ${action} not sent: ${stopReason(signal)}`, "stopped");
      if (this.unanswered) throw new SlackError(`Slack ${action} not tried: ${this.unanswered}`, "unanswered");
      try {
        return await fn();
      } catch (error) {
        const e = error ?? {};
        if (e.code === "slack_webapi_rate_limited_error") throw new RateLimited(e.retryAfter ?? 1, { cause: error });
        if (signal.aborted) {
          throw new SlackError(`Slack ${action} failed: Slack did not answer in time (stopped: ${stopReason(signal)})`, "stopped", { cause: error });
        }
        if (timedOut(e)) {
          this.unanswered = "Slack did not answer in time earlier in this run";
          throw new SlackError(`Slack ${action} failed: Slack did not answer in time (no answer within ${formatMs(this.limits.requestTimeoutMs)})`, "timeout", { cause: error });
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
};

// src/notify/slack-sender.ts
var FIRST_ANSWER_MS = 300;
function limitsUntil(deadline, requestTimeoutMs, why, now = Date.now()) {
  const own = new AbortController();
  if (deadline <= now) own.abort(new Error(why));
  else setTimeout(() => own.abort(new Error(why)), deadline - now).unref();
  return { signal: own.signal, deadline, requestTimeoutMs };
}
var SlackSender = class {
  constructor(client, token, limits) {
    this.client = client;
    this.limits = limits;
    this.caller = new SlackCaller(token, limits);
  }
  client;
  limits;
  caller;
  lanes = /* @__PURE__ */ new Map();
  /** Set once a call found Slack not answering: later calls are not tried. */
  get unanswered() {
    return this.caller.unanswered;
  }
  lane(channel) {
    let lane = this.lanes.get(channel);
    if (!lane) this.lanes.set(channel, lane = { pacer: new ChannelPacer(), answerMs: FIRST_ANSWER_MS });
    return lane;
  }
  /** A message into `channel` (in a thread with `threadTs`), at the channel's pace. */
  async post(channel, message, o = {}) {
    const thread = o.threadTs ? { thread_ts: o.threadTs, ...o.broadcast !== void 0 && { reply_broadcast: o.broadcast } } : {};
    const attachments = message.attachments && { attachments: message.attachments };
    const posted = await this.paced(o.lane ?? channel, o, () => this.client.chat.postMessage({ text: message.text, ...attachments, unfurl_links: false, channel, ...thread }));
    return { channel: posted.channel ?? channel, ts: posted.ts };
  }
  /** Changes a message already posted. Not a post: it does not take the channel's pace. */
  async update(channel, ts, message, o = {}) {
    const attachments = message.attachments && { attachments: message.attachments };
    await this.unpaced(channel, o, () => this.client.chat.update({ channel, ts, text: message.text, ...attachments }));
  }
  /** One upload of one or more files (filesUploadV2's arguments), shared where they say. */
  upload(channel, args, o = {}) {
    return this.unpaced(channel, o, () => this.client.filesUploadV2(args));
  }
  /** Would a call started at `at` be answered before the deadline? */
  fits(at, answerMs) {
    return !this.limits.signal.aborted && at + answerMs <= this.limits.deadline;
  }
  pastDeadline(action, channel, error) {
    return new SlackError(`Slack ${action} not sent: Slack rate-limited ${channel} (retry after ${error.retryAfter} s) past the deadline`, "ratelimited", { cause: error });
  }
  /** Waits for the lane's next slot (`key`: the channel as configured), takes it, calls; a 429 pauses the lane, then is waited out or thrown. */
  async paced(key, o, fn) {
    const lane = this.lane(key);
    const action = o.action ?? "message";
    for (; ; ) {
      await pause(lane.pacer.nextAt() - Date.now(), this.limits.signal);
      lane.pacer.take();
      const started = Date.now();
      try {
        const out = await this.caller.call(action, key, fn);
        this.answered(lane, started);
        return out;
      } catch (error) {
        if (!(error instanceof RateLimited)) {
          this.answered(lane, started);
          throw error;
        }
        lane.pacer.block(error.retryAfter);
        if (o.on429 === "throw") throw error;
        if (!this.fits(lane.pacer.nextAt(), lane.answerMs)) throw this.pastDeadline(action, key, error);
      }
    }
  }
  /** Slack answered (or failed): the next post counts from now, and the last one must start this much before the end. */
  answered(lane, started) {
    lane.pacer.answered();
    lane.answerMs = Math.min(this.limits.requestTimeoutMs, Math.max(lane.answerMs, Date.now() - started));
  }
  /** A call outside the channel's pace: a 429 is waited out (or thrown) for this call alone. */
  async unpaced(channel, o, fn) {
    const action = o.action ?? "call";
    for (; ; ) {
      try {
        return await this.caller.call(action, channel, fn);
      } catch (error) {
        if (!(error instanceof RateLimited) || o.on429 === "throw") throw error;
        const at = Date.now() + error.retryAfter * 1e3;
        if (!this.fits(at, this.lane(channel).answerMs)) throw this.pastDeadline(action, channel, error);
        await pause(at - Date.now(), this.limits.signal);
      }
    }
  }
};
async function openSlackSender(settings, limits) {
  const client = await createSlackClient(settings, { requestTimeoutMs: limits.requestTimeoutMs, signal: limits.signal });
  return new SlackSender(client, settings.token, limits);
}

export {
  esc,
  link,
  slackSettings,
  RateLimited,
  pause,
  limitsUntil,
  openSlackSender
};
