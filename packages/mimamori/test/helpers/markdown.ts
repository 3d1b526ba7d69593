// Reads the parts of a Markdown page that docs-examples.test.ts checks: fenced code blocks (with the
// <!-- not-checked: why --> mark above them), shell lines, inline `npx mimamori …` spans, links and GitHub's heading ids.

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** The block's lines, without the list indentation its fence has. */
  text: string;
  /** Why it is not checked, from a <!-- not-checked: … --> comment right above the fence. */
  skip?: string;
}

const FENCE = /^(\s*)(`{3,})\s*([\w-]*)\s*$/;
const NOT_CHECKED = /^\s*<!--\s*not-checked:\s*(.+?)\s*-->\s*$/;

export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, ticks, lang] = open;
    let end = i + 1;
    while (end < lines.length && !(lines[end].trim().startsWith(ticks) && lines[end].trim().replace(/`/g, '') === '')) end++;
    let above = i - 1;
    while (above >= 0 && lines[above].trim() === '') above--;
    const skip = above >= 0 ? NOT_CHECKED.exec(lines[above])?.[1] : undefined;
    const text = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart())).join('\n');
    blocks.push({ file, line: i + 1, lang: lang.toLowerCase(), text, skip });
    i = end;
  }
  return blocks;
}

/** Lines of a page outside code blocks, with their 1-based numbers. */
function prose(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const open = FENCE.exec(text);
    if (open && (fence === undefined || open[3] === '')) {
      fence = fence === undefined ? open[2] : undefined;
      return;
    }
    if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

/** Splits one shell line into commands of words: quotes kept together, `&&`, `||`, `;` and `|` split, `#` ends it. */
function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) commands[commands.length - 1].push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      word += line.slice(i + 1, close === -1 ? undefined : close);
      inWord = true;
      i = close === -1 ? line.length : close;
    } else if (c === '#' && !inWord) {
      break;
    } else if (/\s/.test(c)) {
      flush();
    } else if (c === ';' || c === '|' || c === '&') {
      flush();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return commands.filter((c) => c.length);
}

/** Each command of a shell block, with its line: `\` continuations joined, leading `VAR=value` assignments dropped. */
export function commandLines(block: CodeBlock): { line: number; words: string[] }[] {
  const out: { line: number; words: string[] }[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i];
    while (text.endsWith('\\') && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++i];
    for (const words of shellCommands(text.replace(/^\$ /, ''))) {
      while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift();
      if (words.length) out.push({ line: block.line + 1 + start, words });
    }
  }
  return out;
}

/** Inline code spans in prose that are a mimamori command line (`npx mimamori …`). */
export function inlineCommands(file: string, markdown: string): { file: string; line: number; text: string }[] {
  return prose(markdown).flatMap(({ line, text }) =>
    [...text.matchAll(/`(npx mimamori\b[^`]*)`/g)].map((m) => ({ file, line, text: m[1].trim() })));
}

/** `[text](target)` and `![alt](target)` links in prose (not in code blocks or inline code). */
export function markdownLinks(markdown: string): { line: number; target: string }[] {
  return prose(markdown).flatMap(({ line, text }) =>
    [...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ line, target: m[1] })));
}

/** The ids GitHub gives a page's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
export function githubSlugs(markdown: string): string[] {
  const seen = new Map<string, number>();
  return prose(markdown).flatMap(({ text }) => {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) return [];
    const base = heading[1].toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [n ? `${base}-${n}` : base];
  });
}
