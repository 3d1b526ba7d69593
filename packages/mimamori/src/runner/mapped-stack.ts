// A stack's frames mapped to the source lines — a check's .ts file, mimamori's src/ — once an error is reported, instead
// of every stack the process captures. Playwright captures a stack on each API call; Node's process-wide source maps
// (process.setSourceMapsEnabled, --enable-source-maps) map all of them, ≈ 0.5 s of a worker's CPU over 100 trivial checks.
// Here a file's map is read the first time a reported stack names the file: its inline map (a compiled check, the CLI's
// bundles) or the map file its `sourceMappingURL` names (the Lambda bundle's worker.js.map).
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `    at name (place:line:column)` or `    at place:line:column`, where place is a path or a file: URL. */
const FRAME = /^(\s*at (?:.+ \()?)((?:\/|file:\/\/|[A-Za-z]:\\).+?):(\d+):(\d+)(\)?)$/;
const MAPPING_URL = '//# sourceMappingURL=';

interface FileMap {
  map: SourceMap;
  /** What the map's `sources` are relative to: the map file, or the file itself for an inline map. */
  base: string;
}

/** Per file: its map, or null when it has none (Playwright's files) or cannot be read. */
const maps = new Map<string, FileMap | null>();

function readMap(url: string): FileMap | null {
  const code = readFileSync(fileURLToPath(url), 'utf8');
  const at = code.lastIndexOf(MAPPING_URL);
  if (at < 0) return null;
  const ref = code.slice(at + MAPPING_URL.length).trim();
  if (ref.startsWith('data:')) {
    const comma = ref.indexOf(',');
    const data = ref.slice(0, comma).endsWith(';base64') ? Buffer.from(ref.slice(comma + 1), 'base64').toString('utf8') : decodeURIComponent(ref.slice(comma + 1));
    return { map: new SourceMap(JSON.parse(data) as SourceMapPayload), base: url };
  }
  const mapUrl = new URL(ref, url).href;
  return { map: new SourceMap(JSON.parse(readFileSync(fileURLToPath(mapUrl), 'utf8')) as SourceMapPayload), base: mapUrl };
}

function mapOf(place: string): FileMap | null {
  let found = maps.get(place);
  if (found !== undefined) return found;
  try {
    found = readMap(place.startsWith('file://') ? place : pathToFileURL(place).href);
  } catch {
    found = null; // gone, unreadable, or a map that does not parse: the frame stays as it is
  }
  maps.set(place, found);
  return found;
}

/** A frame's place in its source, as Node prints a mapped frame (a path for a file), or undefined when not mapped. */
function original(place: string, line: number, column: number): string | undefined {
  const fileMap = mapOf(place);
  if (!fileMap) return undefined;
  const entry = fileMap.map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return undefined;
  const { sourceRoot } = fileMap.map.payload;
  const source = new URL(sourceRoot ? `${sourceRoot.replace(/\/?$/, '/')}${entry.originalSource}` : entry.originalSource, fileMap.base);
  const where = source.protocol === 'file:' ? fileURLToPath(source) : source.href;
  return `${where}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/** The stack with each frame of a source-mapped file pointing at its source; other lines as they were. Never throws. */
export function mapStack(stack: string): string {
  return stack
    .split('\n')
    .map((line) => {
      const frame = FRAME.exec(line);
      if (!frame) return line;
      const [, head, place, line_, column, tail] = frame;
      try {
        const mapped = original(place!, Number(line_), Number(column));
        return mapped ? `${head}${mapped}${tail}` : line;
      } catch {
        return line;
      }
    })
    .join('\n');
}
