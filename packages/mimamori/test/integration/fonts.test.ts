// CJK text in the Lambda Chromium: blank with only sparticuz's Open Sans, drawn once installFonts() has run.
import { existsSync, readFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../helpers/png.ts';
import { FONT_NAMES, fontFiles, installFonts, sparticuzFontDir } from '../../src/runner/fonts.ts';

// What sparticuz's fonts.conf reads and where it extracts Open Sans: $TMPDIR/fonts (the test run's own TMPDIR here).
const FONT_DIR = sparticuzFontDir();
const LINES = {
  ja: '見守り 日本語のテキスト',
  jaBold: '<b>見守り 日本語のテキスト</b>',
  zhHant: '繁體中文的網站監視',
  latin: 'Mimamori watches',
} as const;
type Line = keyof typeof LINES;

interface Rendering {
  dark: Record<Line, number>;
  fonts: Record<Line, string[]>;
}

const scratch = mkdtempSync(join(tmpdir(), 'mimamori-fonts-'));
let executablePath: string;
let fontconfigPathBefore: string | undefined;

/** Dark pixels in each line's screenshot, and the fonts Chromium says it drew the line with. */
async function render(env: NodeJS.ProcessEnv): Promise<Rendering> {
  const browser: Browser = await chromium.launch({
    executablePath,
    args: [...sparticuz.args.filter((a) => !/^--(single-process|headless)(=|$)/.test(a)), '--disable-gpu'],
    headless: true,
    env,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 300 } });
    const body = Object.entries(LINES).map(([id, text]) => `<p id="${id}" style="margin:0;height:90px;line-height:90px;font-size:48px;white-space:nowrap">${text}</p>`);
    await page.setContent(`<body style="margin:0;background:#fff;color:#000">${body.join('')}</body>`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const out: Rendering = { dark: {} as Rendering['dark'], fonts: {} as Rendering['fonts'] };
    for (const id of Object.keys(LINES) as Line[]) {
      const png = decodePng(await page.locator(`#${id}`).screenshot());
      let dark = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 128) dark++;
      out.dark[id] = dark;
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${id}` });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      out.fonts[id] = fonts.map((f) => f.postScriptName || f.familyName);
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** A fonts.conf like sparticuz's, but reading only the folder that holds its Open Sans: Lambda before this fix. */
function openSansOnlyConf(): string {
  const find = (dir: string): string | undefined => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { const hit = find(p); if (hit) return hit; } else if (e.name === 'OpenSans-Regular.ttf') return p;
    }
    return undefined;
  };
  const openSans = find(FONT_DIR);
  if (!openSans) throw new Error(`No OpenSans-Regular.ttf under ${FONT_DIR}: sparticuz.executablePath() did not extract its fonts`);
  const conf = join(scratch, 'open-sans-only.conf');
  writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${dirname(openSans)}</dir>\n  <cachedir>${join(scratch, 'cache')}</cachedir>\n</fontconfig>\n`);
  return conf;
}

let withFonts: Rendering;
let withoutFonts: Rendering;

