// What a visual comparison says: its verdict in words for the summary, the report and an alert. The comparison itself
// (pngjs, pixelmatch) is image-diff.ts, loaded only by a run that compares pictures.
import type { VisualComparison } from '../result/types.ts';

/** A ratio as people read it: `3.2 %`, `0.04 %`, `100 %`. */
export function percent(ratio: number): string {
  const p = ratio * 100;
  const text = p >= 10 || Number.isInteger(p) ? p.toFixed(p >= 10 && !Number.isInteger(p) ? 1 : 0) : p >= 1 ? p.toFixed(1) : p.toPrecision(1);
  return `${Number(text)} %`;
}

/** A comparison that found a change (it always has a ratio; a recorded or failed one has none). */
export type VisualChange = VisualComparison & { diffRatio: number };
export const isChange = (c: VisualComparison): c is VisualChange => c.changed && c.diffRatio !== undefined;

/**
 * What a comparison that gave no verdict says in the run's warnings (the console summary, the report, a Slack
 * alert): a baseline re-recorded because it was unreadable, or a picture not compared. Never silent: a check must
 * not look "unchanged" when nothing was compared.
 */
export function visualWarning(c: VisualComparison): string | undefined {
  const which = `'${c.name}' (${c.baseline})`;
  if (c.unreadable && c.recorded) {
    return `visual: the baseline ${which} was unreadable (${c.unreadable}) and was re-recorded from this run's picture, which was not compared; if that picture is wrong, fix the page and run with --update-baselines`;
  }
  if (c.unreadable) {
    return `visual: the baseline ${which} is unreadable (${c.unreadable}) and could not be re-recorded: ${c.error?.message ?? 'unknown error'}; not compared — run with --update-baselines to record it`;
  }
  if (c.error) return `visual: '${c.name}' was not compared with its baseline (${c.baseline}): ${c.error.message}`;
  return undefined;
}

/** The sentence an alert and the run's error say: `visual change: 3.2 % of pixels differ from the baseline (limit 1 %)`. */
export function visualSentence(c: { name: string; diffRatio: number; limit: number; sizeChange?: string }): string {
  const which = c.name === 'final' ? '' : ` in '${c.name}'`;
  if (c.sizeChange) return `visual change${which}: the screenshot's size changed from the baseline (${c.sizeChange})`;
  return `visual change${which}: ${percent(c.diffRatio)} of pixels differ from the baseline (limit ${percent(c.limit)})`;
}
