// The run as JUnit XML, for CI test reporters: one testcase per check, one errored testcase per definition problem.
// Names go through `printable` (control characters as escapes: XML 1.0 cannot hold most of them), text through escape.ts.
import { isNote, type CheckResult, type Diagnostic, type RunResult, type StepResult } from '../result/types.ts';
import { cleanText, xmlAttr, xmlText } from '../render/escape.ts';
import { errorDetail, firstLine, formatBudget, formatMs, printable, statusIcon } from './format.ts';

const SUITE = 'mimamori';

function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

function stepLine(step: StepResult): string {
  const head = `  ${statusIcon(step.status)} ${printable(step.name)} — ${step.status}`;
  if (step.status === 'skipped') return head;
  const error = step.error ? ` — ${step.error.class}: ${firstLine(cleanText(step.error.message))}` : '';
  return `${head}, ${formatBudget(step.durationMs, step.budget)}${error}`;
}

/** Why a check that has no error object still failed or degraded: it was over a budget. */
function budgetNote(result: CheckResult): string | undefined {
  const { degradedResponseTime: degraded, maxResponseTime: max } = result.budget;
  if (max !== undefined && result.durationMs > max) return `took ${formatMs(result.durationMs)}, over maxResponseTime ${formatMs(max)}`;
  if (degraded !== undefined && result.durationMs > degraded) {
    return `took ${formatMs(result.durationMs)}, over degradedResponseTime ${formatMs(degraded)}`;
  }
  const slow = result.steps.find((s) => s.status === 'degraded');
  return slow ? `step "${printable(slow.name)}" was slower than its budget (${formatBudget(slow.durationMs, slow.budget)})` : undefined;
}

function systemOut(result: CheckResult): string {
  const lines: string[] = [];
  if (result.status === 'degraded') lines.push(`DEGRADED: ${budgetNote(result) ?? 'slower than its budget'}`);
  if (result.flaky) {
    lines.push(`FLAKY: ${result.status} on attempt ${result.attempts}`);
    for (const a of result.attemptHistory.filter((h) => h.error)) {
      lines.push(`  attempt ${a.attempt}: ${a.status} — ${a.error!.class}: ${firstLine(cleanText(a.error!.message))}`);
    }
  }
  lines.push(`Status: ${result.status}, ${formatBudget(result.durationMs, result.budget)}, attempts: ${result.attempts}`);
  lines.push(`Base URL: ${result.baseURL}`);
  if (result.steps.length > 0) lines.push('Steps:', ...result.steps.map(stepLine));
  const { consoleErrors, failedRequests } = result.pageErrors;
  if (consoleErrors + failedRequests > 0) lines.push(`Page errors: ${consoleErrors} console errors, ${failedRequests} failed requests`);
  for (const shot of result.screenshots) {
    if (shot.path) lines.push(`Screenshot (${shot.kind}${shot.step ? `, ${printable(shot.step)}` : ''}): ${printable(shot.path)}`);
  }
  return `      <system-out>${xmlText(lines.join('\n'))}</system-out>`;
}

function failure(result: CheckResult): string {
  const error = result.error;
  if (!error) {
    const message = budgetNote(result) ?? 'check failed';
    return `      <failure message="${xmlAttr(message)}">${xmlText(message)}</failure>`;
  }
  const message = firstLine(cleanText(error.message));
  const step = error.step === undefined ? undefined : printable(error.step);
  const body = step !== undefined ? `Step: ${step}\n${errorDetail(error)}` : errorDetail(error);
  const attr = step !== undefined ? `${step}: ${message}` : message;
  return `      <failure message="${xmlAttr(attr)}" type="${xmlAttr(error.class)}">${xmlText(body)}</failure>`;
}

function testcase(result: CheckResult): string {
  const open = `    <testcase name="${xmlAttr(printable(result.name))}" classname="${xmlAttr(printable(result.file))}" time="${seconds(result.durationMs)}">`;
  const body = [result.status === 'failed' ? failure(result) : undefined, systemOut(result)].filter((l) => l !== undefined);
  return [open, ...body, '    </testcase>'].join('\n');
}

function diagnosticCase(d: Diagnostic): string {
  const file = printable(d.file);
  const name = d.field ? `${file} › ${printable(d.field)}` : file;
  return [
    `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(file)}" time="0.000">`,
    `      <error message="${xmlAttr(d.message)}" type="definition">${xmlText(d.message)}</error>`,
    '    </testcase>',
  ].join('\n');
}

export function renderJUnit(run: RunResult): string {
  // A note (a file a run by name did not wait for) is no error: CI must not fail on it. It goes in the properties.
  const problems = run.diagnostics.filter((d) => !isNote(d));
  const notes = run.diagnostics.filter(isNote);
  const tests = run.results.length + problems.length;
  const failures = run.results.filter((r) => r.status === 'failed').length;
  const errors = problems.length;
  const time = seconds(run.durationMs);
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  const timestamp = Number.isFinite(run.startedAt) ? new Date(run.startedAt).toISOString() : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts} time="${time}">`,
    `  <testsuite name="${SUITE}" ${counts} skipped="0" time="${time}" timestamp="${xmlAttr(timestamp)}">`,
    '    <properties>',
    `      <property name="runId" value="${xmlAttr(run.runId)}"/>`,
    ...notes.map((d) => `      <property name="note" value="${xmlAttr(`${printable(d.file)}: ${d.message}`)}"/>`),
    '    </properties>',
    ...run.results.map(testcase),
    ...problems.map(diagnosticCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
