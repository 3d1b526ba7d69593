// Compares a screenshot with its baseline: pure (two PNGs in, a verdict and a diff picture out), on the host.
// pixelmatch with anti-aliasing tolerance (anti-aliased pixels never count) and its colour threshold. Apart from the
// words about a comparison (visual-diff.ts): the host loads pngjs and pixelmatch only when a run compares pictures.
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

/** The stored baseline is no PNG one can read (an empty object, a copy cut short, overwritten bytes): what is wrong. */
export class UnreadableBaseline extends Error {
  override name = 'UnreadableBaseline';
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes a stored baseline, or throws UnreadableBaseline saying in words what is wrong with it. */
export function decodeBaseline(bytes: Buffer): PNG {
  const size = `${bytes.length} bytes`;
  if (bytes.length === 0) throw new UnreadableBaseline('empty (0 bytes)');
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new UnreadableBaseline(`not a PNG (${size})`);
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    // pngjs's own words for a short file ("read requests waiting on finished stream") say nothing to a person.
    const ended = bytes.subarray(-8, -4).toString('latin1') === 'IEND';
    const why = ended ? `damaged (${size}: ${(error as Error).message})` : `truncated (${size}, no end chunk)`;
    throw new UnreadableBaseline(why, { cause: error });
  }
}

/**
 * Compares `current` with `baseline` (both PNG). Throws UnreadableBaseline when the baseline cannot be decoded (a
 * stored object gone bad), a plain error when the current picture cannot.
 */
export function diffImages(baseline: Buffer, current: Buffer, o: DiffOptions): DiffOutcome {
  const a = decodeBaseline(baseline);
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
