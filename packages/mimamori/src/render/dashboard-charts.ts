// What the dashboard page draws, and the scripts that draw it: the charts' data as one compact JSON block (lines of
// numbers, not the hourly objects), uPlot read from the installed package, the page's own script, and a Content
// Security Policy that lets exactly those two scripts run.
import { printable } from '../result/printable.ts';
import { DASHBOARD_SCRIPT } from './dashboard-script.ts';
import { jsonBody, scriptBody, sha256, uplot, UPLOT_PRELUDE } from './uplot-page.ts';
import { quietLabel } from './quiet-words.ts';

import type { DashboardCheck, DashboardHour, DashboardStatus } from '../history/dashboard-model.ts';

const HOUR = 3_600_000;

/** Whole milliseconds; anything that is not a finite number is a gap. */
export const round = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);

/** One line of a chart: its values, or one value across (a budget, the usual). */
interface SeriesSpec { label: string; kind: 'p50' | 'p95' | 'step' | 'degraded' | 'max' | 'usual'; values?: (number | null)[]; level?: number }
/** A shaded span of quiet time, in seconds, with its words (shown on hover and in the list under the chart). */
export interface BandSpec { from: number; to: number; kind: 'mute' | 'maintenance'; label: string }
/** `range`: the x axis, in seconds: the hours drawn, half an hour either side (see timeChart); `bands`: quiet time. */
export interface TimeChart { id: string; kind: 'time'; x: number[]; range: [number, number]; series: SeriesSpec[]; bands?: BandSpec[] }
export interface SparkChart { id: string; kind: 'spark'; status: DashboardStatus; values: (number | null)[] }

/**
 * The response-time chart: journey p50 and p95, each step's p50, the budgets and the usual, per hour (x in seconds,
 * as uPlot counts). Where an hour or more without runs lies between two hours, a gap point breaks the lines.
 * The axis spans the hours shown, half an hour either side so each point sits in its hour: left to itself, uPlot
 * stretches one hour of runs over years (its range of a single value) and puts the point at the edge.
 */
export function timeChart(check: DashboardCheck, id: string): TimeChart | undefined {
  const hours = check.hourly.filter((h) => Number.isFinite(h.t)).sort((a, b) => a.t - b.t);
  if (hours.length === 0) return undefined;
  const steps: string[] = [];
  for (const h of hours) for (const s of Object.keys(h.steps ?? {})) if (!steps.includes(s)) steps.push(s);
  const rows: (DashboardHour | undefined)[] = [];
  const x: number[] = [];
  hours.forEach((h, i) => {
    if (i > 0 && h.t - hours[i - 1]!.t > HOUR * 1.5) {
      x.push((hours[i - 1]!.t + HOUR) / 1000);
      rows.push(undefined);
    }
    x.push(h.t / 1000);
    rows.push(h);
  });
  const series: SeriesSpec[] = [
    { label: 'journey p50', kind: 'p50', values: rows.map((h) => round(h?.p50)) },
    { label: 'journey p95', kind: 'p95', values: rows.map((h) => round(h?.p95)) },
    ...steps.map((s): SeriesSpec => ({ label: `${printable(s)} p50`, kind: 'step', values: rows.map((h) => round(h?.steps?.[s]?.p50)) })),
  ];
  const level = (label: string, kind: SeriesSpec['kind'], v: number | undefined) => {
    if (v !== undefined && v !== null && Number.isFinite(v)) series.push({ label, kind, level: Math.round(v) });
  };
  level('degraded budget', 'degraded', check.budget?.degradedResponseTime);
  level('max budget', 'max', check.budget?.maxResponseTime);
  level('usual', 'usual', check.usualMs);
  const range: [number, number] = [(hours[0]!.t - HOUR / 2) / 1000, (hours.at(-1)!.t + HOUR / 2) / 1000];
  const chart: TimeChart = { id, kind: 'time', x, range, series };
  const bands = (check.quiet ?? []).filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end) && b.end >= b.start);
  if (bands.length) {
    chart.bands = bands.map((b) => ({ from: b.start / 1000, to: b.end / 1000, kind: b.source, label: quietLabel(b) }));
    // A paused stretch has no runs: the axis reaches over the bands too, so each shows whole.
    range[0] = Math.min(range[0], chart.bands[0]!.from);
    range[1] = Math.max(range[1], chart.bands.at(-1)!.to);
  }
  return chart;
}

/** The top view's sparkline: the last hours' journey p50, coloured by the status now. None without a value. */
export function sparkChart(check: DashboardCheck, status: DashboardStatus, id: string): SparkChart | undefined {
  const values = (check.spark ?? []).map(round);
  return values.some((v) => v !== null) ? { id, kind: 'spark', status, values } : undefined;
}

export interface PageAssets {
  /** The Content-Security-Policy (unescaped). */
  csp: string;
  /** uPlot's stylesheet, for the head. */
  css: string;
  /** The data block and the two scripts, for the end of the body. */
  scripts: string;
}

/** Everything the page needs to draw `charts` in `timeZone`, and the policy that lets only that run. */
export function pageAssets(timeZone: string, charts: (TimeChart | SparkChart)[]): PageAssets {
  const lib = uplot();
  const uplotJs = scriptBody(`${UPLOT_PRELUDE}\n${lib.js}`);
  const pageJs = scriptBody(DASHBOARD_SCRIPT);
  // Only these two scripts may run: one that slipped into the text (it cannot: all is escaped) would be refused.
  const csp = `default-src 'none'; script-src ${sha256(uplotJs)} ${sha256(pageJs)}; style-src 'unsafe-inline'; `
    + "img-src * data: blob: file:; base-uri 'none'; form-action 'none'";
  return {
    csp,
    css: lib.css.replace(/<\/style/gi, '<\\/style'),
    scripts: [
      `<script type="application/json" id="dashboard-data">${jsonBody({ timeZone, charts })}</script>`,
      `<script>${uplotJs}</script>`,
      `<script>${pageJs}</script>`,
    ].join('\n'),
  };
}
