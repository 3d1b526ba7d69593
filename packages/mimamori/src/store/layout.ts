// The key layout of stored evidence — stable, documented, sorted by time, browsable by check and day (UTC).
//
//   runs/<check>/<yyyy>/<mm>/<dd>/<runId>/<nn>-<step>.png     screenshots (file names from the runner)
//   runs/<check>/<yyyy>/<mm>/<dd>/<runId>/result.json         the check's result, written after its screenshots
//   state/<check>.json                                          last status, last run, current incident
//   history/<check>/<yyyy>/<mm>/<dd>.json                       the check's runs of one UTC day, compact (history-days.ts)
//   baselines/<check>/<name>.png                                visual baselines (`final`, or a step's slug)
//   mutes/active.json                                           the mutes set with `mimamori mute`, all in one object
//
// runId starts with the run's UTC time (20261129T073512Z-3fa9c1), so keys sort by time within a day. In S3 every
// key gets the configured prefix (e.g. `prod/`).
import { createHash } from 'node:crypto';

/**
 * Bytes a key segment may take. File systems allow 255 bytes per name, and the segment is also a file name
 * (`state/<segment>.json`, written aside as `….json.<pid>.tmp` by the local store); S3 allows 1024 bytes per key,
 * and a run's key is this plus about 230 bytes (day, run id, screenshot name) plus the prefix.
 */
export const MAX_SEGMENT_BYTES = 200;
const HASH_LENGTH = 8;
/** How a shortened segment ends: `~` and the hash of the whole name. */
const SHORTENED = new RegExp(`~[0-9a-f]{${HASH_LENGTH}}$`);

/** One character as it appears in a key: letters and digits as they are, anything else percent-encoded. */
function encodeChar(ch: string): string {
  if (/^[\p{L}\p{N}_.-]$/u.test(ch)) return ch;
  // A lone surrogate is not text (encodeURIComponent throws on it): keep it distinct, in a form no text encodes to.
  if (/^\p{Cs}$/u.test(ch)) return `%u${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A check name as one key segment: letters and digits of any script stay readable; everything else (slashes,
 * spaces, `%`, control characters) is percent-encoded, so two different names never share a folder.
 *
 * A name whose segment would pass MAX_SEGMENT_BYTES keeps its beginning (cut between characters) and ends in `~`
 * and 8 hex digits of the SHA-256 of the whole name, so long names sharing a beginning stay apart. A short name
 * that happens to end like that is given a hash too, so it can never take a shortened name's segment.
 */
export function keySegment(name: string): string {
  const nfc = name.normalize('NFC');
  const units = Array.from(nfc, encodeChar);
  const encoded = units.join('');
  if (Buffer.byteLength(encoded) <= MAX_SEGMENT_BYTES && !SHORTENED.test(encoded)) {
    // "." and ".." mean something to file systems and browsers: encode their dots.
    return /^\.{1,2}$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
  }
  const hash = createHash('sha256').update(nfc).digest('hex').slice(0, HASH_LENGTH);
  const room = MAX_SEGMENT_BYTES - 1 - HASH_LENGTH;
  let kept = '';
  let bytes = 0;
  for (const unit of units) {
    bytes += Buffer.byteLength(unit);
    if (bytes > room) break;
    kept += unit;
  }
  return `${kept}~${hash}`;
}

/** The folder of one check's run: `runs/checkout/2026/11/29/20261129T073512Z-3fa9c1/`. */
export function runFolder(check: string, runId: string, startedAt: number): string {
  const d = new Date(startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `runs/${keySegment(check)}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${runId}/`;
}

export const RESULT_FILE = 'result.json';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A time's UTC day, `2026-11-29`. */
export function utcDay(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The folder of one check's history days of one month: `history/checkout/2026/11/` (`month` 1–12). */
export function historyMonthFolder(check: string, year: number, month: number): string {
  return `history/${keySegment(check)}/${year}/${pad2(month)}/`;
}

/** The object of one check's runs on the UTC day of `t`: `history/checkout/2026/11/29.json`. */
export function historyDayKey(check: string, t: number): string {
  const d = new Date(t);
  return `${historyMonthFolder(check, d.getUTCFullYear(), d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}.json`;
}

/** Every mute in one object: one conditional write adds or removes one without losing another's. */
export const MUTES_KEY = 'mutes/active.json';

export function stateKey(check: string): string {
  return `state/${keySegment(check)}.json`;
}

/** A check's visual baseline: `baselines/checkout/final.png` (`name` is a screenshot's step slug, or `final`). */
export function baselineKey(check: string, name: string): string {
  return `baselines/${keySegment(check)}/${keySegment(name)}.png`;
}

/**
 * The check name back from its key segment (for listings). A shortened segment gives the name's beginning and `…`:
 * the whole name is in the run's result.json.
 */
export function checkFromSegment(segment: string): string {
  const shortened = SHORTENED.test(segment);
  const kept = shortened ? segment.slice(0, -(HASH_LENGTH + 1)) : segment;
  let name: string;
  try {
    name = decodeURIComponent(kept);
  } catch {
    name = kept;
  }
  return shortened ? `${name}…` : name;
}
