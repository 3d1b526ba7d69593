// Every example in README.md and docs/*.md still runs, as far as it can offline: ```ts blocks load and validate through
// the real loader, each `npx mimamori …` line goes through the real command's parser, and relative links point at files
// and headings that exist. A block that cannot be checked offline says so right above it: <!-- not-checked: why -->.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadChecks, loadConfig } from '../../src/check/load.ts';
import { stopCompiler } from '../../src/check/import-ts.ts';
import { COMMANDS } from '../../src/cli/args.ts';
import { COMMAND_MAINS, isCommand } from '../../src/cli/commands.ts';
import { main } from '../../src/cli/main.ts';
import ts from 'typescript';
import { codeBlocks, commandLines, githubSlugs, inlineCommands, markdownLinks, type CodeBlock } from '../helpers/markdown.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DOCS = [join(REPO, 'README.md'), ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(REPO, 'docs', f))];
const name = (file: string) => relative(REPO, file);
const where = (b: { file: string; line: number }) => `${name(b.file)}:${b.line}`;
const blocks = DOCS.flatMap((file) => codeBlocks(file, readFileSync(file, 'utf8')));

/** The ts examples as the loader saw them, type-checked together at the end against the package's declarations. */
const typed: { where: string; source: string }[] = [];
const tally = { ts: 0, sh: 0, inline: 0, links: 0, skipped: [] as string[], text: 0 };

