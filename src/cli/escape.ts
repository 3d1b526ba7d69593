// Escaping for the XML and HTML reports: every piece of user text (names, errors, URLs) goes through here.
import { stripAnsi } from './format.ts';

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// (With the `u` flag a lone surrogate is one code point, so it matches here and is stripped.)
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes ANSI colour sequences first (so no `[31m` debris is left), then characters XML 1.0 forbids. */
export function cleanText(text: string): string {
  return stripAnsi(String(text)).replace(INVALID_XML, '');
}

/** For XML element content. */
export function xmlText(text: string): string {
  return cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For XML attribute values (double-quoted). Tabs and newlines are kept as references, not normalised to spaces. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** For HTML text and double- or single-quoted attribute values. */
export function html(text: string | number | undefined | null): string {
  if (text === undefined || text === null) return '';
  return cleanText(String(text))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A URL safe to put in `href`/`src`: http(s) URLs and scheme-less relative paths pass, anything else
 * (`javascript:`, `data:`, `vbscript:` …) gives undefined. The caller still escapes the result.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  // Browsers ignore tabs/newlines and leading control characters inside a scheme: `java\tscript:` is `javascript:`.
  const probe = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe);
  if (scheme) return /^https?$/i.test(scheme[1]!) ? url : undefined;
  if (probe.startsWith('//') || probe.startsWith('\\')) return undefined;
  return url;
}
