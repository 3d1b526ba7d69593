// The one percentile of response times: the dashboard's hourly p50/p95 (history/dashboard-data.ts) and the summary's
// (store/history-summary.ts) must agree, or an overview row and a detailed one would tell two stories.

/** Nearest-rank percentile of ascending `sorted` (not empty): the smallest value with at least p% at or below it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
