// The daily picture of a large project (pure): the board (digest-board.ts) as a page — the cards of what is not
// passing, "and K more", then a tile per tag, worst first. Its size has a ceiling (BOARD_MAX_HEIGHT) whatever the number
// of checks or tags: MAX_CARDS cards, MAX_TILES tiles, MAX_QUIET_LINES quiet lines at most.
import { html, raw } from './escape.ts';
import { digestBoard, moreLine, type DigestBoard, type TagTile } from './digest-board.ts';
import { MAX_QUIET_LINES } from './digest-quiet.ts';
import type { DigestData } from './digest-summary.ts';
import { DIGEST_WIDTH, GAP, HEADER, PAD, QUIET_LINE, STATUS_COLOURS, digestCard, digestCss, digestDocument, digestLayout, shown, type Spark } from './digest-page.ts';
import { formatUptime } from './uptime.ts';

/** A section's title ("Not passing", "By tag"), and the line under a section ("and 7 more failing"). */
const TITLE = 34;
const LINE = 26;
const TILE_COLUMNS = 6;
const TILE_HEIGHT = 66;
const TILE_GAP = 10;
const CARD_COLUMNS = 4;

/** The board page's size for a board with `cards` cards and `tiles` tiles (and the lines under them), and `quiet` lines. */
export function boardLayout(cards: number, tiles: number, quiet = 0, lines = { more: false, moreTags: false }) {
  // Cards as the small digest draws them at four columns (digestLayout from ten checks on).
  const card = digestLayout(10);
  const header = HEADER + quiet * QUIET_LINE;
  const cardRows = Math.ceil(cards / CARD_COLUMNS);
  // No card: one line says every check passes.
  const cardsHeight = cardRows ? cardRows * card.cardHeight + (cardRows - 1) * GAP : LINE;
  const tileRows = Math.max(1, Math.ceil(tiles / TILE_COLUMNS));
  const tileWidth = Math.floor((DIGEST_WIDTH - 2 * PAD - (TILE_COLUMNS - 1) * TILE_GAP) / TILE_COLUMNS);
  const height = PAD + header + TITLE + cardsHeight + (lines.more ? LINE : 0) + GAP + TITLE + tileRows * TILE_HEIGHT + (tileRows - 1) * TILE_GAP + (lines.moreTags ? LINE : 0) + PAD;
  return { ...card, header, tileWidth, width: DIGEST_WIDTH, height };
}

/** The tallest a board page gets (CSS px): every card, every tile, both lines and the most quiet lines (+1: "and N more"). */
export const BOARD_MAX_HEIGHT = (cards: number, tiles: number) => boardLayout(cards, tiles, MAX_QUIET_LINES + 1, { more: true, moreTags: true }).height;

/** The worst status among a tile's checks, for its colour. */
const tileColour = (t: TagTile) => STATUS_COLOURS[t.failed ? 'failed' : t.degraded ? 'degraded' : t.passed ? 'passed' : 'unknown'];

function tileMarkup(t: TagTile) {
  const counts = [
    t.failed && html`<b style="color:${STATUS_COLOURS.failed}">${t.failed} failing</b>`,
    t.degraded && html`<b style="color:${STATUS_COLOURS.degraded}">${t.degraded} degraded</b>`,
    t.quiet && html`<span class="q">${t.quiet} quiet</span>`,
    t.unknown && html`<span>${t.unknown} not run</span>`,
  ].filter(Boolean);
  const said = counts.length ? counts.map((c, i) => (i ? [raw(' · '), c] : c)) : html`<span style="color:${STATUS_COLOURS.passed}">all passing</span>`;
  return html`<div class="tile" data-tag="${t.tag}" style="border-left-color:${tileColour(t)}"><div class="tag">${shown(t.tag)}</div>
<div class="counts">${t.checks === 1 ? '1 check' : `${t.checks} checks`} · ${formatUptime(t.uptime)}</div><div class="counts">${said}</div></div>`;
}

/** The board page: cards of what is not passing (worst first), what is left over, the tag tiles. */
export function boardHtml(data: DigestData, o: { shots: Map<string, string>; summary: string; quiet: string[]; board?: DigestBoard }): { html: string; size: { width: number; height: number } } {
  const board = o.board ?? digestBoard(data);
  const more = moreLine(board.more);
  const moreTags = board.moreTags.tags
    ? `and ${board.moreTags.tags} more tags${board.moreTags.notPassing ? ` (${board.moreTags.notPassing} not all passing)` : ', all passing'}` : '';
  const layout = boardLayout(board.cards.length, board.tiles.length, o.quiet.length, { more: Boolean(more), moreTags: Boolean(moreTags) });
  const sparks: Spark[] = [];
  const cards = board.cards.map(({ check }, i) => digestCard(check, i, o.shots.get(check.name), data, sparks));
  const css = `${digestCss(layout)}
h2{margin:0;height:${TITLE}px;line-height:${TITLE - 8}px;font-size:17px}h2 small{font-weight:400;font-size:13px;color:#59636e;margin-left:8px}.line{height:${LINE}px;line-height:${LINE}px;color:#59636e;font-size:15px}
.board-cards{margin-bottom:${GAP}px}.tiles{display:grid;grid-template-columns:repeat(${TILE_COLUMNS},${layout.tileWidth}px);gap:${TILE_GAP}px}
.tile{height:${TILE_HEIGHT}px;background:#fff;border:1px solid #d1d9e0;border-left:6px solid;border-radius:6px;padding:5px 9px;overflow:hidden}
.tag{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.counts{font-size:12.5px;color:#59636e;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.counts b{font-weight:600}.q{color:#7d4e00}`;
  const body = html`<div class="board-cards"><h2>Not passing</h2>${cards.length
    ? html`<div class="grid">${cards.map((card, i) => (i ? [raw('\n'), card] : card))}</div>`
    : html`<div class="line">Every check is passing.</div>`}${more ? html`<div class="line more">${more}</div>` : ''}</div>
<h2>By tag <small>checks · 24-h uptime</small></h2><div class="tiles">${board.tiles.map((t, i) => (i ? [raw('\n'), tileMarkup(t)] : tileMarkup(t)))}</div>${moreTags ? html`<div class="line">${moreTags}</div>` : ''}`;
  return { html: digestDocument(data, { css, summary: o.summary, quiet: o.quiet, body, sparks }), size: { width: layout.width, height: layout.height } };
}
