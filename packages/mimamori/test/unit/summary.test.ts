import { describe, it, expect } from 'vitest';
import { renderSummary } from '../../src/cli/summary.ts';
import { displayWidth, errorDetail, firstLine, formatBudget, formatMs, statusIcon, stripAnsi, truncate } from '../../src/cli/format.ts';
import type { RunResult } from '../../src/result/types.ts';
import { sampleRun } from './fixtures/run-result.ts';
import { progressHooks } from '../../src/cli/progress.ts';
import { printable } from '../../src/result/printable.ts';
import type { ResolvedCheck } from '../../src/check/types.ts';

const HEADERS = ['Check', 'Status', 'Duration / budgets', 'Attempts', 'Failing step', 'Error'];

/** Splits a table line into cells at the display columns where the header's cells start. */
function cellsAt(line: string, starts: number[]): string[] {
  const cells = starts.map(() => '');
  let col = 0;
  for (const ch of line) {
    let i = starts.length - 1;
    while (i > 0 && col < starts[i]!) i--;
    cells[i] += ch;
    col += displayWidth(ch);
  }
  return cells.map((c) => c.trim());
}

function table(out: string): { starts: number[]; rows: string[][] } {
  const lines = out.split('\n');
  const header = lines[0]!;
  const starts = HEADERS.map((h) => displayWidth(header.slice(0, header.indexOf(h))));
  expect(starts.every((s, i) => i === 0 || s > starts[i - 1]!)).toBe(true);
  const end = lines.indexOf('');
  return { starts, rows: lines.slice(2, end).map((l) => cellsAt(l, starts)) };
}

describe('format', () => {
  it('formats durations', () => {
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(999.7)).toBe('1 s');
    expect(formatMs(1234)).toBe('1.2 s');
    expect(formatMs(3000)).toBe('3 s');
    expect(formatMs(12_400)).toBe('12 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
    expect(formatMs(Number.NaN)).toBe('–');
  });

  it('formats budgets, keeping the slots in order', () => {
    expect(formatBudget(1234, { degradedResponseTime: 3000, maxResponseTime: 10_000 })).toBe('1.2 s / 3 s / 10 s');
    expect(formatBudget(1234, { degradedResponseTime: 3000 })).toBe('1.2 s / 3 s');
    expect(formatBudget(1234, { maxResponseTime: 10_000 })).toBe('1.2 s / – / 10 s');
    expect(formatBudget(850, {})).toBe('850 ms');
  });

  it('has icons, truncates by code point, takes the first non-empty line, strips ANSI', () => {
    expect(['passed', 'degraded', 'failed', 'skipped'].map((s) => statusIcon(s as 'passed'))).toEqual(['✓', '!', '✗', '–']);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(firstLine('\n  first \nsecond')).toBe('first');
    expect(stripAnsi('\u001b[31mred\u001b[39m')).toBe('red');
    expect(displayWidth('注文 ok')).toBe(7);
  });

  it('prints an error\'s message and stack once each', () => {
    const stack = 'Error: boom\nmore\n    at f (a.ts:1:1)';
    expect(errorDetail({ name: 'Error', message: 'boom\nmore', stack })).toBe(stack);
    expect(errorDetail({ name: 'Error', message: 'boom\nmore' })).toBe('Error: boom\nmore');
    expect(errorDetail({ name: 'Error', message: '\u001b[2mboom\u001b[22m\nmore', stack: 'Error: boom\n    at f (a.ts:1:1)' }))
      .toBe(stack);
  });
});

