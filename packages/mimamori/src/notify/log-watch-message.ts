// The Slack messages of a log watch (pure): a parent per window with the count, the first lines and a link to them;
// a reply in its thread per later batch; and the parent again (chat.update) with the window's running total. The
// lines come in redacted, trimmed and cut (src/log-watch/matching.ts): here they are only escaped and laid out.
import { esc, link } from './mrkdwn.ts';
import { stampWithZone } from '../render/time.ts';
import type { SlackMessage } from './slack-message.ts';
import { plural } from '../result/format.ts';

/** One delivery's matching lines of one log stream. */
export interface LogMatchBatch {
  watch: string;
  /** The watch's regular expression as written: `/ERROR|Unhandled/`. */
  pattern: string;
  logGroup: string;
  logStream: string;
  /** The lines, in order (all of them, or the first few: `count` says how many matched). */
  lines: string[];
  count: number;
  /** Epoch ms of the first and the last matching line. */
  from: number;
  to: number;
  /** The lines in CloudWatch Logs. */
  link?: string;
  /**
   * The same lines without the filter pattern, given when `link` is too long for a Slack section (a long pattern):
   * shown instead of it. When neither fits, the message has no link (the log group and the times still say where).
   */
  fallbackLink?: string;
}

export interface LogWatchMessageContext {
  timeZone: string;
  windowMinutes: number;
}

/** The lines a parent shows; a reply shows a few more. */
export const PARENT_LINES = 5;
export const REPLY_LINES = 8;
/** Slack refuses a section over 3000 characters: each section's parts are cut so it never gets there. */
const MAX_SECTION_CHARS = 3_000;
/** The code block stays under it with the fences and the note. */
const MAX_BLOCK_CHARS = 2_700;
/** A console link longer than this leaves no room for its label in a section: the caller gives a fallback. */
export const MAX_LINK_CHARS = 2_900;
/**
 * What is shown of the config's and CloudWatch's names, cut before escaping — which can make a character five
 * (`&amp;`) — so the sections stay under MAX_SECTION_CHARS whatever they hold: the pattern in a headline, the watch, the
 * log group and stream, a line.
 */
export const MAX_PATTERN_CHARS = 150;
const MAX_WATCH_CHARS = 100;
const MAX_NAME_CHARS = 250;
const MAX_SHOWN_LINE_CHARS = 500;

const RED = '#e01e5a';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
/** The first `max` characters (code points: no half of an emoji), with … when cut. */
export const clip = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
};

/**
 * The first lines in a code block, and how many are left out. Every backtick becomes ': not only ``` inside a line
 * closes the block early, a line ending in ` or `` does too (its ticks run into the closing fence).
 */
function codeBlock(lines: string[], count: number, max: number): string {
  const shown: string[] = [];
  let size = 0;
  for (const line of lines.slice(0, max)) {
    const safe = esc(clip(line, MAX_SHOWN_LINE_CHARS).replace(/`/g, "'"));
    if (shown.length && size + safe.length + 1 > MAX_BLOCK_CHARS) break;
    shown.push(safe);
    size += safe.length + 1;
  }
  const more = count - shown.length;
  return `\`\`\`${shown.join('\n')}\`\`\`${more > 0 ? `\n…and ${plural(more, 'more line')}` : ''}`;
}

function when(b: Pick<LogMatchBatch, 'from' | 'to'>, timeZone: string): string {
  const from = stampWithZone(b.from, timeZone);
  return b.to > b.from ? `${from} – ${stampWithZone(b.to, timeZone)}` : from;
}

const pattern = (b: LogMatchBatch) => esc(clip(b.pattern, MAX_PATTERN_CHARS));
const group = (b: LogMatchBatch) => esc(clip(b.logGroup, MAX_NAME_CHARS));
const where = (b: LogMatchBatch) => `*Log group:* ${group(b)} (stream ${esc(clip(b.logStream, MAX_NAME_CHARS))})`;

/** A link in a section of its own: the first of `urls` that fits one, or none. */
function linkSection(urls: (string | undefined)[], label: string) {
  const text = urls.flatMap((url) => (url ? [link(url, label)] : [])).find((t) => t.length <= MAX_SECTION_CHARS);
  return text ? [section(text)] : [];
}
const linesLink = (b: LogMatchBatch) => linkSection([b.link, b.fallbackLink], 'Open these lines in CloudWatch Logs');

/**
 * The window's parent: the watch, how many lines matched (`total` once later batches replied), the pattern, the log
 * group, the first lines and the link to them. `latest` (epoch ms) is the last match in the window, after replies.
 */
export function logWatchParent(b: LogMatchBatch, ctx: LogWatchMessageContext, total?: { count: number; latest: number; capped?: { replies: number; link?: string } }): SlackMessage {
  const count = total?.count ?? b.count;
  const headline = `:warning: ${esc(clip(b.watch, MAX_WATCH_CHARS))}: ${plural(count, 'log line')} matched ${pattern(b)}`;
  const later = total && total.count > b.count ? total.count - b.count : 0;
  const capped = total?.capped;
  const blocks = [
    section(`*${headline}*`),
    section(where(b)),
    ...linesLink(b),
    section(codeBlock(b.lines, b.count, PARENT_LINES)),
    context(later
      ? `First at ${when(b, ctx.timeZone)} · ${plural(later, 'more line')}${capped ? ` (the first in ${plural(capped.replies, 'reply', 'replies')} in this thread, the rest counted here)` : ' in this thread'}, the latest at ${stampWithZone(total!.latest, ctx.timeZone)}`
      : `At ${when(b, ctx.timeZone)} · matches in the next ${ctx.windowMinutes} min reply in this thread`),
    // The link searches the parent's log group only (the window's first batch): a watch of several groups says which.
    ...(capped ? linkSection([capped.link], `Every line of this window in ${clip(b.logGroup, MAX_NAME_CHARS)} (all streams)`) : []),
  ];
  const text = `${headline} in ${group(b)}`;
  return { text, attachments: [{ color: RED, blocks, fallback: text }] };
}

/** A later batch in the window: its lines, its count and its link, in the parent's thread. */
export function logWatchReply(b: LogMatchBatch, ctx: Pick<LogWatchMessageContext, 'timeZone'>): SlackMessage {
  const headline = `:warning: ${plural(b.count, 'more log line')} matched ${pattern(b)}`;
  const blocks = [
    section(`*${headline}*`),
    section(where(b)),
    ...linesLink(b),
    section(codeBlock(b.lines, b.count, REPLY_LINES)),
    context(`At ${when(b, ctx.timeZone)}`),
  ];
  return { text: headline, attachments: [{ color: RED, blocks, fallback: headline }] };
}
