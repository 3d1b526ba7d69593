// An alert as a Microsoft Teams message: the facts of alert-facts.ts laid out as an Adaptive Card, inside the message
// a Teams "Workflows" webhook expects (the Office 365 connectors it replaces are retired). Pure: no HTTP, no clock.
//
// The envelope — `{ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive',
// contentUrl: null, content: <AdaptiveCard> }] }` — is what the Workflows template "Send webhook alerts to a channel"
// ("When a Teams webhook request is received" trigger) posts; Workflows take Adaptive Cards only:
// https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
import type { Link, Screenshot } from '../result/types.ts';
import { shortStampWithZone } from '../render/time.ts';
import type { AlertFacts, FactLink, MessageKind, Tone } from './alert-facts.ts';

/**
 * Teams renders Adaptive Cards up to schema 1.5 ("Teams is also limited to version 1.5":
 * https://learn.microsoft.com/en-us/microsoft-copilot-studio/guidance/adaptive-cards-overview); this card uses nothing
 * newer than 1.4 (FactSet, Image, Container styles, Monospace text), which every Teams client draws.
 */
export const CARD_VERSION = '1.4';
/**
 * A Teams message holds 28 KB (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook),
 * counted on Teams' side as "message properties": a 24,453-byte request was counted 28,897 bytes against a limit of
 * 28,672 (https://github.com/MicrosoftDocs/msteams-docs/issues/11274). So the request stays under 20,000 bytes.
 */
export const TEAMS_BUDGET_BYTES = 20_000;

type Element = Record<string, unknown>;
export interface AdaptiveCard { type: 'AdaptiveCard'; $schema: string; version: string; body: Element[]; actions?: Element[]; msteams?: Record<string, unknown> }
export interface TeamsMessage {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }[];
}

/** The incident's first message, quoted by a reply or the recovery: a Workflows webhook has no threads. */
export interface TeamsQuote { title: string; openedAt: string }

export interface TeamsCardInput {
  facts: AlertFacts;
  kind: MessageKind;
  timeZone: string;
  /** When the card is built: whether the picture's link still works. */
  now: number;
  quote?: TeamsQuote;
  /** The recovery's summary (`resolvedLine`). */
  resolved?: string;
  /** The picture that tells the story, shown by its presigned link (its bytes are not needed). */
  screenshot?: Screenshot;
}

const LOOK: Record<Tone, { emoji: string; style: string; color: string }> = {
  failed: { emoji: '🔴', style: 'attention', color: 'attention' },
  degraded: { emoji: '🟡', style: 'warning', color: 'warning' },
  passed: { emoji: '🟢', style: 'good', color: 'good' },
  recovered: { emoji: '✅', style: 'good', color: 'good' },
  monitor: { emoji: '🔧', style: 'emphasis', color: 'accent' },
};
const STEP_ICON: Record<string, string> = { passed: '✓', failed: '✗', degraded: '△', skipped: '–' };

/**
 * User text (names, errors, URLs) as literal text in a TextBlock, whose text is Markdown in Teams: the characters
 * that would format are escaped, so a check named `*prod*` or an error with `[x](y)` shows as written.
 */
