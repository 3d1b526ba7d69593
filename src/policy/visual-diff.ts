// Compares a screenshot with its baseline: pure (two PNGs in, a verdict and a diff picture out), on the host.
// pixelmatch with anti-aliasing tolerance (anti-aliased pixels never count) and its colour threshold.
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface DiffOptions {
  /** pixelmatch's colour threshold, 0–1 (0.1: its default). */
  threshold: number;
  /** Share of pixels (0–1) that may differ. */
  maxDiffPixelRatio: number;
}

export interface DiffOutcome {
  /** Share of pixels that differ (1 when the sizes differ). */
  diffRatio: number;
  diffPixels: number;
  changed: boolean;
  /** The sizes differ: `1280×720 → 1280×900`. */
  sizeChange?: string;
  /** Changed pixels in red over a faded copy of the current picture (absent when nothing differs or sizes differ). */
  diffPng?: Buffer;
}

/** Compares `current` with `baseline` (both PNG). Throws only on a PNG that cannot be decoded. */
export function diffImages(baseline: Buffer, current: Buffer, o: DiffOptions): DiffOutcome {
  const a = PNG.sync.read(baseline);
  const b = PNG.sync.read(current);
  if (a.width !== b.width || a.height !== b.height) {
    // A size mismatch is a change by itself (a block grew, the page got longer): no pixel-wise diff to draw.
    return { diffRatio: 1, diffPixels: b.width * b.height, changed: true, sizeChange: `${a.width}×${a.height} → ${b.width}×${b.height}` };
  }
  const diff = new PNG({ width: b.width, height: b.height });
  const diffPixels = pixelmatch(a.data, b.data, diff.data, b.width, b.height, { threshold: o.threshold, includeAA: false, alpha: 0.2 });
  const diffRatio = diffPixels / Math.max(1, b.width * b.height);
  return {
    diffRatio,
    diffPixels,
    changed: diffRatio > o.maxDiffPixelRatio,
    ...(diffPixels > 0 ? { diffPng: PNG.sync.write(diff) } : {}),
  };
}

/** A ratio as people read it: `3.2 %`, `0.04 %`, `100 %`. */
export function percent(ratio: number): string {
  const p = ratio * 100;
  const text = p >= 10 || Number.isInteger(p) ? p.toFixed(p >= 10 && !Number.isInteger(p) ? 1 : 0) : p >= 1 ? p.toFixed(1) : p.toPrecision(1);
  return `${Number(text)} %`;
}

/** The sentence an alert and the run's error say: `visual change: 3.2 % of pixels differ from the baseline (limit 1 %)`. */
export function visualSentence(c: { name: string; diffRatio: number; limit: number; sizeChange?: string }): string {
  const which = c.name === 'final' ? '' : ` in '${c.name}'`;
  if (c.sizeChange) return `visual change${which}: the screenshot's size changed from the baseline (${c.sizeChange})`;
  return `visual change${which}: ${percent(c.diffRatio)} of pixels differ from the baseline (limit ${percent(c.limit)})`;
}
