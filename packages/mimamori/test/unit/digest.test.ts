// The daily picture's pure parts: the summary line's wording, the config's digest setting, and when the dispatcher
// enqueues it (the checks' due-minute rule, 4-minute look-back, one deduplication id per local day).
import { describe, expect, it } from 'vitest';
import { digestHtml, digestLayout } from '../../src/render/digest-page.ts';
import { digestSummary, spokenDuration, type DigestCheck, type DigestData } from '../../src/render/digest-summary.ts';
import { clockTime, yesterdayOf } from '../../src/render/time.ts';
import { DIGEST_GROUP, digestEntry, isDigestRequest, LOOKBACK_MINUTES, messageGroupId } from '../../src/lambda/dispatch.ts';
import { digestSchedule } from '../../src/build/functions.ts';
import { validateConfig } from '../../src/check/validate.ts';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

const check = (name: string, over: Partial<DigestCheck> = {}): DigestCheck => ({
  name, status: 'passed', uptime: { h24: 100 }, incidents: [], spark: [400, 420, 410], ...over,
});
const data = (checks: DigestCheck[], now = '2026-11-29T00:00:00Z', timeZone = 'Asia/Tokyo'): DigestData => ({ generatedAt: at(now), timeZone, checks });

describe('the summary line', () => {
  // 09:00 in Tokyo on Nov 29: yesterday is Nov 28 (Tokyo), i.e. Nov 27 15:00 to Nov 28 15:00 UTC.
  const resolved = { start: at('2026-11-28T01:10:00Z'), end: at('2026-11-28T01:24:00Z'), durationMs: 14 * MIN };

  it('says all is well, with yesterday\'s incident and how long it took', () => {
    const checks = Array.from({ length: 12 }, (_, i) => check(`check ${i + 1}`));
    checks[3]!.incidents = [resolved];
    expect(digestSummary(data(checks))).toBe('12 checks, all passing; 1 incident yesterday, resolved in 14 min');
  });

  it('says there were none, for one check too', () => {
    expect(digestSummary(data([check('home')]))).toBe('1 check, passing; no incidents yesterday');
  });

  it('names the failing check and since when, in the digest\'s zone', () => {
    const checks = Array.from({ length: 11 }, (_, i) => check(`check ${i + 1}`));
    // 08:20 in Tokyo today (23:20 UTC the day before); the open incident started that day.
    checks.push(check('checkout', { status: 'failed', incidents: [{ start: at('2026-11-28T23:20:00Z'), durationMs: 40 * MIN }], lastRunAt: at('2026-11-28T23:55:00Z') }));
    expect(digestSummary(data(checks))).toBe('11 of 12 passing: checkout failing since 08:20; no incidents yesterday');
  });

  it('gives the date when failing started on an earlier day, and counts an open incident of yesterday', () => {
    const failing = check('checkout', { status: 'failed', incidents: [{ start: at('2026-11-28T12:05:00Z') }] });
    expect(digestSummary(data([check('home'), failing]))).toBe('1 of 2 passing: checkout failing since Nov 28 21:05; 1 incident yesterday, still open');
  });

  it('falls back to the last run when no incident is open, and lists degraded and never-run checks after failing ones', () => {
    const checks = [
      check('search', { status: 'degraded' }),
      check('new one', { status: 'unknown', uptime: { h24: null }, spark: [] }),
      check('login', { status: 'failed', lastRunAt: at('2026-11-28T22:45:00Z') }),
      check('home'),
    ];
    expect(digestSummary(data(checks))).toBe('1 of 4 passing: login failing since 07:45, search degraded, new one not run yet; no incidents yesterday');
  });

  it('names three problems at most', () => {
    const checks = ['a', 'b', 'c', 'd', 'e'].map((n) => check(n, { status: 'degraded' }));
    expect(digestSummary(data([check('ok'), ...checks]))).toBe('1 of 6 passing: a degraded, b degraded, c degraded, and 2 more; no incidents yesterday');
  });

  it('sums up several incidents: all resolved with the longest, or how many are open', () => {
    const long = { start: at('2026-11-28T03:00:00Z'), end: at('2026-11-28T04:05:00Z') };
    expect(digestSummary(data([check('a', { incidents: [long, resolved] })]))).toBe('1 check, passing; 2 incidents yesterday, all resolved (longest 1 h 5 min)');
    const open = { start: at('2026-11-28T14:00:00Z') };
    expect(digestSummary(data([check('a', { status: 'failed', incidents: [open] }), check('b', { incidents: [resolved] })])))
      .toBe('1 of 2 passing: a failing since Nov 28 23:00; 2 incidents yesterday, 1 still open');
  });

  it('leaves out incidents of today and of the day before yesterday (local days)', () => {
    const today = { start: at('2026-11-28T15:30:00Z'), end: at('2026-11-28T15:40:00Z') }; // 00:30 Nov 29 in Tokyo
    const before = { start: at('2026-11-27T14:50:00Z'), end: at('2026-11-27T15:10:00Z') }; // 23:50 Nov 27 in Tokyo
    expect(digestSummary(data([check('a', { incidents: [today, before] })]))).toBe('1 check, passing; no incidents yesterday');
  });

  it('says when there is nothing yet', () => {
    expect(digestSummary(data([]))).toBe('No checks have run yet: nothing to show');
  });

  it('speaks durations and times plainly', () => {
    expect(spokenDuration(20_000)).toBe('under a minute');
    expect(spokenDuration(14 * MIN + 10_000)).toBe('14 min');
    expect(spokenDuration(120 * MIN)).toBe('2 h');
    expect(yesterdayOf(at('2026-03-01T03:00:00Z'), 'UTC')).toBe('2026-02-28');
    expect(clockTime(at('2026-11-29T00:05:00Z'), at('2026-11-29T00:00:00Z'), 'Not/AZone')).toBe('00:05');
  });
});

