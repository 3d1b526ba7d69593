// Names and messages shown to people: control characters made visible (`\n`, `\x1b`, `\u202e`), never acted on.
// A raw ESC recolours a terminal, a newline breaks a table row, a bidi override reorders the text around it, and
// XML 1.0 cannot hold most C0 characters at all. The stored data (results.json, S3) keeps the text as it was.

// C0 and C1 controls and DEL; lone surrogates and U+FFFE/U+FFFF (not characters: XML forbids them, UTF-8 cannot
// carry a lone surrogate); line/paragraph separators; the bidirectional marks, embeddings, overrides and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff]|\p{Cs}/gu;
const LINES = new Set(['\t', '\n', '\r']);
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const escape = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * The text with every control character written as an escape, so it shows as itself on one line. With `lines`,
 * tabs and line breaks stay (multi-line messages and stacks). Backslashes are left alone, so escaping twice changes
 * nothing.
 */
export function printable(text: string, options: { lines?: boolean } = {}): string {
  return String(text).replace(UNPRINTABLE, (ch) => (options.lines && LINES.has(ch) ? ch : escape(ch)));
}
