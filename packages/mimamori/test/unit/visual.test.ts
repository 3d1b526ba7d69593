// The visual option (validation, defaults), the --update-baselines flag, the key layout and the pure comparison.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { validateCheck, validateConfig } from '../../src/check/validate.ts';
import { DEFAULT_VISUAL, resolveCheck, resolveVisual } from '../../src/check/resolve.ts';
import { parseCli } from '../../src/cli/args.ts';
import { baselineKey } from '../../src/store/layout.ts';
import { diffImages } from '../../src/policy/image-diff.ts';
import { percent, visualSentence } from '../../src/policy/visual-diff.ts';
import { baselineName, comparedShots } from '../../src/pipeline/visual.ts';

const run = async () => {};

function solid(width: number, height: number, paint: (x: number, y: number) => number = () => 255): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      image.data[i] = image.data[i + 1] = image.data[i + 2] = paint(x, y);
      image.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(image);
}

describe('the visual option', () => {
  it('accepts false and an object; refuses the rest, with the field', () => {
    expect(validateCheck({ name: 'a', run, visual: false }, 'a.check.ts')).toEqual([]);
    expect(validateCheck({ name: 'a', run, visual: { threshold: 0.2, maxDiffPixelRatio: 0.02, mask: ['.ad'], onChange: 'failed' } }, 'a.check.ts')).toEqual([]);
    const problems = (v: unknown) => validateCheck({ name: 'a', run, visual: v }, 'a.check.ts').map((d) => `${d.field} ${d.message}`);
    expect(problems(true)).toEqual(['visual must be false or an object { threshold, maxDiffPixelRatio, mask, onChange }']);
    expect(problems({ threshold: 2 })).toEqual(['visual threshold must be a number from 0 to 1, got 2']);
    expect(problems({ maxDiffPixelRatio: -1 })).toEqual(['visual maxDiffPixelRatio must be a number from 0 to 1, got -1']);
    expect(problems({ mask: '.ad' })).toEqual([expect.stringMatching(/^visual mask must be an array of non-empty strings/)]);
    expect(problems({ onChange: 'ignore' })).toEqual([expect.stringMatching(/^visual onChange must be one of 'degraded', 'failed'/)]);
    expect(problems({ tolerance: 1 })).toEqual([expect.stringMatching(/^visual tolerance unknown option 'tolerance' \(known: threshold, maxDiffPixelRatio, mask, onChange\)/)]);
    expect(validateConfig({ defaults: { visual: { onChange: 'failed' } } }, 'mimamori.config.ts')).toEqual([]);
  });

  it('needs a picture to compare: screenshot off or only-on-failure is refused', () => {
    const [d] = validateCheck({ name: 'a', run, screenshot: 'off', visual: {} }, 'a.check.ts');
    expect(d).toMatchObject({ field: 'visual', message: expect.stringMatching(/needs screenshot: 'final' or 'every-step'/) });
    expect(validateCheck({ name: 'a', run, screenshot: 'every-step', visual: {} }, 'a.check.ts')).toEqual([]);
  });

  it('is off by default; defaults and the check layer field by field; false turns a default off', () => {
    expect(resolveVisual()).toBe(false);
    expect(resolveVisual(undefined, {})).toEqual(DEFAULT_VISUAL);
    expect(DEFAULT_VISUAL).toEqual({ threshold: 0.1, maxDiffPixelRatio: 0.01, mask: [], onChange: 'degraded' });
    expect(resolveVisual({ onChange: 'failed' }, { maxDiffPixelRatio: 0.05 })).toEqual({ ...DEFAULT_VISUAL, onChange: 'failed', maxDiffPixelRatio: 0.05 });
    expect(resolveVisual({ onChange: 'failed' }, false)).toBe(false);
    expect(resolveCheck({ name: 'a', run, visual: { mask: ['.clock'] } }, 'a.check.ts', {}, '').visual).toEqual({ ...DEFAULT_VISUAL, mask: ['.clock'] });
    expect(resolveCheck({ name: 'a', run }, 'a.check.ts', {}, '').visual).toBe(false);
  });
});

describe('--update-baselines', () => {
  it('is off unless given', () => {
    expect(parseCli([]).updateBaselines).toBe(false);
    expect(parseCli(['--update-baselines', 'checkout']).updateBaselines).toBe(true);
  });
});

describe('baselines in the store', () => {
  it('live at baselines/<check>/<name>.png, the check a key segment', () => {
    expect(baselineKey('checkout', 'final')).toBe('baselines/checkout/final.png');
    expect(baselineKey('shop/checkout 2', 'add-to-cart')).toBe('baselines/shop%2Fcheckout%202/add-to-cart.png');
  });

  it("are named after the picture's step: final, or the step's slug", () => {
    expect(baselineName({ file: 'final.png', kind: 'final' })).toBe('final');
    expect(baselineName({ file: 'attempt2-final.png', kind: 'final' })).toBe('final');
    expect(baselineName({ file: '02-add-to-cart.png', kind: 'step' })).toBe('add-to-cart');
    expect(baselineName({ file: 'attempt3-01-ログイン.png', kind: 'step' })).toBe('ログイン');
  });

  it("compare the reported attempt's pictures, never a failure picture", () => {
    const shot = (file: string, kind: 'step' | 'final' | 'failure', attempt: number) => ({ file, kind, attempt, width: 1, height: 1, bytes: Buffer.from('x') });
    const shots = [shot('01-a.png', 'step', 1), shot('attempt2-01-a.png', 'step', 2), shot('attempt2-02-b-failure.png', 'failure', 2)];
    expect(comparedShots({ screenshots: shots, attempts: 2 }).map((s) => s.file)).toEqual(['attempt2-01-a.png']);
  });
});

