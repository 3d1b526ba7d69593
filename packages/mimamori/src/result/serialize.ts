// Results as JSON: screenshot bytes stay out (they are files), everything else goes in.
import type { CheckResult, RunResult } from './types.ts';

export function resultsJson(value: RunResult | CheckResult): string {
  return JSON.stringify(value, (key, v) => (key === 'bytes' ? undefined : v), 2) + '\n';
}
