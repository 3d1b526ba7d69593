// The one place text becomes markup: every piece of user text (names, errors, URLs) in the HTML pages, the XML report
// and the pictures goes through here. `html` is a tagged template that escapes every value unless it is markup
// already (another `html` template, or `raw()` for the few trusted strings: CSS, inlined scripts), so forgetting to
// escape takes effort. Control characters are written as escapes everywhere, never passed through.
import { printable } from '../result/printable.ts';
import { stripAnsi } from '../result/strip-ansi.ts';

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

/** For HTML text and double- or single-quoted attribute values; nothing for undefined and null. */
export function escapeHtml(text: string | number | undefined | null): string {
  if (text === undefined || text === null) return '';
  return cleanText(String(text))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Markup: what `html` makes and leaves as it is when it meets it again. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** Trusted markup, inserted unescaped: only for text this code wrote (CSS, inlined scripts, a JSON block). */
export const raw = (markup: string): Html => new Html(markup);

/** A value in a template: markup as it is, a list as its items one after another, nothing for false/undefined/null. */
type Value = Html | string | number | boolean | undefined | null | readonly Value[];

function valueOf(v: Value): string {
  if (v instanceof Html) return v.markup;
  if (Array.isArray(v)) return v.map(valueOf).join('');
  if (v === false || v === true) return v ? 'true' : '';
  return escapeHtml(v as string | number | undefined | null);
}

/** html`<b>${name}</b>`: every value escaped (names, errors, URLs alike) unless it is markup already. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += valueOf(v) + strings[i + 1]!;
  });
  return new Html(out);
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