/** Runs a command's own parser on `argv --help`: 0 and nothing on stderr when every flag (and its value) is one it knows. */
async function parse(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const [first, ...rest] = argv;
    const code = isCommand(first) ? await COMMAND_MAINS[first]([...rest, '--help']) : await main([...argv, '--help'], { bare: true });
    return { code, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The usage text a command prints for --help: the flags it documents. */
const usage = new Map<string, string>();
async function usageOf(command: string): Promise<string> {
  if (!usage.has(command)) {
    let text = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
    try {
      await COMMAND_MAINS[command as keyof typeof COMMANDS](['--help']);
    } finally {
      out.mockRestore();
    }
    usage.set(command, text);
  }
  return usage.get(command)!;
}

const PACKAGE_SCRIPTS = new Set([
  ...Object.keys(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts ?? {}),
  ...Object.keys(JSON.parse(readFileSync(join(REPO, 'packages/mimamori/package.json'), 'utf8')).scripts ?? {}),
]);

/** What a shell line runs, as far as this test can tell: mimamori's argv, an npm script, or something to mark. */
function problemsOfLine(words: string[]): { mimamori?: string[]; problem?: string } {
  const [cmd, ...rest] = words;
  if ((cmd === 'npx' || cmd === 'bunx' || cmd === 'yarn') && rest[0] === 'mimamori') return { mimamori: rest.slice(1) };
  if (cmd === 'pnpm' && rest[0] === 'exec' && rest[1] === 'mimamori') return { mimamori: rest.slice(2) };
  if (cmd === 'npm') {
    const [sub, script, ...more] = rest;
    if (sub === 'install' || sub === 'i' || sub === 'ci') return {};
    if (sub === 'test') return PACKAGE_SCRIPTS.has('test') ? {} : { problem: 'no test script' };
    if (sub === 'run') {
      if (!PACKAGE_SCRIPTS.has(script)) return { problem: `no npm script '${script}' in package.json` };
      // `npm run check -- …` is `mimamori check …`
      if (script === 'check' && more[0] === '--') return { mimamori: ['check', ...more.slice(1)] };
      return {};
    }
  }
  return { problem: `'${words.join(' ')}' is not something this test can check offline: mark the block <!-- not-checked: why -->` };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-docs-'));
});
afterAll(async () => {
  await stopCompiler();
  await rm(scratch, { recursive: true, force: true });
  const checked = tally.ts + tally.sh + tally.inline + tally.links;
  console.log(
    `docs examples: ${checked} checked (${tally.ts} ts blocks loaded, ${tally.sh} mimamori command lines parsed, ` +
      `${tally.inline} inline commands, ${tally.links} relative links), ${tally.skipped.length} skipped` +
      `${tally.skipped.length ? ` (${tally.skipped.join('; ')})` : ''}, ${tally.text} text/output blocks not code`,
  );
});

/** A ```ts block as a file the loader can take: a whole file, a `defineCheck(…)` expression or config properties. */
function asFile(block: CodeBlock): { kind: 'check' | 'config'; source: string } | undefined {
  const code = block.text.replace(/^(\s*\/\/.*\n)+/, '');
  const imports = /from 'mimamori'/.test(code) ? '' : "import { defineCheck, defineConfig, expect } from 'mimamori';\n";
  if (/^\s*[A-Za-z]\w*\s*:/.test(code)) return { kind: 'config', source: `${imports}export default defineConfig({\n${code}\n});\n` };
  if (/^\s*defineCheck\(/.test(code)) return { kind: 'check', source: `${imports}export default ${code.trim().replace(/;?\s*(\/\/.*)?$/, '')};\n` };
  if (/export default/.test(code)) return { kind: /defineCheck\(/.test(code) ? 'check' : 'config', source: `${imports}${block.text}` };
  return undefined;
}

describe('the README and docs/ examples', () => {
  it('finds the README and the docs pages', () => {
    expect(DOCS.map(name)).toContain('README.md');
    expect(DOCS.length).toBeGreaterThan(5);
    expect(blocks.length).toBeGreaterThan(20);
  });

  const tsBlocks = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');
  it.each(tsBlocks.map((b) => [where(b), b] as const))('%s: the TypeScript example loads and validates', async (_, block) => {
    if (block.skip) return void tally.skipped.push(`${where(block)}: ${block.skip}`);
    const file = asFile(block);
    expect(file, `${where(block)}: neither a check, a config nor config properties — mark it <!-- not-checked: why -->`).toBeDefined();
    typed.push({ where: where(block), source: file!.source });
    const dir = await mkdtemp(join(scratch, 'example-'));
    if (file!.kind === 'config') {
      await writeFile(join(dir, 'mimamori.config.ts'), file!.source);
      const { problems } = await loadConfig(dir);
      expect(problems, `${where(block)}\n${file!.source}`).toEqual([]);
    } else {
      await mkdir(join(dir, 'checks'));
      const path = join(dir, 'checks', 'example.check.ts');
      await writeFile(path, file!.source);
      const { checks, problems } = await loadChecks([path], {}, dir);
      expect(problems, `${where(block)}\n${file!.source}`).toEqual([]);
      expect(checks).toHaveLength(1);
    }
    tally.ts++;
  });

  const shBlocks = blocks.filter((b) => ['sh', 'bash', 'shell', 'console'].includes(b.lang));
  it.each(shBlocks.map((b) => [where(b), b] as const))('%s: each command is a real command with flags its parser knows', async (_, block) => {
    if (block.skip) return void tally.skipped.push(`${where(block)}: ${block.skip}`);
    for (const { line, words } of commandLines(block)) {
      const { mimamori, problem } = problemsOfLine(words);
      expect(problem, `${name(block.file)}:${line}`).toBeUndefined();
      if (!mimamori) continue;
      const first = mimamori[0];
      expect(first === undefined || first.startsWith('-') || isCommand(first), `${name(block.file)}:${line}: '${first}' is not a command (${Object.keys(COMMANDS).join(', ')})`).toBe(true);
      const { code, stderr } = await parse(mimamori);
      expect({ code, stderr }, `${name(block.file)}:${line}: mimamori ${mimamori.join(' ')}`).toEqual({ code: 0, stderr: '' });
      tally.sh++;
    }
  });

  it('type-checks the TypeScript examples against the package\'s declarations', async () => {
    expect(typed.length).toBe(tsBlocks.filter((b) => !b.skip).length);
    const dir = join(scratch, 'typecheck');
    await mkdir(dir);
    const files = await Promise.all(typed.map(async (t, i) => {
      const path = join(dir, `example-${i}.ts`);
      await writeFile(path, t.source);
      return path;
    }));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')],
      paths: { mimamori: [join(REPO, 'packages/mimamori/dist/types/index.d.ts')] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file ? typed[files.indexOf(d.file.fileName)]?.where ?? d.file.fileName : '';
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${at}${pos ? ` (line ${pos.line + 1} of the example as loaded)` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  it('names only real commands and flags in inline `npx mimamori …` and in usage lines', async () => {
    const mentions = [
      ...DOCS.flatMap((file) => inlineCommands(file, readFileSync(file, 'utf8'))),
      ...blocks.filter((b) => b.lang === '').flatMap((b) => b.text.split('\n').flatMap((text, i) =>
        /^\s*(\$ )?npx mimamori\b/.test(text) ? [{ file: b.file, line: b.line + 1 + i, text: text.replace(/^\s*\$ /, '').trim() }] : [])),
    ];
    const wrong: string[] = [];
    for (const m of mentions) {
      const words = m.text.replace(/#.*$/, '').split(/\s+/).slice(2);
      const command = words[0] && !words[0].startsWith('-') && !words[0].startsWith('[') && !words[0].startsWith('<') && words[0] !== '…' ? words[0] : 'check';
      if (!isCommand(command)) {
        wrong.push(`${name(m.file)}:${m.line}: '${command}' is not a command in \`${m.text}\``);
        continue;
      }
      const text = await usageOf(command);
      for (const flag of m.text.match(/--[a-z][a-z-]*/g) ?? []) {
        if (!new RegExp(`(^|[\\s\\[,])${flag}(?![a-z-])`, 'm').test(text)) wrong.push(`${name(m.file)}:${m.line}: \`mimamori ${command}\` has no ${flag} (\`${m.text}\`)`);
      }
      tally.inline++;
    }
    expect(wrong).toEqual([]);
    expect(mentions.length).toBeGreaterThan(10);
  });

  it('lists every command of `mimamori --help` in the README, and no other', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const table = [...readme.matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]);
    expect(table).toEqual(Object.keys(COMMANDS));
  });

  it('has relative links that point at files and headings that exist', () => {
    const broken: string[] = [];
    const slugs = new Map<string, Set<string>>();
    const slugsOf = (file: string) => {
      if (!slugs.has(file)) slugs.set(file, new Set(githubSlugs(readFileSync(file, 'utf8'))));
      return slugs.get(file)!;
    };
    for (const file of DOCS) {
      for (const link of markdownLinks(readFileSync(file, 'utf8'))) {
        if (/^[a-z]+:/i.test(link.target)) continue; // https:, mailto: — not checked offline
        const [path, anchor] = link.target.split('#');
        const target = path ? resolve(dirname(file), decodeURI(path)) : file;
        if (!target.startsWith(REPO) || !existsSync(target)) broken.push(`${name(file)}:${link.line}: ${link.target} (no such file)`);
        else if (anchor !== undefined && target.endsWith('.md') && !slugsOf(target).has(anchor)) broken.push(`${name(file)}:${link.line}: ${link.target} (no such heading)`);
        tally.links++;
      }
    }
    expect(broken).toEqual([]);
  });

  it('counts the output and layout blocks, which are text, not code', () => {
    tally.text = blocks.filter((b) => b.lang === '' || b.lang === 'text').length;
    const unknown = blocks.filter((b) => !['', 'text', 'ts', 'typescript', 'sh', 'bash', 'shell', 'console'].includes(b.lang));
    expect(unknown.map((b) => `${where(b)}: \`\`\`${b.lang}`)).toEqual([]);
  });
});
