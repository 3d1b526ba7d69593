// The build's safety check of a log watch's pattern: a repetition inside a repetition (star height 2, like
// /^(\w+\s?)*ERROR$/) lets a backtracking matcher try every way of splitting a line that almost matches — 61
// characters took 279 s. It is found in the pattern's source, without running it, so the verdict does not depend on
// the machine. Alternations that overlap (/(a|a)*b/) pass here; the log-watch handler bounds matching at run time.

/** Where a pattern repeats a group holding a repetition of its own: both as written. */
export interface NestedRepetition {
  /** The repeated group with its quantifier, like `(\w+\s?)*`. */
  outer: string;
  /** The repetition inside it, like `\w+`. */
  inner: string;
}

/** min and max of a quantifier at source[i], and its length (a lazy `?` included); undefined when there is none. */
function quantifierAt(source: string, i: number): { min: number; max: number; length: number } | undefined {
  const c = source[i];
  let q: { min: number; max: number; length: number } | undefined;
  if (c === '*') q = { min: 0, max: Infinity, length: 1 };
  else if (c === '+') q = { min: 1, max: Infinity, length: 1 };
  else if (c === '?') q = { min: 0, max: 1, length: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m) q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]), length: m[0].length };
  }
  if (q && source[i + q.length] === '?') q.length += 1;
  return q;
}

/** A quantifier that repeats a variable number of times, at least twice: `*`, `+`, `{2,}`, `{1,5}` — not `?` or `{3}`. */
const varies = (q: { min: number; max: number }) => q.max >= 2 && q.max > q.min;

/** Index just past an escape starting at source[i] (`\`): `\p{…}`, `\u{…}` and `\k<…>` as one. */
function escapeEnd(source: string, i: number): number {
  const next = source[i + 1];
  const closer = (next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{' ? '}' : next === 'k' && source[i + 2] === '<' ? '>' : undefined;
  if (closer) {
    const end = source.indexOf(closer, i + 3);
    if (end > 0) return end + 1;
  }
  return i + 2;
}

/** Index just past a character class starting at source[i] (`[`); with the v flag, classes nest. */
function classEnd(source: string, i: number, nests: boolean): number {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (c === '[' && (j === i || nests)) depth++;
    else if (c === ']' && --depth === 0) return j + 1;
  }
  return source.length;
}

/** Index just past a group's opening: `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`, `(?i:`. */
function groupOpenEnd(source: string, i: number): number {
  if (source[i + 1] !== '?') return i + 1;
  const after = source[i + 2];
  if (after === ':' || after === '=' || after === '!') return i + 3;
  if (after === '<' && (source[i + 3] === '=' || source[i + 3] === '!')) return i + 4;
  const close = source.indexOf(after === '<' ? '>' : ':', i + 2);
  return close > 0 ? close + 1 : i + 2;
}

interface Group {
  start: number;
  /** The first varying repetition inside the group (at any depth), as written. */
  inner?: string;
}

/** The first group of `pattern` that varies in repetition and holds a varying repetition itself; undefined when none. */
export function nestedRepetition(pattern: RegExp): NestedRepetition | undefined {
  const source = pattern.source;
  const nests = pattern.flags.includes('v');
  const groups: Group[] = [{ start: 0 }];
  // The atom a quantifier right here would repeat: its start, and the group it is (for a group).
  let atom: { start: number; group?: Group } | undefined;
  for (let i = 0; i < source.length;) {
    const c = source[i]!;
    const q = atom && quantifierAt(source, i);
    if (q && atom) {
      const end = i + q.length;
      // Outside, any count of two or more: (.*,){11} tries every split of the line into 11 parts too (n^11).
      if (q.max >= 2 && atom.group?.inner) return { outer: source.slice(atom.start, end), inner: atom.group.inner };
      if (varies(q)) groups.at(-1)!.inner ??= source.slice(atom.start, end);
      atom = undefined;
      i = end;
    } else if (c === '(') {
      groups.push({ start: i });
      atom = undefined;
      i = groupOpenEnd(source, i);
    } else if (c === ')' && groups.length > 1) {
      const group = groups.pop()!;
      // What the group holds, its enclosing group holds too.
      const enclosing = groups.at(-1)!;
      if (group.inner) enclosing.inner ??= group.inner;
      atom = { start: group.start, group };
      i += 1;
    } else {
      const end = c === '\\' ? escapeEnd(source, i) : c === '[' ? classEnd(source, i, nests) : i + 1;
      atom = c === '|' || c === '^' || c === '$' ? undefined : { start: i };
      i = end;
    }
  }
  return undefined;
}
