// Visual change detection on the host, before the run is judged: each compared screenshot against its baseline in the
// store the state lives in. The first run (or --update-baselines) records the baseline; later runs compare (pure:
// policy/image-diff.ts), and a change above the limit makes the run degraded (or failed, class assertion) — so the
// verdict the policy sees, stores and alerts already carries it. Never throws: a failure is recorded on the result,
// and a picture not compared (an unreadable baseline re-recorded, an error) is one of the run's warnings.
import type { CheckResult, Screenshot, VisualComparison } from '../result/types.ts';
import type { ResolvedVisual } from '../check/types.ts';
import type { CallOptions, Store } from '../store/store.ts';
import { baselineKey, readBaseline, writeBaseline } from '../store/baselines.ts';
import { isChange, visualSentence, visualWarning } from '../policy/visual-diff.ts';

export interface VisualRun {
  runId: string;
  /** Record every compared picture as the new baseline (`--update-baselines`), without a verdict. */
  update?: boolean;
  call?: CallOptions;
}

const asError = (e: unknown) => ({ name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });

/**
 * The baseline name of a picture: `final` for the final view, else the step's slug as its file names it
 * (`02-add-to-cart.png` → `add-to-cart`), so inserting a step does not rename the others' baselines.
 */
export function baselineName(shot: Pick<Screenshot, 'file' | 'kind'>): string {
  if (shot.kind === 'final') return 'final';
  return shot.file.replace(/^attempt\d+-/, '').replace(/\.png$/, '').replace(/^\d+-/, '') || 'step';
}

/** The pictures a visual check compares: the reported attempt's final view, or its steps' (never a failure picture). */
export function comparedShots(result: Pick<CheckResult, 'screenshots' | 'attempts'>): Screenshot[] {
  return result.screenshots.filter((s) => s.bytes && s.kind !== 'failure' && s.attempt === result.attempts);
}

async function compareOne(store: Store, result: CheckResult, shot: Screenshot, name: string, rule: ResolvedVisual, o: VisualRun): Promise<VisualComparison> {
  const c: VisualComparison = { name, baseline: baselineKey(result.name, name), screenshot: shot.file, limit: rule.maxDiffPixelRatio, changed: false };
  try {
    // A baseline that cannot be fetched is an error (left as it is: it may be fine); one fetched but unreadable as a
    // PNG is replaced by this run's picture, as a missing one is — it can never be compared with.
    const baseline = o.update ? undefined : await readBaseline(store, result.name, name, o.call);
    if (baseline) {
      // Loaded here, not at start-up: most runs compare no pictures (≈ 1.5 MB of the host's memory).
      const { diffImages, UnreadableBaseline } = await import('../policy/image-diff.ts');
      try {
        const d = diffImages(baseline, shot.bytes!, rule);
        Object.assign(c, { diffRatio: d.diffRatio, changed: d.changed }, d.sizeChange ? { sizeChange: d.sizeChange } : {});
        if (d.changed) {
          c.bytes = baseline;
          if (d.diffPng) c.diff = { file: shot.file.replace(/\.png$/, '-visual-diff.png'), bytes: d.diffPng };
        }
        return c;
      } catch (error) {
        if (!(error instanceof UnreadableBaseline)) throw error;
        c.unreadable = error.message;
      }
    }
    await writeBaseline(store, result.name, name, shot.bytes!, { runId: o.runId }, o.call);
    c.recorded = true;
  } catch (error) {
    c.error = asError(error);
  }
  return c;
}

/** Compares the run's pictures with their baselines and sets `result.visual` (and the verdict, on a change). */
export async function checkVisual(result: CheckResult, rule: ResolvedVisual, store: Store, o: VisualRun): Promise<void> {
  // A failed run's picture shows the failure, not the page as it should look: nothing to compare, nothing to record.
  if (result.status === 'failed') return;
  const shots = comparedShots(result);
  if (shots.length === 0) {
    result.warnings = [...(result.warnings ?? []), 'visual: no screenshot to compare (the visual option needs screenshot: \'final\' or \'every-step\')'];
    return;
  }
  const taken = new Map<string, number>();
  const named = shots.map((shot) => {
    const base = baselineName(shot);
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    // Two steps of the same name keep apart: `open`, `open-2`.
    return { shot, name: n === 1 ? base : `${base}-${n}` };
  });
  result.visual = await Promise.all(named.map(({ shot, name }) => compareOne(store, result, shot, name, rule, o)));
  const warnings = result.visual.flatMap((c) => visualWarning(c) ?? []);
  if (warnings.length) result.warnings = [...(result.warnings ?? []), ...warnings];
  const worst = result.visual.filter(isChange).sort((a, b) => b.diffRatio - a.diffRatio)[0];
  if (!worst) return;
  if (rule.onChange === 'failed') {
    result.status = 'failed';
    result.error ??= { name: 'VisualChange', message: visualSentence(worst), class: 'assertion' };
  } else if (result.status === 'passed') {
    result.status = 'degraded';
  }
}
