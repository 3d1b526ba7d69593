// A fold (pure): several checks' alerts in one message, what a channel gets when Slack's rate limit leaves no time for
// a message per check. Each line keeps what matters — status, the failing step, the error's first line, the evidence.
// (Not the daily digest: that is the picture of the day, digest*.ts.)
import type { CheckResult } from '../result/types.ts';
import { stampWithZone } from '../render/time.ts';
import { colorOf, errorGist, headline, links, type MessageKind, type SlackMessage } from './slack-message.ts';
import { plural } from '../result/format.ts';

export interface FoldEntry {
  result: CheckResult;
  kind: MessageKind;
  incidentOpenedAt?: string;
  failures?: number;
  logsUrl?: string;
}

/** Slack: a section's text holds at most 3000 characters, a message at most 50 blocks. */
const SECTION_CHARS = 2900;
const MAX_SECTIONS = 46;
const TEXT_CHARS = 3000;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function foldLine(e: FoldEntry, timeZone = 'UTC'): string {
  const { text } = headline(e.result, e);
  const gist = errorGist(e.result);
  const evidence = links(e.result, { logsUrl: e.logsUrl, timeZone });
  return [`${text}${gist ? ` — ${gist}` : ''}`, evidence].filter(Boolean).join('\n      ');
}

/** Packs lines into sections under Slack's limits; what does not fit is counted, never silently cut. */
function pack(lines: string[]): string[] {
  const sections: string[] = [];
  let current = '';
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!.slice(0, SECTION_CHARS);
    if (current && current.length + 1 + line.length > SECTION_CHARS) {
      if (sections.length === MAX_SECTIONS - 1) break;
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  sections.push(i < lines.length ? `${current}\n…and ${lines.length - i} more: see the run's results` : current);
  return sections;
}

export function buildFold(entries: FoldEntry[], ctx: { runId: string; timeZone: string; startedAt: number }): SlackMessage {
  const n = entries.length;
  const intro = `${plural(n, 'check')} in one message: Slack takes about one message a second in a channel, and there was no time for one each`;
  const lines = entries.map((e) => foldLine(e, ctx.timeZone));
  const blocks: unknown[] = [section(`*${intro}*`), ...pack(lines).map(section)];
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${stampWithZone(ctx.startedAt, ctx.timeZone)}  ·  run \`${ctx.runId}\`  ·  each check's next alert starts its own thread` }] });
  const names = entries.map((e) => headline(e.result, e).text).join(', ');
  const text = `${intro}: ${names}`.slice(0, TEXT_CHARS);
  const color = colorOf(entries.some((e) => e.result.status === 'failed' && e.kind !== 'recovered') ? 'failed' : entries.some((e) => e.result.status === 'degraded') ? 'degraded' : 'recovered');
  return { text, attachments: [{ color, blocks, fallback: text }] };
}
