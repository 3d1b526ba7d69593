// The Slack messages of a log watch (pure): a parent per window with the count, the first lines and a link to them;
// a reply in its thread per later batch; and the parent again (chat.update) with the window's running total. The
// lines come in redacted, trimmed and cut (src/lambda/log-watch.ts): here they are only escaped and laid out.
import { esc, formatRunTime, link, type SlackMessage } from './slack-message.ts';

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
}

export interface LogWatchMessageContext {
  timeZone: string;
  windowMinutes: number;
}

/** The lines a parent shows; a reply shows a few more. */
export const PARENT_LINES = 5;
export const REPLY_LINES = 8;
/** Slack refuses a section over 3000 characters: the code block stays under it with the fences and the note. */
const MAX_BLOCK_CHARS = 2_700;

const RED = '#e01e5a';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const plural = (n: number, what: string, whats = `${what}s`) => `${n} ${n === 1 ? what : whats}`;

/** The first lines in a code block (``` inside a line would close it early), and how many are left out. */
function codeBlock(lines: string[], count: number, max: number): string {
  const shown: string[] = [];
  let size = 0;
  for (const line of lines.slice(0, max)) {
    const safe = esc(line.replace(/`{3,}/g, (ticks) => "'".repeat(ticks.length)));
    if (shown.length && size + safe.length + 1 > MAX_BLOCK_CHARS) break;
    shown.push(safe.slice(0, MAX_BLOCK_CHARS));
    size += safe.length + 1;
  }
  const more = count - shown.length;
  return `\`\`\`${shown.join('\n')}\`\`\`${more > 0 ? `\n…and ${plural(more, 'more line')}` : ''}`;
}

function when(b: Pick<LogMatchBatch, 'from' | 'to'>, timeZone: string): string {
  const from = formatRunTime(b.from, timeZone);
  return b.to > b.from ? `${from} – ${formatRunTime(b.to, timeZone)}` : from;
}

const where = (b: LogMatchBatch) => `*Log group:* ${esc(b.logGroup)} (stream ${esc(b.logStream)})`;
const linkLine = (b: LogMatchBatch) => (b.link ? [link(b.link, 'Open these lines in CloudWatch Logs')] : []);

/**
 * The window's parent: the watch, how many lines matched (`total` once later batches replied), the pattern, the log
 * group, the first lines and the link to them. `latest` (epoch ms) is the last match in the window, after replies.
 */
export function logWatchParent(b: LogMatchBatch, ctx: LogWatchMessageContext, total?: { count: number; latest: number; capped?: { replies: number; link?: string } }): SlackMessage {
  const count = total?.count ?? b.count;
  const headline = `:warning: ${esc(b.watch)}: ${plural(count, 'log line')} matched ${esc(b.pattern)}`;
  const later = total && total.count > b.count ? total.count - b.count : 0;
  const capped = total?.capped;
  const blocks = [
    section(`*${headline}*`),
    section([where(b), ...linkLine(b)].join('\n')),
    section(codeBlock(b.lines, b.count, PARENT_LINES)),
    context(later
      ? `First at ${when(b, ctx.timeZone)} · ${plural(later, 'more line')}${capped ? ` (the first in ${plural(capped.replies, 'reply', 'replies')} in this thread, the rest counted here)` : ' in this thread'}, the latest at ${formatRunTime(total!.latest, ctx.timeZone)}`
      : `At ${when(b, ctx.timeZone)} · matches in the next ${ctx.windowMinutes} min reply in this thread`),
    ...(capped?.link ? [section(link(capped.link, 'Every line of this window in CloudWatch Logs (all streams)'))] : []),
  ];
  const text = `${headline} in ${esc(b.logGroup)}`;
  return { text, attachments: [{ color: RED, blocks, fallback: text }] };
}

/** A later batch in the window: its lines, its count and its link, in the parent's thread. */
export function logWatchReply(b: LogMatchBatch, ctx: Pick<LogWatchMessageContext, 'timeZone'>): SlackMessage {
  const headline = `:warning: ${plural(b.count, 'more log line')} matched ${esc(b.pattern)}`;
  const blocks = [
    section(`*${headline}*`),
    section([where(b), ...linkLine(b)].join('\n')),
    section(codeBlock(b.lines, b.count, REPLY_LINES)),
    context(`At ${when(b, ctx.timeZone)}`),
  ];
  return { text: headline, attachments: [{ color: RED, blocks, fallback: headline }] };
}
