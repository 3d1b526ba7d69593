// src/cli/format.ts
function truncate(text, n) {
  const chars = Array.from(text);
  if (chars.length <= n) return text;
  if (n <= 1) return chars.slice(0, Math.max(n, 0)).join("");
  return chars.slice(0, n - 1).join("").trimEnd() + "\u2026";
}
var COLORS = { passed: "32", degraded: "33", failed: "31", skipped: "2" };
function paint(text, status, color) {
  return color ? `\x1B[${COLORS[status]}m${text}\x1B[0m` : text;
}
var graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
var clusters = (text) => Array.from(graphemes.segment(text), (g) => g.segment);
var EMOJI = new RegExp("\\p{Emoji_Presentation}|\\p{Extended_Pictographic}\\ufe0f|\\p{Extended_Pictographic}\\u200d|\\p{Regional_Indicator}{2}|\\ufe0f\\u20e3", "u");
var ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;
function displayWidth(text) {
  let width = 0;
  for (const cluster of clusters(text)) {
    if (ZERO.test(cluster)) continue;
    width += EMOJI.test(cluster) || isWide(cluster.codePointAt(0)) ? 2 : 1;
  }
  return width;
}
function isWide(cp) {
  return cp >= 4352 && cp <= 4447 || cp >= 11904 && cp <= 42191 && cp !== 12351 || cp >= 44032 && cp <= 55203 || cp >= 63744 && cp <= 64255 || cp >= 65072 && cp <= 65103 || cp >= 65280 && cp <= 65376 || cp >= 65504 && cp <= 65510 || cp >= 127744 && cp <= 129791 || cp >= 131072 && cp <= 262141;
}
function fitWidth(text, columns) {
  if (displayWidth(text) <= columns) return text;
  let kept = "";
  let width = 0;
  for (const cluster of clusters(text)) {
    width += displayWidth(cluster);
    if (width > columns - 1) break;
    kept += cluster;
  }
  return `${kept.trimEnd()}\u2026`;
}
function padEnd(text, width) {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export {
  truncate,
  paint,
  displayWidth,
  fitWidth,
  padEnd
};