describe('renderSummary', () => {
  it('renders one aligned row per check with status, budgets, attempts, failing step and error', () => {
    const out = renderSummary(sampleRun());
    const { rows } = table(out);
    expect(rows).toEqual([
      ['Home page', '✓ passed', '850 ms / 3 s / 10 s', '1', '', ''],
      ['Search', '! degraded', '4.2 s / 3 s / 10 s', '1', 'type query', ''],
      ['Login', '✓ passed (flaky, passed on attempt 2)', '2.1 s / 3 s / 10 s', '2', '', ''],
      ['Checkout', '✗ failed', '6.3 s / – / 20 s', '1', 'add to cart', 'assertion: expect(locator).toBeVisible() failed'],
    ]);
    expect(out).not.toContain('\u001b');
    expect(out).not.toMatch(/ +\n/); // no trailing spaces
  });

  it('says which runs were muted or in maintenance (recorded, nothing sent)', () => {
    const run = sampleRun();
    run.results[3]!.quiet = { mode: 'silence', source: 'mute', name: 'Checkout', by: 'aki', since: 0, until: 1 };
    run.results[0]!.quiet = { mode: 'pause', source: 'maintenance', name: 'deploy', since: 0, until: 1 };
    const { rows } = table(renderSummary(run));
    expect(rows[3]![1]).toBe('✗ failed (muted)');
    expect(rows[0]![1]).toBe('✓ passed (in maintenance)');
  });

  it('aligns columns by display width for wide names and keeps multi-line names on one row', () => {
    const run = sampleRun();
    run.results[0]!.name = '注文フロー';
    run.results[1]!.name = 'Search\nwith newline';
    const out = renderSummary(run);
    const { rows } = table(out);
    expect(rows.map((r) => r[0])).toEqual(['注文フロー', 'Search\\nwith newline', 'Login', 'Checkout']);
    expect(rows.map((r) => r[3])).toEqual(['1', '1', '2', '1']);
  });

  it('aligns the columns after names with emoji and wide characters, as a terminal draws them', () => {
    const run = sampleRun();
    // Columns each name takes in a terminal, counted by hand: ✅ and 👩‍💻 are one picture of two columns each, ⚠️ (with
    // VS16) is drawn as an emoji too, 検索 are two wide characters.
    const names: [string, number][] = [['✅ login', 8], ['⚠️ slow', 7], ['👩‍💻 dev', 6], ['検索 search', 11]];
    names.forEach(([name], i) => (run.results[i]!.name = name));
    const lines = renderSummary(run).split('\n').slice(2, 6);
    lines.forEach((line, i) => {
      const [name, width] = names[i]!;
      expect(line.startsWith(name)).toBe(true);
      // Padded to the widest name (11 columns), then the two-space gap: the status column starts at column 13 in each row.
      expect(/^ */.exec(line.slice(name.length))![0].length, name).toBe(11 - width + 2);
    });
    expect(displayWidth('1️⃣ 🇯🇵 café')).toBe(2 + 1 + 2 + 1 + 4);
  });

  it('shows control characters in names, steps, errors and diagnostics as escapes', () => {
    const run = sampleRun();
    run.results[0]!.name = 'bell\u0007 esc\u001b[31mred';
    run.results[3]!.error!.step = 'add\rto cart';
    run.results[3]!.error!.message = 'gone\u0000 away';
    run.diagnostics[0]!.file = 'checks/odd\u001b.check.ts';
    run.diagnostics[0]!.message = "'a\nb' is also used";
    const out = renderSummary(run);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const { rows } = table(out);
    expect(rows[0]![0]).toBe('bell\\x07 esc\\x1b[31mred');
    expect(rows[3]!.slice(4)).toEqual(['add\\rto cart', 'assertion: gone\\x00 away']);
    expect(out).toContain("  checks/odd\\x1b.check.ts › maxResponseTime: 'a b' is also used\n");
  });

  it('cuts long check and step names to 60 columns in the table, counting wide characters twice', () => {
    const run = sampleRun();
    run.results[0]!.name = 'a'.repeat(300);
    run.results[1]!.name = '長い名前'.repeat(30);
    run.results[3]!.error!.step = 'step '.repeat(40);
    const { rows } = table(renderSummary(run));
    expect(rows.map((r) => displayWidth(r[0]!))).toEqual([60, 59, 5, 8]);
    expect(rows[0]![0]).toBe(`${'a'.repeat(59)}…`);
    expect(rows[1]![0]!.endsWith('…')).toBe(true);
    expect(rows[3]![4]).toBe(`${'step '.repeat(12).trimEnd()}…`);
  });

  it('truncates long errors to 80 characters and keeps only the first line', () => {
    const run = sampleRun();
    run.results[3]!.error!.message = 'x'.repeat(200) + '\nsecond line';
    const { rows } = table(renderSummary(run));
    const error = rows[3]![5]!;
    expect(Array.from(error)).toHaveLength(80);
    expect(error.endsWith('…')).toBe(true);
    expect(error).not.toContain('second');
  });

  it('prints totals and the diagnostics, omitting the field when there is none', () => {
    const run = sampleRun();
    run.diagnostics.push({ file: 'mimamori.config.ts', message: 'baseURL is not a URL' });
    const out = renderSummary(run);
    expect(out).toContain('4 checks: 2 passed, 1 degraded, 1 failed (1 flaky)\n');
    expect(out).toContain('  checks/broken.check.ts › maxResponseTime: must be a positive number, got "-5"\n');
    expect(out).toContain('  mimamori.config.ts: baseURL is not a URL\n');
    expect(out.indexOf('4 checks')).toBeLessThan(out.indexOf('checks/broken.check.ts'));
  });

  it('lists notes under Notes, apart from the problems, which count only problems', () => {
    const run = sampleRun();
    run.diagnostics.push({ file: 'checks/slow.check.ts', message: 'still loading when the checks asked for were found', severity: 'note' });
    const out = renderSummary(run);
    expect(out).toContain('\nNotes:\n  checks/slow.check.ts: still loading when the checks asked for were found\n');
    expect(out).toContain('1 problem in check files or config');
    expect(renderSummary({ ...run, diagnostics: run.diagnostics.slice(-1) })).not.toContain('problem');
  });

  it('has no diagnostics section when there are none, and handles an empty run', () => {
    const run: RunResult = { ...sampleRun(), diagnostics: [] };
    expect(renderSummary(run)).not.toContain('problem');
    expect(renderSummary({ ...run, results: [] })).toBe('0 checks: 0 passed, 0 degraded, 0 failed\n');
  });

  it('colours statuses only when asked, without breaking alignment', () => {
    const run = sampleRun();
    const plain = renderSummary(run);
    const coloured = renderSummary(run, { color: true });
    expect(coloured).toContain('\u001b[31m✗ failed');
    expect(coloured).toContain('\u001b[32m✓ passed');
    expect(coloured).toContain('\u001b[33m! degraded');
    expect(coloured).not.toBe(plain);
    expect(stripAnsi(coloured)).toBe(plain);
  });
});

