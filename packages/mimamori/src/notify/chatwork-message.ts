// An alert as a Chatwork message (pure): the facts every channel tells (alert-facts.ts) in Chatwork's markup —
// `[info][title]…[/title]…[/info]`, `[hr]` between parts — with what the page or the check wrote escaped, so a page
// that says `[toall]` or `[To:123]` pings no one. A reply points to the incident's first message with `[rp]`.
// Markup: https://developer.chatwork.com/docs/message-notation
import type { CheckResult } from '../result/types.ts';
import { alertFacts, resolvedLine, type FactsContext } from './alert-facts.ts';

/** Chatwork refuses a body longer than this (RAML/api-ja.raml in github.com/chatwork/api: maxLength 65535). */
export const CHATWORK_MAX_BODY = 65_535;
/** Steps listed before the rest are summed up: a long journey must not push the links out of the message. */
const MAX_STEPS = 40;

/**
 * Text from the page or the check, safe in a message. Chatwork's tags are `[name]`, `[/name]`, `[name:value]` and
 * `[name attr=…]` (To, rp, qt, qtmeta, info, title, hr, code, picon, pname, piconname, toall, …): a `[` that starts
 * one becomes a full-width `［`, visibly not markup. Chatwork has no escape character, and an invisible mark would
 * ride along when someone copies a selector. `input[name="q"]` is no tag and stays as it is.
 */
export function chatworkText(text: string): string {
  return text.replace(/\[(?=\s*\/?\s*[A-Za-z][A-Za-z0-9_-]*\s*[\]:\s])/g, '［');
}

/** A link as Chatwork shows it: the URL bare (Chatwork links it), with brackets and spaces percent-encoded. */
export function chatworkUrl(url: string): string {
  return url.replace(/[[\]\s]/g, (c) => encodeURIComponent(c));
}

/** The incident's first message, which replies and the recovery point to. */
export interface ChatworkReplyTo {
  room: string;
  messageId: string;
  /** The account that posted it (the token's, from GET /me): Chatwork's reply tag needs it. */
  accountId?: string;
}

/**
 * The reply tag (Chatwork's "RE", which jumps to the first message). It needs the poster's account id; without one,
 * the first message's link does the pointing.
 */
export function replyTag(to: ChatworkReplyTo): string {
  return to.accountId
    ? `[rp aid=${to.accountId} to=${to.room}-${to.messageId}]`
    : `Re: https://www.chatwork.com/#!rid${to.room}-${to.messageId}`;
}

const STATUS_MARK: Record<string, string> = { passed: '✓', failed: '✗', skipped: '–', degraded: '!' };

export interface ChatworkMessageContext extends FactsContext {
  /** A reply or the recovery: the first message it points to. */
  replyTo?: ChatworkReplyTo;
}

/** The message body for POST /rooms/{room_id}/messages. */
export function buildChatworkMessage(r: CheckResult, ctx: ChatworkMessageContext): string {
  const f = alertFacts(r, ctx);
  const t = chatworkText;
  const lines: string[] = [];
  const recovered = ctx.kind === 'recovered' || ctx.kind === 'monitor-recovered';
  if (recovered && ctx.incidentOpenedAt) lines.push(t(resolvedLine(r, { kind: ctx.kind, failures: ctx.failures, incidentOpenedAt: ctx.incidentOpenedAt })));
  if (f.description) lines.push(t(f.description));
  if (f.gist && !recovered) lines.push(t(f.gist));
  if (f.note) lines.push(`Note: ${t(f.note)}`);
  lines.push('[hr]', f.fields.map((x) => `${x.label}: ${x.label === 'Target' ? chatworkUrl(x.value) : t(x.value)}`).join('\n'));
  if (f.steps.length) {
    const shown = f.steps.slice(0, MAX_STEPS).map((s) => `${STATUS_MARK[s.status] ?? '·'} ${t(s.name)}  ${t(s.timing)}`);
    if (f.steps.length > MAX_STEPS) shown.push(`… ${f.steps.length - MAX_STEPS} more steps`);
    lines.push('[hr]', `Steps:\n${shown.join('\n')}`);
  }
  if (f.error && !recovered) lines.push('[hr]', `${t(f.error.class)} error${f.error.step ? ` in ${t(f.error.step)}` : ''}:\n${t(f.error.message)}`);
  if (f.warnings.length) lines.push(`Warnings:\n${f.warnings.map((w) => `· ${t(w)}`).join('\n')}`);
  if (f.links.length) lines.push('[hr]', f.links.map((l) => `${t(l.label)}: ${chatworkUrl(l.url)}`).join('\n'));
  lines.push('[hr]', t(f.footer));
  const head = ctx.replyTo ? `${replyTag(ctx.replyTo)}\n` : '';
  const body = `${head}[info][title]${t(f.title)}[/title]${lines.join('\n')}[/info]`;
  if (body.length <= CHATWORK_MAX_BODY) return body;
  // Only a huge description or warnings get here: keep the head and the close so the markup stays whole.
  return `${body.slice(0, CHATWORK_MAX_BODY - '…[/info]'.length)}…[/info]`;
}

/** The screenshot's caption (the upload's `message`): which alert it belongs to, pointing to that message. */
export function buildChatworkCaption(r: CheckResult, shot: { step?: string }, to?: ChatworkReplyTo): string {
  const what = `Screenshot: ${chatworkText(r.name)} · ${chatworkText(shot.step ?? 'final')} · ${r.status}`;
  return to ? `${replyTag(to)}\n${what}` : what;
}
