// Mutes in the shared store, through the real S3 client against s3rver (with S3's conditional writes) and the real
// Slack client against the fake Slack: two people muting at once both land, a mute ends by itself, its end is announced
// once by two runs noticing it at the same moment, and `mimamori mute` / `unmute` / `mute --list` through their functions.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { remoteStore } from '../../src/store/settings.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';
import { MUTES_KEY } from '../../src/store/layout.ts';
import { addMute, readMutes, removeMutes } from '../../src/mute/mute-store.ts';
import { announceEnded } from '../../src/mute/announce-ended.ts';
import { mutedAt } from '../../src/mute/muted-at.ts';
import type { Mute } from '../../src/mute/mute.ts';
import { slackAnnouncer } from '../../src/notify/announce-post.ts';
import { muteMain, unmuteMain, type MuteDeps } from '../../src/cli/mute.ts';
import type { MuteProject } from '../../src/cli/mute-project.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 6, 0, 42);

let s3: FakeS3;
let prefixes = 0;
const savedEnv = { ...process.env };
/** A store of its own for each test: a fresh prefix in the one bucket. */
const freshStore = async (): Promise<{ store: Store; env: Record<string, string> }> => {
  const env = { ...s3.env, MIMAMORI_S3_PREFIX: `mute-${++prefixes}` };
  return { store: (await remoteStore({}, env))!, env };
};
beforeAll(async () => {
  s3 = await startFakeS3();
  // The SDK reads its credentials from the process environment.
  useS3Credentials(s3);
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

/**
 * The store as `n` writers at once see it: the first `n` reads wait until all `n` have been made, so every writer
 * starts from the same version and all but one must read again; `conflicts` counts the writes refused for it.
 */
function inStep(store: Store, n: number): { store: Store; conflicts: () => number } {
  let reads = 0;
  let conflicts = 0;
  let open!: () => void;
  const allRead = new Promise<void>((resolve) => (open = resolve));
  const stepped = Object.create(store) as Store;
  stepped.getVersioned = async (key, options) => {
    const found = await store.getVersioned(key, options);
    if (++reads <= n) {
      if (reads === n) open();
      await allRead;
    }
    return found;
  };
  stepped.put = async (key, body, options) => {
    try {
      await store.put(key, body, options);
    } catch (error) {
      if (error instanceof WriteConflict) conflicts++;
      throw error;
    }
  };
  return { store: stepped, conflicts: () => conflicts };
}

const mute = (target: string, o: Partial<Mute> = {}): Mute => ({ target, by: 'alice', since: T0, until: T0 + 30 * MIN, ...o });

describe('the mutes in S3', () => {
  it('keeps two mutes set at the same moment by two people: both land', async () => {
    const { store } = await freshStore();
    // Both read the empty store before either writes: one create wins, the other reads again and adds to it.
    const two = inStep(store, 2);
    await Promise.all([addMute(two.store, mute('checkout'), T0), addMute(two.store, mute('tag:payments', { by: 'bob' }), T0)]);
    expect(two.conflicts()).toBe(1);
    expect((await readMutes(store, T0)).map((m) => m.target).sort()).toEqual(['checkout', 'tag:payments']);
    // And on an object that exists (If-Match), with an unmute among them.
    const three = inStep(store, 3);
    await Promise.all([addMute(three.store, mute('login'), T0), removeMutes(three.store, 'checkout', T0), addMute(three.store, mute('search'), T0)]);
    expect(three.conflicts()).toBeGreaterThanOrEqual(2);
    expect((await readMutes(store, T0)).map((m) => m.target).sort()).toEqual(['login', 'search', 'tag:payments']);
  });

  it('ends a mute by itself: a run after `until` reads it no more, and the next write drops it once announced', async () => {
    const { store } = await freshStore();
    await addMute(store, mute('checkout'), T0);
    const check = { name: 'checkout', tags: [] };
    expect(mutedAt(await readMutes(store, T0 + 29 * MIN), check, T0 + 29 * MIN)?.until).toBe(T0 + 30 * MIN);
    expect(await readMutes(store, T0 + 30 * MIN)).toEqual([]);
    // Still stored, awaiting its end's announcement; a write a day later drops it unannounced.
    await addMute(store, mute('login', { since: T0 + 25 * 60 * MIN, until: T0 + 26 * 60 * MIN }), T0 + 25 * 60 * MIN);
    const stored = JSON.parse((await store.get(MUTES_KEY))!.toString('utf8')) as { mutes: Mute[] };
    expect(stored.mutes.map((m) => m.target)).toEqual(['login']);
  });

  it('announces an ended mute once when two runs notice it at the same moment, and a mute in force not at all', async () => {
    const { store } = await freshStore();
    await addMute(store, mute('checkout', { reason: 'DB restart' }), T0);
    await addMute(store, mute('tag:payments', { until: T0 + 90 * MIN }), T0);
    const posted: string[][] = [[], []];
    const now = T0 + 31 * MIN;
    // Both read the ended mute before either claims it.
    const two = inStep(store, 2);
    const [a, b] = await Promise.all([0, 1].map((i) => announceEnded(two.store, now, async (text) => void posted[i]!.push(text), { timeZone: 'Asia/Tokyo' })));
    expect(two.conflicts()).toBe(1);
    expect([...posted[0]!, ...posted[1]!]).toEqual(['🔔 The mute of checkout ended at 6 Dec, 10:12 GMT+9 (set by alice at 6 Dec, 09:42 GMT+9: DB restart): alerts are back on.']);
    expect([...a!.announced, ...b!.announced].map((m) => m.target)).toEqual(['checkout']);
    expect((await readMutes(store, now)).map((m) => m.target)).toEqual(['tag:payments']);
    // Noticed again later: nothing left to tell.
    expect(await announceEnded(store, now + MIN, async () => { throw new Error('posted twice'); })).toEqual({ announced: [], failed: [] });
  });

  it('returns a post that failed (the mute is claimed all the same: told at most once)', async () => {
    const { store } = await freshStore();
    await addMute(store, mute('checkout'), T0);
    const out = await announceEnded(store, T0 + 31 * MIN, async () => { throw new Error('Slack is down'); });
    expect(out.failed.map((f) => [f.mute.target, f.error.message])).toEqual([['checkout', 'Slack is down']]);
    expect(JSON.parse((await store.get(MUTES_KEY))!.toString('utf8'))).toEqual({ mutes: [] });
  });

  it('reads a corrupt mutes object as no mutes, saying so (a broken mute silences nothing), and the next mute replaces it', async () => {
    const { store } = await freshStore();
    await store.put(MUTES_KEY, '{"mutes": [', { contentType: 'application/json' });
    const said: string[] = [];
    expect(await readMutes(store, T0, { onUnreadable: (m) => said.push(m) })).toEqual([]);
    expect(said[0]).toMatch(/^mutes\/active\.json is not JSON .* read as none, the next write replaces it$/);
    await addMute(store, mute('checkout'), T0);
    expect((await readMutes(store, T0)).map((m) => m.target)).toEqual(['checkout']);
  });
});

describe('the announcement in Slack', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(() => slack.close());

  it('posts the text into the channel, escaped: a reason like <!channel> pings no one', async () => {
    const post = slackAnnouncer({ token: slack.token, apiUrl: slack.url, channel: 'alerts', timeZone: 'UTC' });
    expect(await post('🔇 Muted checkout, by alice: <!channel> & co')).toMatchObject({ channel: 'C0ALERTS' });
    expect(slack.messages.map((m) => [m.channel, m.text])).toEqual([['C0ALERTS', '🔇 Muted checkout, by alice: &lt;!channel&gt; &amp; co']]);
  });

  it('says what to fix when the bot is not in the channel', async () => {
    const post = slackAnnouncer({ token: slack.token, apiUrl: slack.url, channel: 'outside', timeZone: 'UTC' });
    await expect(post('x')).rejects.toThrow(/not a member of #outside \(not_in_channel\)/);
  });
});

describe('mimamori mute / unmute / mute --list', () => {
  let slack: FakeSlack;
  let scratch: string;
  beforeEach(async () => {
    slack = await startFakeSlack();
    scratch = await mkdtemp(join(tmpdir(), 'mimamori-mute-'));
  });
  afterEach(async () => {
    await slack.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const PROJECT: MuteProject = {
    config: { slack: { channel: 'C0ALERTS', timeZone: 'Asia/Tokyo' } },
    folder: '/nowhere',
    checks: [{ name: 'checkout', tags: ['payments'] }, { name: 'login', tags: [] }],
    problems: [],
  };
  /** Runs a command's main with this project, clock and environment; what it printed. */
  async function run(main: typeof muteMain, argv: string[], env: Record<string, string>, now = T0, project = PROJECT) {
    let stdout = '';
    let stderr = '';
    const deps: MuteDeps = {
      loadProject: async () => project, now: () => now, env, cwd: scratch, who: { gitUser: () => 'Git User', osUser: () => 'os-user' },
      out: (t) => void (stdout += t), err: (t) => void (stderr += t),
    };
    const code = await main(argv, deps);
    return { code, stdout, stderr };
  }
  const withSlack = (env: Record<string, string>) => ({ ...env, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url });

  it('mutes a check in the bucket, announces who, why and until when, and the runner side reads it', async () => {
    const { store, env } = await freshStore();
    const muted = await run(muteMain, ['checkout', '--for', '30m', '--reason', 'DB restart'], withSlack(env));
    expect(muted.stderr).toBe('');
    expect(muted.code).toBe(0);
    expect(muted.stdout).toBe(
      'Muted checkout until 6 Dec, 10:12 GMT+9 (30 min), by Git User: DB restart. The checks still run and are recorded; their alerts are silenced until then.\n'
      + `  in s3://${s3.bucket}/${env.MIMAMORI_S3_PREFIX}/: runs that read it honour it until then; it ends by itself\n`
      + '  announced in Slack (C0ALERTS)\n',
    );
    expect(slack.messages.map((m) => m.text)).toEqual([
      '🔇 Muted checkout until 6 Dec, 10:12 GMT+9 (30 min), by Git User: DB restart. The checks still run and are recorded; their alerts are silenced until then.',
    ]);
    expect(await readMutes(store, T0 + MIN)).toEqual([{ target: 'checkout', by: 'Git User', reason: 'DB restart', since: T0, until: T0 + 30 * MIN }]);

    const list = await run(muteMain, ['--list'], env, T0 + 10 * MIN);
    expect(list.stdout).toBe(`Mutes in force in s3://${s3.bucket}/${env.MIMAMORI_S3_PREFIX}/\n  checkout  until 6 Dec, 10:12 GMT+9 (20 min left)  by Git User  DB restart\n`);
  });

  it('unmutes at once, announcing who ended it; says so when nothing matched, and through what a check is still muted', async () => {
    const { store, env } = await freshStore();
    await run(muteMain, ['tag:payments', '--for', '2h', '--by', 'Dana'], env);
    const none = await run(unmuteMain, ['checkout'], withSlack(env), T0 + MIN);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(`Nothing to unmute: no mute of checkout is in force in s3://${s3.bucket}/${env.MIMAMORI_S3_PREFIX}/; checkout is muted through tag:payments (until 6 Dec, 11:42 GMT+9): unmute that\n`);
    expect(slack.messages).toEqual([]);

    const ended = await run(unmuteMain, ['tag:payments', '--by', 'Eve'], withSlack(env), T0 + 5 * MIN);
    expect(ended.code).toBe(0);
    expect(ended.stdout).toBe(`Unmuted tag:payments in s3://${s3.bucket}/${env.MIMAMORI_S3_PREFIX}/\n  announced in Slack (C0ALERTS)\n`);
    expect(slack.messages.map((m) => m.text)).toEqual([
      '🔔 Eve unmuted the checks tagged payments at 6 Dec, 09:47 GMT+9 (the mute was set by Dana at 6 Dec, 09:42 GMT+9): alerts are back on.',
    ]);
    expect(await readMutes(store, T0 + 5 * MIN)).toEqual([]);
    expect((await run(muteMain, ['--list'], env, T0 + 6 * MIN)).stdout).toBe(`No mutes in force in s3://${s3.bucket}/${env.MIMAMORI_S3_PREFIX}/\n`);
  });

  it('unmute all ends every mute in force', async () => {
    const { store, env } = await freshStore();
    await run(muteMain, ['checkout', '--for', '1h'], env);
    await run(muteMain, ['all', '--for', '1h'], env);
    expect((await run(unmuteMain, ['all', '--no-slack'], withSlack(env), T0 + MIN)).stdout).toMatch(/^Unmuted checkout, all in .*\n {2}not announced: --no-slack\n$/);
    expect(await readMutes(store, T0 + MIN)).toEqual([]);
  });

  it('refuses a check the project lacks, naming the near ones, and stores nothing', async () => {
    const { store, env } = await freshStore();
    const typo = await run(muteMain, ['chekout', '--for', '30m'], env);
    expect(typo).toEqual({ code: 2, stdout: '', stderr: "check 'chekout' is not in this project: did you mean 'checkout'?\n" });
    const badFor = await run(muteMain, ['checkout', '--for', '2w'], env);
    expect(badFor.code).toBe(2);
    expect(badFor.stderr).toMatch(/^--for takes minutes, hours or days, like 30m, 2h, 1d or 1h30m; got '2w'\n\nUsage: mimamori mute /);
    expect(await store.get(MUTES_KEY)).toBeUndefined();
  });

  it('without a bucket, keeps mutes in the local results folder a local run reads, and says it announced nothing', async () => {
    const out = join(scratch, 'results');
    const muted = await run(muteMain, ['login', '--for', '1d', '--out', out], {});
    expect(muted.code).toBe(0);
    expect(muted.stdout).toMatch(/^Muted login until 7 Dec, 09:42 GMT\+9 \(1 d\), by Git User\. .*\n {2}in .*results: .*\n {2}not announced: no SLACK_BOT_TOKEN\n$/);
    const stored = JSON.parse(await readFile(join(out, MUTES_KEY), 'utf8')) as { mutes: Mute[] };
    expect(stored.mutes.map((m) => [m.target, m.until - m.since])).toEqual([['login', 24 * 60 * MIN]]);
  });

  it('stores the mute and exits 3 when Slack refuses the announcement, saying only the announcement failed', async () => {
    const { store, env } = await freshStore();
    const project = { ...PROJECT, config: { slack: { channel: 'outside' } } };
    const muted = await run(muteMain, ['login', '--for', '30m'], withSlack(env), T0, project);
    expect(muted.code).toBe(3);
    expect(muted.stderr).toMatch(/not a member of #outside \(not_in_channel\).*\n {2}\(the store is changed; only the announcement failed\)\n$/);
    expect((await readMutes(store, T0)).map((m) => m.target)).toEqual(['login']);
  });
});
