// Builds the Slack message for a run (pure): Block Kit in a coloured attachment, with a plain-text fallback.
import type { CheckResult, CheckStatus, Link } from '../result/types.ts';
import { stripAnsi } from '../result/strip-ansi.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';
import { formatBudget, formatMs, plural, statusIcon } from '../result/format.ts';
import { isChange, visualSentence, type VisualChange } from '../policy/visual-diff.ts';
import { esc, link } from './mrkdwn.ts';
import { traceViewerUrl } from '../result/trace-viewer.ts';
import { shortStampWithZone, stampWithZone } from '../render/time.ts';

/** `monitor`: mimamori itself could not run the check (a runner failure); `monitor-recovered`: it runs again. */
export type MessageKind = 'alert' | 'reminder' | 'recovered' | 'report' | 'monitor' | 'monitor-recovered';

export interface MessageContext {
  kind: MessageKind;
  runId: string;
  timeZone: string;
  /** Straight to this run's log lines in CloudWatch (when running on Lambda). */
  logsUrl?: string;
  /** This run's X-Ray trace in the CloudWatch console (when running on Lambda with tracing on). */
  traceUrl?: string;
  /** When the incident opened (for downtime in recovery and resolved messages). */
  incidentOpenedAt?: string;
  /** Failed runs in the incident so far. */
  failures?: number;
  /** Something the reader should know about this alert (e.g. the check's state could not be read). */
  note?: string;
  /** When the message is built (default now): which links still last, and how long they say. */
  now?: number;
}

export interface SlackMessage {
  text: string;
  attachments: { color: string; blocks: unknown[]; fallback: string }[];
}

const LOOK: Record<CheckStatus | 'recovered' | 'monitor', { emoji: string; color: string; word: string }> = {
  passed: { emoji: ':large_green_circle:', color: '#2eb67d', word: 'passed' },
  monitor: { emoji: ':wrench:', color: '#616061', word: 'could not be run by the monitor (a mimamori problem, not a verdict on the site)' },
  degraded: { emoji: ':large_yellow_circle:', color: '#ecb22e', word: 'degraded' },
  failed: { emoji: ':red_circle:', color: '#e01e5a', word: 'FAILED' },
  recovered: { emoji: ':white_check_mark:', color: '#2eb67d', word: 'recovered' },
};

const MAX_ERROR = 1200;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Status emoji, the check's name (escaped) and what happened: `:red_circle: checkout FAILED`. */
export function headline(r: CheckResult, ctx: Pick<MessageContext, 'kind' | 'incidentOpenedAt' | 'failures'>): { look: (typeof LOOK)[keyof typeof LOOK]; text: string } {
  const downtime = ctx.incidentOpenedAt ? ` after ${formatMs(r.startedAt - Date.parse(ctx.incidentOpenedAt))}` : '';
  if (ctx.kind === 'monitor-recovered') return { look: LOOK.recovered, text: `${LOOK.recovered.emoji} the monitor runs ${esc(r.name)} again${downtime} (this run: ${r.status})` };
  if (ctx.kind === 'monitor') return { look: LOOK.monitor, text: `${LOOK.monitor.emoji} ${esc(r.name)} ${LOOK.monitor.word}` };
  const recovered = ctx.kind === 'recovered';
  const look = LOOK[recovered ? 'recovered' : r.status];
  const reminder = ctx.kind === 'reminder' ? ` (still failing: ${ctx.failures} runs)` : '';
  const slower = r.status === 'degraded' && r.usual?.state === 'slower' && !recovered ? ': slower than usual' : '';
  return { look, text: `${look.emoji} ${esc(r.name)} ${look.word}${slower}${recovered && downtime ? `${downtime} down` : ''}${reminder}` };
}

/** The gist of a failure on one line, escaped: `add to cart: expected the cart`. */
export function errorGist(r: CheckResult): string | undefined {
  return r.error && esc(`${r.error.step ? `${r.error.step}: ` : ''}${firstLine(stripAnsi(r.error.message))}`);
}

export function colorOf(status: keyof typeof LOOK): string {
  return LOOK[status].color;
}

