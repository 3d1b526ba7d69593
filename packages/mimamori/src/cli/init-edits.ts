// The two edits `mimamori init` makes to files the user already has — package.json's scripts and .gitignore's lines —
// as pure text in, text out: only what is missing is added, nothing the user wrote is changed or reordered.

export interface ScriptsEdit {
  /** The new package.json text; undefined when nothing was added (the file is then not written at all). */
  text?: string;
  added: string[];
  /** Already there with the same command. */
  present: string[];
  /** A script of that name exists with another command: left alone. */
  kept: { name: string; command: string }[];
}

/** The first indented line's indentation (`"  "`, `"\t"`, four spaces…); JSON.stringify's default when none. */
const indentOf = (text: string) => /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';

/**
 * Adds the scripts package.json does not have, at the end of `scripts` (made at the end when absent). The file is
 * written as npm writes it (`npm pkg set`): parsed and stringified with the file's own indentation, line endings and
 * final newline, so key order and layout stay (an inline array is laid out one item a line, as npm would).
 */
export function addScripts(text: string, scripts: Record<string, string>): ScriptsEdit {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const pkg = JSON.parse(text.slice(bom.length)) as { scripts?: Record<string, unknown> };
  const existing = pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  const result: ScriptsEdit = { added: [], present: [], kept: [] };
  const additions: Record<string, string> = {};
  for (const [name, command] of Object.entries(scripts)) {
    if (!Object.hasOwn(existing, name)) (additions[name] = command), result.added.push(name);
    else if (existing[name] === command) result.present.push(name);
    else result.kept.push({ name, command: String(existing[name]) });
  }
  if (!result.added.length) return result;
  pkg.scripts = { ...existing, ...additions };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A package.json on one line stays on one line.
  const indent = text.trim().includes('\n') ? indentOf(text) : '';
  const body = JSON.stringify(pkg, null, indent).replace(/\n/g, eol);
  result.text = `${bom}${body}${/\n$/.test(text) ? eol : ''}`;
  return result;
}

export interface IgnoreEdit {
  /** The new .gitignore text; undefined when every line was there. */
  text?: string;
  added: string[];
}

/** `/dist/`, `dist/` and `dist` ignore the same top-level folder here: all count as present. */
const normalise = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');

/** Appends the lines `.gitignore` does not have (under a comment saying whose they are); `current` undefined: no file. */
export function appendIgnores(current: string | undefined, lines: string[]): IgnoreEdit {
  const have = new Set((current ?? '').split(/\r?\n/).map(normalise));
  const added = lines.filter((line) => !have.has(normalise(line)));
  if (!added.length) return { added };
  const eol = current?.includes('\r\n') ? '\r\n' : '\n';
  // A last line without its newline would otherwise be joined to the first line added.
  const start = !current ? '' : current.endsWith('\n') ? `${current}${eol}` : `${current}${eol}${eol}`;
  return { text: `${start}# mimamori: run results, local secrets, the deploy build${eol}${added.join(eol)}${eol}`, added };
}