describe('the comparison (pixelmatch)', () => {
  const options = { threshold: 0.1, maxDiffPixelRatio: 0.01 };

  it('finds no change between equal pictures, and no diff picture', () => {
    const a = solid(40, 30, (x) => (x < 20 ? 0 : 255));
    expect(diffImages(a, a, options)).toEqual({ diffRatio: 0, diffPixels: 0, changed: false });
  });

  it('counts the pixels that differ, above the limit a change with a diff picture', () => {
    const before = solid(100, 100);
    const after = solid(100, 100, (x, y) => (x < 10 && y < 20 ? 0 : 255));
    const d = diffImages(before, after, options);
    expect([d.diffPixels, d.diffRatio, d.changed]).toEqual([200, 0.02, true]);
    expect(PNG.sync.read(d.diffPng!).width).toBe(100);
    expect(diffImages(before, after, { ...options, maxDiffPixelRatio: 0.05 }).changed).toBe(false);
  });

  it('ignores colour differences under the threshold', () => {
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 203), options).diffPixels).toBe(0);
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 100), options).diffPixels).toBe(400);
  });

  it('holds the limit strictly: identical pictures are unchanged at a limit of 0, a ratio at the limit is not over it', () => {
    const a = solid(40, 30, (x) => (x < 20 ? 0 : 255));
    expect(diffImages(a, a, { ...options, maxDiffPixelRatio: 0 })).toMatchObject({ diffRatio: 0, changed: false });
    // One pixel of 1200 differs: over a limit of 0, a change.
    const onePixel = solid(40, 30, (x, y) => (x === 0 && y === 0 ? 255 : x < 20 ? 0 : 255));
    expect(diffImages(a, onePixel, { ...options, maxDiffPixelRatio: 0 })).toMatchObject({ diffPixels: 1, changed: true });
    // 200 of 10,000 pixels is exactly 2 %: at a 2 % limit, not a change.
    const before = solid(100, 100);
    const after = solid(100, 100, (x, y) => (x < 10 && y < 20 ? 0 : 255));
    expect(diffImages(before, after, { ...options, maxDiffPixelRatio: 0.02 })).toMatchObject({ diffRatio: 0.02, changed: false });
  });

  it("uses the configured colour threshold: a slight shade is a change at 0, a strong one none at 0.9", () => {
    const strict = { threshold: 0, maxDiffPixelRatio: 0 };
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 203), strict)).toMatchObject({ diffPixels: 400, changed: true });
    // 200 → 150 is a change at pixelmatch's default (0.1), none at a lenient 0.9.
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 150), strict)).toMatchObject({ diffPixels: 400, changed: true });
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 150), { threshold: 0.1, maxDiffPixelRatio: 0 }).changed).toBe(true);
    expect(diffImages(solid(20, 20, () => 200), solid(20, 20, () => 150), { threshold: 0.9, maxDiffPixelRatio: 0 })).toMatchObject({ diffPixels: 0, changed: false });
  });

  it('tolerates anti-aliasing: a shifted soft edge is not counted', () => {
    // A black block whose edge is a one-pixel grey ramp; moving the grey (anti-aliased) pixels only.
    const edge = (grey: number) => solid(60, 60, (x) => (x < 30 ? 0 : x === 30 ? grey : 255));
    expect(diffImages(edge(128), edge(90), options).diffPixels).toBe(0);
  });

  it('calls a size mismatch a change, by itself', () => {
    const d = diffImages(solid(100, 50), solid(100, 60), options);
    expect(d).toEqual({ diffRatio: 1, diffPixels: 6000, changed: true, sizeChange: '100×50 → 100×60' });
    expect(visualSentence({ name: 'final', diffRatio: 1, limit: 0.01, sizeChange: d.sizeChange })).toBe("visual change: the screenshot's size changed from the baseline (100×50 → 100×60)");
  });

  it('says what is wrong with a baseline it cannot read: empty, not a PNG, truncated, damaged', () => {
    const good = solid(20, 20, (x) => x * 10);
    const why = (bytes: Buffer) => {
      try {
        diffImages(bytes, good, options);
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    };
    expect(why(Buffer.alloc(0))).toBe('UnreadableBaseline: empty (0 bytes)');
    expect(why(Buffer.from('<html>Not Found</html>'))).toBe('UnreadableBaseline: not a PNG (22 bytes)');
    expect(why(good.subarray(0, 50))).toBe('UnreadableBaseline: truncated (50 bytes, no end chunk)');
    const damaged = Buffer.from(good);
    damaged.fill(0x5a, 40, damaged.length - 20);
    expect(why(damaged)).toMatch(/^UnreadableBaseline: damaged \(\d+ bytes: .+\)$/);
    // The current picture unreadable is no baseline problem: a plain error.
    expect(() => diffImages(good, Buffer.alloc(0), options)).toThrow(expect.objectContaining({ name: 'Error' }));
  });

  it('says the change in one sentence', () => {
    expect(visualSentence({ name: 'final', diffRatio: 0.032, limit: 0.01 })).toBe('visual change: 3.2 % of pixels differ from the baseline (limit 1 %)');
    expect(visualSentence({ name: 'cart', diffRatio: 0.00026, limit: 0.0001 })).toBe("visual change in 'cart': 0.03 % of pixels differ from the baseline (limit 0.01 %)");
    expect([percent(1), percent(0.125), percent(0.04), percent(0.0004)]).toEqual(['100 %', '12.5 %', '4 %', '0.04 %']);
  });
});
