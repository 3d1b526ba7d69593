// How durations, budgets, statuses, counts ("3 checks") and errors read, the same in the terminal, the reports and Slack.
import type { Budget, StepStatus } from './types.ts';
import { stripAnsi } from './strip-ansi.ts';

/** `850 ms`, `1.2 s`, `3 s`, `12 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (ms < 9950) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

function trimZero(n: string): string {
  return n.endsWith('.0') ? n.slice(0, -2) : n;
}

/**
 * Duration, then the degraded and maximum budgets when set: `1.2 s / 3 s / 10 s`.
 * When only the maximum is set the degraded slot shows `–` (`1.2 s / – / 10 s`), so the numbers keep their meaning.
 */
export function formatBudget(durationMs: number, budget: Budget | undefined): string {
  const parts = [formatMs(durationMs)];
  const degraded = budget?.degradedResponseTime;
  const max = budget?.maxResponseTime;
  if (degraded !== undefined) parts.push(formatMs(degraded));
  else if (max !== undefined) parts.push('–');
  if (max !== undefined) parts.push(formatMs(max));
  return parts.join(' / ');
}

const ICONS: Record<StepStatus, string> = { passed: '✓', degraded: '!', failed: '✗', skipped: '–' };

export function statusIcon(status: StepStatus): string {
  return ICONS[status] ?? '?';
}

/** `1 check`, `3 checks`, `2 watches` (the plural given when it is not the word with `s`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The whole message and the stack, once each. A stack usually repeats `Name: message`; when it repeats only
 * part of it (a multi-line Playwright message), the full message is kept and only the `at …` frames are added.
 */
export function errorDetail(error: { name: string; message: string; stack?: string }): string {
  const message = stripAnsi(error.message);
  const full = `${error.name}: ${message}`;
  if (!error.stack) return full;
  const stack = stripAnsi(error.stack);
  if (stack.includes(message)) return stack;
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((l) => /^\s+at\s/.test(l));
  return `${full}\n${firstFrame >= 0 ? lines.slice(firstFrame).join('\n') : `\n${stack}`}`;
}
