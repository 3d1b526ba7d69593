// The pure parts of muting from the terminal: how long (--for), what (a check, tag:NAME, all), whether a check is muted
// at a moment (and so until when), who muted, the command's arguments, and what the channel is told.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMuteDuration } from '../../src/mute/duration.ts';
import { resolveTarget } from '../../src/mute/target.ts';
import { mutedAt } from '../../src/mute/muted-at.ts';
import { gitUserName, whoMutes } from '../../src/mute/who.ts';
import { kept, muteListShape } from '../../src/mute/mute-store.ts';
import { muteEndText, muteStartText } from '../../src/mute/announcement.ts';
import { nearNames } from '../../src/mute/near-names.ts';
import { parseMute, parseUnmute } from '../../src/cli/mute-args.ts';
import { UsageError } from '../../src/cli/args.ts';
import type { Mute } from '../../src/mute/mute.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 11, 6, 0, 42); // 09:42 in Tokyo

describe('--for', () => {
  it.each([['30m', 30 * MIN], ['2h', 2 * HOUR], ['1d', 24 * HOUR], ['1h30m', 90 * MIN], ['7d', 7 * 24 * HOUR], [' 5m ', 5 * MIN]])('reads %s', (text, ms) => {
    expect(parseMuteDuration(text)).toBe(ms);
  });

  it.each(['30', '30s', '', 'm', 'soon', '1.5h', '-5m', '30m2h', '1M', '2H'])("refuses '%s', saying the forms it takes", (text) => {
    expect(() => parseMuteDuration(text)).toThrow(`--for takes minutes, hours or days, like 30m, 2h, 1d or 1h30m; got '${text}'`);
  });

  it('refuses nothing at all, and more than 7 days, saying the cap and where longer quiet belongs', () => {
    expect(() => parseMuteDuration('0m')).toThrow("--for must be at least 1m, got '0m'");
    expect(() => parseMuteDuration('8d')).toThrow("--for is at most 7d (got '8d'): a mute is for a planned moment; a longer or recurring quiet time belongs in the config's maintenance windows");
    expect(() => parseMuteDuration('7d1m')).toThrow(/at most 7d/);
  });
});

const CHECKS = [
  { name: 'checkout', tags: ['payments', 'critical'] },
  { name: 'login', tags: ['critical'] },
  { name: 'search', tags: [] },
];

describe('the target', () => {
  it('is a check, tag:NAME of a tag some check has, or all — kept as typed', () => {
    expect(resolveTarget('checkout', CHECKS)).toBe('checkout');
    expect(resolveTarget('tag:payments', CHECKS)).toBe('tag:payments');
    expect(resolveTarget('all', CHECKS)).toBe('all');
  });

  it('refuses a check name the project lacks, naming the near ones', () => {
    expect(() => resolveTarget('chekout', CHECKS)).toThrow("check 'chekout' is not in this project: did you mean 'checkout'?");
    expect(() => resolveTarget('log', CHECKS)).toThrow("check 'log' is not in this project: did you mean 'login'?");
  });

  it('lists the checks when none is near, and points at the tag when the word is one', () => {
    expect(() => resolveTarget('zzzzzzzz', CHECKS)).toThrow("check 'zzzzzzzz' is not in this project (checks: checkout, login, search)");
    expect(() => resolveTarget('payments', CHECKS)).toThrow(/\(a tag of that name exists: mute tag:payments\)$/);
  });

  it('refuses a tag no check has, naming near tags as they are typed, and an empty tag', () => {
    expect(() => resolveTarget('tag:payment', CHECKS)).toThrow("tag 'payment' is not in this project: did you mean 'tag:payments'?");
    expect(() => resolveTarget('tag:zzzzzzzz', CHECKS)).toThrow("tag 'zzzzzzzz' is not in this project (tags: critical, payments)");
    expect(() => resolveTarget('tag:', CHECKS)).toThrow("'tag:' names no tag: write tag:NAME (tags: critical, payments)");
  });

  it('near names: a few edits away or containing the word, closest first, at most three', () => {
    expect(nearNames('chekcout', ['checkout', 'login'])).toEqual(['checkout']);
    expect(nearNames('cart', ['cart-api', 'cart', 'carts', 'card', 'search'])).toEqual(['cart', 'card', 'carts']);
    expect(nearNames('x', ['checkout'])).toEqual([]);
  });
});

