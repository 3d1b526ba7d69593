// What an alert says, before any chat's markup: the headline, the failing step, the figures, the steps and the links
// to the evidence, in plain text. Slack renders these as mrkdwn blocks; Chatwork, Teams and a webhook render the same
// facts their own way, so every channel tells the same story and no wording is kept twice.
import type { CheckResult, CheckStatus, Link, Screenshot } from '../result/types.ts';
import { stripAnsi } from '../result/strip-ansi.ts';
import { firstLine, storyScreenshot } from '../result/evidence.ts';
import { formatBudget, formatMs, plural } from '../result/format.ts';
import { traceViewerUrl } from '../result/trace-viewer.ts';
import { shortStampWithZone, stampWithZone } from '../render/time.ts';

/** `monitor`: mimamori itself could not run the check (a runner failure); `monitor-recovered`: it runs again. */
export type MessageKind = 'alert' | 'reminder' | 'recovered' | 'report' | 'monitor' | 'monitor-recovered';

/** What the message's colour and wording follow: the run's status, or the incident's end, or the monitor's fault. */
export type Tone = CheckStatus | 'recovered' | 'monitor';

export interface FactsContext {
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

export const TONE_WORD: Record<Tone, string> = {
  passed: 'passed',
  monitor: 'could not be run by the monitor (a mimamori problem, not a verdict on the site)',
  degraded: 'degraded',
  failed: 'FAILED',
  recovered: 'recovered',
};

/** The tone and the headline after the check's name: `FAILED`, `recovered after 12m down`, `degraded: slower than usual`. */
export function headlineFacts(r: CheckResult, ctx: Pick<FactsContext, 'kind' | 'incidentOpenedAt' | 'failures'>): { tone: Tone; title: string; name: string; rest: string } {
  const downtime = ctx.incidentOpenedAt ? ` after ${formatMs(r.startedAt - Date.parse(ctx.incidentOpenedAt))}` : '';
  if (ctx.kind === 'monitor-recovered') return { tone: 'recovered', name: r.name, rest: `again${downtime} (this run: ${r.status})`, title: `the monitor runs ${r.name} again${downtime} (this run: ${r.status})` };
  if (ctx.kind === 'monitor') return { tone: 'monitor', name: r.name, rest: TONE_WORD.monitor, title: `${r.name} ${TONE_WORD.monitor}` };
  const recovered = ctx.kind === 'recovered';
  // A failure every probe region sees up, posted as a note (alerts.homeOnly: 'note'): worded and coloured as a warning,
  // never as an outage (a webhook receiver pages on `critical`).
  if (ctx.kind === 'report' && r.status === 'failed' && r.confirmation?.verdict === 'home-only') {
    const rest = `failed from ${r.confirmation.home} only`;
    return { tone: 'degraded', name: r.name, rest, title: `${r.name} ${rest}` };
  }
  const tone: Tone = recovered ? 'recovered' : r.status;
  const reminder = ctx.kind === 'reminder' ? ` (still failing: ${ctx.failures} runs)` : '';
  const slower = r.status === 'degraded' && r.usual?.state === 'slower' && !recovered ? ': slower than usual' : '';
  const rest = `${TONE_WORD[tone]}${slower}${recovered && downtime ? `${downtime} down` : ''}${reminder}`;
  return { tone, name: r.name, rest, title: `${r.name} ${rest}` };
}

/** The gist of a failure on one line: `add to cart: expected the cart`. */
export function plainGist(r: CheckResult): string | undefined {
  return r.error && `${r.error.step ? `${r.error.step}: ` : ''}${firstLine(stripAnsi(r.error.message))}`;
}

/** A presigned link that still works at least this long may stand in a message as it is (saying until when). */
export const LASTING_LINK_MS = 24 * 3600_000;

/** When the link stops working: undefined when it does not say, and long ago when what it says is not a time. */
function endOf(l: Link): number | undefined {
  if (l.expiresAt === undefined) return undefined;
  const ends = Date.parse(l.expiresAt);
  return Number.isFinite(ends) ? ends : -Infinity;
}

/** The link works for a day more at least (one without an expiry, not presigned, lasts). */
export function lasts(l: Link, now: number): boolean {
  const ends = endOf(l);
  return !l.endsWithSession && (ends === undefined || ends - now >= LASTING_LINK_MS);
}

export interface FactLink {
  /** `Screenshot`, `Trace`, `Result (S3 console)`, `Logs`, … with how long it works when it ends. */
  label: string;
  url: string;
  /** The evidence it points to: buttons pick by this. */
  kind: 'screenshot' | 'last-good' | 'trace' | 'result' | 'console' | 'logs' | 'xray' | 'page' | 'diff' | 'probe';
}

/**
 * One piece of evidence, for a message read for years: the presigned link when it lasts (with the time it stops),
 * else the object's S3 console page (there as long as the object; an AWS sign-in), else — a custom endpoint has no
 * console — the presigned link saying when it really stops. A link that has already stopped is left out.
 */
export function evidenceLink(l: Link, label: string, kind: FactLink['kind'], now: number, timeZone: string): FactLink | undefined {
  if (!lasts(l, now) && l.consoleUrl) return { label: `${label} (S3 console)`, url: l.consoleUrl, kind };
  const ends = endOf(l);
  if (ends !== undefined && ends <= now) return undefined;
  if (l.endsWithSession) return { label: `${label} (valid until the signing session ends)`, url: l.url, kind };
  return { label: ends === undefined ? label : `${label} (valid until ${shortStampWithZone(ends, timeZone)})`, url: l.url, kind };
}

/**
 * Links to the evidence: screenshot (and the last good one) and result in S3, the console, the logs and the page.
 * Each lasts as long as its label says (see `evidenceLink`); `now` is when the message is built.
 */
export function evidenceLinks(r: CheckResult, ctx: Pick<FactsContext, 'logsUrl' | 'traceUrl'> & { timeZone?: string }, now = Date.now()): FactLink[] {
  const timeZone = ctx.timeZone ?? 'UTC';
  const shot = storyScreenshot(r);
  const items: (FactLink | undefined)[] = [];
  if (shot?.link) items.push(evidenceLink(shot.link, 'Screenshot', 'screenshot', now, timeZone));
  const lastGood = r.lastGood?.screenshot?.link;
  if (lastGood) items.push(evidenceLink(lastGood, 'Last good', 'last-good', now, timeZone));
  // What each probe region saw (confirmFrom), beside the home region's picture.
  for (const p of r.confirmation?.probes ?? []) if (p.link) items.push(evidenceLink(p.link, `${p.region} screenshot`, 'probe', now, timeZone));
  // The trace opens in the hosted viewer (nothing to install); once the presigned link ends, its S3 console page.
  const trace = r.trace?.link;
  if (trace && /^https?:/.test(trace.url)) items.push(evidenceLink({ ...trace, url: traceViewerUrl(trace.url) }, 'Trace', 'trace', now, timeZone));
  const result: Link | undefined = r.storage?.s3?.result;
  if (result) items.push(evidenceLink(result, 'Result', 'result', now, timeZone));
  // The result's console page, unless the Result link already is it.
  if (result?.consoleUrl && lasts(result, now)) items.push({ label: 'S3 console', url: result.consoleUrl, kind: 'console' });
  if (ctx.logsUrl) items.push({ label: 'Logs', url: ctx.logsUrl, kind: 'logs' });
  if (ctx.traceUrl) items.push({ label: 'X-Ray trace', url: ctx.traceUrl, kind: 'xray' });
  const page = r.navigations[r.navigations.length - 1]?.url ?? r.baseURL;
  if (page && /^https?:/.test(page)) items.push({ label: 'Open the page', url: page, kind: 'page' });
  return items.filter((l): l is FactLink => Boolean(l));
}

const MAX_ERROR = 1200;

export interface AlertFacts {
  tone: Tone;
  /** The check's name. */
  name: string;
  /** The headline in plain text: `checkout FAILED`. */
  title: string;
  description?: string;
  /** The failure on one line (step: first line of the error). */
  gist?: string;
  /** Duration, attempts, HTTP status, target. */
  fields: { label: string; value: string }[];
  steps: { name: string; status: string; timing: string }[];
  error?: { class: string; step?: string; message: string };
  warnings: string[];
  note?: string;
  links: FactLink[];
  /** The picture that tells the story (the failure, else the last view), with its bytes when the run has them. */
  screenshot?: Screenshot;
  /** `2026-12-06 09:00:00 JST · run r-… · checks/checkout.check.ts` */
  footer: string;
}

/** The facts of one alert, in plain text; each notifier escapes and lays them out its own way. */
export function alertFacts(r: CheckResult, ctx: FactsContext): AlertFacts {
  const { tone, title, name } = headlineFacts(r, ctx);
  const now = ctx.now ?? Date.now();
  const lastNav = r.navigations[r.navigations.length - 1];
  const message = r.error && stripAnsi(r.error.message).trim();
  return {
    tone, name, title,
    ...(r.description && { description: r.description }),
    ...(r.error && { gist: plainGist(r) }),
    fields: [
      { label: 'Duration', value: formatBudget(r.durationMs, r.budget) },
      { label: 'Attempts', value: `${r.attempts}${r.flaky ? ' (flaky)' : ''}` },
      { label: 'HTTP status', value: String(lastNav?.status ?? '–') },
      { label: 'Target', value: lastNav?.url ?? (r.baseURL || '–') },
    ],
    steps: r.steps.map((s) => ({ name: s.name, status: s.status, timing: s.status === 'skipped' ? 'skipped' : formatBudget(s.durationMs, s.budget) })),
    ...(r.error && message !== undefined && { error: { class: r.error.class, ...(r.error.step && { step: r.error.step }), message: message.length > MAX_ERROR ? `${message.slice(0, MAX_ERROR)}…` : message } }),
    warnings: r.warnings ?? [],
    ...(ctx.note && { note: ctx.note }),
    links: evidenceLinks(r, ctx, now),
    screenshot: storyScreenshot(r, true),
    footer: `${stampWithZone(r.startedAt, ctx.timeZone)}  ·  run ${ctx.runId}  ·  ${r.file}`,
  };
}

/** `checkout was failing for 12m (3 failed runs)` — the line an incident's end is summed up with. */
export function resolvedLine(r: CheckResult, ctx: Pick<FactsContext, 'kind' | 'failures'> & { incidentOpenedAt: string }): string {
  const span = formatMs(r.startedAt - Date.parse(ctx.incidentOpenedAt));
  const runs = plural(ctx.failures ?? 1, 'failed run');
  return ctx.kind === 'monitor-recovered'
    ? `Resolved: the monitor could not run ${r.name} for ${span} (${runs}); the site itself was not judged`
    : `Resolved: ${r.name} was failing for ${span} (${runs})`;
}
