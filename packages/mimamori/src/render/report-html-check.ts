// One check's section of the HTML report: facts, error box, now beside last good, steps, navigations, page errors,
// screenshots. Names (check, step, file) are shown with control characters as escapes (`printable`), all text escaped
// by escapeHtml().
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CheckResult, ErrorInfo, LastGoodEvidence, Link, Navigation, NotificationOutcome, Screenshot, StepResult, StepStatus, StorageOutcome } from '../result/types.ts';
import { storyScreenshot } from '../result/evidence.ts';
import { cleanText, escapeHtml, safeUrl } from './escape.ts';
import { quietLabel } from './quiet-words.ts';
import { errorDetail, formatBudget, formatMs, plural, statusIcon } from '../result/format.ts';
import { firstLine } from '../result/evidence.ts';
import { printable } from '../result/printable.ts';
import { traceViewerUrl } from '../result/trace-viewer.ts';
import { notificationProblems, targetLabel } from '../result/notification-problems.ts';

export interface ReportContext {
  /**
   * The folder the report is written to (the out folder), which stored paths are relative to: a last good picture
   * found there is shown from it. Without it, the picture's S3 link is preferred.
   */
  out?: string;
}

/** Beside a run's status when it ran in quiet time: `muted` / `in maintenance`, the details on hover and in the text. */
export function quietTag(r: Pick<CheckResult, 'quiet'>): string {
  if (!r.quiet) return '';
  return ` <span class="quiet" data-quiet="${escapeHtml(r.quiet.source)}" title="${escapeHtml(quietLabel(r.quiet))}">${escapeHtml(quietLabel(r.quiet))}</span>`;
}

export function badge(status: StepStatus): string {
  return `<span class="badge ${escapeHtml(status)}">${statusIcon(status)} ${escapeHtml(status)}</span>`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '–' : escapeHtml(formatMs(value));
}

function link(url: string): string {
  return anchor(url, url);
}

function attemptsFact(r: CheckResult): string {
  const text = r.attempts === 1 ? '1' : `${r.attempts} (the last one is reported)`;
  if (!r.flaky) return escapeHtml(text);
  const earlier = r.attemptHistory
    .filter((a) => a.attempt !== r.attempts)
    .map((a) => `attempt ${a.attempt} ${a.status}${a.error ? ` (${a.error.class}: ${firstLine(cleanText(a.error.message))})` : ''}`);
  const note = `flaky, ${r.status} on attempt ${r.attempts}`;
  return `${escapeHtml(r.attempts)} <span class="flaky">${escapeHtml(note)}</span>${earlier.length ? `<br>${escapeHtml(earlier.join('; '))}` : ''}`;
}

/** Against the check's own usual: learning, as usual, or slower (with the rule it applied). */
function usualFact(u: NonNullable<CheckResult['usual']>): string {
  if (u.state !== 'slower') return escapeHtml(u.sentence);
  return `<strong>${escapeHtml(u.sentence)}</strong><br><small>${escapeHtml(u.rule)}</small>`;
}

