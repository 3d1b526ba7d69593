// The small chart a "degraded" or "slower than usual" alert carries beside its screenshot: the check's recent
// response times, this run marked, with its budgets and its usual band (the usual × 1 … the rule's factor). Pure: it
// builds an HTML page (uPlot inlined, the dashboard's helpers and LANG=C prelude, uplot-page.ts) that a worker's Chromium screenshots
// (WorkerPool.render). The page sets `<html data-ready="1">` once uPlot has drawn.
//
// The runs come from the check's state (`history`: the last runs that did not fail, newest last, up to usual.ts's
// HISTORY), which after-run has just read and judged — no extra S3 read on the alert's path. A failed run is not in it,
// so a failure alert gets no chart (its screenshot and error say more than a line of durations).
import type { Budget, CheckResult, CheckStatus } from '../result/types.ts';
import { formatMs } from '../result/format.ts';
import { escapeHtml } from './escape.ts';
import { jsonBody, scriptBody, sha256, uplot, UPLOT_PRELUDE } from './uplot-page.ts';

/** The PNG's size: small enough for a Slack preview, wide enough for ~40 runs. */
export const TREND_SIZE = { width: 600, height: 240 } as const;

export interface TrendChart {
  check: string;
  /** The runs drawn, oldest first (this one last). */
  runs: { at: number; ms: number }[];
  /** This run, marked in the status's colour. */
  now: { at: number; ms: number; status: CheckStatus };
  budget: Budget;
  /** The usual response time and the rule's factor: the band drawn between them. */
  usual?: { ms: number; factor: number };
  timeZone: string;
}

/** The upload's title. */
export const trendTitle = (runs: number): string => `response times · last ${runs} runs`;

/**
 * The chart for `result` from the check's judged state: its `history` samples (this run included when it did not
 * fail) and its baseline (the band, when the "usual" rule is on: `factor`). None with fewer than two runs to draw.
 */
export function trendOf(result: Pick<CheckResult, 'name' | 'startedAt' | 'durationMs' | 'status' | 'budget'>, state: { history?: { at: number; ms: number }[]; baseline?: { journeyMs: number } } | undefined, factor: number | undefined, timeZone: string): TrendChart | undefined {
  const runs = (state?.history ?? []).filter((s) => Number.isFinite(s.at) && Number.isFinite(s.ms)).map((s) => ({ at: s.at, ms: s.ms }));
  if (!runs.some((r) => r.at === result.startedAt)) runs.push({ at: result.startedAt, ms: result.durationMs });
  runs.sort((a, b) => a.at - b.at);
  if (runs.length < 2) return undefined;
  const usualMs = state?.baseline?.journeyMs;
  return {
    check: result.name,
    runs,
    now: { at: result.startedAt, ms: result.durationMs, status: result.status },
    budget: result.budget ?? {},
    usual: factor !== undefined && usualMs !== undefined && Number.isFinite(usualMs) ? { ms: usualMs, factor } : undefined,
    timeZone,
  };
}

const COLORS = { journey: '#0969da', degraded: '#9a6700', max: '#cf222e', usual: '#59636e', passed: '#1a7f37', failed: '#cf222e', unknown: '#818b98' };
const HEADER_PX = 30;

