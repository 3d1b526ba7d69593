// A log watch's tunables: how long a delivery waits for a window another one claimed, how many replies a window's
// thread takes, how far ahead of the clock a line may be dated. In one place, for the template test and the docs.

/** How long a delivery waits for the parent of a window another delivery claimed, reading it every CLAIM_POLL_MS. */
export const CLAIM_WAIT_MS = 5_000;
export const CLAIM_POLL_MS = 200;
/**
 * A claim with no parent after this long was left by a delivery that failed (Slack or S3 down, or it timed out): the
 * next delivery takes the window over. Lambda retries a failed asynchronous invocation after a minute at the soonest.
 */
export const CLAIM_STALE_MS = 30_000;
/**
 * An error storm (many streams, a delivery every few seconds each) must not become hundreds of replies and two Slack
 * calls per delivery, past Slack's one message a second per channel: a window's thread takes this many replies, then
 * further lines are only counted, and the parent's count is refreshed at most every PARENT_REFRESH_MS (and once more,
 * with the final count, when the next window opens).
 */
export const MAX_REPLIES = 10;
export const PARENT_REFRESH_MS = 30_000;
/**
 * A line is delivered after it was logged, so one dated later than the clock (plus this much skew between the
 * logging host and Lambda) is wrong: its window is timed by the clock instead, or a line dated 2 h ahead would hold
 * the window — and every match of the next 2 h in its thread.
 */
export const MAX_FUTURE_SKEW_MS = 60_000;

/** A line's time as its window sees it: never later than the clock allows (MAX_FUTURE_SKEW_MS). */
export const windowTime = (timestamp: number, now: () => number) => Math.min(timestamp, now() + MAX_FUTURE_SKEW_MS);
