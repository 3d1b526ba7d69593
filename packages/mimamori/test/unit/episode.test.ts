// The episode module on its own: the store's rules (a write names the version it read; a conflict reads again, pausing
// first, a bounded number of times; a corrupt object reads as none), the redelivery memory, and the thread reference —
// including what an earlier version wrote.
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { episodeStore, type EpisodeKind } from '../../src/episode/episode-store.ts';
import { remember } from '../../src/episode/memory.ts';
import { migrateLegacyThread, sameThread } from '../../src/episode/thread-ref.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { isRecord, MalformedObject } from '../../src/store/read-json.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';

interface Count { n: number }
const counter = (extra: Partial<EpisodeKind<Count>> = {}): EpisodeKind<Count> => ({
  key: 'episodes/count.json',
  shape: (json) => {
    if (!isRecord(json) || typeof json.n !== 'number') throw new MalformedObject('n is not a number');
    return { n: json.n };
  },
  ...extra,
});
const scratch = async () => new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-episode-')));

describe('episodeStore', () => {
  it('update: a writer that finds the object changed pauses, reads again and changes again — no update is lost', async () => {
    const store = await scratch();
    const pauses: number[] = [];
    const episodes = episodeStore(store, counter({ beforeReread: async () => void pauses.push(1) }));
    await episodes.write({ n: 0 }, undefined);
    // Both read n = 0; the second to write finds the first's write and counts on top of it.
    const a = await episodes.read();
    const b = await episodes.read();
    await episodes.update((loaded) => ({ value: { n: loaded.value!.n + 1 } }), undefined, a);
    const second = await episodes.update((loaded) => ({ value: { n: loaded.value!.n + 1 }, saw: loaded.value!.n }), undefined, b);
    expect(second.saw).toBe(1);
    expect(pauses).toEqual([1]);
    expect((await episodes.read()).value).toEqual({ n: 2 });
  });

  it('update gives up after `tries` conflicts, with WriteConflict; a change that returns no value writes nothing', async () => {
    const store = await scratch();
    const always: Store = Object.assign(Object.create(store) as Store, { put: async () => { throw new WriteConflict('episodes/count.json'); } });
    let changes = 0;
    await expect(episodeStore(always, counter({ tries: 3 })).update(() => ((changes += 1), { value: { n: changes } }))).rejects.toThrow(WriteConflict);
    expect(changes).toBe(3);
    const episodes = episodeStore(store, counter());
    expect(await episodes.update(() => ({ value: undefined, decided: 'nothing' }))).toEqual({ value: undefined, decided: 'nothing' });
    expect((await episodes.read()).value).toBeUndefined();
  });

  it('reads a corrupt object as none, says so naming the key, and the next write replaces it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimamori-episode-'));
    await mkdir(join(dir, 'episodes'), { recursive: true });
    await writeFile(join(dir, 'episodes/count.json'), '{ "n": ');
    const told: string[] = [];
    const episodes = episodeStore(new LocalStore(dir), counter({ onUnreadable: (m) => told.push(m) }));
    const loaded = await episodes.read();
    expect(loaded.value).toBeUndefined();
    expect(loaded.unreadable).toContain('episodes/count.json');
    expect(told).toHaveLength(1);
    await episodes.update(() => ({ value: { n: 1 } }));
    expect((await episodes.read()).value).toEqual({ n: 1 });
  });
});

describe('remember', () => {
  it('keeps each id once, newest last, at most `limit`', () => {
    expect(remember(undefined, ['a', 'b'], 5)).toEqual(['a', 'b']);
    expect(remember(['a', 'b', 'c'], ['b', 'd'], 5)).toEqual(['a', 'c', 'b', 'd']);
    expect(remember(['a', 'b', 'c'], ['d', 'd'], 2)).toEqual(['c', 'd']);
  });
});

describe('the thread reference', () => {
  it("reads an earlier version's Slack channel and ts as Slack's ref, and keeps no old field", () => {
    expect(migrateLegacyThread({ openedAt: 'x', channel: 'C1', ts: '1.2' })).toEqual({ openedAt: 'x', thread: { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } } });
    expect(migrateLegacyThread({ ts: '1.2' })).toEqual({ thread: { notifier: 'slack', ref: { ts: '1.2' } } });
  });

  it('drops old fields beside a thread, and a ts that is no text (never a thread), instead of carrying them on', () => {
    const thread = { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } };
    expect(migrateLegacyThread({ thread, ts: '9.9', channel: 'C9' })).toEqual({ thread });
    expect(migrateLegacyThread({ openedAt: 'x', channel: 'C1', ts: 12 })).toEqual({ openedAt: 'x' });
    const current = { openedAt: 'x', thread };
    expect(migrateLegacyThread(current)).toBe(current);
  });

  it('names the same thread only for the same notifier and the same ref', () => {
    const a = { notifier: 'slack', ref: { channel: 'C1', ts: '1.2' } };
    expect(sameThread(a, { notifier: 'slack', ref: { ts: '1.2', channel: 'C1' } })).toBe(true);
    expect(sameThread(a, { notifier: 'chatwork', ref: { channel: 'C1', ts: '1.2' } })).toBe(false);
    expect(sameThread(a, { notifier: 'slack', ref: { channel: 'C1', ts: '1.3' } })).toBe(false);
    expect(sameThread(a, { notifier: 'slack', ref: { channel: 'C1' } })).toBe(false);
    expect(sameThread(a, undefined)).toBe(false);
  });
});
