// Decodes PNG screenshots so tests can check their size and that they show something (not a blank frame).
import { PNG } from 'pngjs';

export function decodePng(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

/** How many distinct colours appear (sampled): a blank frame has one. */
export function distinctColors(png: PNG, step = 7): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * step) seen.add(png.data.readUInt32BE(i));
  return seen.size;
}
