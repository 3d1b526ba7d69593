// Builds the Slack message for a run (pure): Block Kit in a coloured attachment, with a plain-text fallback.
import type { CheckResult, CheckStatus } from '../result/types.ts';
import { stripAnsi } from '../result/strip-ansi.ts';
import { formatBudget, formatMs, plural, statusIcon } from '../result/format.ts';
import { isChange, visualSentence, type VisualChange } from '../policy/visual-diff.ts';
import { esc, link } from './mrkdwn.ts';
import { stampWithZone } from '../render/time.ts';
import { evidenceLink, evidenceLinks, headlineFacts, plainGist, resolvedLine, type FactsContext } from './alert-facts.ts';

export type { MessageKind } from './alert-facts.ts';

/** What a message is built from beside the result: the same context every channel's message takes (alert-facts.ts). */
export type MessageContext = FactsContext;

export interface SlackMessage {
  text: string;
  attachments: { color: string; blocks: unknown[]; fallback: string }[];
}

const LOOK: Record<CheckStatus | 'recovered' | 'monitor', { emoji: string; color: string }> = {
  passed: { emoji: ':large_green_circle:', color: '#2eb67d' },
  monitor: { emoji: ':wrench:', color: '#616061' },
  degraded: { emoji: ':large_yellow_circle:', color: '#ecb22e' },
  failed: { emoji: ':red_circle:', color: '#e01e5a' },
  recovered: { emoji: ':white_check_mark:', color: '#2eb67d' },
};

const MAX_ERROR = 1200;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Status emoji, the check's name (escaped) and what happened: `:red_circle: checkout FAILED`. */
export function headline(r: CheckResult, ctx: Pick<MessageContext, 'kind' | 'incidentOpenedAt' | 'failures'>): { look: (typeof LOOK)[keyof typeof LOOK]; text: string } {
  const { tone, rest } = headlineFacts(r, ctx);
  const look = LOOK[tone];
  if (ctx.kind === 'monitor-recovered') return { look, text: `${look.emoji} the monitor runs ${esc(r.name)} ${esc(rest)}` };
  return { look, text: `${look.emoji} ${esc(r.name)} ${esc(rest)}` };
}

/** The gist of a failure on one line, escaped: `add to cart: expected the cart`. */
export function errorGist(r: CheckResult): string | undefined {
  const gist = plainGist(r);
  return gist && esc(gist);
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

export { LASTING_LINK_MS } from './alert-facts.ts';

/** Links to the evidence (alert-facts.ts: which, and how long each lasts) as one mrkdwn line. */
export function links(r: CheckResult, ctx: Pick<MessageContext, 'logsUrl' | 'traceUrl'> & { timeZone?: string }, now = Date.now()): string {
  return evidenceLinks(r, ctx, now).map((l) => link(l.url, l.label)).join('  ·  ');
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
    const diff = change.diff?.link && evidenceLink(change.diff.link, 'Diff image', 'diff', ctx.now ?? Date.now(), ctx.timeZone);
    blocks.push(section(`:frame_with_picture: *Visual change*\n${esc(visualSentence(change))}${diff ? `\n${link(diff.url, diff.label)}` : ''}`));
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
  const text = `${LOOK.recovered.emoji} ${esc(resolvedLine(r, ctx))}`;
  const blocks = [
    section(`*${text}*`),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `From ${stampWithZone(opened, ctx.timeZone)} to ${stampWithZone(r.startedAt, ctx.timeZone)}  ·  details in the thread  ·  recovered in run \`${ctx.runId}\`` }] },
  ];
  return { text, attachments: [{ color: LOOK.recovered.color, blocks, fallback: text }] };
}
