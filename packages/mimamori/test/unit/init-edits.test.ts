// The edits init makes to a user's package.json and .gitignore: only what is missing is added, the rest stays as written.
import { describe, expect, it } from 'vitest';
import { addScripts, appendIgnores } from '../../src/cli/init-edits.ts';

const OURS = { 'mimamori:check': 'mimamori check' };

describe('addScripts', () => {
  it('adds a scripts object at the end when there is none, in the file\'s indentation, with its final newline', () => {
    const edit = addScripts('{\n    "name": "app",\n    "version": "1.0.0"\n}\n', OURS);
    expect(edit.added).toEqual(['mimamori:check']);
    expect(edit.text).toBe('{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "mimamori:check": "mimamori check"\n    }\n}\n');
  });

  it('keeps CRLF line endings, a byte-order mark, and a file on one line on one line', () => {
    expect(addScripts('{\r\n  "name": "app"\r\n}\r\n', OURS).text).toBe('{\r\n  "name": "app",\r\n  "scripts": {\r\n    "mimamori:check": "mimamori check"\r\n  }\r\n}\r\n');
    expect(addScripts('\uFEFF{\n\t"name": "app"\n}\n', OURS).text).toBe('\uFEFF{\n\t"name": "app",\n\t"scripts": {\n\t\t"mimamori:check": "mimamori check"\n\t}\n}\n');
    expect(addScripts('{"name":"app"}', OURS).text).toBe('{"name":"app","scripts":{"mimamori:check":"mimamori check"}}');
  });

  it('writes nothing when every script is there: the same command is present, another command is kept', () => {
    const same = addScripts('{ "scripts": { "mimamori:check": "mimamori check" } }', OURS);
    expect(same).toEqual({ added: [], present: ['mimamori:check'], kept: [] });
    const other = addScripts('{ "scripts": { "mimamori:check": "mimamori check --tag smoke" } }', OURS);
    expect(other).toEqual({ added: [], present: [], kept: [{ name: 'mimamori:check', command: 'mimamori check --tag smoke' }] });
  });
});

describe('appendIgnores', () => {
  const LINES = ['mimamori-results/', '.env', '.mimamori/'];

  it('counts /dir/, dir/ and dir as the same line, and adds nothing when all are there', () => {
    expect(appendIgnores('/mimamori-results\n.env/\n  .mimamori  \n', LINES)).toEqual({ added: [] });
  });

  it('makes the file when there is none, and keeps CRLF in one that has it', () => {
    expect(appendIgnores(undefined, ['.env']).text).toBe('# mimamori: run results, local secrets, the deploy build\n.env\n');
    expect(appendIgnores('node_modules\r\n', ['.env']).text).toBe('node_modules\r\n\r\n# mimamori: run results, local secrets, the deploy build\r\n.env\r\n');
  });

  it('does not take a commented-out or longer line for the line', () => {
    expect(appendIgnores('# .env\n.env.local\n', ['.env']).added).toEqual(['.env']);
  });
});
