// The key layout of stored evidence — stable, documented, sorted by time, browsable by check and day (UTC).
//
//   runs/<check>/<yyyy>/<mm>/<dd>/<runId>/<nn>-<step>.png     screenshots (file names from the runner)
//   runs/<check>/<yyyy>/<mm>/<dd>/<runId>/result.json         the check's result, written after its screenshots
//   state/<check>.json                                          last status, last run, current incident
//
// runId starts with the run's UTC time (20261129T073512Z-3fa9c1), so keys sort by time within a day. In S3 every
// key gets the configured prefix (e.g. `prod/`).

/**
 * A check name as one key segment: letters and digits of any script stay readable; everything else (slashes,
 * spaces, `%`, control characters) is percent-encoded, so two different names never share a folder.
 */
export function keySegment(name: string): string {
  const encoded = Array.from(name.normalize('NFC'))
    .map((ch) => (/^[\p{L}\p{N}_.-]$/u.test(ch) ? ch : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join('');
  // "." and ".." mean something to file systems and browsers: encode their dots.
  return /^\.{1,2}$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded;
}

/** The folder of one check's run: `runs/checkout/2026/11/29/20261129T073512Z-3fa9c1/`. */
export function runFolder(check: string, runId: string, startedAt: number): string {
  const d = new Date(startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `runs/${keySegment(check)}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${runId}/`;
}

export const RESULT_FILE = 'result.json';

export function stateKey(check: string): string {
  return `state/${keySegment(check)}.json`;
}

/** The check name back from its key segment (for listings). */
export function checkFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
