// The large daily digest (more than LARGE_DIGEST checks): what is not passing first as cards, at most MAX_CARDS, then a
// tile per tag, worst first; a picture whose size has a ceiling; screenshots read only for the cards shown.
import { describe, expect, it } from 'vitest';
import { BOARD_MAX_HEIGHT } from '../../src/render/digest-board-page.ts';
import { digestBoard, LARGE_DIGEST, MAX_CARDS, MAX_TILES, moreLine, shownChecks, UNTAGGED } from '../../src/render/digest-board.ts';
import { digestLayout, digestPicture } from '../../src/render/digest-page.ts';
import { digestSummary, type DigestCheck, type DigestData } from '../../src/render/digest-summary.ts';
import { quietLines } from '../../src/render/digest-quiet.ts';
import { embedShots } from '../../src/history/digest-source.ts';
import type { Store } from '../../src/store/store.ts';

const NOW = Date.parse('2026-12-06T00:00:00Z');
const MIN = 60_000;

/**
 * 1,000 checks over 30 tags (`tag-00`…`tag-29`, each check in tag i % 30 and also `all-web` every 10th), the 100 last
 * untagged. Failing: every 50th (20, from 50 min ago, older first for lower i); degraded: every 40th not failing;
 * muted: checks 7, 17, 27 (their last run in a mute band; check 7 also failing).
 */
function thousand(): DigestData {
  const checks: DigestCheck[] = Array.from({ length: 1000 }, (_, i) => {
    const name = `check-${String(i).padStart(4, '0')}`;
    const status = i % 50 === 0 || i === 7 ? 'failed' : i % 40 === 0 ? 'degraded' : 'passed';
    const c: DigestCheck = { name, status, lastRunAt: NOW - MIN, uptime: { h24: status === 'failed' ? 50 : 100 }, incidents: [], spark: [400], latestShot: `runs/${name}/shot.png` };
    if (status === 'failed') c.incidents = [{ start: NOW - 60 * MIN + i * 1000 }];
    if (i < 900) c.tags = [`tag-${String(i % 30).padStart(2, '0')}`, ...(i % 10 === 0 ? ['all-web'] : [])];
    if ([7, 17, 27].includes(i)) c.quiet = [{ start: NOW - 30 * MIN, end: NOW - MIN, mode: 'silence', source: 'mute', name }];
    return c;
  });
  return { generatedAt: NOW, timeZone: 'UTC', checks };
}

