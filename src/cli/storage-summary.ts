// The lines after the summary that say where the evidence went, and which uploads failed (the local copy stays).
import type { RunResult } from '../result/types.ts';
import { formatMs } from './format.ts';

export function storageSummary(run: RunResult, s3Location: string | undefined): string {
  if (!s3Location) return '';
  const failed = run.results.filter((r) => r.storage?.s3?.error);
  const slowest = Math.max(0, ...run.results.map((r) => r.storage?.durationMs ?? 0));
  if (failed.length === 0) return `Stored in ${s3Location} (${formatMs(slowest)})\n`;
  const lines = [`Storage: ${failed.length} of ${run.results.length} check${run.results.length === 1 ? '' : 's'} could not be stored in ${s3Location}; their evidence is kept locally:`];
  for (const r of failed) lines.push(`  ${r.name}: ${r.storage!.s3!.error!.message}\n    kept in ${r.storage!.local}`);
  return `${lines.join('\n')}\n`;
}
