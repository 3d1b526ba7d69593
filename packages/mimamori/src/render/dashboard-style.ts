// The dashboard's inline stylesheet (after uPlot's own): the HTML report's look, a top table, charts and screenshot strips.

export const DASHBOARD_CSS = `
:root { --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --unknown: #818b98; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif; color: #1f2328; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 13px; margin: 20px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: #0969da; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0; }
.meta span + span::before { content: " · "; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0 20px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg); }
.count b { font-size: 16px; }
.count.passed b, .st-passed, .up-good { color: var(--pass); }
.count.degraded b, .st-degraded, .up-fair { color: var(--warn); }
.count.failed b, .st-failed, .up-poor { color: var(--fail); }
.count.unknown b, .st-unknown, .up-none { color: var(--muted); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; vertical-align: middle; }
.badge.passed { background: var(--pass); } .badge.degraded { background: var(--warn); } .badge.failed { background: var(--fail); } .badge.unknown { background: var(--unknown); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.overview { margin-bottom: 28px; }
.overview td:first-child { max-width: 320px; }
.overview td:first-child a { text-decoration: none; font-weight: 600; }
.spark-cell { width: 172px; padding: 2px 8px; }
.spark { width: 160px; height: 36px; }
.check { border: 1px solid var(--line); border-left-width: 6px; border-radius: 8px; margin: 0 0 20px; padding: 16px; }
.check[data-status=passed] { border-left-color: var(--pass); }
.check[data-status=degraded] { border-left-color: var(--warn); }
.check[data-status=failed] { border-left-color: var(--fail); }
.check[data-status=unknown] { border-left-color: var(--unknown); }
.check > header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.chart { min-height: 300px; width: 100%; }
.chart-wait { height: 300px; display: flex; align-items: center; justify-content: center; color: var(--muted); background: var(--bg); border-radius: 6px; }
.chart .u-legend { font-size: 12px; text-align: left; }
.chart .u-legend .u-series { padding: 0 6px; }
.incidents tr.open td { background: #fff8f8; }
.error-text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
figure.shot { margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: var(--bg); }
figure.shot img { display: block; width: 100%; height: auto; }
figure.shot figcaption { padding: 2px 6px; font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.latest-shot { max-width: 480px; }
.latest-shot figure { max-height: 520px; overflow: auto; }
.strip { display: grid; grid-auto-flow: column; grid-auto-columns: 160px; gap: 8px; overflow-x: auto; padding-bottom: 6px; }
.strip figure.shot { border-top-width: 3px; }
.st-border-passed { border-top-color: var(--pass) !important; } .st-border-degraded { border-top-color: var(--warn) !important; }
.st-border-failed { border-top-color: var(--fail) !important; } .st-border-unknown { border-top-color: var(--unknown) !important; }
.frame.empty { padding: 24px 8px; text-align: center; color: var(--muted); font-size: 12px; }
.empty { color: var(--muted); }
table.incidents { min-width: 720px; }
/* Quiet time: the bands under the chart's lines, listed with the same colours; runs and incidents in it say so. */
.quiet-bands { list-style: none; margin: 6px 0 0; padding: 0; font-size: 12px; color: var(--muted); }
.quiet-bands i { display: inline-block; width: 10px; height: 10px; margin-right: 6px; vertical-align: -1px; border-radius: 2px; }
.quiet-band.mute i { background: rgba(191, 135, 0, 0.35); } .quiet-band.maintenance i { background: rgba(84, 110, 140, 0.35); }
.quiet-note { color: #7d4e00; font-size: 12px; }
@media (max-width: 720px) {
  main { padding: 12px 8px 40px; } .check { padding: 10px; } .facts { grid-template-columns: 1fr; }
  /* The top view as cards: name and status, the three uptimes, the open incident, the sparkline. */
  .overview thead { display: none; }
  .overview, .overview tbody { display: block; }
  .overview tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 2px 8px; padding: 8px 0; border-bottom: 1px solid var(--line); }
  .overview td { border: 0; padding: 0 4px; text-align: left !important; }
  .overview td:first-child { grid-column: 1 / 3; max-width: none; }
  .overview td.uptime::before { content: attr(data-label) " "; color: var(--muted); }
  .overview td.open-incident, .overview td.spark-cell { grid-column: 1 / -1; width: auto; }
}
@media print { .check { break-inside: avoid; } }
`;
