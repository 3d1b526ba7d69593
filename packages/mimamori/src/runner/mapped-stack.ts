// A stack's frames mapped to the source lines — a check's .ts file, mimamori's src/ — once an error is reported, instead
// of every stack the process captures. Playwright captures a stack on each API call; Node's process-wide source maps
// (process.setSourceMapsEnabled, --enable-source-maps) map all of them, ≈ 0.5 s of a worker's CPU over 100 trivial checks.
// Here a file's map is read the first time a reported stack names the file: its inline map (a compiled check, the CLI's
// bundles) or the map file its `sourceMappingURL` names (the Lambda bundle's worker.js.map).
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `    at [async ]name (place:line:column)` or `    at [async ]place:line:column`, where place is a path or a file: URL. */
const FRAME = /^(\s*at (?:async )?(?:.+ \()?)((?:\/|file:\/\/|[A-Za-z]:\\).+?):(\d+):(\d+)(\)?)$/;
const MAPPING_URL = '//# sourceMappingURL=';
/** A source file already: a mapped frame, or one no map can improve. Not looked up (no file read for its map). */
const SOURCE_FILE = /\.[cm]?tsx?$/;
/** An absolute path, POSIX or Windows (`D:/…`, `D:\…`), which `new URL` would misread (`D:` as a scheme, `#`, `?`, `%`). */
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/])/;

interface FileMap {
  map: SourceMap;
  /** What the map's `sources` are relative to: the map file, or the file itself for an inline map (a file: URL). */
  base: string;
}

/** Per file's path: its map, or null when it has none (Playwright's files) or cannot be read. */
const maps = new Map<string, FileMap | null>();

function readMap(path: string): FileMap | null {
  const code = readFileSync(path, 'utf8');
  const at = code.lastIndexOf(MAPPING_URL);
  if (at < 0) return null;
  const ref = code.slice(at + MAPPING_URL.length).trim();
  const url = pathToFileURL(path).href;
  if (ref.startsWith('data:')) {
    const comma = ref.indexOf(',');
    const data = ref.slice(0, comma).endsWith(';base64') ? Buffer.from(ref.slice(comma + 1), 'base64').toString('utf8') : decodeURIComponent(ref.slice(comma + 1));
    return { map: new SourceMap(JSON.parse(data) as SourceMapPayload), base: url };
  }
  const mapUrl = new URL(ref, url).href;
  return { map: new SourceMap(JSON.parse(readFileSync(fileURLToPath(mapUrl), 'utf8')) as SourceMapPayload), base: mapUrl };
}

function mapOf(place: string): FileMap | null {
  // One entry per file, however a frame names it (a file: URL from ESM, a path from CommonJS).
  const path = place.startsWith('file://') ? fileURLToPath(place) : place;
  let found = maps.get(path);
  if (found !== undefined) return found;
  try {
    found = readMap(path);
  } catch {
    found = null; // gone, unreadable, or a map that does not parse: the frame stays as it is
  }
  maps.set(path, found);
  return found;
}

/**
 * Where a map's source is, as Node prints a mapped frame: a path for a file, else the URL. An absolute path (tsc and
 * others write them as they are) is taken as one, never parsed as a URL; a relative source is a URL reference.
 */
export function sourcePlace(source: string, sourceRoot: string | undefined, base: string): string {
  const joined = sourceRoot ? `${sourceRoot.replace(/[\\/]?$/, '/')}${source}` : source;
  if (ABSOLUTE_PATH.test(joined)) return joined;
  // A URL (file:, webpack:), or a reference relative to the map's file: URL (esbuild writes `#`, `?` and `%` of a
  // name encoded): an absolute URL ignores the base.
  const url = new URL(joined, base);
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

export interface SourceFrame {
  file: string;
  /** 1-based, as V8 prints them. */
  line: number;
  column: number;
}

/** A frame's place in its source, or undefined when the file has no map or the place none in it. Never throws. */
export function mapFrame(place: string, line: number, column: number): SourceFrame | undefined {
  if (SOURCE_FILE.test(place)) return undefined;
  try {
    const fileMap = mapOf(place);
    if (!fileMap) return undefined;
    const entry = fileMap.map.findEntry(line - 1, column - 1);
    if (!('originalSource' in entry)) return undefined;
    const file = sourcePlace(entry.originalSource, fileMap.map.payload.sourceRoot, fileMap.base);
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined;
  }
}

/** The stack with each frame of a source-mapped file pointing at its source; other lines as they were. Never throws. */
export function mapStack(stack: string): string {
  return stack
    .split('\n')
    .map((line) => {
      const frame = FRAME.exec(line);
      if (!frame) return line;
      const [, head, place, line_, column, tail] = frame;
      const mapped = mapFrame(place!, Number(line_), Number(column));
      return mapped ? `${head}${mapped.file}:${mapped.line}:${mapped.column}${tail}` : line;
    })
    .join('\n');
}

interface WithStack {
  stack?: string;
}

/**
 * An attempt's result with every error's stack mapped — the attempt's and its steps' (the same error often reaches both:
 * mapped once). A frame already in a source file (an uncaught error's stack is mapped where it is caught) is left alone.
 */
export function mapResultStacks<E extends WithStack, R extends { error?: E; steps: { error?: E }[] }>(result: R): R {
  const done = new Map<string, string>();
  const mapped = <T extends { error?: E }>(holder: T): T => {
    const stack = holder.error?.stack;
    if (!stack) return holder;
    let to = done.get(stack);
    if (to === undefined) done.set(stack, (to = mapStack(stack)));
    return { ...holder, error: { ...holder.error, stack: to } };
  };
  return { ...mapped(result), steps: result.steps.map(mapped) };
}