/** The page's script (plain ES2017; no backticks or dollar-brace): one uPlot chart from the JSON block, then ready. */
const TREND_SCRIPT = String.raw`
(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('trend-data').textContent);
  function fmtMs(v) {
    if (v == null || !isFinite(v)) return '';
    if (Math.round(v) < 1000) return Math.round(v) + ' ms';
    if (v < 9950) return (v / 1000).toFixed(1).replace(/\.0$/, '') + ' s';
    return Math.round(v / 1000) + ' s';
  }
  try {
    var x = d.runs.map(function (r) { return r.at / 1000; });
    var series = [{}, { stroke: d.colors.journey, width: 2, points: { size: 4, fill: d.colors.journey } }];
    var data = [x, d.runs.map(function (r) { return r.ms; })];
    // This run: one point, large, in its status's colour.
    series.push({ stroke: d.nowColor, width: 0, points: { show: true, size: 9, width: 1, fill: d.nowColor, stroke: d.nowColor } });
    data.push(d.runs.map(function (r) { return r.at === d.now.at ? r.ms : null; }));
    var bands = [];
    if (d.usual) {
      series.push({ stroke: d.colors.usual, width: 1, dash: [2, 3], points: { show: false } });
      data.push(x.map(function () { return d.usual.ms; }));
      series.push({ stroke: d.colors.usual, width: 1, dash: [2, 3], points: { show: false } });
      data.push(x.map(function () { return d.usual.ms * d.usual.factor; }));
      bands.push({ series: [series.length - 1, series.length - 2], fill: 'rgba(89, 99, 110, 0.13)' });
    }
    var levels = [d.usual ? d.usual.ms * d.usual.factor : 0];
    [['degraded', d.budget.degradedResponseTime], ['max', d.budget.maxResponseTime]].forEach(function (b) {
      if (b[1] == null || !isFinite(b[1])) return;
      series.push({ stroke: d.colors[b[0]], width: 2, dash: [6, 4], points: { show: false } });
      data.push(x.map(function () { return b[1]; }));
      levels.push(b[1]);
    });
    var top = 0;
    d.runs.forEach(function (r) { if (r.ms > top) top = r.ms; });
    // A line far above the runs (a 30 s max for 1 s runs) would flatten them: it joins when within 3 times their highest.
    var highest = top;
    levels.forEach(function (v) { if (v <= highest * 3) top = Math.max(top, v); });
    var opts = {
      width: d.width, height: d.height, pxAlign: false,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), d.timeZone); },
      cursor: { show: false }, select: { show: false }, legend: { show: false },
      scales: {
        // Room either side, so this run's point (the last) is not cut at the edge.
        x: { time: true, range: function (u, min, max) { var pad = Math.max((max - min) * 0.025, 30); return [min - pad, max + pad]; } },
        y: { range: function () { return [0, top > 0 ? top * 1.1 : 1]; } }
      },
      axes: [
        { size: 28, values: [[3600, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1], [60, '{HH}:{mm}', '\n{M}/{D}', null, '\n{M}/{D}', null, null, null, 1]] },
        { size: 56, values: function (u, splits) { return splits.map(fmtMs); } }
      ],
      series: series, bands: bands,
      hooks: { draw: [function () { document.documentElement.setAttribute('data-ready', '1'); }] }
    };
    new uPlot(opts, data, document.getElementById('chart'));
  } catch (e) {
    document.documentElement.setAttribute('data-ready', 'failed');
    document.documentElement.setAttribute('data-error', String(e && e.message));
  }
})();
`;

/** The chart's HTML page, self-contained (uPlot inlined), `TREND_SIZE` unless told. */
export function trendChartHtml(chart: TrendChart, size: { width: number; height: number } = TREND_SIZE): string {
  const lib = uplot();
  const uplotJs = scriptBody(`${UPLOT_PRELUDE}\n${lib.js}`);
  const pageJs = scriptBody(TREND_SCRIPT);
  const csp = `default-src 'none'; script-src ${sha256(uplotJs)} ${sha256(pageJs)}; style-src 'unsafe-inline'`;
  const nowColor = (COLORS as Record<string, string>)[chart.now.status] ?? COLORS.degraded;
  const data = {
    runs: chart.runs, now: chart.now, budget: chart.budget, usual: chart.usual, timeZone: chart.timeZone,
    width: size.width, height: size.height - HEADER_PX, colors: COLORS, nowColor,
  };
  const key = (color: string, text: string, dash = false) =>
    `<span class="k"><i style="border-top:2px ${dash ? 'dashed' : 'solid'} ${color}"></i>${escapeHtml(text)}</span>`;
  const keys = [
    key(COLORS.journey, trendTitle(chart.runs.length)),
    `<span class="k"><b style="background:${nowColor}"></b>now ${escapeHtml(formatMs(chart.now.ms))}</span>`,
    chart.usual && `<span class="k"><i class="band"></i>usual ${escapeHtml(formatMs(chart.usual.ms))}–${escapeHtml(formatMs(chart.usual.ms * chart.usual.factor))}</span>`,
    chart.budget.degradedResponseTime !== undefined && key(COLORS.degraded, `degraded ${formatMs(chart.budget.degradedResponseTime)}`, true),
    chart.budget.maxResponseTime !== undefined && key(COLORS.max, `max ${formatMs(chart.budget.maxResponseTime)}`, true),
  ].filter(Boolean).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<style>${lib.css.replace(/<\/style/gi, '<\\/style')}
html,body{margin:0;background:#fff;overflow:hidden}
body{width:${size.width}px;height:${size.height}px;font:12px/1.2 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328}
header{height:${HEADER_PX}px;display:flex;align-items:center;gap:12px;padding:0 10px;white-space:nowrap;overflow:hidden}
header .name{font-weight:600;overflow:hidden;text-overflow:ellipsis;max-width:180px}
.k{display:inline-flex;align-items:center;gap:4px}
.k i{display:inline-block;width:16px;height:0}
.k i.band{height:8px;border:0;background:rgba(89,99,110,.25)}
.k b{display:inline-block;width:8px;height:8px;border-radius:50%}
</style></head>
<body><header><span class="name">${escapeHtml(chart.check)}</span>${keys}</header><div id="chart"></div>
<script type="application/json" id="trend-data">${jsonBody(data)}</script>
<script>${uplotJs}</script>
<script>${pageJs}</script>
</body></html>
`;
}
