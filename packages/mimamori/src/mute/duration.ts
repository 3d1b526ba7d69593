// `--for 30m`, `2h`, `1d`, `1h30m`: how long a mute lasts, in ms, or a message saying what is wrong.
import { MAX_MUTE_MS } from './mute.ts';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const FORM = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** The duration in ms; throws a RangeError that says the accepted forms and the cap. */
export function parseMuteDuration(text: string): number {
  const match = FORM.exec(text.trim());
  const ms = match && text.trim() !== ''
    ? Number(match[1] ?? 0) * UNIT_MS.d + Number(match[2] ?? 0) * UNIT_MS.h + Number(match[3] ?? 0) * UNIT_MS.m
    : undefined;
  if (ms === undefined) throw new RangeError(`--for takes minutes, hours or days, like 30m, 2h, 1d or 1h30m; got '${text}'`);
  if (ms <= 0) throw new RangeError(`--for must be at least 1m, got '${text}'`);
  if (ms > MAX_MUTE_MS) {
    throw new RangeError(`--for is at most 7d (got '${text}'): a mute is for a planned moment; a longer or recurring quiet time belongs in the config's maintenance windows`);
  }
  return ms;
}
