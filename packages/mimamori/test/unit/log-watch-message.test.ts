// The log watch's Slack messages (pure) and the link to the lines in CloudWatch Logs.
import { describe, expect, it } from 'vitest';
import { logWatchParent, logWatchReply, MAX_PATTERN_CHARS, PARENT_LINES, type LogMatchBatch } from '../../src/notify/log-watch-message.ts';
import { cloudWatchLogsUrl, logLinesUrl } from '../../src/notify/logs-link.ts';
import { stampWithZone as formatRunTime } from '../../src/render/time.ts';

const T0 = Date.UTC(2026, 10, 29, 7, 35, 0);
const LINK = 'https://example.invalid/logs';
const batch = (over: Partial<LogMatchBatch> = {}): LogMatchBatch => ({
  watch: 'api-errors', pattern: '/ERROR|Unhandled/', logGroup: '/aws/lambda/api', logStream: '2026/11/29/[$LATEST]abc',
  lines: ['ERROR db timeout', 'Unhandled rejection'], count: 2, from: T0, to: T0 + 4_000, link: LINK, ...over,
});
const ctx = { timeZone: 'Asia/Tokyo', windowMinutes: 5 };
const all = (m: { text: string; attachments: unknown[] }) => `${m.text}\n${JSON.stringify(m.attachments)}`;
const blocksText = (m: { attachments: { blocks: unknown[] }[] }) => m.attachments[0]!.blocks.map((b) => JSON.stringify(b)).join('\n');
type Block = { type: string; text?: { text: string }; elements?: { text: string }[] };
/** Each section's and context's text, as Slack measures it (at most 3000 characters). */
const texts = (m: { attachments: { blocks: unknown[] }[] }) => (m.attachments[0]!.blocks as Block[]).map((b) => b.text?.text ?? b.elements!.map((e) => e.text).join(''));

describe('the parent', () => {
  it('says the watch, the count, the pattern and the log group, shows the lines in a code block and links to them', () => {
    const m = logWatchParent(batch(), ctx);
    expect(m.text).toBe(':warning: api-errors: 2 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    const body = all(m);
    expect(body).toContain('*Log group:* /aws/lambda/api (stream 2026/11/29/[$LATEST]abc)');
    expect(body).toContain('```ERROR db timeout\\nUnhandled rejection```');
    expect(body).toContain(`<${LINK}|Open these lines in CloudWatch Logs>`);
    expect(body).toContain(`At ${formatRunTime(T0, 'Asia/Tokyo')} – ${formatRunTime(T0 + 4_000, 'Asia/Tokyo')}`);
    expect(body).toContain('GMT+9');
    expect(body).toContain('matches in the next 5 min reply in this thread');
  });

  it('shows the first few lines, and says how many more there are', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `ERROR number ${i}`);
    const body = blocksText(logWatchParent(batch({ lines, count: 40 }), ctx));
    expect(body).toContain(`ERROR number ${PARENT_LINES - 1}`);
    expect(body).not.toContain(`ERROR number ${PARENT_LINES}`);
    expect(body).toContain(`…and ${40 - PARENT_LINES} more lines`);
  });

  it('with the running total: the count of the window, the lines in the thread and the latest time', () => {
    const m = logWatchParent(batch(), ctx, { count: 9, latest: T0 + 120_000 });
    expect(m.text).toBe(':warning: api-errors: 9 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    expect(all(m)).toContain(`7 more lines in this thread, the latest at ${formatRunTime(T0 + 120_000, 'Asia/Tokyo')}`);
  });

  it('escapes what comes from the logs and the config: no pings, no links, no early end of the code block', () => {
    const m = logWatchParent(batch({ watch: 'x<!channel>', logGroup: '<!here>', lines: ['ERROR <!everyone> <http://evil|click> & ```x``` <@U1>'], count: 1 }), ctx);
    const body = all(m);
    expect(body).not.toMatch(/<!channel>|<!here>|<!everyone>|<http:\/\/evil|<@U1>/);
    expect(body).toContain('&lt;!everyone&gt; &lt;http://evil|click&gt; &amp;');
    expect(blocksText(m).match(/```/g)).toHaveLength(2);
  });

  it('turns every backtick of a line into \': a line ending in one or two would run into the closing fence', () => {
    const m = logWatchParent(batch({ lines: ['ERROR at `x`', 'ERROR ``', 'ERROR ```y```'], count: 3 }), ctx);
    expect(blocksText(m)).toContain("```ERROR at 'x'\\nERROR ''\\nERROR '''y'''```");
    expect(blocksText(m).match(/`/g)).toHaveLength(6);
  });

  it('puts the link in a section of its own; one too long for a section gives way to the fallback, and with none fitting there is no link', () => {
    const long = `${LINK}?${'a'.repeat(2_950)}`;
    const linkSections = (b: LogMatchBatch) => texts(logWatchParent(b, ctx)).filter((t) => t.includes('Open these lines'));
    expect(linkSections(batch())).toEqual([`<${LINK}|Open these lines in CloudWatch Logs>`]);
    expect(linkSections(batch({ link: long, fallbackLink: `${LINK}/plain` }))).toEqual([`<${LINK}/plain|Open these lines in CloudWatch Logs>`]);
    expect(linkSections(batch({ link: long }))).toEqual([]);
    expect(texts(logWatchReply(batch({ link: long, fallbackLink: `${LINK}/plain` }), ctx)).filter((t) => t.includes('Open these lines'))).toEqual([`<${LINK}/plain|Open these lines in CloudWatch Logs>`]);
  });

  it('keeps every section within Slack\'s 3000 characters whatever comes in: a long pattern, names, lines, links', () => {
    const b = batch({
      watch: '&'.repeat(500), pattern: `/${'ERROR|'.repeat(1_000)}x/`, logGroup: '<'.repeat(600), logStream: '&'.repeat(600),
      lines: Array.from({ length: 8 }, () => '&'.repeat(1_000)), count: 8, link: `${LINK}?${'a'.repeat(5_000)}`,
    });
    const total = { count: 40, latest: T0 + 60_000, capped: { replies: 10, link: `${LINK}?${'b'.repeat(2_990)}` } };
    for (const m of [logWatchParent(b, ctx), logWatchParent(b, ctx, total), logWatchReply(b, ctx)]) {
      for (const t of texts(m)) expect(t.length).toBeLessThanOrEqual(3_000);
    }
    const headline = texts(logWatchParent(b, ctx))[0]!;
    expect(headline).toContain(`matched ${b.pattern.slice(0, MAX_PATTERN_CHARS)}…*`);
  });

  it('past the replies, labels the link to every line of the window with its log group (the first batch\'s)', () => {
    const m = logWatchParent(batch(), ctx, { count: 40, latest: T0 + 60_000, capped: { replies: 10, link: `${LINK}/all` } });
    expect(texts(m)).toContain(`<${LINK}/all|Every line of this window in /aws/lambda/api (all streams)>`);
  });

  it('stays under Slack\'s 3000 characters a section with long lines', () => {
    const lines = Array.from({ length: 5 }, () => 'E'.repeat(1_000));
    for (const block of logWatchParent(batch({ lines, count: 5 }), ctx).attachments[0]!.blocks) {
      expect(JSON.stringify(block).length).toBeLessThan(3_000 + 100);
    }
  });
});

