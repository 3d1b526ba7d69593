// The dashboard as one self-contained HTML file: every check's status, uptime, incidents, response times over time
// and last screenshots. The text is rendered here (escaped like the HTML report); the charts are drawn in the page by
// uPlot, inlined with the page's own script, from a compact JSON block. Nothing loads from elsewhere but the pictures.
import { escapeHtml, safeUrl } from './escape.ts';
import { formatMs } from '../result/format.ts';
import { printable } from '../result/printable.ts';
import { pageAssets, round, sparkChart, timeChart, type SparkChart, type TimeChart } from './dashboard-charts.ts';
import { DASHBOARD_CSS } from './dashboard-style.ts';
import { dateTime, knownZone } from './time.ts';
import { formatUptime, pausedNote, UPTIME_MEANING, uptimeClass } from './uptime.ts';
import { quietLabel, quietState } from './quiet-words.ts';
import type { DashboardCheck, DashboardData, DashboardHour, DashboardQuiet, DashboardStatus } from '../history/dashboard-model.ts';

export type { DashboardCheck, DashboardData, DashboardHour, DashboardIncident, DashboardStatus } from '../history/dashboard-model.ts';

/**
 * A stored key (`runs/broken%20site/2025/01/22/…/final.png`, as in the local out folder) as a URL relative to a
 * dashboard written at the folder's root: each segment is a file name, so each is encoded (a browser would otherwise
 * decode `%20` and ask for `broken site`).
 */
