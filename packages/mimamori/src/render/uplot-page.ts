// What every page mimamori draws with uPlot needs (the dashboard, the chart in an alert): uPlot's own files read from
// the installed package (the layer on Lambda), a prelude that keeps uPlot loading under LANG=C, and safe inlining.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs just before uPlot, in its script element: uPlot formats numbers with `navigator.language`, and a Chromium
 * started under LANG=C reports `en-US@posix`, which Intl refuses — uPlot would then fail to load at all.
 */
export const UPLOT_PRELUDE = String.raw`
(function () {
  try { new Intl.NumberFormat(navigator.language); } catch (e) {
    try { Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true }); } catch (ignored) { /* keep it */ }
  }
})();
`;

let uplotFiles: { js: string; css: string } | undefined;

/** uPlot's minified script and stylesheet from node_modules, found from this module or the CLI bundle (like the fonts). */
export function uplot(): { js: string; css: string } {
  if (uplotFiles) return uplotFiles;
  const base = typeof import.meta.url === 'string' ? import.meta.url : pathToFileURL(join(process.cwd(), 'index.js')).href;
  const require = createRequire(base);
  const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  uplotFiles = { js: read('uPlot.iife.min.js'), css: read('uPlot.min.css') };
  return uplotFiles;
}

/** Text inside <script>: a `</script` or `<!--` would end or confuse the element. uPlot has neither; guard anyway. */
export function scriptBody(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a data block: `<`, `>` and `&` as \u escapes, so no text in it can end the element or open a comment. */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
