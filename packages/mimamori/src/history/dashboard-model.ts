// The dashboard's data model: what buildDashboard (dashboard-data.ts) computes from the history and what the
// dashboard page and the digest picture (src/render/) show. Its inputs, as read-history.ts reads them, are here too.
import type { HistoryDay } from '../store/history-days.ts';
import type { HistorySummary } from '../store/history-summary.ts';

export type DashboardStatus = 'passed' | 'degraded' | 'failed' | 'unknown';

export interface DashboardIncident {
  /** epoch ms */ start: number;
  /** epoch ms; none while the incident is open */ end?: number;
  durationMs?: number;
  failingStep?: string;
  error?: string;
  /** a URL: https (presigned), or a path relative to the dashboard file, URL-encoded (see `storeKeyUrl`) */
  evidence?: string;
}

/** Quiet time as the views name it: a maintenance window or a mute (src/maintenance/quiet.ts's Quiet, less its times). */
export interface QuietMark {
  mode: 'pause' | 'silence';
  source: 'maintenance' | 'mute';
  /** the window's name, or the mute's target as typed */
  name: string;
  by?: string;
  reason?: string;
}

/** A stretch of quiet time: consecutive runs in one window or mute, as one band on the charts. */
export interface DashboardQuiet extends QuietMark {
  /** epoch ms */ start: number;
  /** epoch ms */ end: number;
}

export interface DashboardHour {
  /** epoch ms, the hour's start */ t: number;
  p50: number;
  p95: number;
  steps: Record<string, { p50: number; p95: number }>;
}

export interface DashboardCheck {
  name: string;
  /** now: the state's last status */
  status: DashboardStatus;
  lastRunAt?: number;
  /** % of runs not failed, paused runs left out; null: no runs in that window */
  uptime: { h24: number | null; d7: number | null; d30: number | null };
  /** ms of paused time each uptime window left out (known from recorded paused runs); absent when none */
  paused?: { h24: number; d7: number; d30: number };
  /** quiet time in the window, oldest first; absent when none */
  quiet?: DashboardQuiet[];
  incidents: DashboardIncident[];
  /** per hour with runs, in any order (drawn sorted by time; a gap of more than an hour breaks the lines) */
  hourly: DashboardHour[];
  budget?: { degradedResponseTime?: number; maxResponseTime?: number };
  usualMs?: number;
  /** the check's tags, as the newest day object with runs has them; absent: none */
  tags?: string[];
  /** the last ~48 hourly journey p50s, oldest first, for the top view */
  spark: number[];
  /** URL of the latest screenshot: https (presigned), or a relative path, URL-encoded (see `storeKeyUrl`) */
  latestShot?: string;
  /** the last ~12 screenshots (any order: shown oldest first) */
  strip: { t: number; status: string; url: string; quiet?: QuietMark }[];
  /**
   * A row of the overview only (a large dashboard details the first few checks): its numbers come from the check's
   * summary, to the hour (dashboard-overview.ts); it has no hourly chart, incidents but the open one, or screenshots.
   */
  overviewOnly?: true;
}

export interface DashboardData {
  /** epoch ms */ generatedAt: number;
  /** IANA time zone every time is shown in (`slack.timeZone`); an unknown one falls back to UTC */
  timeZone: string;
  /** how many days of history the data covers */
  days: number;
  checks: DashboardCheck[];
  /** checks left out by a filter (`--tag`); absent: none */
  filteredOut?: number;
}

/** The parts of `state/<check>.json` the dashboard uses (src/policy/check-state.ts). */
export interface DashboardState {
  check?: string;
  lastStatus?: 'passed' | 'degraded' | 'failed';
  /** ISO time. */
  lastRunAt?: string;
  incident?: { openedAt: string; openedRunId?: string } | null;
}

export interface DashboardSource {
  name: string;
  /** The check's day objects in the window (any order; a run id appearing twice counts once). */
  days: HistoryDay[];
  state?: DashboardState;
}


/** A check read for the overview only: its state, its summary of finished days, and the days the summary lacks. */
export interface OverviewSource {
  name: string;
  state?: DashboardState;
  summary?: HistorySummary;
  /** Day objects in the window that the summary does not hold (today's, history from before summaries). */
  days: HistoryDay[];
}
