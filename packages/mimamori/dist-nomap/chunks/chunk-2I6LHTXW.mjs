import {
  stripAnsi
} from "./chunk-NJ6TXVNI.mjs";

// src/result/format.ts
function formatMs(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "\u2013";
  if (Math.round(ms) < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 9950) return `${trimZero((ms / 1e3).toFixed(1))} s`;
  const s = Math.round(ms / 1e3);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}
function trimZero(n) {
  return n.endsWith(".0") ? n.slice(0, -2) : n;
}
function formatBudget(durationMs, budget) {
  const parts = [formatMs(durationMs)];
  const degraded = budget?.degradedResponseTime;
  const max = budget?.maxResponseTime;
  if (degraded !== void 0) parts.push(formatMs(degraded));
  else if (max !== void 0) parts.push("\u2013");
  if (max !== void 0) parts.push(formatMs(max));
  return parts.join(" / ");
}
var ICONS = { passed: "\u2713", degraded: "!", failed: "\u2717", skipped: "\u2013" };
function statusIcon(status) {
  return ICONS[status] ?? "?";
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function errorDetail(error) {
  const message = stripAnsi(error.message);
  const full = `${error.name}: ${message}`;
  if (!error.stack) return full;
  const stack = stripAnsi(error.stack);
  if (stack.includes(message)) return stack;
  const lines = stack.split("\n");
  const firstFrame = lines.findIndex((l) => /^\s+at\s/.test(l));
  return `${full}
${firstFrame >= 0 ? lines.slice(firstFrame).join("\n") : `
${stack}`}`;
}

export {
  formatMs,
  formatBudget,
  statusIcon,
  plural,
  errorDetail
};