describe('printable', () => {
  it('writes control characters, lone surrogates, separators and bidi overrides as escapes, idempotently', () => {
    const text = 'a\tb\nc\rd\u0000e\u001bf\u007fg\u0085h\u202ei\u2028j\uD800k\uFFFEl';
    const shown = printable(text);
    expect(shown).toBe('a\\tb\\nc\\rd\\x00e\\x1bf\\x7fg\\x85h\\u202ei\\u2028j\\ud800k\\ufffel');
    expect(printable(shown)).toBe(shown);
    expect(printable(text, { lines: true })).toMatch(/^a\tb\nc\rd\\x00/);
  });

  it('leaves every script, emoji sequences and backslashes alone', () => {
    for (const text of ['ログイン', 'café', 'cafe\u0301', '👩‍👩‍👧', 'ok\\n', 'مرحبا']) expect(printable(text)).toBe(text);
  });
});

describe('progressHooks', () => {
  it('prints names, steps and errors with control characters escaped', () => {
    const lines: string[] = [];
    const hooks = progressHooks((t) => lines.push(t));
    const check = { name: 'evil\u001b]0;title\u0007', file: 'checks/x\n.check.ts', retries: 0 } as ResolvedCheck;
    hooks.onCheckBegin!(check);
    hooks.onAttemptEnd!(check, {
      attempt: 1, status: 'failed', startedAt: 0, durationMs: 10, navigations: [], screenshots: [],
      pageErrors: { consoleErrors: 0, failedRequests: 0, samples: [] },
      steps: [{ name: 'step\u0008', status: 'failed', durationMs: 10, budget: {} }],
      error: { name: 'Error', message: 'bad\u0007 thing', step: 'step\u0008', class: 'assertion' },
    });
    const out = lines.join('');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(out).toContain('evil\\x1b]0;title\\x07  checks/x\\n.check.ts');
    expect(out).toContain('✗ step\\x08');
    expect(out).toContain('assertion in "step\\x08": bad\\x07 thing');
  });
});
