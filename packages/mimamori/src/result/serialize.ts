// Results as JSON: screenshot bytes stay out (they are files), everything else goes in.
import type { CheckResult, RunResult } from './types.ts';

/**
 * An object holding `bytes` is copied without them before JSON.stringify descends into it: a replacer that drops the
 * `bytes` key sees the Buffer only after its toJSON has turned every byte into a number (≈ 3 ms for a screenshot).
 */
const withoutBytes = (key: string, v: unknown): unknown => {
  if (key === 'bytes') return undefined;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'bytes')) {
    const { bytes: _, ...rest } = v as Record<string, unknown>;
    return rest;
  }
  return v;
};

export function resultsJson(value: RunResult | CheckResult): string {
  return JSON.stringify(value, withoutBytes, 2) + '\n';
}
