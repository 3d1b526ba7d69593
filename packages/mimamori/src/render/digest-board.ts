// The daily picture of a large project (pure): above LARGE_DIGEST checks one card per check is no picture, so it shows
// what is not passing first — failing, then degraded, then quiet (muted, in a maintenance window) — as cards (at most
// MAX_CARDS, then "and K more"), then one tile per tag with its counts and 24-h uptime, worst first. Each check is
// looked at a fixed number of times per tag it has: the work grows with checks × tags, the picture does not.
import { failingSince, LARGE_DIGEST, type DigestCheck, type DigestData } from './digest-summary.ts';

export { LARGE_DIGEST };
/** Cards shown at most: 3 rows of 4. */
export const MAX_CARDS = 12;
/** Tag tiles shown at most (the worst; the rest are summed up in one line). */
export const MAX_TILES = 48;
/** The tile of the checks that have no tag. */
export const UNTAGGED = 'untagged';

export type CardKind = 'failed' | 'degraded' | 'quiet';

export interface TagTile {
  tag: string;
  checks: number;
  passed: number;
  degraded: number;
  failed: number;
  /** no runs yet */
  unknown: number;
  /** muted or in a maintenance window now */
  quiet: number;
  /** mean of its checks' 24-h uptime; null when none has runs in the day */
  uptime: number | null;
}

export interface DigestBoard {
  /** the cards shown, worst first */
  cards: { check: DigestCheck; kind: CardKind }[];
  /** not-passing checks beyond the cards, by kind */
  more: Record<CardKind, number>;
  /** the worst tags, at most MAX_TILES */
  tiles: TagTile[];
  /** tags beyond the tiles, and how many of them are not all passing */
  moreTags: { tags: number; notPassing: number };
}

/** Whether the check's last run was in quiet time: its newest quiet band reaches that run. */
export function quietNow(c: DigestCheck): boolean {
  const band = c.quiet?.at(-1);
  return band !== undefined && c.lastRunAt !== undefined && band.start <= c.lastRunAt && band.end >= c.lastRunAt;
}

/** Which card a check gets, if any: quiet first (a muted failure is known), then its status. */
export function cardKind(c: DigestCheck): CardKind | undefined {
  if (quietNow(c)) return 'quiet';
  return c.status === 'failed' ? 'failed' : c.status === 'degraded' ? 'degraded' : undefined;
}

const RANK: Record<CardKind, number> = { failed: 0, degraded: 1, quiet: 2 };
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Failing longest first, then by name. */
function cardOrder(a: { check: DigestCheck; kind: CardKind }, b: { check: DigestCheck; kind: CardKind }): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  const since = (failingSince(a.check) ?? Infinity) - (failingSince(b.check) ?? Infinity);
  return a.kind === 'failed' && since ? since : byName(a.check, b.check);
}

/** Worst first: most failing, then most degraded, then lowest uptime, then by name. */
function tileOrder(a: TagTile, b: TagTile): number {
  return b.failed - a.failed || b.degraded - a.degraded || (a.uptime ?? 101) - (b.uptime ?? 101) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

/** The board of `data`: the cards, what is left over, and the tag tiles. */
export function digestBoard(data: DigestData, o: { maxCards?: number; maxTiles?: number } = {}): DigestBoard {
  const maxCards = o.maxCards ?? MAX_CARDS;
  const maxTiles = o.maxTiles ?? MAX_TILES;
  const problems: { check: DigestCheck; kind: CardKind }[] = [];
  const tiles = new Map<string, TagTile & { up: number; upChecks: number }>();
  for (const c of data.checks) {
    const kind = cardKind(c);
    if (kind) problems.push({ check: c, kind });
    // A check with several tags counts in each (a tag listed twice, once).
    const tags = c.tags?.length ? new Set(c.tags) : [UNTAGGED];
    for (const tag of tags) {
      let t = tiles.get(tag);
      if (!t) tiles.set(tag, (t = { tag, checks: 0, passed: 0, degraded: 0, failed: 0, unknown: 0, quiet: 0, uptime: null, up: 0, upChecks: 0 }));
      t.checks += 1;
      if (c.status === 'passed' || c.status === 'degraded' || c.status === 'failed') t[c.status] += 1;
      else t.unknown += 1;
      if (kind === 'quiet') t.quiet += 1;
      if (typeof c.uptime.h24 === 'number') (t.up += c.uptime.h24), (t.upChecks += 1);
    }
  }
  problems.sort(cardOrder);
  const cards = problems.slice(0, maxCards);
  const more: Record<CardKind, number> = { failed: 0, degraded: 0, quiet: 0 };
  for (const p of problems.slice(maxCards)) more[p.kind] += 1;
  const all = [...tiles.values()].map(({ up, upChecks, ...t }): TagTile => ({ ...t, uptime: upChecks ? up / upChecks : null })).sort(tileOrder);
  const rest = all.slice(maxTiles);
  return { cards, more, tiles: all.slice(0, maxTiles), moreTags: { tags: rest.length, notPassing: rest.filter((t) => t.failed + t.degraded > 0).length } };
}

/** `and 7 more not passing (5 failing, 2 degraded)`; empty when every problem has its card. */
export function moreLine(more: DigestBoard['more']): string {
  const total = more.failed + more.degraded + more.quiet;
  if (!total) return '';
  const parts = [more.failed && `${more.failed} failing`, more.degraded && `${more.degraded} degraded`, more.quiet && `${more.quiet} muted or in maintenance`].filter(Boolean);
  return more.failed === total ? `and ${total} more failing` : `and ${total} more not passing (${parts.join(', ')})`;
}

/** The checks whose screenshot the picture shows: every one on a small project, the cards' on a large one. */
export function shownChecks(data: DigestData): DigestCheck[] {
  return data.checks.length > LARGE_DIGEST ? digestBoard(data).cards.map((c) => c.check) : data.checks;
}