/** Now vs usual for the journey and the step that slowed most, in one line a person reads at a glance. */
function usualLine(u: Extract<NonNullable<CheckResult['usual']>, { journey: unknown }>): string {
  const vs = (c: { nowMs: number; medianMs: number; usualMs: number }) =>
    `${formatMs(c.medianMs)} now (median of the recent runs; this run ${formatMs(c.nowMs)}) vs ${formatMs(c.usualMs)} usual (${(c.medianMs / Math.max(1, c.usualMs)).toFixed(1)}×)`;
  const step = u.step ? `\nStep '${u.step.name}': ${vs(u.step)}` : '';
  return `Journey: ${vs(u.journey)}${step}\n_${u.rule.replace(/^./, (c) => c.toUpperCase())}._`;
}

function stepLines(r: CheckResult): string {
  return r.steps
    .map((s) => `${statusIcon(s.status)} ${esc(s.name)}  ${s.status === 'skipped' ? '_skipped_' : formatBudget(s.durationMs, s.budget)}`)
    .join('\n');
}

/** A presigned link that still works at least this long may stand in a Slack message as it is (saying until when). */
export const LASTING_LINK_MS = 24 * 3600_000;

/** When the link stops working: undefined when it does not say, and long ago when what it says is not a time. */
function endOf(l: Link): number | undefined {
  if (l.expiresAt === undefined) return undefined;
  const ends = Date.parse(l.expiresAt);
  return Number.isFinite(ends) ? ends : -Infinity;
}

/** The link works for a day more at least (one without an expiry, not presigned, lasts). */
function lasts(l: Link, now: number): boolean {
  const ends = endOf(l);
  return !l.endsWithSession && (ends === undefined || ends - now >= LASTING_LINK_MS);
}

/**
 * One piece of evidence, for a message read for years: the presigned link when it lasts (with the time it stops),
 * else the object's S3 console page (there as long as the object; an AWS sign-in), else — a custom endpoint has no
 * console — the presigned link saying when it really stops. A link that has already stopped is left out.
 */
function evidence(l: Link, label: string, now: number, timeZone: string): string | undefined {
  if (!lasts(l, now) && l.consoleUrl) return link(l.consoleUrl, `${label} (S3 console)`);
  const ends = endOf(l);
  if (ends !== undefined && ends <= now) return undefined;
  if (l.endsWithSession) return link(l.url, `${label} (valid until the signing session ends)`);
  return link(l.url, ends === undefined ? label : `${label} (valid until ${shortStampWithZone(ends, timeZone)})`);
}

/**
 * Links to the evidence: screenshot (and the last good one) and result in S3, the console, the logs and the page.
 * Each lasts as long as its label says (see `evidence`); `now` is when the message is built.
 */
export function links(r: CheckResult, ctx: Pick<MessageContext, 'logsUrl' | 'traceUrl'> & { timeZone?: string }, now = Date.now()): string {
  const timeZone = ctx.timeZone ?? 'UTC';
  const shot = storyScreenshot(r);
  const items: (string | undefined)[] = [];
  if (shot?.link) items.push(evidence(shot.link, 'Screenshot', now, timeZone));
  const lastGood = r.lastGood?.screenshot?.link;
  if (lastGood) items.push(evidence(lastGood, 'Last good', now, timeZone));
  // The trace opens in the hosted viewer (nothing to install); once the presigned link ends, its S3 console page.
  const trace = r.trace?.link;
  if (trace && /^https?:/.test(trace.url)) items.push(evidence({ ...trace, url: traceViewerUrl(trace.url) }, 'Trace', now, timeZone));
  const result: Link | undefined = r.storage?.s3?.result;
  if (result) items.push(evidence(result, 'Result', now, timeZone));
  // The result's console page, unless the Result link already is it.
  if (result?.consoleUrl && lasts(result, now)) items.push(link(result.consoleUrl, 'S3 console'));
  if (ctx.logsUrl) items.push(link(ctx.logsUrl, 'Logs'));
  if (ctx.traceUrl) items.push(link(ctx.traceUrl, 'X-Ray trace'));
  const page = r.navigations[r.navigations.length - 1]?.url ?? r.baseURL;
  if (page && /^https?:/.test(page)) items.push(link(page, 'Open the page'));
  return items.filter(Boolean).join('  ·  ');
}

