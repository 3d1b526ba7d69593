// How a file is named in messages: relative to where the user stands when that is shorter, else absolute.
import { isAbsolute, relative } from 'node:path';

export function displayPath(file: string, from = process.cwd()): string {
  const rel = relative(from, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
