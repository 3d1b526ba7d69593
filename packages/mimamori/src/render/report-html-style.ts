// The HTML report's inline stylesheet: system font, status colours, no external resources.

export const REPORT_CSS = `
:root { --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", sans-serif; color: #1f2328; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 14px; margin: 20px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: #0969da; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.meta { color: var(--muted); margin: 0; }
.meta span + span::before { content: " · "; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0 20px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--bg); }
.count b { font-size: 16px; }
.count.passed b { color: var(--pass); } .count.degraded b { color: var(--warn); } .count.failed b { color: var(--fail); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; vertical-align: middle; }
.badge.passed { background: var(--pass); } .badge.degraded { background: var(--warn); } .badge.failed { background: var(--fail); }
.badge.skipped { background: #818b98; }
.st-passed { color: var(--pass); } .st-degraded { color: var(--warn); } .st-failed { color: var(--fail); } .st-skipped { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
.diagnostics, .check, .notes { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 20px; padding: 16px; }
.diagnostics { border-color: var(--fail); background: #fff8f8; }
.diagnostics h2 { color: var(--fail); margin-bottom: 8px; }
.check { border-left-width: 6px; }
.check[data-status=passed] { border-left-color: var(--pass); }
.check[data-status=degraded] { border-left-color: var(--warn); }
.check[data-status=failed] { border-left-color: var(--fail); }
.check header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.check .desc { margin: 4px 0 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.flaky { color: var(--warn); font-weight: 600; }
.quiet { color: #7d4e00; font-size: 13px; margin-left: 6px; }
.error { border: 1px solid var(--fail); background: #ffebe9; border-radius: 6px; padding: 10px 12px; margin: 14px 0 0; }
.error .title { font-weight: 600; color: var(--fail); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0 0; padding: 8px; background: #fff; border: 1px solid var(--line); border-radius: 4px; max-height: 360px; overflow: auto; }
ul.samples { margin: 4px 0; padding-left: 20px; } ul.samples li { overflow-wrap: anywhere; }
.shots { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
.shots.pair { grid-template-columns: repeat(2, minmax(0, 1fr)); }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: var(--bg); }
figure .frame { max-height: 520px; overflow: auto; background: #fff; }
figure img { display: block; width: 100%; height: auto; }
figcaption { padding: 4px 8px; font-size: 12px; color: var(--muted); }
.overview { margin-bottom: 24px; } .overview td:first-child a { text-decoration: none; }
.empty { color: var(--muted); }
@media print { .check, .diagnostics { break-inside: avoid; } figure .frame { max-height: none; } }
`;
