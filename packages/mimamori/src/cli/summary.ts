// The plain-text table printed at the end of `npm run check`: one row per check, totals, then definition problems.
import { isNote, type CheckResult, type CheckStatus, type Diagnostic, type RunResult, type StepStatus } from '../result/types.ts';
import { quietState } from '../render/quiet-words.ts';
import { displayWidth, firstLine, fitWidth, formatBudget, padEnd, paint, plural, printable, statusIcon, stripAnsi, truncate } from './format.ts';

export interface SummaryOptions {
  /** ANSI colours on the status column and totals. Off by default: the caller decides (TTY, NO_COLOR). */
  color?: boolean;
}

const ERROR_WIDTH = 80;
// A 300-character name must not push the table off the screen: the report and results.json have it whole.
const NAME_WIDTH = 60;
const GAP = '  ';
const HEADERS = ['Check', 'Status', 'Duration / budgets', 'Attempts', 'Failing step', 'Error'];


/** A name in a cell: every control character (a newline too) shown as an escape, so it reads as written. */
const name = (text: string, columns = Infinity): string => fitWidth(printable(text), columns);

/** A message in a cell: colours dropped, line breaks and tabs as spaces, other control characters escaped. */
function cell(text: string): string {
  return printable(stripAnsi(text).replace(/[\t\r\n]+/g, ' '));
}

export function statusText(result: CheckResult): string {
  const text = `${statusIcon(result.status)} ${result.status}`;
  // Quiet time: recorded, and nothing was sent (the notification's reason says more).
  const quiet = result.quiet ? ` (${quietState(result.quiet)})` : '';
  if (!result.flaky) return `${text}${quiet}`;
  return `${text} (flaky, ${result.status} on attempt ${result.attempts})${quiet}`;
}

/** The step to look at: the failing one, or for a degraded check the first slow one. */
export function failingStep(result: CheckResult): string {
  if (result.error?.step) return result.error.step;
  const bad = result.steps.find((s) => s.status === 'failed')
    ?? (result.status === 'degraded' ? result.steps.find((s) => s.status === 'degraded') : undefined);
  if (!bad && result.usual?.state === 'slower') return result.usual.step?.name ?? '';
  return bad?.name ?? '';
}

function errorText(result: CheckResult): string {
  // "Slower than usual" is the reason of a degraded run no budget explains.
  if (!result.error && result.usual?.state === 'slower') return truncate(cell(result.usual.sentence), ERROR_WIDTH);
  if (!result.error) return '';
  return truncate(cell(`${result.error.class}: ${firstLine(stripAnsi(result.error.message))}`), ERROR_WIDTH);
}

function row(result: CheckResult): string[] {
  return [
    name(result.name, NAME_WIDTH),
    statusText(result),
    formatBudget(result.durationMs, result.budget),
    String(result.attempts),
    name(failingStep(result), NAME_WIDTH),
    errorText(result),
  ];
}

function renderTable(results: CheckResult[], color: boolean): string[] {
  const rows = results.map(row);
  const widths = HEADERS.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[], status?: CheckStatus): string =>
    cells
      .map((c, i) => {
        const last = i === cells.length - 1;
        const padded = last ? c : padEnd(c, widths[i]!);
        return i === 1 && status ? paint(padded, status, color) : padded;
      })
      .join(GAP)
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join(GAP);
  return [line(HEADERS), rule, ...rows.map((r, i) => line(r, results[i]!.status))];
}

export function totalsLine(run: RunResult, color = false): string {
  const count = (s: CheckStatus): number => run.results.filter((r) => r.status === s).length;
  const n = run.results.length;
  const parts = (['passed', 'degraded', 'failed'] as const).map((s) => {
    const text = `${count(s)} ${s}`;
    return count(s) > 0 ? paint(text, s, color) : text;
  });
  const flaky = run.results.filter((r) => r.flaky).length;
  const flakyNote = flaky > 0 ? ` (${flaky} flaky)` : '';
  return `${plural(n, 'check')}: ${parts.join(', ')}${flakyNote}`;
}

const diagnosticLine = (d: Diagnostic) => `  ${name(d.file)}${d.field ? ` › ${name(d.field)}` : ''}: ${cell(d.message)}`;

function renderDiagnostics(problems: Diagnostic[], color: boolean): string[] {
  const n = problems.length;
  const title = `${n} ${n === 1 ? 'problem' : 'problems'} in check files or config (those checks did not run):`;
  return [paint(title, 'failed', color), ...problems.map(diagnosticLine)];
}

/**
 * Each check's warnings, whole and named (a limit nearly reached, a visual baseline re-recorded): said where people
 * look, not only in results.json and Slack.
 */
function renderWarnings(run: RunResult): string[] {
  const lines = run.results.flatMap((r) => (r.warnings ?? []).map((w) => `  ${name(r.name)}: ${cell(w)}`));
  return lines.length ? ['Warnings:', ...lines] : [];
}

/** Why a run did not start at all: its fatal problems, every one, so they are fixed in one go. */
export function fatalReport(fatal: Diagnostic[]): string {
  const n = fatal.length;
  return [
    `Not run: ${n} ${n === 1 ? 'problem' : 'problems'} in the config make every check meaningless — nothing was run, stored or sent:`,
    ...fatal.map(diagnosticLine),
  ].join('\n');
}

/** The summary, ending with a newline. */
export function renderSummary(run: RunResult, opts: SummaryOptions = {}): string {
  const color = opts.color === true;
  const lines: string[] = [];
  if (run.results.length > 0) lines.push(...renderTable(run.results, color), '');
  lines.push(totalsLine(run, color));
  const warnings = renderWarnings(run);
  if (warnings.length > 0) lines.push('', ...warnings);
  // Notes are benign (a file a run by name did not wait for): listed apart from the problems, which cost checks.
  const problems = run.diagnostics.filter((d) => !isNote(d));
  const notes = run.diagnostics.filter(isNote);
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map(diagnosticLine));
  if (problems.length > 0) lines.push('', ...renderDiagnostics(problems, color));
  return lines.join('\n') + '\n';
}