describe('the page', () => {
  it('is about 1200 px wide, three cards a row (four from ten checks), tall enough for every row', () => {
    expect(digestLayout(3)).toMatchObject({ width: 1200, columns: 3 });
    expect(digestLayout(4).height).toBeGreaterThan(digestLayout(3).height);
    expect(digestLayout(12)).toMatchObject({ columns: 4 });
    expect(digestLayout(12).height).toBe(digestLayout(10).height);
  });

  it('escapes names and embeds only what it is given', () => {
    const html = digestHtml(data([check('<img src=x onerror=alert(1)>')]), { shots: new Map(), summary: 'a </script> b' });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('a &lt;/script&gt; b');
    expect(html).toContain("default-src 'none'");
  });

  it('shows bidi controls and zero-width characters in names and the summary as escapes, so none reorders or hides text', () => {
    const hidden = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
    // 'checkout' spelled backwards behind a right-to-left override reads "checkout" in the picture unless neutralised.
    const names = hidden.map((ch, i) => `c${i} ${ch}tuokcehc`);
    const page = digestHtml(data(names.map((n) => check(n, { status: 'failed' }))), { shots: new Map(), summary: `1 of 2 passing: ${names[4]} failing` });
    expect([...page].filter((ch) => hidden.includes(ch))).toEqual([]);
    for (const ch of hidden) expect(page).toContain(`\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}tuokcehc`);
    expect(page).toContain('<div class="summary">1 of 2 passing: c4 \\u202etuokcehc failing</div>');
  });
});

