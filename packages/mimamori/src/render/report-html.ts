// The run as one self-contained HTML file (inline CSS, screenshots embedded, no scripts, no external URLs but the
// last good picture's S3 link when it is neither in memory nor in the out folder).
import { isNote, type CheckResult, type CheckStatus, type Diagnostic, type RunResult } from '../result/types.ts';
import { escapeHtml } from './escape.ts';
import { formatBudget, formatMs } from '../result/format.ts';
import { printable } from '../result/printable.ts';
import { badge, quietTag, renderCheckSection, type ReportContext } from './report-html-check.ts';
import { REPORT_CSS } from './report-html-style.ts';

// Defence in depth: even if some text slipped through unescaped, no script could run and nothing could load
// from elsewhere except images (the store may point screenshots at a URL).
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data: file:; base-uri 'none'; form-action 'none'";

/** Stable, unique anchors: `check-checkout`, `check-checkout-2`; names with no ASCII letters get their index. */
export function checkIds(results: CheckResult[]): string[] {
  const seen = new Map<string, number>();
  return results.map((r, i) => {
    const slug = r.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    const base = `check-${slug || i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '–';
}

function header(run: RunResult): string {
  const count = (s: CheckStatus): number => run.results.filter((r) => r.status === s).length;
  const flaky = run.results.filter((r) => r.flaky).length;
  const boxes = [
    `<span class="count"><b>${run.results.length}</b> checks</span>`,
    ...(['passed', 'degraded', 'failed'] as const).map((s) => `<span class="count ${s}"><b>${count(s)}</b> ${s}</span>`),
    flaky ? `<span class="count degraded"><b>${flaky}</b> flaky</span>` : '',
    problems(run).length ? `<span class="count failed"><b>${problems(run).length}</b> definition problems</span>` : '',
  ].join('');
  return '<header><h1>mimamori report</h1><p class="meta">'
    + `<span>Run <code>${escapeHtml(run.runId)}</code></span><span>started <time datetime="${escapeHtml(isoTime(run.startedAt))}">`
    + `${escapeHtml(isoTime(run.startedAt))}</time></span><span>took ${escapeHtml(formatMs(run.durationMs))}</span></p>`
    + `<div class="counts">${boxes}</div></header>`;
}

/** Notes (benign: a file a run by name did not wait for) are not problems: no check asked for was skipped. */
const problems = (run: RunResult) => run.diagnostics.filter((d) => !isNote(d));

function notes(list: Diagnostic[]): string {
  if (list.length === 0) return '';
  const items = list.map((d) => `<li><span class="mono">${escapeHtml(printable(d.file))}</span>: ${escapeHtml(d.message)}</li>`).join('');
  return `<section class="notes" id="notes"><h2>Notes</h2><ul>${items}</ul></section>`;
}

function diagnostics(list: Diagnostic[]): string {
  if (list.length === 0) return '';
  const rows = list
    .map((d) => `<tr><td class="mono">${escapeHtml(printable(d.file))}</td><td class="mono">${escapeHtml(printable(d.field ?? '–'))}</td><td>${escapeHtml(d.message)}</td></tr>`)
    .join('');
  return '<section class="diagnostics" id="diagnostics">'
    + `<h2>${list.length} ${list.length === 1 ? 'problem' : 'problems'} in check files or config</h2>`
    + '<p class="meta">The checks these belong to did not run.</p>'
    + `<table><thead><tr><th>File</th><th>Field</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function overview(results: CheckResult[], ids: string[]): string {
  if (results.length === 0) return '<p class="empty">No checks ran.</p>';
  const rows = results
    .map((r, i) => `<tr><td><a href="#${escapeHtml(ids[i])}">${escapeHtml(printable(r.name))}</a></td><td>${badge(r.status)}${r.flaky ? ' <span class="flaky">flaky</span>' : ''}${quietTag(r)}</td>`
      + `<td class="num">${escapeHtml(formatBudget(r.durationMs, r.budget))}</td><td class="num">${escapeHtml(r.attempts)}</td></tr>`)
    .join('');
  return '<table class="overview"><thead><tr><th>Check</th><th>Status</th><th class="num">Duration / budgets</th>'
    + `<th class="num">Attempts</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** `context.out`: the folder the report is written to, where stored evidence (the last good pictures) is looked up. */
export function renderHtmlReport(run: RunResult, context: ReportContext = {}): string {
  const ids = checkIds(run.results);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>mimamori · ${escapeHtml(run.runId)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body><main>',
    header(run),
    diagnostics(problems(run)),
    notes(run.diagnostics.filter(isNote)),
    overview(run.results, ids),
    ...run.results.map((r, i) => renderCheckSection(r, ids[i]!, context)),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