/** The biggest visual change of a run that is not passed (the one its alert shows), if any. */
export function visualChange(r: Pick<CheckResult, 'visual' | 'status'>): VisualChange | undefined {
  if (r.status === 'passed') return undefined;
  return (r.visual ?? []).filter(isChange).sort((a, b) => b.diffRatio - a.diffRatio)[0];
}

export function buildSlackMessage(r: CheckResult, ctx: MessageContext): SlackMessage {
  const { look, text } = headline(r, ctx);
  const blocks: unknown[] = [section(`*${text}*${r.description ? `\n${esc(r.description)}` : ''}`)];
  const lastNav = r.navigations[r.navigations.length - 1];
  const fields = [
    `*Duration*\n${formatBudget(r.durationMs, r.budget)}`,
    `*Attempts*\n${r.attempts}${r.flaky ? ' (flaky)' : ''}`,
    `*HTTP status*\n${lastNav?.status ?? '–'}`,
    `*Target*\n${lastNav ? esc(lastNav.url) : esc(r.baseURL || '–')}`,
  ];
  blocks.push({ type: 'section', fields: fields.map((f) => ({ type: 'mrkdwn', text: f })) });
  if (r.steps.length) blocks.push(section(`*Steps*\n${stepLines(r)}`));
  if (r.usual?.state === 'slower') blocks.push(section(`:snail: *Slower than usual*\n${esc(usualLine(r.usual))}`));
  const change = visualChange(r);
  if (change) {
    const diffLink = change.diff?.link && evidence(change.diff.link, 'Diff image', ctx.now ?? Date.now(), ctx.timeZone);
    blocks.push(section(`:frame_with_picture: *Visual change*\n${esc(visualSentence(change))}${diffLink ? `\n${diffLink}` : ''}`));
  }
  if (r.error) {
    const message = stripAnsi(r.error.message).trim();
    const trimmed = message.length > MAX_ERROR ? `${message.slice(0, MAX_ERROR)}…` : message;
    const where = r.error.step ? ` in *${esc(r.error.step)}*` : '';
    blocks.push(section(`*${r.error.class} error*${where}\n\`\`\`${esc(trimmed.replace(/```/g, "'''"))}\`\`\``));
  }
  if (r.warnings?.length) blocks.push(section(`:warning: ${r.warnings.map(esc).join('\n:warning: ')}`));
  if (ctx.note) blocks.push(section(`:warning: ${esc(ctx.note)}`));
  const linkLine = links(r, ctx, ctx.now);
  if (linkLine) blocks.push(section(linkLine));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${stampWithZone(r.startedAt, ctx.timeZone)}  ·  run \`${ctx.runId}\`  ·  ${esc(r.file)}` }] });
  const fallback = `${text}: ${errorGist(r) ?? formatMs(r.durationMs)}`;
  return { text: fallback, attachments: [{ color: look.color, blocks, fallback }] };
}

/** The incident's parent message once it is over: what happened, for how long, with the details in its thread. */
export function buildResolvedParent(r: CheckResult, ctx: MessageContext & { incidentOpenedAt: string }): SlackMessage {
  const opened = Date.parse(ctx.incidentOpenedAt);
  const span = formatMs(r.startedAt - opened);
  const runs = plural(ctx.failures ?? 1, 'failed run');
  const text = ctx.kind === 'monitor-recovered'
    ? `${LOOK.recovered.emoji} Resolved: the monitor could not run ${esc(r.name)} for ${span} (${runs}); the site itself was not judged`
    : `${LOOK.recovered.emoji} Resolved: ${esc(r.name)} was failing for ${span} (${runs})`;
  const blocks = [
    section(`*${text}*`),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `From ${stampWithZone(opened, ctx.timeZone)} to ${stampWithZone(r.startedAt, ctx.timeZone)}  ·  details in the thread  ·  recovered in run \`${ctx.runId}\`` }] },
  ];
  return { text, attachments: [{ color: LOOK.recovered.color, blocks, fallback: text }] };
}
