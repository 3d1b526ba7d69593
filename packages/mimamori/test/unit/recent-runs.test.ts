// `npm run results`' listing (recentRuns) over a local folder holding a corrupt result.json: that run is listed as
// unreadable, saying why and naming the object, and the other runs are listed as ever.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/store/local-store.ts';
import { recentRuns } from '../../src/store/history.ts';
import { runFolder } from '../../src/store/layout.ts';

describe('recentRuns over a corrupt result.json', () => {
  it('lists that run as unreadable with the reason, and the others as ever', async () => {
    const store = new LocalStore(await mkdtemp(join(tmpdir(), 'mimamori-recent-runs-')));
    const at = Date.UTC(2026, 10, 29, 8);
    const good = runFolder('shop', '20261129T080000Z-good01', at);
    const bad = runFolder('shop', '20261129T081000Z-bad002', at + 600_000);
    const cut = runFolder('shop', '20261129T082000Z-cut003', at + 1_200_000);
    await store.put(`${good}result.json`, JSON.stringify({ name: 'shop', status: 'passed', startedAt: at, durationMs: 900, screenshots: [] }), { contentType: 'application/json' });
    await store.put(`${bad}result.json`, JSON.stringify({ name: 'shop', status: 'failed', screenshots: [null] }), { contentType: 'application/json' });
    await store.put(`${cut}result.json`, '{"name":"shop","sta', { contentType: 'application/json' });
    const runs = await recentRuns(store, 'shop', 5);
    expect(runs.map((r) => [r.runId, r.status])).toEqual([
      ['20261129T082000Z-cut003', 'unreadable'], ['20261129T081000Z-bad002', 'unreadable'], ['20261129T080000Z-good01', 'passed'],
    ]);
    expect(runs[0]!.error).toMatch(new RegExp(`^${cut}result\\.json is not JSON \\(`));
    expect(runs[1]!.error).toBe(`${bad}result.json is malformed (screenshots is not a list of pictures)`);
  });
});