export function teamsText(s: string): string {
  return s
    .replace(/[\\*_[\]~`]/g, '\\$&')
    .replace(/^(\s*)([-+>#])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** A Markdown link that its URL cannot break out of. */
const mdLink = (label: string, url: string) => `[${teamsText(label)}](${url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
const cap = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const text = (t: string, extra: Element = {}): Element => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

/** `Re: checkout FAILED — opened 6 Dec, 09:00 GMT+9`: what ties a reply to the incident's first message. */
export function quoteLine(quote: TeamsQuote, timeZone: string): string {
  const at = Date.parse(quote.openedAt);
  return `Re: ${quote.title}${Number.isFinite(at) ? ` — opened ${shortStampWithZone(at, timeZone)}` : ''}`;
}

/** Until when the picture shows (its presigned link's end), or undefined when the link no longer works. */
export function pictureUntil(link: Link, now: number, timeZone: string): string | undefined {
  const ends = link.expiresAt === undefined ? undefined : Date.parse(link.expiresAt);
  if (ends !== undefined && !(ends > now)) return undefined;
  if (link.endsWithSession) return `until the session that signed its link ends (often within hours${ends ? `, ${shortStampWithZone(ends, timeZone)} at the latest` : ''})`;
  return ends === undefined ? 'as long as its link works' : `until ${shortStampWithZone(ends, timeZone)}, when its link expires`;
}

/** How much is left out, from all (0) to the least that still tells the story (3). */
interface Trim { level: 0 | 1 | 2 | 3 }
const ERROR_CHARS = [1200, 400, 120, 0];
const STEP_ROWS = [Infinity, 20, 8, 0];

/** The failing and slow steps first, then the earliest, up to `max`, in their order. */
function pickSteps<T extends { status: string }>(steps: T[], max: number): T[] {
  if (steps.length <= max) return steps;
  const keep = new Set<number>();
  steps.forEach((s, i) => (s.status === 'failed' || s.status === 'degraded') && keep.size < max && keep.add(i));
  for (let i = 0; i < steps.length && keep.size < max; i++) keep.add(i);
  return steps.filter((_, i) => keep.has(i));
}

const BUTTON_ORDER: FactLink['kind'][] = ['result', 'console', 'trace', 'logs', 'xray', 'screenshot', 'page'];
/** Teams shows at most six actions on a card. */
const MAX_BUTTONS = 6;

function card(input: TeamsCardInput, { level }: Trim): AdaptiveCard {
  const { facts, timeZone, now } = input;
  const look = LOOK[facts.tone];
  const body: Element[] = [];
  const left: string[] = [];
  const head: Element[] = [];
  if (input.quote) head.push(text(teamsText(cap(quoteLine(input.quote, timeZone), 300)), { isSubtle: true, size: 'Small' }));
  head.push(text(`${look.emoji} ${teamsText(cap(facts.title, 300))}`, { size: 'Large', weight: 'Bolder', color: look.color }));
  if (facts.description && level < 3) head.push(text(teamsText(cap(facts.description, 300)), { isSubtle: true, spacing: 'None' }));
  body.push({ type: 'Container', style: look.style, bleed: true, items: head });
  if (input.resolved) body.push(text(teamsText(input.resolved), { weight: 'Bolder' }));
  if (facts.note) body.push(text(`ℹ️ ${teamsText(cap(facts.note, 500))}`));

  if (facts.error) {
    const where = facts.error.step ? ` in **${teamsText(cap(facts.error.step, 200))}**` : '';
    body.push(text(`**${teamsText(facts.error.class)} error**${where}`, { spacing: 'Medium' }));
    const max = ERROR_CHARS[level]!;
    const message = max ? cap(facts.error.message, max) : cap(facts.gist ?? facts.error.message.split('\n')[0]!, 200);
    if (message.length < facts.error.message.length) left.push('the full error');
    body.push(text(teamsText(message).replace(/\n/g, '\n\n'), { fontType: 'Monospace', size: 'Small', spacing: 'Small' }));
  }

  body.push({ type: 'FactSet', spacing: 'Medium', facts: facts.fields.map((f) => ({ title: teamsText(f.label), value: teamsText(cap(f.value, 300)) })) });

  const steps = pickSteps(facts.steps, STEP_ROWS[level]!);
  if (steps.length) {
    body.push(text('**Steps**', { spacing: 'Medium' }));
    body.push({ type: 'FactSet', spacing: 'Small', facts: steps.map((s) => ({ title: `${STEP_ICON[s.status] ?? '·'} ${teamsText(cap(s.name, 120))}`, value: teamsText(s.timing) })) });
  }
  if (steps.length < facts.steps.length) left.push(`${facts.steps.length - steps.length} of ${facts.steps.length} steps`);
  if (facts.warnings.length && level < 2) body.push(text(facts.warnings.map((w) => `⚠️ ${teamsText(cap(w, 300))}`).join('\n\n'), { isSubtle: true }));
  else if (facts.warnings.length) left.push('the warnings');

  // The picture by its presigned link: it shows while the link works, and the card says until when. Everything
  // above is text, so the card still tells the story once the picture is gone.
  const shot = input.screenshot;
  const link = shot?.link;
  const until = link && pictureUntil(link, now, timeZone);
  if (shot && link && until) {
    const alt = `Screenshot${shot.step ? ` at ${shot.step}` : ''} (${shot.kind})`;
    body.push({ type: 'Image', url: link.url, altText: cap(alt, 200), size: 'Stretch', spacing: 'Medium' });
    body.push(text(`The picture shows ${teamsText(until)}; the facts above are the whole story without it.`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  } else if (link) {
    body.push(text('The screenshot\'s link has expired: the facts above tell the story.', { isSubtle: true, size: 'Small' }));
  }

  if (left.length) body.push(text(`✂️ Shortened to fit a Teams message: ${left.join(', ')} ${left.length > 1 ? 'are' : 'is'} in the result.`, { isSubtle: true, size: 'Small' }));
  // Every link with how long it works (the buttons cannot say it).
  if (facts.links.length && level < 3) body.push(text(facts.links.map((l) => mdLink(l.label, l.url)).join(' · '), { size: 'Small', spacing: 'Medium' }));
  body.push(text(teamsText(facts.footer), { isSubtle: true, size: 'Small', spacing: 'Small' }));

  const actions = BUTTON_ORDER.flatMap((kind) => facts.links.filter((l) => l.kind === kind))
    .filter((l) => !(l.kind === 'console' && facts.links.some((o) => o.kind === 'result')))
    .slice(0, MAX_BUTTONS)
    .map((l) => ({ type: 'Action.OpenUrl', title: l.label.replace(/ \(valid until[^)]*\)$/, ''), url: l.url }));
  return {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body,
    ...(actions.length && { actions }),
    // Teams draws the card the channel's full width (a Teams-only property).
    msteams: { width: 'Full' },
  };
}

export const wrap = (content: AdaptiveCard): TeamsMessage => ({
  type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
});
export const byteSize = (m: TeamsMessage): number => Buffer.byteLength(JSON.stringify(m));

/**
 * The message for one alert, as full as fits `budget` bytes: else with the error and the steps cut (the card says
 * so), at the least the headline, the gist, the figures and the buttons.
 */
export function buildTeamsMessage(input: TeamsCardInput, budget = TEAMS_BUDGET_BYTES): { message: TeamsMessage; bytes: number; level: number } {
  let last: { message: TeamsMessage; bytes: number; level: number } | undefined;
  for (const level of [0, 1, 2, 3] as const) {
    const message = wrap(card(input, { level }));
    last = { message, bytes: byteSize(message), level };
    if (last.bytes <= budget) return last;
  }
  return last!;
}