describe('the large digest board', () => {
  const data = thousand();
  const board = digestBoard(data);

  it('shows failing first (failing longest first), then degraded, then muted, at most MAX_CARDS, and says how many more', () => {
    expect(board.cards).toHaveLength(MAX_CARDS);
    // 20 failing not muted (0, 50, …, 950): the twelve that started failing earliest, in order.
    expect(board.cards.map((c) => c.check.name)).toEqual(Array.from({ length: 12 }, (_, k) => `check-${String(k * 50).padStart(4, '0')}`));
    expect(board.cards.every((c) => c.kind === 'failed')).toBe(true);
    // 8 failing left, degraded: multiples of 40 not of 50 (25 - 5 = 20), muted 3.
    expect(board.more).toEqual({ failed: 8, degraded: 20, quiet: 3 });
    expect(moreLine(board.more)).toBe('and 31 more not passing (8 failing, 20 degraded, 3 muted or in maintenance)');
    expect(moreLine({ failed: 4, degraded: 0, quiet: 0 })).toBe('and 4 more failing');
    expect(moreLine({ failed: 0, degraded: 0, quiet: 0 })).toBe('');
  });

  it('orders degraded after failing and muted last when there is room', () => {
    const all = digestBoard(data, { maxCards: 100 }).cards;
    const kinds = all.map((c) => c.kind);
    expect(kinds.lastIndexOf('failed')).toBeLessThan(kinds.indexOf('degraded'));
    expect(kinds.lastIndexOf('degraded')).toBeLessThan(kinds.indexOf('quiet'));
    expect(all.filter((c) => c.kind === 'quiet').map((c) => c.check.name)).toEqual(['check-0007', 'check-0017', 'check-0027']);
  });

  it('makes one tile per tag, untagged included, a check with two tags counted in each, worst first', () => {
    expect(board.tiles).toHaveLength(32); // 30 tags, all-web, untagged
    const byTag = new Map(board.tiles.map((t) => [t.tag, t]));
    for (const t of board.tiles) expect(t.passed + t.degraded + t.failed + t.unknown).toBe(t.checks);
    expect(byTag.get('all-web')!.checks).toBe(90);
    expect(byTag.get(UNTAGGED)!.checks).toBe(100);
    // tag-00 holds 0, 30, …, 870: failing 0, 150, 300, 450, 600, 750 (multiples of 150); degraded 120, 240, 360, 480, 720, 840.
    expect(byTag.get('tag-00')).toMatchObject({ checks: 30, failed: 6, degraded: 6, passed: 18 });
    expect(byTag.get('tag-00')!.uptime).toBeCloseTo((6 * 50 + 24 * 100) / 30);
    // Counted over every tile: each tagged check once per tag, each untagged once.
    expect(board.tiles.reduce((n, t) => n + t.checks, 0)).toBe(900 + 90 + 100);
    for (let i = 1; i < board.tiles.length; i++) {
      const [a, b] = [board.tiles[i - 1]!, board.tiles[i]!];
      expect(a.failed > b.failed || (a.failed === b.failed && a.degraded >= b.degraded)).toBe(true);
    }
    expect(board.tiles[0]!.tag).toBe('all-web'); // 18 failing (0, 50, …, 850)
    expect(board.tiles.filter((t) => t.quiet).map((t) => [t.tag, t.quiet])).toEqual(expect.arrayContaining([['tag-07', 1], ['tag-17', 1], ['tag-27', 1]]));
  });

  it('keeps at most MAX_TILES tiles, and sums up the rest', () => {
    const many: DigestData = { ...data, checks: data.checks.map((c, i) => ({ ...c, tags: [`own-${i}`] })) };
    const b = digestBoard(many);
    expect(b.tiles).toHaveLength(MAX_TILES);
    // The failing and degraded come first: 21 failing + 20 degraded = 41 worst tags shown; the rest all pass.
    expect(b.tiles.slice(0, 41).every((t) => t.failed + t.degraded === 1)).toBe(true);
    expect(b.moreTags).toEqual({ tags: 1000 - MAX_TILES, notPassing: 0 });
    expect(digestBoard(many, { maxTiles: 30 }).moreTags).toEqual({ tags: 970, notPassing: 11 });
  });

  it('draws a picture of bounded size, with only the cards it shows', () => {
    const shots = new Map(data.checks.map((c) => [c.name, 'data:image/png;base64,AAAA']));
    const picture = digestPicture({ data, shots });
    expect(picture.size.width).toBe(1200);
    expect(picture.size.height).toBeLessThanOrEqual(BOARD_MAX_HEIGHT(MAX_CARDS, MAX_TILES));
    expect(BOARD_MAX_HEIGHT(MAX_CARDS, MAX_TILES)).toBe(1737);
    expect(picture.html.match(/class="card"/g)).toHaveLength(MAX_CARDS);
    expect(picture.html.match(/class="tile"/g)).toHaveLength(32);
    expect(picture.html).toContain('and 31 more not passing');
    // The page is about as long at 1,000 checks as at 100: a ceiling, not per check.
    expect(picture.html.length).toBeLessThan(100_000);
  });

  it('keeps the line posted with it short: counts, and three checks named', () => {
    const line = digestSummary(data);
    expect(line).toBe('959 of 1000 passing (21 failing, 20 degraded): check-0000 failing since Dec 5 23:00, check-0007 failing since Dec 5 23:00, check-0050 failing since Dec 5 23:00, and 38 more; 21 incidents yesterday, 21 still open');
    expect(digestPicture({ data, shots: new Map() }).summary.split('\n').length).toBeLessThanOrEqual(7);
  });

  it('reads the screenshots of the cards shown only', async () => {
    const gets: string[] = [];
    const counting = { location: 'a counting store', get: async (key: string) => (gets.push(key), Buffer.from('png')) } as unknown as Store;
    const shots = await embedShots(counting, shownChecks(data), () => {});
    expect(gets).toHaveLength(MAX_CARDS);
    expect([...shots.keys()].sort()).toEqual(digestBoard(data).cards.map((c) => c.check.name).sort());
  });

  it('leaves a project of LARGE_DIGEST checks or fewer as it was: every check a card, every screenshot read', () => {
    const small: DigestData = { ...data, checks: data.checks.slice(0, LARGE_DIGEST) };
    expect(shownChecks(small)).toHaveLength(LARGE_DIGEST);
    const picture = digestPicture({ data: small, shots: new Map() });
    expect(picture.html.match(/class="card"/g)).toHaveLength(LARGE_DIGEST);
    expect(picture.html).not.toContain('class="tile"');
    expect(picture.size).toEqual({ width: 1200, height: digestLayout(LARGE_DIGEST, quietLines(small).length).height });
    expect(digestSummary(small)).not.toContain('(');
  });
});