export function storeKeyUrl(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

// ——— times, durations, numbers ———

type Clock = (ms: number, short?: boolean) => string;

/** `2025-01-22 09:30` in the zone (`01-22 09:30` short), in a <time> carrying the instant. */
function clock(zone: string): Clock {
  return (ms, short = false) => {
    if (!Number.isFinite(ms)) return '–';
    return `<time datetime="${escapeHtml(new Date(ms).toISOString())}">${escapeHtml(dateTime(ms, zone, short))}</time>`;
  };
}

/** `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return formatMs(ms);
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const STATUSES = new Set(['passed', 'degraded', 'failed', 'unknown']);
const statusOf = (s: string): DashboardStatus => (STATUSES.has(s) ? (s as DashboardStatus) : 'unknown');
const ICONS: Record<DashboardStatus, string> = { passed: '✓', degraded: '!', failed: '✗', unknown: '?' };

function badge(status: DashboardStatus): string {
  return `<span class="badge ${status}">${ICONS[status]} ${status}</span>`;
}

/** A name on one line, escaped. */
const name = (text: string) => escapeHtml(printable(text));

/** Stable, unique anchors: `check-checkout`, `check-checkout-2`; a name with no ASCII letters gets its index. */
function checkIds(checks: DashboardCheck[]): string[] {
  const seen = new Map<string, number>();
  return checks.map((c, i) => {
    const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    const base = `check-${slug || i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

// ——— the page ———

/** The top view: one row per check, with its sparkline. */
function overview(data: DashboardData, ids: string[], when: Clock, sparks: (SparkChart | undefined)[]): string {
  if (data.checks.length === 0) return '<p class="empty">No checks have history yet.</p>';
  const rows = data.checks.map((c, i) => {
    const status = statusOf(c.status);
    const open = c.incidents.find((x) => x.end == null);
    const openText = open
      ? `<span class="st-failed">open since ${when(open.start, true)}</span>${open.failingStep ? `<br><small>step “${name(open.failingStep)}”</small>` : ''}`
      : '<span class="muted">–</span>';
    const up = (v: number | null, window: 'h24' | 'd7' | 'd30', label: string) => {
      const note = pausedNote(c.paused?.[window]);
      return `<td class="num uptime up-${uptimeClass(v)}" data-window="${window}" data-label="${label}" data-uptime="${escapeHtml(v ?? '')}" `
        + `title="${escapeHtml(UPTIME_MEANING)}">${escapeHtml(formatUptime(v))}${note ? `<br><small class="muted paused">${escapeHtml(note.trim())}</small>` : ''}</td>`;
    };
    const spark = sparks[i]
      ? `<div class="spark" data-chart="${sparks[i]!.id}" role="img" aria-label="journey p50, last hours"></div>`
      : '<span class="muted">no runs</span>';
    // A row of the overview only has no section to link to: the command that shows it in full is in its title.
    const label = c.overviewOnly
      ? `<span class="row-only" title="${escapeHtml(`not detailed here: mimamori dashboard --check ${JSON.stringify(printable(c.name))}`)}">${name(c.name)}</span>`
      : `<a href="#${escapeHtml(ids[i])}">${name(c.name)}</a>`;
    return `<tr class="check-row${c.overviewOnly ? ' row-only' : ''}" data-status="${status}"><td>${label}`
      + `${c.lastRunAt != null ? `<br><small class="muted">last run ${when(c.lastRunAt, true)}</small>` : ''}</td>`
      + `<td>${badge(status)}</td>${up(c.uptime.h24, 'h24', '24 h')}${up(c.uptime.d7, 'd7', '7 d')}${up(c.uptime.d30, 'd30', '30 d')}`
      + `<td class="open-incident">${openText}</td><td class="spark-cell">${spark}</td></tr>`;
  });
  return '<div class="scroll"><table class="overview"><thead><tr><th>Check</th><th>Now</th><th class="num">24 h</th>'
    + '<th class="num">7 d</th><th class="num">30 d</th><th>Open incident</th><th>Journey p50</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table></div>${moreNote(data)}`;
}

/** What a large dashboard leaves out of the detail, and how to see it. */
function moreNote(data: DashboardData): string {
  const rowsOnly = data.checks.filter((c) => c.overviewOnly).length;
  const filtered = data.filteredOut ? `${data.filteredOut} more ${data.filteredOut === 1 ? 'check is' : 'checks are'} left out by the tag filter. ` : '';
  if (!rowsOnly) return filtered ? `<p class="more muted">${escapeHtml(filtered.trim())}</p>` : '';
  const detailed = data.checks.length - rowsOnly;
  return `<p class="more muted">${escapeHtml(filtered)}Charts, incidents and screenshots below for the first ${detailed} of ${data.checks.length} checks, `
    + `what is not passing first; the other ${rowsOnly} are in this table only (uptime to the hour). `
    + 'See one in full with <code>npx mimamori dashboard --check &lt;name&gt;</code>, or a group with <code>--tag &lt;tag&gt;</code>.</p>';
}

function counts(checks: DashboardCheck[]): string {
  const n = (s: DashboardStatus) => checks.filter((c) => statusOf(c.status) === s).length;
  const boxes = (['passed', 'degraded', 'failed', 'unknown'] as const)
    .filter((s) => s !== 'unknown' || n(s) > 0)
    .map((s) => `<span class="count ${s}"><b>${n(s)}</b> ${s}</span>`);
  return `<div class="counts"><span class="count"><b>${checks.length}</b> checks</span>${boxes.join('')}</div>`;
}

const MAX_INCIDENT_ROWS = 200;

/** The quiet bands that overlap [start, end]: an incident open while muted counted silently then. */
const quietDuring = (bands: DashboardQuiet[] | undefined, start: number, end: number) =>
  (bands ?? []).filter((b) => b.start <= end && b.end >= start);

const MAX_QUIET_ROWS = 50;

/** The quiet time shaded on the chart, in words: what it was and when (the chart names a band on hover too). */
function quietList(check: DashboardCheck, when: Clock): string {
  const bands = [...(check.quiet ?? [])].reverse();
  if (bands.length === 0) return '';
  const items = bands.slice(0, MAX_QUIET_ROWS).map((b) => `<li class="quiet-band ${b.source}" data-mode="${b.mode}"><i></i>`
    + `${escapeHtml(quietLabel(b))} · ${when(b.start, true)} – ${when(b.end, true)}</li>`);
  const more = bands.length > MAX_QUIET_ROWS ? `<li class="muted">${bands.length - MAX_QUIET_ROWS} earlier not shown</li>` : '';
  return `<ul class="quiet-bands" aria-label="quiet time">${items.join('')}${more}</ul>`;
}

function incidentsTable(check: DashboardCheck, data: DashboardData, when: Clock): string {
  const list = [...check.incidents].sort((a, b) => b.start - a.start);
  const head = `<h3>Incidents <span class="muted">(${list.length} in ${escapeHtml(data.days)} days)</span></h3>`;
  if (list.length === 0) return `${head}<p class="muted">None.</p>`;
  const rows = list.slice(0, MAX_INCIDENT_ROWS).map((x) => {
    const open = x.end == null;
    const took = x.durationMs ?? (open ? data.generatedAt - x.start : x.end! - x.start);
    const link = safeUrl(x.evidence);
    const quiet = quietDuring(check.quiet, x.start, x.end ?? data.generatedAt);
    const quietText = quiet.length ? `<br><small class="quiet-note">${quiet.map((q) => escapeHtml(`${quietLabel(q)} during it`)).join('<br>')}</small>` : '';
    return `<tr class="incident${open ? ' open' : ''}"><td>${when(x.start)}${quietText}</td>`
      + `<td>${open ? '<span class="st-failed">open</span>' : when(x.end!)}</td>`
      + `<td class="num">${escapeHtml(formatDuration(took))}${open ? ' so far' : ''}</td>`
      + `<td>${x.failingStep == null ? '–' : name(x.failingStep)}</td><td class="error-text">${escapeHtml(x.error ?? '')}</td>`
      + `<td>${link ? `<a href="${escapeHtml(link)}">evidence</a>` : '–'}</td></tr>`;
  });
  const more = list.length > MAX_INCIDENT_ROWS ? `<p class="muted">${list.length - MAX_INCIDENT_ROWS} older incidents not shown.</p>` : '';
  return `${head}<div class="scroll"><table class="incidents"><thead><tr><th>Start</th><th>End</th><th class="num">Duration</th>`
    + `<th>Failing step</th><th>Error</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}`;
}

function latestHour(check: DashboardCheck, when: Clock): string {
  const last = check.hourly.reduce<DashboardHour | undefined>((a, h) => (!a || h.t > a.t ? h : a), undefined);
  if (!last) return '';
  return `<span class="latest" data-p50="${escapeHtml(round(last.p50) ?? '')}" data-p95="${escapeHtml(round(last.p95) ?? '')}">`
    + `hour of ${when(last.t, true)}: p50 <b>${escapeHtml(formatMs(last.p50))}</b> · p95 <b>${escapeHtml(formatMs(last.p95))}</b></span>`;
}

function facts(check: DashboardCheck, when: Clock): string {
  const { degradedResponseTime: degraded, maxResponseTime: max } = check.budget ?? {};
  const up = (label: string, w: 'h24' | 'd7' | 'd30') => `${label} ${escapeHtml(formatUptime(check.uptime[w]))}${escapeHtml(pausedNote(check.paused?.[w]))}`;
  const rows: [string, string][] = [
    ['Uptime', `<span class="uptime-facts" title="${escapeHtml(UPTIME_MEANING)}">${up('24 h', 'h24')} · ${up('7 d', 'd7')} · ${up('30 d', 'd30')}</span>`],
  ];
  const latest = latestHour(check, when);
  if (latest) rows.push(['Response time', latest]);
  if (degraded !== undefined || max !== undefined) {
    rows.push(['Budgets', `degraded ${degraded === undefined ? '–' : escapeHtml(formatMs(degraded))} · max ${max === undefined ? '–' : escapeHtml(formatMs(max))}`]);
  }
  if (check.usualMs != null) rows.push(['Usual', escapeHtml(formatMs(check.usualMs))]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** An image from a URL that is http(s) or relative; anything else (`javascript:`, `data:`) shows as missing. */
function picture(url: string | undefined, alt: string, caption: string, status?: DashboardStatus): string {
  const src = safeUrl(url);
  const cls = status ? ` class="shot st-border-${status}"` : ' class="shot"';
  const img = src
    ? `<a href="${escapeHtml(src)}"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async"></a>`
    : '<div class="frame empty">(image not available)</div>';
  return `<figure${cls}>${img}<figcaption>${caption}</figcaption></figure>`;
}

function screenshots(check: DashboardCheck, when: Clock): string {
  const latest = check.latestShot
    ? `<h3>Latest screenshot</h3><div class="latest-shot">${picture(check.latestShot, `latest screenshot of ${printable(check.name)}`, 'latest run')}</div>`
    : '';
  const strip = [...check.strip].sort((a, b) => a.t - b.t);
  const pictures = strip.map((s) => {
    const status = statusOf(s.status);
    const quiet = s.quiet ? ` <span class="quiet-note" title="${escapeHtml(quietLabel(s.quiet))}">${quietState(s.quiet)}</span>` : '';
    return picture(s.url, `${status} run, ${new Date(s.t).toISOString()}`, `${when(s.t, true)} <span class="st-${status}">${ICONS[status]} ${status}</span>${quiet}`, status);
  });
  return latest + (strip.length ? `<h3>Last screenshots</h3><div class="strip">${pictures.join('')}</div>` : '');
}

function section(check: DashboardCheck, i: number, id: string, data: DashboardData, when: Clock, chart: TimeChart | undefined): string {
  const status = statusOf(check.status);
  const last = check.lastRunAt != null ? `<span class="muted">last run ${when(check.lastRunAt)}</span>` : '';
  const plot = chart
    ? `<div class="chart" data-chart="${chart.id}" role="img" aria-label="response time per hour"><div class="chart-wait">drawing…</div></div>`
    : `<p class="muted">No runs in the last ${escapeHtml(data.days)} days.</p>`;
  return `<section class="check" id="${escapeHtml(id)}" data-status="${status}" data-check="${i}">`
    + `<header><h2>${name(check.name)}</h2>${badge(status)}${last}</header>`
    + facts(check, when)
    + `<h3>Response time per hour</h3>${plot}${quietList(check, when)}`
    + incidentsTable(check, data, when)
    + screenshots(check, when)
    + '</section>';
}

/** The whole dashboard: a pure function of the data (and the installed uPlot). */
export function renderDashboard(data: DashboardData): string {
  const { zone, problem } = knownZone(data.timeZone);
  const when = clock(zone);
  const ids = checkIds(data.checks);
  const timeCharts = data.checks.map((c, i) => (c.overviewOnly ? undefined : timeChart(c, `time-${i}`)));
  const sparks = data.checks.map((c, i) => sparkChart(c, statusOf(c.status), `spark-${i}`));
  const charts = [...sparks, ...timeCharts].filter((c): c is TimeChart | SparkChart => c !== undefined);
  const assets = pageAssets(zone, charts);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(assets.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>mimamori dashboard</title>',
    `<style>${assets.css}</style>`,
    `<style>${DASHBOARD_CSS}</style>`,
    '</head>',
    '<body><main>',
    '<header class="page"><h1>mimamori dashboard</h1>',
    `<p class="meta"><span>generated ${when(data.generatedAt)}</span><span>last ${escapeHtml(data.days)} days</span>`
      + `<span>times in ${escapeHtml(zone)}</span></p>${problem ? `<p class="st-degraded">${escapeHtml(problem)}</p>` : ''}`,
    counts(data.checks),
    '</header>',
    overview(data, ids, when, sparks),
    ...data.checks.map((c, i) => (c.overviewOnly ? '' : section(c, i, ids[i]!, data, when, timeCharts[i]))),
    '</main>',
    assets.scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
