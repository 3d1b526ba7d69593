// The log-watch logic with a real store (the local folder store: the same conditional writes as S3) and a recording
// Slack: windows, threads, counts, redeliveries, two deliveries at once, redaction, and what is skipped.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedLogWatch } from '../../src/check/watches.ts';
import { decodeLogPayload, type LogsPayload } from '../../src/lambda/log-payload.ts';
import { handleLogPayload } from '../../src/log-watch/handle-log-payload.ts';
import { CLAIM_STALE_MS, MAX_FUTURE_SKEW_MS, MAX_REPLIES, PARENT_REFRESH_MS } from '../../src/log-watch/limits.ts';
import { MAX_LINE_CHARS, matchingLines, watchFor } from '../../src/log-watch/matching.ts';
import type { LogWatchDeps, LogWatchSetup } from '../../src/log-watch/setup.ts';
import { WindowPending } from '../../src/log-watch/window.ts';
import { logWatchKey, REMEMBERED_IDS, SAVE_JITTER_MS, SAVE_TRIES, type LogWatchState } from '../../src/log-watch/window-state.ts';
import type { SlackPoster } from '../../src/lambda/slack-poster.ts';
import type { SlackMessage } from '../../src/notify/slack-message.ts';
import { makeRedactor, redactorFor } from '../../src/result/redact.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { CONDITIONAL_TRIES } from '../../src/store/conditional-update.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';
import { controlMessage, dataMessage, encode, lambdaLine, LOG_GROUP, logsEvent, REGION, STACK, T0 } from '../fixtures/log-events.ts';

const WATCH: ResolvedLogWatch = { name: 'api-errors', logGroups: [LOG_GROUP], pattern: /ERROR|Unhandled/, filterPattern: '?"ERROR" ?"Unhandled"', windowMinutes: 5 };
const OTHER: ResolvedLogWatch = { name: 'worker-panics', logGroups: ['/aws/lambda/worker', LOG_GROUP], pattern: /panic/, filterPattern: '', windowMinutes: 5 };
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Post { message: SlackMessage; threadTs?: string; ts: string }
/** A window's stored thread: Slack's ref in the channel the deliveries post to. */
const slackThread = (ts: string, channel = 'C0ALERTS') => ({ notifier: 'slack', ref: { channel, ts } });
/**
 * A Slack that records; `hold` makes posts wait until it is resolved, `fail` makes the next post throw, `failUpdates`
 * every update. An update records how many posts came before it.
 */
function recordingSlack() {
  const posts: Post[] = [];
  const updates: { ts: string; message: SlackMessage; afterPosts: number }[] = [];
  const rec = {
    posts, updates, hold: undefined as Promise<void> | undefined, fail: false, failUpdates: false,
    parents: () => posts.filter((p) => !p.threadTs),
    slack: {
      async post(message, threadTs) {
        if (rec.fail) {
          rec.fail = false;
          throw new Error('Slack said no (fake)');
        }
        await rec.hold;
        const ts = `1795939000.${String(posts.length + 1).padStart(6, '0')}`;
        posts.push({ message, threadTs, ts });
        return ts;
      },
      async update(ts, message) {
        if (rec.failUpdates) throw new Error('message_not_found (fake)');
        updates.push({ ts, message, afterPosts: posts.length });
      },
    } satisfies SlackPoster,
  };
  return rec;
}

const logs: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const log = {
  info: (message: string, fields: Record<string, unknown>) => logs.push({ level: 'info', message, fields }),
  warn: (message: string, fields: Record<string, unknown>) => logs.push({ level: 'warn', message, fields }),
};
const setup = (over: Partial<LogWatchSetup> = {}): LogWatchSetup => ({
  watches: [WATCH, OTHER], redactor: redactorFor([], { redact: { queryParams: ['customer_ref'] } }, {}), timeZone: 'UTC',
  stackName: STACK, region: REGION, channel: 'C0ALERTS', ...over,
});
const payload = (lines: { at: number; message: string; id?: string }[], over: { filters?: string[]; logGroup?: string } = {}): LogsPayload =>
  decodeLogPayload(logsEvent({ lines, ...over }));
const body = (m: SlackMessage) => `${m.text}\n${JSON.stringify(m.attachments)}`;

let store: Store;
let slack: ReturnType<typeof recordingSlack>;
let connected: number;
let clock: number;
const deps = (): LogWatchDeps => ({ store, slack: slack.slack, now: () => clock, sleep: async (ms) => void (clock += ms) });
const deliver = (p: LogsPayload, over: Partial<LogWatchSetup> = {}, d: () => LogWatchDeps = deps) =>
  handleLogPayload(p, setup(over), async () => (connected++, d()), log);
