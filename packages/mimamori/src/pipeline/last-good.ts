// The last passed run's picture, to show beside a failing or slower one: of the same step where the last good run
// has one, else its final view. Found through the check's state; a picture that cannot be read is left out.
import type { CheckResult, LastGoodEvidence } from '../result/types.ts';
import type { LastGood } from '../policy/check-state.ts';
import { storyScreenshot } from '../result/evidence.ts';
import type { CallOptions, Store } from '../store/store.ts';

export async function lastGoodEvidence(store: Store, lastGood: LastGood, result: CheckResult, withBytes: boolean, call: CallOptions): Promise<LastGoodEvidence> {
  const evidence: LastGoodEvidence = { runId: lastGood.runId, startedAt: Date.parse(lastGood.at) };
  const step = storyScreenshot(result)?.step;
  const shots = lastGood.screenshots;
  const shot = (step && shots.find((s) => s.step === step)) || shots.find((s) => s.kind === 'final') || shots[shots.length - 1];
  if (!shot) return evidence;
  const path = lastGood.folder + shot.file;
  evidence.screenshot = { ...shot, path };
  try {
    if (withBytes) {
      evidence.bytes = await store.get(path, call);
      // Its upload failed back then: no picture, and no link to an object that does not exist.
      if (!evidence.bytes) return { ...evidence, screenshot: undefined };
    }
    if (store.kind === 's3') evidence.screenshot.link = await store.link(path, call);
  } catch {
    // The alert goes out with the current picture alone; the stored run still names the last good one.
  }
  return evidence;
}
