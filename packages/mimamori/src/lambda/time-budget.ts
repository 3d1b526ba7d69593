// How a runner invocation spends its Lambda timeout, and how old a queued run may be: shared by the runner (at run
// time, from the invocation's own timeout) and the build (which refuses a check whose timeoutMs cannot fit).

/** The share of the timeout kept back to stop the journey, take the failure screenshot, store and notify… */
export const REPORT_RESERVE_SHARE = 0.25;
/**
 * …but never less than this (a journey told to stop: ≤ 6 s for the failure screenshot, then S3 and Slack requests of
 * ≤ 3 s each, and the last 3 s before the deadline kept free)…
 */
export const REPORT_RESERVE_MIN_MS = 15_000;
/** …nor more than this (what the reserve was before it scaled: enough for check code that ignores the stop too). */
export const REPORT_RESERVE_MAX_MS = 30_000;

/**
 * Time kept back from the Lambda deadline to report: 25 % of the function's timeout, between 15 s and 30 s
 * (60 s → 15 s, 90 s → 22.5 s, 120 s and more → 30 s). The journey is stopped when only this much is left.
 */
export function reportReserveMs(timeoutMs: number): number {
  return Math.min(REPORT_RESERVE_MAX_MS, Math.max(REPORT_RESERVE_MIN_MS, Math.round(timeoutMs * REPORT_RESERVE_SHARE)));
}

/** What a journey may use of the function's timeout: the timeout less the reserve (never below 0). */
export function journeyBudgetMs(timeoutMs: number): number {
  return Math.max(0, timeoutMs - reportReserveMs(timeoutMs));
}

/** A queued run handed out later than this after its scheduled time is old news: skipped, counted, not run. */
export const STALE_AFTER_MS = 10 * 60_000;

/**
 * How late a run may start: 10 minutes, or twice the runner's timeout when that is longer (a run may have to wait for
 * a run of its own check that used its whole timeout — the FIFO group lets one run of a check go at a time).
 */
export function staleAfterMs(timeoutMs: number): number {
  return Math.max(STALE_AFTER_MS, 2 * timeoutMs);
}