const stored = async () => JSON.parse((await store.get(logWatchKey('api-errors')))!.toString('utf8')) as LogWatchState;

beforeEach(async () => {
  store = new LocalStore(await mkdtemp(join(tmpdir(), 'log-watch-')));
  slack = recordingSlack();
  connected = 0;
  // The wall clock a day after the lines' time: a delivery comes after its lines were logged.
  clock = T0 + DAY;
  logs.length = 0;
});

describe('matching lines', () => {
  it('tests every line from its start with a /g expression, trims it and cuts it', () => {
    const { lines } = matchingLines([
      { id: 'a', timestamp: 1, message: 'ERROR one\n' }, { id: 'b', timestamp: 2, message: 'ERROR two' },
      { id: 'c', timestamp: 3, message: 'fine' }, { id: 'd', timestamp: 4, message: `  ERROR ${'x'.repeat(500)}  ` },
    ], /ERROR/g, makeRedactor({ values: [] }));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'd']);
    expect(lines[0]!.text).toBe('ERROR one');
    expect(lines[2]!.text).toBe(`ERROR ${'x'.repeat(MAX_LINE_CHARS - 6)}…`);
  });

  it('redacts before cutting: URL credentials, tokens in query strings, Bearer, JWT, credential headers, the config\'s own parameters', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const message = `${'.'.repeat(280)} ERROR fetch https://user:hunter2secret@host/x?token=abc123456&customer_ref=CR-998877 Authorization: Bearer sk_live_abcdefgh123 ${jwt}`;
    const [line] = matchingLines([{ id: 'a', timestamp: 1, message }], WATCH.pattern, setup().redactor).lines;
    for (const secret of ['hunter2', 'abc123456', 'CR-998877', 'sk_live', jwt.slice(0, 20)]) expect(line!.text).not.toContain(secret);
  });
});

describe('a pattern that backtracks catastrophically', () => {
  // 279 s on a 61-character line unbounded; the budgets are small so the test waits on them, never on the pattern —
  // yet a whole second a line, so that a healthy line stalled by a busy machine is never the one called too slow.
  const GREEDY = /^(\w+\s?)*ERROR$/;
  const almost = `${'a'.repeat(61)}!`;
  const budget = { lineMs: 1_000, deliveryMs: 60_000, maxChars: 1_000 };
  const ev = (id: string, message: string) => ({ id, timestamp: T0, message });

  it('sets the slow line aside as too slow and still matches the lines before and after it', () => {
    const m = matchingLines([ev('a', 'disk ERROR'), ev('b', almost), ev('c', 'all fine'), ev('d', 'net ERROR')], GREEDY, makeRedactor({ values: [] }), budget);
    expect(m.lines.map((l) => l.id)).toEqual(['a', 'd']);
    expect(m.tooSlow.map((e) => e.id)).toEqual(['b']);
    expect(m.unchecked).toEqual([]);
  });

  it('leaves the lines past the delivery\'s budget unchecked', () => {
    // The delivery's clock: the start, then the first call with all the time left, then every call after with none.
    const times = [0, 0];
    const clock = () => times.shift() ?? budget.deliveryMs;
    const m = matchingLines([ev('a', almost), ev('b', 'net ERROR'), ev('c', almost)], GREEDY, makeRedactor({ values: [] }), { ...budget, clock });
    expect(m.tooSlow.map((e) => e.id)).toEqual(['a']);
    expect(m.unchecked.map((e) => e.id)).toEqual(['b', 'c']);
    expect(m.lines).toEqual([]);
  });

  it('shows the pattern only the first maxChars characters of a line', () => {
    const m = matchingLines([ev('a', `${'.'.repeat(50)}ERROR`), ev('b', `ERROR${'.'.repeat(50)}`)], /ERROR/, makeRedactor({ values: [] }), { ...budget, maxChars: 50 });
    expect(m.lines.map((l) => l.id)).toEqual(['b']);
  });

  it('a delivery posts its other matching lines and says once, in the log, which lines the pattern could not judge', async () => {
    const greedy: ResolvedLogWatch = { ...WATCH, pattern: GREEDY, filterPattern: '' };
    const out = await deliver(payload([{ at: T0, message: 'disk ERROR' }, { at: T0 + 1, message: almost }, { at: T0 + 2, message: almost }, { at: T0 + 3, message: 'net ERROR' }]), { watches: [greedy], matchBudget: budget });
    expect(out).toMatchObject({ action: 'opened', lines: 2 });
    expect(body(slack.posts[0]!.message)).toContain('net ERROR');
    const warnings = logs.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^log watch api-errors: lines not checked, not posted: .* took over 1000 ms on 2 line\(s\) — it backtracks catastrophically: rewrite it/);
    expect(warnings[0]!.fields).toMatchObject({ watch: 'api-errors', pattern: String(GREEDY), unchecked: 0 });
    expect(warnings[0]!.fields.tooSlow).toHaveLength(2);
  });
});