beforeAll(async () => {
  executablePath = await sparticuz.executablePath(); // first: it skips extracting fonts.conf if $TMPDIR/fonts exists
  fontconfigPathBefore = process.env.FONTCONFIG_PATH;
  await installFonts();
  const { FONTCONFIG_FILE: _drop, ...env } = process.env;
  [withFonts, withoutFonts] = await Promise.all([
    render({ ...env, FONTCONFIG_PATH: FONT_DIR }), // exactly what Lambda does: sparticuz's fonts.conf in $TMPDIR/fonts
    render({ ...env, FONTCONFIG_FILE: openSansOnlyConf() }),
  ]);
  console.log('dark pixels with fonts', withFonts.dark, 'without', withoutFonts.dark);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('fontFiles', () => {
  it('resolves the shipped fonts from the installed package', () => {
    const files = fontFiles();
    expect(files.map((f) => f.split('/').at(-1))).toEqual([...FONT_NAMES]);
    for (const f of files) expect(statSync(f).size).toBeGreaterThan(1_000_000);
  });
});

describe('installFonts', () => {
  it('puts the fonts in $TMPDIR/fonts beside sparticuz fonts.conf and points fontconfig there', () => {
    for (const name of FONT_NAMES) expect(existsSync(join(FONT_DIR, name))).toBe(true);
    expect(existsSync(join(FONT_DIR, 'fonts.conf'))).toBe(true);
    expect(process.env.FONTCONFIG_PATH).toBe(fontconfigPathBefore ?? FONT_DIR);
  });

  it('keeps files already there', async () => {
    const dir = join(scratch, 'again');
    await installFonts(dir, join(scratch, 'no-layer'));
    const before = FONT_NAMES.map((n) => statSync(join(dir, n)).mtimeMs);
    await installFonts(dir, join(scratch, 'no-layer'));
    expect(FONT_NAMES.map((n) => statSync(join(dir, n)).mtimeMs)).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('takes the fonts from a built layer folder outside /opt/fonts (a test of the built layer)', async () => {
    const layer = join(scratch, 'built-layer-fonts');
    const target = join(scratch, 'from-layer');
    mkdirSync(layer);
    for (const name of FONT_NAMES) writeFileSync(join(layer, name), 'font from the layer');
    await installFonts(target, layer);
    for (const name of FONT_NAMES) expect(readFileSync(join(target, name), 'utf8')).toBe('font from the layer');
  });
});

describe('installFonts on Amazon Linux (Lambda: AWS_EXECUTION_ENV set, the layer in /opt/fonts)', () => {
  /** A root with the layer's fonts in <root>/opt/fonts, as Lambda mounts the layer: this machine's /opt untouched. */
  function lambdaRoot(withFonts: boolean): string {
    const root = join(scratch, `root-${withFonts}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(root, 'opt/fonts'), { recursive: true });
    if (withFonts) for (const name of FONT_NAMES) writeFileSync(join(root, 'opt/fonts', name), 'font in the layer');
    return root;
  }
  const LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };

  it('leaves the fonts in /opt/fonts, where sparticuz\'s fonts.conf reads them: nothing copied, FONTCONFIG_PATH untouched', async () => {
    const env: NodeJS.ProcessEnv = { ...LAMBDA };
    const target = join(scratch, 'lambda-tmp-fonts');
    await installFonts(target, undefined, { root: lambdaRoot(true), env });
    expect(existsSync(target)).toBe(false);
    expect(env.FONTCONFIG_PATH).toBeUndefined();
  });

  it('off Lambda, copies fonts found in /opt/fonts and points fontconfig at them (nothing else reads /opt/fonts there)', async () => {
    const env: NodeJS.ProcessEnv = {};
    const target = join(scratch, 'opt-fonts-elsewhere');
    await installFonts(target, undefined, { root: lambdaRoot(true), env });
    for (const name of FONT_NAMES) expect(readFileSync(join(target, name), 'utf8')).toBe('font in the layer');
    expect(existsSync(join(target, 'fonts.conf'))).toBe(true);
    expect(env.FONTCONFIG_PATH).toBe(target);
  });

  it('on Lambda without the layer\'s fonts, copies the package\'s into the folder fontconfig reads', async () => {
    const env: NodeJS.ProcessEnv = { ...LAMBDA };
    const target = join(scratch, 'lambda-no-layer');
    await installFonts(target, undefined, { root: lambdaRoot(false), env });
    for (const [i, name] of FONT_NAMES.entries()) expect(statSync(join(target, name)).size).toBe(statSync(fontFiles()[i]!).size);
  });
});

describe('CJK text in the sparticuz Chromium', () => {
  it('draws Japanese and Traditional Chinese with Noto Sans JP', () => {
    expect(withFonts.dark.ja).toBeGreaterThan(3000);
    expect(withFonts.dark.zhHant).toBeGreaterThan(3000);
    expect(withFonts.fonts.ja).toContain('NotoSansJP-Regular');
    expect(withFonts.fonts.zhHant).toEqual(['NotoSansJP-Regular']);
  });

  it('renders them blank without the fonts (the Lambda bug), while Latin still draws', () => {
    expect(withoutFonts.dark.ja).toBeLessThan(300);
    expect(withoutFonts.dark.zhHant).toBeLessThan(300);
    expect(withoutFonts.dark.latin).toBeGreaterThan(1500);
    expect(withoutFonts.fonts.ja).not.toContain('NotoSansJP-Regular');
  });

  it('draws bold Japanese as synthetic bold of the regular file (fallback ignores weight)', () => {
    expect(withFonts.fonts.jaBold).toContain('NotoSansJP-Regular');
    expect(withFonts.dark.jaBold).toBeGreaterThan(withFonts.dark.ja * 1.2);
  });
});
