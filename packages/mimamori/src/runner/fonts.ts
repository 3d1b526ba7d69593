// Japanese fonts for the Lambda Chromium, which ships only Open Sans: without them CJK text screenshots blank.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The npm package the fonts come from (Noto Sans JP, SIL OFL 1.1). */
export const FONT_PACKAGE = '@embedpdf/fonts-jp';
/**
 * Regular only (4.5 MB): Chromium picks a fallback font per character by coverage, never by weight, so a bold file
 * is used only where a page names the family "Noto Sans Japanese"; bold text gets synthetic bold. Noto Sans JP also
 * draws Traditional Chinese and most Simplified Chinese; it has no Hangul.
 */
export const FONT_NAMES = ['NotoSansJP-Regular.otf'] as const;
/** Where the Lambda layer's `fonts/` folder appears; @sparticuz/chromium's fonts.conf reads it. */
export const LAYER_FONT_DIR = '/opt/fonts';

// The folders @sparticuz/chromium's own fonts.conf lists (its /tmp/fonts is TMPDIR's on Lambda); used only if that file was never extracted.
const SPARTICUZ_FONT_DIRS = ['/var/task/.fonts', '/var/task/fonts', '/opt/fonts', '/tmp/fonts'];

/** Absolute paths of the font files in the installed package. Throws if the package is not installed. */
export function fontFiles(): string[] {
  // import.meta.url is the module (or the esbuild bundle, with the package external); a CJS bundle has none.
  const base = typeof import.meta.url === 'string' ? import.meta.url : pathToFileURL(join(process.cwd(), 'index.js')).href;
  let entry: string;
  try {
    entry = createRequire(base).resolve(FONT_PACKAGE); // …/@embedpdf/fonts-jp/dist/index.cjs (its exports hide fonts/)
  } catch (error) {
    throw new Error(`${FONT_PACKAGE} is not installed, so Japanese text would render blank: ${(error as Error).message}`, { cause: error });
  }
  return FONT_NAMES.map((name) => join(dirname(entry), '..', 'fonts', name));
}

async function sameSize(a: string, b: string): Promise<boolean> {
  try {
    return (await stat(a)).size === (await stat(b)).size;
  } catch {
    return false;
  }
}

export interface FontPlaces {
  /** The file system root the layer's /opt/fonts is found under: `/`, or a scratch folder in a test. */
  root?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Where sparticuz extracts its fonts.conf and Open Sans and points fontconfig: `fonts` in the temporary folder —
 * /tmp on Lambda, $TMPDIR wherever that is set (a fixed /tmp/fonts left Chromium without Japanese there).
 */
export const sparticuzFontDir = () => join(tmpdir(), 'fonts');

/**
 * Puts the fonts where the sparticuz Chromium's fontconfig looks. Call it after `sparticuz.executablePath()`
 * (which skips extracting its fonts.conf and Open Sans when `dir` already exists) and before launching.
 * Does nothing on Lambda (Amazon Linux: AWS_EXECUTION_ENV is set) when the layer already put them in /opt/fonts.
 * Files already in `dir` are kept. Outside Lambda nothing points Chromium at `dir`, so this sets FONTCONFIG_PATH
 * (unless set) for the launch to inherit.
 */
export async function installFonts(dir = sparticuzFontDir(), layerDir?: string, places: FontPlaces = {}): Promise<void> {
  const env = places.env ?? process.env;
  const optFonts = join(places.root ?? '/', LAYER_FONT_DIR);
  layerDir ??= env.MIMAMORI_LAYER_FONTS ?? optFonts;
  const inLayer = FONT_NAMES.every((name) => existsSync(join(layerDir, name)));
  // On Lambda sparticuz points fontconfig at its own fonts.conf, which reads /opt/fonts: nothing to do. Anywhere
  // else (/opt/fonts on another machine, a test of the built layer's folder) the fonts are copied to `dir`.
  if (inLayer && layerDir === optFonts && env.AWS_EXECUTION_ENV) return;
  const sources = inLayer ? FONT_NAMES.map((name) => join(layerDir, name)) : fontFiles();
  await mkdir(dir, { recursive: true });
  await Promise.all(sources.map(async (source, i) => {
    const target = join(dir, FONT_NAMES[i]!);
    if (await sameSize(source, target)) return;
    // Copy then rename: a Chromium (or another worker) starting meanwhile never sees half a font.
    const partial = `${target}.${process.pid}.partial`;
    await copyFile(source, partial);
    await rename(partial, target);
  }));
  const conf = join(dir, 'fonts.conf');
  // Ours replaces sparticuz's when it is missing (/tmp/chromium survived but the fonts folder did not: sparticuz will
  // not extract its fonts.conf again) or does not read `dir` (sparticuz's lists /tmp/fonts even where it extracted
  // into $TMPDIR/fonts).
  if (!existsSync(conf) || !(await readFile(conf, 'utf8')).includes(`<dir>${dir}</dir>`)) {
    const dirs = [...new Set([...SPARTICUZ_FONT_DIRS, dir])].map((d) => `  <dir>${d}</dir>\n`).join('');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs}  <cachedir>${dir}-cache/</cachedir>\n</fontconfig>\n`;
    await writeFile(`${conf}.${process.pid}.partial`, xml);
    await rename(`${conf}.${process.pid}.partial`, conf);
  }
  env.FONTCONFIG_PATH ??= dir;
}