describe('the reply', () => {
  it('carries the later batch: its lines, its count and its link', () => {
    const m = logWatchReply(batch({ lines: ['ERROR again'], count: 1, from: T0 + 60_000, to: T0 + 60_000, link: `${LINK}/2` }), ctx);
    expect(m.text).toBe(':warning: 1 more log line matched /ERROR|Unhandled/');
    expect(all(m)).toContain('```ERROR again```');
    expect(all(m)).toContain(`<${LINK}/2|Open these lines in CloudWatch Logs>`);
    expect(all(m)).toContain(`At ${formatRunTime(T0 + 60_000, 'Asia/Tokyo')}`);
  });
});

describe('logLinesUrl', () => {
  it('opens the stream between the first and the last line, filtered, escaped for the console fragment', () => {
    expect(logLinesUrl({
      region: 'ap-northeast-1', logGroup: '/aws/lambda/api', logStream: '2026/11/29/[$LATEST]abc',
      start: 1_800_000_000_000, end: 1_800_000_030_000, filterPattern: '?"ERROR" ?"Unhandled"',
    })).toBe(
      'https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#logsV2:log-groups/log-group/'
      + '$252Faws$252Flambda$252Fapi/log-events/2026$252F11$252F29$252F$255B$2524LATEST$255Dabc'
      + '$3FfilterPattern$3D$253F$2522ERROR$2522$2520$253F$2522Unhandled$2522$26start$3D1799999999000$26end$3D1800000031000',
    );
  });

  it('without a stream searches the whole group, and without a filter pattern shows every line', () => {
    expect(logLinesUrl({ region: 'us-east-1', logGroup: 'g', start: 10_000, end: 10_000, filterPattern: '' }))
      .toBe('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/g/log-events$3Fstart$3D9000$26end$3D11000');
  });

  it('leaves the run link as it was', () => {
    expect(cloudWatchLogsUrl({ region: 'us-east-1', logGroup: 'g', logStream: 's', requestId: 'r', start: 60_000 }))
      .toBe('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/g/log-events/s$3FfilterPattern$3D$2522r$2522$26start$3D0$26end$3D960000');
  });
});