describe('which watch', () => {
  it('by the subscription filter\'s name, else the first watching the log group', () => {
    const watches = [WATCH, OTHER];
    expect(watchFor({ subscriptionFilters: [`${STACK}-worker-panics`], logGroup: LOG_GROUP }, watches, STACK)).toBe(OTHER);
    expect(watchFor({ subscriptionFilters: ['someone-else'], logGroup: '/aws/lambda/worker' }, watches, STACK)).toBe(OTHER);
    expect(watchFor({ subscriptionFilters: [`${STACK}-worker-panics`], logGroup: LOG_GROUP }, watches, undefined)).toBe(WATCH);
    expect(watchFor({ subscriptionFilters: [], logGroup: '/aws/lambda/nobody' }, watches, STACK)).toBeUndefined();
  });
});

describe('a window', () => {
  it('the first match opens it: one parent with the count, the lines and the link to them', async () => {
    const out = await deliver(payload([
      { at: T0, message: lambdaLine(T0, 'ERROR', 'db timeout') }, { at: T0 + 1, message: lambdaLine(T0, 'INFO', 'fine') },
      { at: T0 + 2_000, message: lambdaLine(T0 + 2_000, 'ERROR', 'Unhandled rejection') },
    ]));
    expect(out).toMatchObject({ action: 'opened', watch: 'api-errors', lines: 2 });
    expect(slack.posts).toHaveLength(1);
    const parent = slack.posts[0]!;
    expect(parent.threadTs).toBeUndefined();
    expect(parent.message.text).toBe(':warning: api-errors: 2 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    expect(body(parent.message)).toContain('db timeout');
    expect(body(parent.message)).not.toContain('fine');
    expect(body(parent.message)).toContain(`https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fapi/log-events/`);
    expect(body(parent.message)).toContain(`start$3D${T0 - 1_000}$26end$3D${T0 + 3_000}`);
    expect(await stored()).toMatchObject({ watch: 'api-errors', window: { thread: slackThread(parent.ts), count: 2, openedAt: T0, until: T0 + 5 * MIN } });
  });

  it('matches inside it reply in the thread and update the parent with the running total; after it, a new parent', async () => {
    await deliver(payload([{ at: T0, message: 'ERROR one' }]));
    const parentTs = slack.posts[0]!.ts;
    const second = await deliver(payload([{ at: T0 + 2 * MIN, message: 'ERROR two' }, { at: T0 + 2 * MIN + 1, message: 'Unhandled three' }]));
    expect(second).toEqual({ action: 'replied', watch: 'api-errors', thread: slackThread(parentTs), lines: 2, total: 3 });
    expect(slack.posts[1]!.threadTs).toBe(parentTs);
    expect(slack.posts[1]!.message.text).toBe(':warning: 2 more log lines matched /ERROR|Unhandled/');
    expect(body(slack.posts[1]!.message)).toContain('Unhandled three');
    expect(slack.updates).toHaveLength(1);
    expect(slack.updates[0]!.ts).toBe(parentTs);
    expect(slack.updates[0]!.message.text).toBe(':warning: api-errors: 3 log lines matched /ERROR|Unhandled/ in /aws/lambda/api');
    expect(body(slack.updates[0]!.message)).toContain('ERROR one');

    const third = await deliver(payload([{ at: T0 + 5 * MIN, message: 'ERROR four' }]));
    expect(third).toMatchObject({ action: 'opened', lines: 1 });
    expect(slack.parents()).toHaveLength(2);
    expect(slack.posts[2]!.message.text).toContain(': 1 log line matched');
    expect(await stored()).toMatchObject({ window: { thread: slackThread(slack.posts[2]!.ts), count: 1, openedAt: T0 + 5 * MIN } });
  });

  it('a redelivery (the same event ids) posts nothing; new lines beside old ones post only the new', async () => {
    const first = payload([{ at: T0, message: 'ERROR one' }, { at: T0 + 1, message: 'ERROR two' }]);
    await deliver(first);
    expect(await deliver(first)).toMatchObject({ action: 'ignored', why: expect.stringMatching(/posted already/) });
    expect(slack.posts).toHaveLength(1);
    expect(slack.updates).toHaveLength(0);
    const mixed = payload([...first.logEvents.map((e) => ({ at: e.timestamp, message: e.message, id: e.id })), { at: T0 + 2, message: 'ERROR three' }]);
    expect(await deliver(mixed)).toMatchObject({ action: 'replied', lines: 1, total: 3 });
    expect(body(slack.posts[1]!.message)).not.toContain('ERROR one');
  });

  it('two deliveries at once give one parent: the other waits for it and replies in its thread', async () => {
    // Both read the empty state before either writes: the race itself, not one after the other.
    const reads: (() => void)[] = [];
    const raced: Store = Object.assign(Object.create(store) as Store, {
      getVersioned: async (key: string) => {
        if (reads.length < 2) await new Promise<void>((resolve) => { reads.push(resolve); if (reads.length === 2) reads.forEach((r) => r()); });
        return store.getVersioned(key);
      },
    });
    let release!: () => void;
    // The parent is held until the other delivery waits for it (its sleep), or at the latest a moment later: a
    // handler that does not wait then fails the assertions instead of hanging. Released, it still takes a while, as
    // on a busy machine.
    slack.hold = new Promise<void>((resolve) => (release = resolve)).then(() => new Promise<void>((r) => setTimeout(r, 300)));
    setTimeout(() => release(), 1_000);
    // The waiting delivery's sleep lets the parent be posted and ends when the other delivery has: its clock moves by
    // the poll interval, not by however long the machine took (a busy machine made it give up: WindowPending).
    let oneDone!: () => void;
    const done = new Promise<void>((resolve) => (oneDone = resolve));
    const sleep = async () => {
      clock += 200;
      release();
      await done;
    };
    const runs = [
      deliver(payload([{ at: T0, message: 'ERROR from A' }]), {}, () => ({ ...deps(), store: raced, sleep })),
      deliver(payload([{ at: T0 + 1_000, message: 'ERROR from B' }]), {}, () => ({ ...deps(), store: raced, sleep })),
    ];
    for (const run of runs) void run.then(oneDone, oneDone);
    const outcomes = await Promise.all(runs);
    expect(outcomes.map((o) => o.action).sort()).toEqual(['opened', 'replied']);
    expect(slack.parents()).toHaveLength(1);
    expect(slack.posts).toHaveLength(2);
    expect(slack.posts[1]!.threadTs).toBe(slack.posts[0]!.ts);
    expect(slack.updates.at(-1)!.message.text).toContain(': 2 log lines matched');
    expect(await stored()).toMatchObject({ window: { thread: slackThread(slack.posts[0]!.ts), count: 2 } });
  });

  it('a claim whose parent does not come in time: thrown for a later retry; a stale one is taken over, and nothing is lost', async () => {
    slack.fail = true;
    const a = payload([{ at: T0, message: 'ERROR from A' }]);
    await expect(deliver(a)).rejects.toThrow(/Slack said no/);
    const claimed = (await stored()).window!;
    expect(claimed.thread).toBeUndefined();
    expect(claimed.count).toBe(0);
    // B comes while A's claim is fresh: it waits, then throws so Lambda delivers it again.
    const b = payload([{ at: T0 + 1_000, message: 'ERROR from B' }]);
    await expect(deliver(b)).rejects.toThrow(WindowPending);
    expect(slack.posts).toHaveLength(0);
    // Lambda's retry, a minute on: the claim is stale, B takes the window over; A's retry replies in its thread.
    clock += CLAIM_STALE_MS + MIN;
    expect(await deliver(b)).toMatchObject({ action: 'opened' });
    expect(await deliver(a)).toMatchObject({ action: 'replied', total: 2 });
    expect(slack.parents()).toHaveLength(1);
    expect(body(slack.posts[1]!.message)).toContain('ERROR from A');
  });

  it('an error storm: the thread takes MAX_REPLIES replies, then lines are counted, the parent refreshed at most every 30 s and given its final count when the next window opens', async () => {
    await deliver(payload([{ at: T0, message: 'ERROR 0' }]));
    const parentTs = slack.posts[0]!.ts;
    for (let i = 1; i <= MAX_REPLIES; i++) expect(await deliver(payload([{ at: T0 + i * 1_000, message: `ERROR ${i}` }]))).toMatchObject({ action: 'replied' });
    expect(slack.posts).toHaveLength(1 + MAX_REPLIES);
    const updatesBefore = slack.updates.length;

    // More within the window: counted, no reply; the parent was just updated, so not again yet.
    expect(await deliver(payload([{ at: T0 + 20_000, message: 'ERROR a' }, { at: T0 + 20_001, message: 'ERROR b' }]))).toMatchObject({ action: 'counted', lines: 2, total: MAX_REPLIES + 3 });
    expect(slack.posts).toHaveLength(1 + MAX_REPLIES);
    expect(slack.updates).toHaveLength(updatesBefore);
    // 30 s on (the wall clock): the next one refreshes the parent with the total and a link to every line of the window.
    clock += PARENT_REFRESH_MS;
    expect(await deliver(payload([{ at: T0 + 40_000, message: 'ERROR c' }]))).toMatchObject({ action: 'counted', total: MAX_REPLIES + 4 });
    expect(slack.updates).toHaveLength(updatesBefore + 1);
    const refreshed = slack.updates.at(-1)!;
    expect(refreshed.ts).toBe(parentTs);
    expect(refreshed.message.text).toContain(`: ${MAX_REPLIES + 4} log lines matched`);
    expect(body(refreshed.message)).toContain(`(the first in ${MAX_REPLIES} replies in this thread, the rest counted here)`);
    expect(body(refreshed.message)).toContain('Every line of this window in /aws/lambda/api (all streams)');
    expect(body(refreshed.message)).toContain(`log-group/$252Faws$252Flambda$252Fapi/log-events$3Fstart$3D${T0 - 1_000}$26end$3D${T0 + 41_000}`);
    // One more, counted but not shown; the next window's first delivery gives the old parent its final count.
    await deliver(payload([{ at: T0 + 50_000, message: 'ERROR d' }]));
    expect(slack.updates).toHaveLength(updatesBefore + 1);
    expect(await deliver(payload([{ at: T0 + 5 * MIN, message: 'ERROR next' }]))).toMatchObject({ action: 'opened' });
    expect(slack.updates).toHaveLength(updatesBefore + 2);
    expect(slack.updates.at(-1)!.ts).toBe(parentTs);
    expect(slack.updates.at(-1)!.message.text).toContain(`: ${MAX_REPLIES + 5} log lines matched`);
    expect(slack.parents()).toHaveLength(2);
    expect(slack.posts).toHaveLength(2 + MAX_REPLIES);
  });

  it('keeps a secret in a line out of Slack', async () => {
    await deliver(payload([{ at: T0, message: 'ERROR GET https://user:hunter2secret@host/x?token=abc123456 failed' }]));
    const sent = body(slack.posts[0]!.message);
    expect(sent).toContain('ERROR GET https://***:***@host/x?token=*** failed');
    expect(sent).not.toMatch(/hunter2|abc123456/);
  });
});

describe('what must not break a delivery', () => {
  /** A window past MAX_REPLIES whose last line was counted but not shown: the next window owes it its final count. */
  async function cappedWindow() {
    await deliver(payload([{ at: T0, message: 'ERROR 0' }]));
    for (let i = 1; i <= MAX_REPLIES; i++) await deliver(payload([{ at: T0 + i * 1_000, message: `ERROR ${i}` }]));
    expect(await deliver(payload([{ at: T0 + 20_000, message: 'ERROR counted' }]))).toMatchObject({ action: 'counted' });
    const w = (await stored()).window!;
    expect(w.shown).toBe(w.count - 1);
    return slack.posts[0]!.ts;
  }

  it('the old window\'s final count comes once the new parent is posted', async () => {
    const oldTs = await cappedWindow();
    const posts = slack.posts.length;
    expect(await deliver(payload([{ at: T0 + 5 * MIN, message: 'ERROR next' }]))).toMatchObject({ action: 'opened' });
    expect(slack.updates.at(-1)).toMatchObject({ ts: oldTs, afterPosts: posts + 1 });
  });

  it('the old window\'s final count failing (the message deleted, a 429) is a warning, not a failed delivery', async () => {
    const oldTs = await cappedWindow();
    slack.failUpdates = true;
    expect(await deliver(payload([{ at: T0 + 5 * MIN, message: 'ERROR next' }]))).toMatchObject({ action: 'opened' });
    expect(await stored()).toMatchObject({ window: { thread: slackThread(slack.posts.at(-1)!.ts), count: 1 } });
    expect(logs.find((l) => l.level === 'warn')).toMatchObject({ message: expect.stringMatching(/last window's parent keeps its count/), fields: { watch: 'api-errors', thread: slackThread(oldTs) } });
  });

  it('the old window\'s final count is left out when the channel changed (the poster posts to the new one only)', async () => {
    const oldTs = await cappedWindow();
    const updates = slack.updates.length;
    expect(await deliver(payload([{ at: T0 + 5 * MIN, message: 'ERROR next' }]), { channel: 'C0NEWCHANNEL' })).toMatchObject({ action: 'opened' });
    expect(slack.updates.slice(updates).filter((u) => u.ts === oldTs)).toEqual([]);
  });

  /** The store, with every write after the first Slack post conflicting while `conflicts` lasts. */
  function conflictingStore(conflicts: number): Store {
    let left = conflicts;
    return Object.assign(Object.create(store) as Store, {
      put: async (...args: Parameters<Store['put']>) => {
        if (slack.posts.length && left-- > 0) throw new WriteConflict('conflict (fake): another delivery wrote the window');
        return store.put(...args);
      },
    });
  }

  it('the save after a post outlasts a storm of conflicting writers, pausing a random moment before each read again', async () => {
    const pauses: number[] = [];
    const conflicts = CONDITIONAL_TRIES + 2;
    expect(conflicts).toBeLessThan(SAVE_TRIES);
    const out = await deliver(payload([{ at: T0, message: 'ERROR one' }]), {}, () => ({ ...deps(), store: conflictingStore(conflicts), sleep: async (ms) => void pauses.push(ms) }));
    expect(out).toMatchObject({ action: 'opened' });
    expect(slack.posts).toHaveLength(1);
    expect(await stored()).toMatchObject({ window: { thread: slackThread(slack.posts[0]!.ts), count: 1 } });
    expect(pauses).toHaveLength(conflicts);
    for (const ms of pauses) expect(ms >= 0 && ms <= SAVE_JITTER_MS, `pause ${ms}`).toBe(true);
  });

  it('a save after a post that still fails is logged loudly (the watch, the ts, the lines) before it is thrown', async () => {
    await expect(deliver(payload([{ at: T0, message: 'ERROR one' }, { at: T0 + 1, message: 'ERROR two' }]), {}, () => ({ ...deps(), store: conflictingStore(Infinity) })))
      .rejects.toThrow(WriteConflict);
    expect(logs.filter((l) => l.level === 'warn')).toEqual([{
      level: 'warn', message: expect.stringMatching(/posted to Slack but not saved/),
      fields: expect.objectContaining({ watch: 'api-errors', thread: slackThread(slack.posts[0]!.ts), lines: 2 }),
    }]);
  });

  it('remembers the newest REMEMBERED_IDS ids: lines redelivered after more than that were posted still post nothing', async () => {
    await deliver(payload(Array.from({ length: REMEMBERED_IDS }, (_, i) => ({ at: T0 + i, message: `ERROR ${i}` }))));
    const later = payload(Array.from({ length: 50 }, (_, i) => ({ at: T0 + 2_000 + i, message: `ERROR later ${i}` })));
    expect(await deliver(later)).toMatchObject({ action: 'replied', lines: 50 });
    const posts = slack.posts.length;
    // Some of the latest lines again, in a delivery of their own (not the fingerprint of one posted).
    const again = payload(later.logEvents.slice(-3).map((e) => ({ at: e.timestamp, message: e.message, id: e.id })));
    expect(await deliver(again)).toMatchObject({ action: 'ignored', why: expect.stringMatching(/posted already/) });
    expect(slack.posts).toHaveLength(posts);
    expect((await stored()).posted).toHaveLength(REMEMBERED_IDS);
  });

  it('a redelivery of more lines than REMEMBERED_IDS posts nothing: the delivery\'s fingerprint is known', async () => {
    const many = payload(Array.from({ length: REMEMBERED_IDS + 200 }, (_, i) => ({ at: T0 + i, message: `ERROR ${i}` })));
    expect(await deliver(many)).toMatchObject({ action: 'opened', lines: REMEMBERED_IDS + 200 });
    expect(await deliver(many)).toMatchObject({ action: 'ignored', why: expect.stringMatching(/posted already/) });
    expect(slack.posts).toHaveLength(1);
    expect(slack.updates).toHaveLength(0);
    expect((await stored()).deliveries).toHaveLength(1);
  });

  it('a corrupt state object is read as none and replaced by the next write, with a warning', async () => {
    for (const [i, bytes] of ['{"watch": "api-err', '[1, 2]', '42', '{"watch": "api-errors"}'].entries()) {
      await store.put(logWatchKey('api-errors'), bytes, { contentType: 'application/json' });
      logs.length = 0;
      expect(await deliver(payload([{ at: T0 + i * 10 * MIN, message: `ERROR ${i}` }])), bytes).toMatchObject({ action: 'opened' });
      expect(await stored()).toMatchObject({ watch: 'api-errors', window: { thread: slackThread(slack.posts.at(-1)!.ts), count: 1 } });
      expect(logs.find((l) => l.level === 'warn')?.message).toMatch(/log-watches\/api-errors.json is (not JSON|malformed).*read as none/);
    }
  });

  it("continues a window stored by an earlier version (Slack's channel and ts on it): a reply in its thread, nothing said, the object rewritten with the thread ref", async () => {
    const legacy = { channel: 'C0ALERTS', openedAt: T0, until: T0 + 5 * MIN, claim: 'c', claimedAt: T0, ts: '1795939000.000099', count: 1, latest: T0, replies: 0, shown: 1, updatedAt: T0 };
    await store.put(logWatchKey('api-errors'), JSON.stringify({ watch: 'api-errors', posted: ['old'], window: legacy }), { contentType: 'application/json' });
    expect(await deliver(payload([{ at: T0 + MIN, message: 'ERROR again' }]))).toMatchObject({ action: 'replied', thread: slackThread(legacy.ts), total: 2 });
    expect(slack.posts.map((p) => p.threadTs)).toEqual([legacy.ts]);
    expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
    const window = (await stored()).window!;
    expect(window).toMatchObject({ channel: 'C0ALERTS', thread: slackThread(legacy.ts), count: 2, replies: 1 });
    expect(window).not.toHaveProperty('ts');
  });

  describe('a state that is valid JSON but malformed in parts: left out with a warning naming the key, the delivery posted, the write repairs it', () => {
    const OPEN = { channel: 'C0ALERTS', openedAt: T0, until: T0 + 5 * MIN, claim: 'c', claimedAt: T0, ts: '1795939000.000099', count: 1, latest: T0, replies: 0, shown: 1, updatedAt: T0 };
    it.each([
      // Each of these threw on every delivery of the watch (deliveries?.includes, remember, the parent's update).
      { what: 'deliveries that are not a list', state: { posted: [], deliveries: {} }, action: 'opened', said: 'its deliveries are not a list: left out' },
      { what: 'posted ids and fingerprints that are not text', state: { posted: [1, null, 'x'], deliveries: [2] }, action: 'opened',
        said: '2 posted ids that are not ids left out; 1 delivery fingerprint that is not one left out' },
      { what: 'a window with no until', state: { posted: [], window: { ...OPEN, until: 'soon' } }, action: 'opened', said: 'its window has no until: left out, the next match opens a new one' },
      { what: 'a window that is not an object', state: { posted: [], window: 42 }, action: 'opened', said: 'its window is number: left out, the next match opens a new one' },
      { what: "an open window's first batch with no lines", state: { posted: [], window: { ...OPEN, first: { watch: 'api-errors', lines: 5 } } }, action: 'replied',
        said: "its window's first batch is malformed: left out, its parent keeps the count it shows" },
      { what: "an open window's reply count that is not a number", state: { posted: [], window: { ...OPEN, replies: 'x' } }, action: 'replied', said: "its window's replies is not a number: left out" },
    ])('$what', async ({ state, action, said }) => {
      await store.put(logWatchKey('api-errors'), JSON.stringify({ watch: 'api-errors', ...state }), { contentType: 'application/json' });
      expect(await deliver(payload([{ at: T0 + MIN, message: 'ERROR again' }]))).toMatchObject({ action, lines: 1 });
      expect(logs.find((l) => l.level === 'warn')?.message).toBe(`log watch api-errors: log-watches/api-errors.json: ${said} in ${(store as LocalStore).location}: repaired by the next write`);
      const repaired = await stored();
      expect(repaired.posted.every((id) => typeof id === 'string')).toBe(true);
      expect(repaired.deliveries).toHaveLength(1);
      expect(repaired.window).toMatchObject({ channel: 'C0ALERTS', count: action === 'opened' ? 1 : 2 });
      if (action === 'replied') expect(slack.posts.at(-1)!.threadTs).toBe(OPEN.ts);
      // Read again, it is whole: nothing more is said.
      logs.length = 0;
      expect(await deliver(payload([{ at: T0 + 2 * MIN, message: 'ERROR once more' }]))).toMatchObject({ lines: 1 });
      expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
    });
  });

  it('a filter pattern too long for a link in Slack: the lines are linked without it', async () => {
    const long: ResolvedLogWatch = { ...WATCH, filterPattern: `%${'"'.repeat(1_000)}%` };
    await deliver(payload([{ at: T0, message: 'ERROR one' }]), { watches: [long] });
    const sections = slack.posts[0]!.message.attachments![0]!.blocks!.map((b) => JSON.stringify(b));
    for (const s of sections) expect(s.length).toBeLessThan(3_000);
    const linked = sections.find((s) => s.includes('Open these lines in CloudWatch Logs'));
    expect(linked, 'a link to the lines').toBeDefined();
    expect(linked).toContain('/log-events/2026$252F11$252F29$252F');
    expect(linked).not.toContain('filterPattern');
    expect(linked).toContain(`start$3D${T0 - 1_000}$26end$3D${T0 + 1_000}`);
  });
});

describe('lines dated ahead of the clock', () => {
  it('a future-dated line does not take the window over: the window is timed by the clock, and a warning says so', async () => {
    clock = T0;
    const ahead = payload([{ at: T0 + 2 * 60 * MIN, message: 'ERROR from a host whose clock runs 2 h fast' }]);
    expect(await deliver(ahead)).toMatchObject({ action: 'opened' });
    const window = (await stored()).window!;
    expect(window.openedAt).toBeLessThanOrEqual(T0 + MAX_FUTURE_SKEW_MS);
    expect(window.until).toBeLessThanOrEqual(T0 + MAX_FUTURE_SKEW_MS + 5 * MIN);
    expect(logs.find((l) => l.level === 'warn')?.message).toMatch(/^log watch api-errors: 1 line\(s\) dated ahead of the clock \(the latest by 7200 s\)/);
    // Seven minutes on, a line of now opens a window of its own rather than replying in one dated 2 h ahead.
    clock = T0 + 7 * MIN;
    expect(await deliver(payload([{ at: T0 + 7 * MIN, message: 'ERROR on time' }]))).toMatchObject({ action: 'opened' });
    expect(slack.parents()).toHaveLength(2);
  });
});

describe('what is skipped', () => {
  it('events without an id or a numeric timestamp: skipped with a warning naming them, the others posted', async () => {
    const p = decodeLogPayload(encode({ ...dataMessage({ lines: [] }), logEvents: [
      { id: '', timestamp: T0, message: 'ERROR no id' }, { id: 'b', timestamp: 'soon', message: 'ERROR no time' },
      { id: 'c', timestamp: T0 + 1, message: 'ERROR fine' }, { id: 'd', timestamp: String(T0 + 2), message: 'ERROR time as text' },
    ] }));
    expect(await deliver(p)).toMatchObject({ action: 'opened', lines: 2 });
    expect(body(slack.posts[0]!.message)).not.toContain('no id');
    const warning = logs.find((l) => l.level === 'warn');
    expect(warning?.message).toBe('log watch api-errors: 2 event(s) of the delivery skipped, not CloudWatch\'s shape: #0 no id (""); #1 id b: timestamp "soon" is not a number');
  });

  it('a CONTROL_MESSAGE, lines no watch claims, lines that do not match, everything while Slack is off: logged, not thrown, nothing opened', async () => {
    expect(await deliver(decodeLogPayload(encode(controlMessage())))).toMatchObject({ action: 'ignored', why: expect.stringMatching(/CONTROL_MESSAGE/) });
    expect(await deliver(payload([{ at: T0, message: 'ERROR x' }], { filters: ['other-stack-x'], logGroup: '/aws/lambda/nobody' })))
      .toMatchObject({ action: 'ignored', why: expect.stringMatching(/no log watch for \/aws\/lambda\/nobody/) });
    expect(logs.find((l) => l.level === 'warn')?.message).toBe('log lines skipped: no log watch for them');
    expect(await deliver(payload([{ at: T0, message: 'all good' }]))).toMatchObject({ action: 'ignored', why: 'no line matched /ERROR|Unhandled/' });
    expect(await deliver(payload([{ at: T0, message: 'ERROR x' }]), { channel: undefined })).toMatchObject({ action: 'ignored', why: 'Slack is off' });
    expect(logs.at(-1)!.message).toMatch(/not posted: Slack is off/);
    const own = '/aws/lambda/mimamori-prod-LogWatchFunction-Q1';
    const logged = logs.length;
    expect(await deliver(payload([{ at: T0, message: 'ERROR x' }], { logGroup: own }), { watches: [{ ...WATCH, logGroups: [own] }], ownLogGroup: own }))
      .toMatchObject({ action: 'ignored', why: expect.stringMatching(/own log group/) });
    expect(logs).toHaveLength(logged);
    expect(connected).toBe(0);
    expect(slack.posts).toHaveLength(0);
    expect(await store.get(logWatchKey('api-errors'))).toBeUndefined();
  });

  it('a watch chosen by its filter is another watch\'s window', async () => {
    await deliver(payload([{ at: T0, message: 'panic: nil map' }], { filters: [`${STACK}-worker-panics`] }));
    expect(slack.posts[0]!.message.text).toMatch(/^:warning: worker-panics: 1 log line matched \/panic\//);
    expect(await store.get(logWatchKey('worker-panics'))).toBeDefined();
  });
});
