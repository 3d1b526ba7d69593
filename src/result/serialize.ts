// Results as JSON: screenshot bytes stay out (they are files), everything else goes in.
import type { RunResult } from './types.ts';

export function resultsJson(run: RunResult): string {
  return JSON.stringify(run, (key, value) => (key === 'bytes' ? undefined : value), 2) + '\n';
}
