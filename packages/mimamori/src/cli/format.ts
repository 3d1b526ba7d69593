// Small text formatters shared by the terminal summary, the JUnit file and the HTML report.
import type { StepStatus } from '../result/types.ts';
import { stripAnsi } from '../result/strip-ansi.ts';

export { errorDetail, formatBudget, formatMs, plural, statusIcon } from '../result/format.ts';
export { firstLine } from '../result/evidence.ts';
export { printable } from '../result/printable.ts';

/** Cuts to at most `n` characters (code points, so emoji and kanji are not split), ending with `…` when cut. */
export function truncate(text: string, n: number): string {
  const chars = Array.from(text);
  if (chars.length <= n) return text;
  if (n <= 1) return chars.slice(0, Math.max(n, 0)).join('');
  return chars.slice(0, n - 1).join('').trimEnd() + '…';
}


export { stripAnsi };

const COLORS: Record<StepStatus, string> = { passed: '32', degraded: '33', failed: '31', skipped: '2' };

/** Colours text by status for a terminal; plain when `color` is false (not a TTY, NO_COLOR). */
export function paint(text: string, status: StepStatus, color: boolean): string {
  return color ? `\u001b[${COLORS[status]}m${text}\u001b[0m` : text;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The user-perceived characters of `text` (an emoji with its modifiers and joiners, a letter with its accents). */
const clusters = (text: string): string[] => Array.from(graphemes.segment(text), (g) => g.segment);

// An emoji shown as a picture takes two columns: one drawn as emoji by default, one asked for with VS16 (U+FE0F), a
// ZWJ sequence (👩‍💻: one picture, not two) or a pair of regional indicators (a flag).
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f|\p{Extended_Pictographic}\u200d|\p{Regional_Indicator}{2}|\ufe0f\u20e3/u;
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;

/**
 * Columns a string takes in a terminal, per user-perceived character: emoji pictures, East Asian wide and fullwidth
 * characters count 2, combining marks and zero-width characters 0, the rest 1. Good enough for check names (what
 * `string-width` does, in a few lines); not a full wcwidth.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const cluster of clusters(text)) {
    if (ZERO.test(cluster)) continue;
    width += EMOJI.test(cluster) || isWide(cluster.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f)
    || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f)
    || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff)
    || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6)
    || (cp >= 0x1f300 && cp <= 0x1faff)
    || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** Cuts to at most `columns` terminal columns (wide characters count 2), ending with `…` when cut; never inside an emoji. */
export function fitWidth(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let kept = '';
  let width = 0;
  for (const cluster of clusters(text)) {
    width += displayWidth(cluster);
    if (width > columns - 1) break;
    kept += cluster;
  }
  return `${kept.trimEnd()}…`;
}

/** Pads `text` with spaces on the right to `width` terminal columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