const mute = (target: string, o: Partial<Mute> = {}): Mute => ({ target, by: 'alice', since: T0, until: T0 + 30 * MIN, ...o });

describe('mutedAt', () => {
  const checkout = CHECKS[0]!;
  it('mutes the check named, the checks with the tag, or every check with all — as a silence from the mute', () => {
    expect(mutedAt([mute('checkout', { reason: 'DB restart' })], checkout, T0 + MIN)).toEqual({
      mode: 'silence', source: 'mute', name: 'checkout', reason: 'DB restart', by: 'alice', since: T0, until: T0 + 30 * MIN,
    });
    expect(mutedAt([mute('tag:payments')], checkout, T0)?.name).toBe('tag:payments');
    expect(mutedAt([mute('all')], CHECKS[2]!, T0)?.name).toBe('all');
    expect(mutedAt([mute('tag:payments'), mute('checkout')], CHECKS[1]!, T0)).toBeUndefined();
    expect(mutedAt([mute('login')], checkout, T0)).toBeUndefined();
  });

  it('expires by itself: muted up to the last millisecond before `until`, not at it', () => {
    const m = [mute('checkout')];
    expect(mutedAt(m, checkout, T0 + 30 * MIN - 1)).toBeDefined();
    expect(mutedAt(m, checkout, T0 + 30 * MIN)).toBeUndefined();
  });

  it('is in force at once on a monitor whose clock is behind the laptop that set it (`since` is for people)', () => {
    expect(mutedAt([mute('checkout')], checkout, T0 - 2 * MIN)).toMatchObject({ since: T0, until: T0 + 30 * MIN });
  });

  it('silences nothing when its end lies beyond the longest mute (a clock far ahead, an edited object): never in force for ever', () => {
    const DAY = 24 * HOUR;
    expect(mutedAt([mute('checkout', { until: T0 + 7 * DAY })], checkout, T0)).toBeDefined();
    expect(mutedAt([mute('checkout', { until: T0 + 365 * DAY })], checkout, T0)).toBeUndefined();
  });

  it('of several covering the check, names the one lasting longest (when it is heard again)', () => {
    const m = [mute('checkout', { until: T0 + HOUR }), mute('all', { until: T0 + 2 * HOUR, by: 'bob' }), mute('tag:critical', { until: T0 + 10 * MIN })];
    expect(mutedAt(m, checkout, T0)).toMatchObject({ name: 'all', by: 'bob', until: T0 + 2 * HOUR });
    expect(mutedAt(m, checkout, T0 + 2 * HOUR)).toBeUndefined();
  });
});

describe('who mutes', () => {
  it('is --by, else the git user, else the OS user, else someone', () => {
    const none = () => undefined;
    expect(whoMutes('  Dana ', '/x', { gitUser: () => 'git-user', osUser: () => 'os-user' })).toBe('Dana');
    expect(whoMutes(undefined, '/x', { gitUser: () => 'git-user', osUser: () => 'os-user' })).toBe('git-user');
    expect(whoMutes(undefined, '/x', { gitUser: none, osUser: () => 'os-user' })).toBe('os-user');
    expect(whoMutes(undefined, '/x', { gitUser: none, osUser: none })).toBe('someone');
  });

  it('asks git in the project folder: its own user.name there, none outside a repository with none set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimamori-who-'));
    try {
      const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
      execFileSync('git', ['init', '-q'], { cwd: dir, env });
      execFileSync('git', ['config', 'user.name', 'Repo Person'], { cwd: dir, env });
      expect(gitUserName(dir)).toBe('Repo Person');
      expect(whoMutes(undefined, dir, { osUser: () => 'os-user' })).toBe('Repo Person');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the stored list', () => {
  it('keeps mutes in force and ended ones awaiting their announcement for a day; drops older ones', () => {
    const now = T0 + 30 * MIN;
    const list = [mute('a'), mute('b', { until: now - 23 * HOUR }), mute('c', { until: now - 25 * HOUR }), mute('d', { until: now + HOUR })];
    expect(kept(list, now).map((m) => m.target)).toEqual(['a', 'b', 'd']);
  });

  it('reads an entry that is not a mute as left out, said', () => {
    const repairs: string[] = [];
    expect(muteListShape({ mutes: [mute('a'), { target: 'b' }, 7] }, repairs)).toEqual({ mutes: [mute('a')] });
    expect(repairs).toEqual(['mutes[1] is not a mute: left out', 'mutes[2] is not a mute: left out']);
    expect(() => muteListShape({ mutes: 'x' }, [])).toThrow('not an object with a list of mutes');
  });
});