describe('the config', () => {
  const problems = (digest: unknown) => validateConfig({ digest }, 'mimamori.config.ts').map((p) => `${p.field}: ${p.message}`);

  it('takes HH:MM from 00:00 to 23:59 and a known zone', () => {
    expect(problems({ at: '09:00', timeZone: 'Asia/Tokyo' })).toEqual([]);
    expect(problems({ at: '00:00' })).toEqual([]);
    expect(problems({ at: '23:59' })).toEqual([]);
    for (const bad of ['24:00', '9:00', '09:60', '0900', 9]) expect(problems({ at: bad })[0]).toMatch(/^digest: at must be a local time 'HH:MM'/);
    expect(problems({ at: '09:00', timeZone: 'Mars/Olympus' })[0]).toMatch(/^digest: timeZone/);
    expect(problems({ timeZone: 'UTC' })).toEqual(['digest: at is required']);
  });

  it('defaults the zone to slack.timeZone, then UTC, and carries what the runner reads the store and Slack with', () => {
    expect(digestSchedule({})).toBeNull();
    expect(digestSchedule({ digest: { at: '09:00' } })).toEqual({ at: '09:00', timeZone: 'UTC', config: {} });
    expect(digestSchedule({ digest: { at: '09:00' }, slack: { timeZone: 'Asia/Tokyo', channel: 'C1' }, s3: { prefix: 'p/' } }))
      .toEqual({ at: '09:00', timeZone: 'Asia/Tokyo', config: { slack: { timeZone: 'Asia/Tokyo', channel: 'C1' }, s3: { prefix: 'p/' } } });
    expect(digestSchedule({ digest: { at: '07:30', timeZone: 'Europe/Paris' }, slack: { timeZone: 'Asia/Tokyo' } })?.timeZone).toBe('Europe/Paris');
  });
});

describe('when the dispatcher enqueues it', () => {
  const tokyo = { at: '09:00', timeZone: 'Asia/Tokyo' };
  /** Every tick minute of a span at which the digest is enqueued, and the deduplication ids. */
  function ticks(digest: { at: string; timeZone: string }, fromIso: string, minutes: number) {
    const out: { tick: string; dedup: string; scheduledAt: string }[] = [];
    for (let i = 0; i < minutes; i++) {
      const t = at(fromIso) + i * MIN;
      const e = digestEntry(digest, t);
      if (e) out.push({ tick: new Date(t).toISOString().slice(0, 16), dedup: e.MessageDeduplicationId, scheduledAt: (JSON.parse(e.MessageBody) as { scheduledAt: string }).scheduledAt });
    }
    return out;
  }

  it('at the local time, and at the look-back\'s ticks after it, all under one id per local day', () => {
    const found = ticks(tokyo, '2026-11-28T12:00:00Z', 2 * 1440);
    expect(found.map((f) => f.tick)).toEqual(['2026-11-29T00:00', '2026-11-29T00:01', '2026-11-29T00:02', '2026-11-29T00:03',
      '2026-11-30T00:00', '2026-11-30T00:01', '2026-11-30T00:02', '2026-11-30T00:03']);
    expect(found).toHaveLength(2 * LOOKBACK_MINUTES);
    expect(new Set(found.map((f) => f.dedup))).toEqual(new Set(['digest:2026-11-29', 'digest:2026-11-30']));
    expect(found[0]!.scheduledAt).toBe('2026-11-29T00:00:00.000Z');
    expect(found[3]!.scheduledAt).toBe('2026-11-29T00:00:00.000Z');
  });

  it('in its own message group, as { digest: true, scheduledAt }', () => {
    const e = digestEntry(tokyo, at('2026-11-29T00:00:30Z'))!;
    expect(e.MessageGroupId).toBe(DIGEST_GROUP);
    expect(e.MessageGroupId).not.toBe(messageGroupId('digest'));
    expect(JSON.parse(e.MessageBody)).toEqual({ digest: true, scheduledAt: '2026-11-29T00:00:00.000Z' });
    expect(isDigestRequest(JSON.parse(e.MessageBody))).toBe(true);
    expect(isDigestRequest({ check: 'x' })).toBe(false);
  });

  it('never without a digest, and follows daylight saving: a skipped local time is skipped that day', () => {
    expect(digestEntry(null, at('2026-11-29T00:00:00Z'))).toBeUndefined();
    // New York, 2026-03-08: 02:30 does not exist.
    const ny = ticks({ at: '02:30', timeZone: 'America/New_York' }, '2026-03-07T00:00:00Z', 3 * 1440);
    expect([...new Set(ny.map((f) => f.dedup))]).toEqual(['digest:2026-03-07', 'digest:2026-03-09']);
    // Summer time: 09:00 in Paris is 07:00 UTC.
    expect(ticks({ at: '09:00', timeZone: 'Europe/Paris' }, '2026-07-01T00:00:00Z', 1440)[0]!.tick).toBe('2026-07-01T07:00');
  });
});
