// Escaping for the XML and HTML reports: every piece of user text (names, errors, URLs) goes through here.
import { stripAnsi } from './format.ts';
import { printable } from '../result/printable.ts';

/**
 * Removes ANSI colour sequences first (so no `[31m` debris is left), then writes every other control character as
 * an escape (`\x07`, `\ud800`): what XML 1.0 forbids becomes visible instead of breaking the file. Tabs and line
 * breaks stay; for a name on one line, use `printable` first.
 */
export function cleanText(text: string): string {
  return printable(stripAnsi(String(text)), { lines: true });
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
