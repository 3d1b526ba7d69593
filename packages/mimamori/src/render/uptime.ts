// How uptime reads, on the dashboard and in the digest alike: `99.90%` — two decimals always (so a column of them lines
// up), cut, never rounded up (99.999 % of runs is not 100 %), `100%` only when nothing failed, `–` for no runs.
import { spokenDuration } from './digest-summary.ts';

export function formatUptime(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 100) return '100%';
  return `${(Math.floor(value * 100) / 100).toFixed(2)}%`;
}

/** The colour class of an uptime: good from 99.9 %, fair from 99 %, poor below; none without runs. */
export const uptimeClass = (v: number | null): 'none' | 'good' | 'fair' | 'poor' =>
  v === null || !Number.isFinite(v) ? 'none' : v >= 99.9 ? 'good' : v >= 99 ? 'fair' : 'poor';

/** What an uptime left out: ` (paused 2 h excluded)`, or nothing when no paused time was recorded in its window. */
export function pausedNote(ms: number | undefined): string {
  return ms && ms > 0 ? ` (paused ${spokenDuration(ms)} excluded)` : '';
}

/** What every uptime on the dashboard means, for its tooltip. */
export const UPTIME_MEANING = 'Share of runs that did not fail (degraded counts as up). Failures while muted or in a silence window '
  + 'count as down: nothing was sent, but the site was down. Paused time is left out: no runs are made then.';