describe('the command line', () => {
  it('reads mute <target> --for, --reason, --by, --no-slack, --out, --config; and --list', () => {
    expect(parseMute(['checkout', '--for', '30m', '--reason', ' DB restart ', '--by', 'dana'])).toEqual({
      help: false, list: false, target: 'checkout', durationMs: 30 * MIN, reason: 'DB restart', by: 'dana', slack: true, out: 'mimamori-results', config: undefined,
    });
    expect(parseMute(['--list', '--out', 'r', '--no-slack'])).toMatchObject({ list: true, out: 'r', slack: false });
    expect(parseMute(['checkout', '--for', 'nonsense', '--help'])).toEqual({ help: true });
    expect(parseUnmute(['tag:payments'])).toMatchObject({ target: 'tag:payments', help: false });
  });

  it.each([
    [['checkout'], '--for is required: how long the mute lasts, like 30m, 2h or 1d'],
    [['--for', '30m'], 'Name what to mute: a check, tag:NAME or all'],
    [['a', 'b', '--for', '30m'], 'Name one target (a check, tag:NAME or all), got 2: quote a name with spaces'],
    [['checkout', '--for', '8d'], /at most 7d/],
    [['checkout', '--for', '30m', '--by', ' '], '--by needs a name'],
    [['--list', 'checkout'], '--list takes no target, --for or --reason'],
    [['checkout', '--for', '30m', '--until', 'x'], /Unknown option '--until'/],
  ])('refuses mute %j as a usage error', (argv, message) => {
    expect(() => parseMute(argv)).toThrow(UsageError);
    expect(() => parseMute(argv)).toThrow(message);
  });

  it('refuses unmute without a target, and --for on unmute', () => {
    expect(() => parseUnmute([])).toThrow('Name what to unmute: a check, tag:NAME or all');
    expect(() => parseUnmute(['checkout', '--for', '1h'])).toThrow(UsageError);
  });
});

describe('what the channel is told', () => {
  const m = mute('tag:payments', { reason: 'DB restart' });
  it('at the start: what, until when in the config\'s zone and for how long, who and why', () => {
    expect(muteStartText(m, 'Asia/Tokyo')).toBe(
      '🔇 Muted the checks tagged payments until 6 Dec, 10:12 GMT+9 (30 min), by alice: DB restart. The checks still run and are recorded; their alerts are silenced until then.',
    );
    expect(muteStartText(mute('all', { until: T0 + 2 * HOUR }), 'UTC', mute('all', { until: T0 + HOUR, by: 'bob' }))).toBe(
      "🔇 Muted every check until 6 Dec, 02:42 UTC (2 h), by alice (replaces bob's mute until 6 Dec, 01:42 UTC). The checks still run and are recorded; their alerts are silenced until then.",
    );
  });

  it('at the end: by itself at `until`, or early by whoever unmuted, with who set it and why', () => {
    expect(muteEndText(mute('checkout', { reason: 'DB restart' }), 'UTC')).toBe('🔔 The mute of checkout ended at 6 Dec, 01:12 UTC (set by alice at 6 Dec, 00:42 UTC: DB restart): alerts are back on.');
    expect(muteEndText(mute('checkout'), 'UTC', { by: 'bob', at: T0 + 5 * MIN })).toBe('🔔 bob unmuted checkout at 6 Dec, 00:47 UTC (the mute was set by alice at 6 Dec, 00:42 UTC): alerts are back on.');
  });
});