function facts(r: CheckResult): string {
  const rows: [string, string][] = [
    ['Duration / budgets', escapeHtml(formatBudget(r.durationMs, r.budget))],
    ['Attempts', attemptsFact(r)],
    ...(r.usual ? [['Usual', usualFact(r.usual)] as [string, string]] : []),
    ['Base URL', link(r.baseURL)],
    ['File', `<code>${escapeHtml(printable(r.file))}</code>`],
  ];
  if (r.tags.length > 0) rows.push(['Tags', escapeHtml(r.tags.join(', '))]);
  if (r.storage) rows.push(['Stored', stored(r.storage)]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/**
 * Where the evidence went: the S3 result (until when its link works) with its console page, and what is not in S3
 * and why (the local folder when nothing is).
 */
function stored(storage: StorageOutcome): string {
  const local = `<code>${escapeHtml(storage.folder)}</code>`;
  const s3 = storage.s3;
  if (!s3) return local;
  if (s3.error && !s3.result) return `${local} <span class="st-failed">(not in S3: ${escapeHtml(s3.error.message)})</span>`;
  const result = s3.result ? ` · ${evidenceLink(s3.result, 'result.json')}` : '';
  const console = s3.result?.consoleUrl ? ` · ${anchor(s3.result.consoleUrl, 'S3 console')}` : '';
  const missing = s3.error ? ` <span class="st-failed">(not all in S3: ${escapeHtml(s3.error.message)})</span>` : '';
  return `<code>${escapeHtml(s3.location)}</code>${result}${console}${missing}`;
}

function anchor(url: string, text: string): string {
  const safe = safeUrl(url);
  return safe && /^https?:/i.test(safe) ? `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** `2025-01-22 09:30 UTC`, in a <time>. */
function when(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return escapeHtml(iso);
  const at = new Date(ms).toISOString();
  return `<time datetime="${escapeHtml(at)}">${escapeHtml(`${at.slice(0, 10)} ${at.slice(11, 16)} UTC`)}</time>`;
}

/** Until when a presigned link works: its real end (the signing credentials' when sooner), or that it ends with them. */
function expiry(l: Link): string {
  if (!l.expiresAt) return '';
  if (l.endsWithSession) return ` <small>(temporary: ends with the session that signed it, by ${when(l.expiresAt)} at the latest)</small>`;
  return ` <small>(valid until ${when(l.expiresAt)})</small>`;
}

/** A stored object's link, with until when it works. */
function evidenceLink(l: Link, text: string): string {
  return `${anchor(l.url, text)}${expiry(l)}`;
}

/** A picture's links: open it (until when), and its S3 console page (as long as the object is there). */
function pictureLinks(l: Link | undefined): string {
  if (!l) return '';
  return ` · ${evidenceLink(l, 'open')}${l.consoleUrl ? ` · ${anchor(l.consoleUrl, 'S3 console')}` : ''}`;
}

/** What the alert policy decided, what Slack got or what failed — and the message itself, as a preview. */
function slack(n: NotificationOutcome): string {
  const problems = notificationProblems(n);
  const head = `<p>${escapeHtml(n.action)} · ${escapeHtml(n.reason)}${n.channel ? ` · ${escapeHtml(n.channel)}` : ''}</p>`
    + (n.targets ? `<p>to ${escapeHtml(n.targets.map(targetLabel).join(', '))}</p>` : '')
    + problems.map((p) => `<p class="st-failed">${escapeHtml(p)}</p>`).join('');
  if (!n.preview) return `<h3>Slack</h3>${head}`;
  const lines = n.preview.blocks.flatMap((b) => {
    const block = b as { text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };
    return [block.text?.text, ...(block.fields ?? []).map((f) => f.text), ...(block.elements ?? []).map((e) => e.text)].filter(Boolean) as string[];
  });
  return `<h3>Slack</h3>${head}<details><summary>Slack message preview</summary><pre>${escapeHtml(n.preview.text)}\n\n${escapeHtml(lines.join('\n\n'))}</pre></details>`;
}

/** The run's warnings (a limit nearly reached, a visual baseline re-recorded), in full. */
function warnings(r: CheckResult): string {
  if (!r.warnings?.length) return '';
  return `<h3>Warnings</h3><ul class="warnings">${r.warnings.map((w) => `<li>⚠ ${escapeHtml(w)}</li>`).join('')}</ul>`;
}

function errorBox(e: ErrorInfo): string {
  const where = e.step ? ` in step “${escapeHtml(printable(e.step))}”` : '';
  return `<div class="error"><div class="title">${escapeHtml(e.class)} error${where}</div>`
    + `<div>${escapeHtml(firstLine(cleanText(e.message)))}</div><pre>${escapeHtml(errorDetail(e))}</pre></div>`;
}

function stepRow(s: StepResult): string {
  const { degradedResponseTime: degraded, maxResponseTime: max } = s.budget;
  const budget = degraded === undefined && max === undefined ? '–' : `${ms(degraded)} / ${ms(max)}`;
  const error = s.error ? `${s.error.class}: ${firstLine(cleanText(s.error.message))}` : '';
  const duration = s.status === 'skipped' ? '–' : ms(s.durationMs);
  return `<tr><td>${escapeHtml(printable(s.name))}</td><td class="st-${escapeHtml(s.status)}">${statusIcon(s.status)} ${escapeHtml(s.status)}</td>`
    + `<td class="num">${duration}</td><td class="num">${budget}</td><td>${escapeHtml(error)}</td></tr>`;
}

function stepsTable(steps: StepResult[]): string {
  if (steps.length === 0) return '';
  return '<h3>Steps</h3><table><thead><tr><th>Step</th><th>Status</th><th class="num">Duration</th>'
    + `<th class="num">Budget (degraded / max)</th><th>Error</th></tr></thead><tbody>${steps.map(stepRow).join('')}</tbody></table>`;
}

function navRow(n: Navigation): string {
  const status = n.status === null ? '–' : String(n.status);
  const cls = n.status === null || n.status >= 400 ? ' class="num st-failed"' : ' class="num"';
  return `<tr><td class="mono">${link(n.url)}</td><td${cls}>${escapeHtml(status)}</td><td class="num">${ms(n.ttfbMs)}</td>`
    + `<td class="num">${ms(n.domContentLoadedMs)}</td><td class="num">${ms(n.loadMs)}</td><td>${escapeHtml(printable(n.step ?? ''))}</td></tr>`;
}

function navigationsTable(navs: Navigation[]): string {
  if (navs.length === 0) return '';
  return '<h3>Navigations</h3><table><thead><tr><th>URL</th><th class="num">HTTP</th><th class="num">TTFB</th>'
    + '<th class="num">DOMContentLoaded</th><th class="num">Load</th><th>Step</th></tr></thead>'
    + `<tbody>${navs.map(navRow).join('')}</tbody></table>`;
}

function pageErrors(r: CheckResult): string {
  const { consoleErrors, failedRequests, samples } = r.pageErrors;
  if (consoleErrors + failedRequests === 0 && samples.length === 0) return '';
  const list = samples.length ? `<ul class="samples">${samples.map((s) => `<li class="mono">${escapeHtml(s)}</li>`).join('')}</ul>` : '';
  return `<h3>Page errors</h3><p>${plural(consoleErrors, 'console error')}, ${plural(failedRequests, 'failed request')}</p>${list}`;
}

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/**
 * A stored key (`runs/broken%20site/…/final.png`) as a URL relative to the report: its segments are file names, so
 * each is encoded (a browser would otherwise decode `%20` and ask for `broken site`). Script URLs give undefined.
 */
function keyUrl(path: string | undefined): string | undefined {
  return safeUrl(path) && path!.split('/').map(encodeURIComponent).join('/');
}

export function screenshotSrc(shot: Screenshot): string | undefined {
  if (shot.bytes && shot.bytes.length > 0) return dataUrl(shot.bytes);
  return keyUrl(shot.path);
}

function figure(shot: Screenshot): string {
  const src = screenshotSrc(shot);
  const caption = [shot.step === undefined ? '(no step)' : printable(shot.step), shot.kind, shot.attempt > 1 ? `attempt ${shot.attempt}` : '', `${shot.width}×${shot.height}`]
    .filter(Boolean).join(' · ');
  const img = frame(src, caption, shot);
  return `<figure>${img}<figcaption>${escapeHtml(caption)}${pictureLinks(shot.link)}</figcaption></figure>`;
}

/** The stored key names a file in the out folder (and stays inside it). */
function inOutFolder(out: string, path: string): boolean {
  const file = resolve(out, path);
  const within = relative(resolve(out), file);
  return Boolean(within) && !within.startsWith('..') && !isAbsolute(within) && existsSync(file);
}

/**
 * Where the last good picture is shown from: its bytes when the run still has them (as the run's own pictures), else
 * the copy in the out folder, else its S3 link; without the out folder to look in, the link first, then the path.
 */
function lastGoodSrc(evidence: LastGoodEvidence, context: ReportContext): string | undefined {
  if (evidence.bytes && evidence.bytes.length > 0) return dataUrl(evidence.bytes);
  const shot = evidence.screenshot!;
  const linked = shot.link && safeUrl(shot.link.url);
  const remote = linked && /^https?:/i.test(linked) ? linked : undefined;
  if (context.out !== undefined) return inOutFolder(context.out, shot.path) ? keyUrl(shot.path) : remote;
  return remote ?? keyUrl(shot.path);
}

function frame(src: string | undefined, alt: string, size?: { width: number; height: number }): string {
  if (!src) return '<div class="frame empty">(image not available)</div>';
  const dims = size ? ` width="${escapeHtml(size.width)}" height="${escapeHtml(size.height)}"` : '';
  return `<div class="frame"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${dims} loading="lazy"></div>`;
}

/** A failing or slower run beside the last passed one, same step where it has one: what changed, at a glance. */
function nowAndLastGood(r: CheckResult, context: ReportContext): string {
  const evidence = r.lastGood;
  if (r.status === 'passed' || !evidence?.screenshot) return '';
  const now = storyScreenshot(r);
  const was = evidence.screenshot;
  const label = (s: { step?: string; kind: string }) => `${s.step === undefined ? '(no step)' : printable(s.step)} · ${s.kind}`;
  const nowFigure = `<figure>${frame(now && screenshotSrc(now), now ? `now: ${label(now)}` : 'now', now)}`
    + `<figcaption><b>Now</b>${now ? ` · ${escapeHtml(label(now))}` : ' · (no screenshot)'}${pictureLinks(now?.link)}</figcaption></figure>`;
  const at = Number.isFinite(evidence.startedAt) ? new Date(evidence.startedAt).toISOString() : '–';
  const wasFigure = `<figure>${frame(lastGoodSrc(evidence, context), `last good: ${label(was)}`)}`
    + `<figcaption><b>Last good</b> (run <code>${escapeHtml(evidence.runId)}</code>, <time datetime="${escapeHtml(at)}">${escapeHtml(at)}</time>)`
    + ` · ${escapeHtml(label(was))}${pictureLinks(was.link)}</figcaption></figure>`;
  return `<h3>Now and last good</h3><div class="shots pair">${nowFigure}${wasFigure}</div>`;
}

/**
 * The Playwright trace: the local command that opens it (`npx playwright show-trace <path>`, the path as stored in the
 * out folder), the hosted viewer and the zip when it is in S3, or why none was kept.
 */
function trace(r: CheckResult, context: ReportContext): string {
  const t = r.trace;
  if (!t) return '';
  if (t.skipped || !t.path) return `<h3>Trace</h3><p class="meta">No trace kept: ${escapeHtml(t.skipped ?? 'it was not stored')}</p>`;
  const size = `${(t.size / 1024 / 1024).toFixed(1)} MB`;
  const remote = t.link && /^https?:/i.test(safeUrl(t.link.url) ?? '')
    ? ` · ${anchor(traceViewerUrl(t.link.url), 'open in the trace viewer')}${expiry(t.link)} · ${evidenceLink(t.link, 'trace.zip')}`
    : keyUrl(t.path) ? ` · <a href="${escapeHtml(keyUrl(t.path)!)}">trace.zip</a>` : '';
  // The stored path is relative to the out folder; with the out folder known, the command works from where the run was.
  const local = context.out !== undefined ? join(context.out, t.path) : t.path;
  return `<h3>Trace</h3><p>${escapeHtml(size)}${remote}<br><code>npx playwright show-trace ${escapeHtml(shellWord(local))}</code></p>`;
}

/** A path as one shell word: quoted when it holds anything a shell would read. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function screenshots(shots: Screenshot[]): string {
  if (shots.length === 0) return '';
  return `<h3>Screenshots</h3><div class="shots">${shots.map(figure).join('')}</div>`;
}

export function renderCheckSection(r: CheckResult, id: string, context: ReportContext = {}): string {
  return `<section class="check" data-status="${escapeHtml(r.status)}" id="${escapeHtml(id)}">`
    + `<header><h2>${escapeHtml(printable(r.name))}</h2>${badge(r.status)}${r.flaky ? '<span class="flaky">flaky</span>' : ''}${quietTag(r)}</header>`
    + (r.description ? `<p class="desc meta">${escapeHtml(r.description)}</p>` : '')
    + facts(r)
    + (r.error ? errorBox(r.error) : '')
    + warnings(r)
    + nowAndLastGood(r, context)
    + stepsTable(r.steps)
    + navigationsTable(r.navigations)
    + pageErrors(r)
    + screenshots(r.screenshots)
    + trace(r, context)
    + (r.notification ? slack(r.notification) : '')
    + '</section>';
}
