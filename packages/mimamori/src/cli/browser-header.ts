// What the run header says of the browser: which build it is and where it came from, and — when visual checks run in
// a browser that is not the Lambda build — how the baselines it records or compares relate to Lambda's renders.
import { browserLabel, LAMBDA_SOURCE } from '../runner/browser-candidates.ts';
import type { BrowserReport } from '../runner/worker-protocol.ts';

/** `Chromium 153.0.8010.0, the Lambda build from @sparticuz/chromium`, `Google Chrome 131… at /Applications/…`, or `no browser`. */
export function headerBrowser(b: BrowserReport): string {
  if (!b.version) return 'no browser';
  return b.identity ? browserLabel(b.identity, b.version) : `Chromium ${b.version}`;
}

export interface BaselineSituation {
  /** Some check of this run has a visual comparison. */
  visual: boolean;
  /** The baselines are the deployed monitor's, in S3 (--shared-state or Slack on); else the local folder's. */
  shared: boolean;
  /** --update-baselines. */
  update: boolean;
}

/**
 * One line when a visual check runs in a browser other than the Lambda build: another build, OS and font set render
 * text and anti-aliasing differently, so its pictures match baselines it recorded itself, not Lambda's.
 */
export function baselineNote(b: BrowserReport, s: BaselineSituation): string | undefined {
  if (!s.visual || !b.version || !b.identity || b.identity.source === LAMBDA_SOURCE) return undefined;
  const name = b.identity.name;
  const where = 'record them on Lambda (or with the Lambda build, on Linux x64)';
  if (s.shared && s.update) {
    return `Visual baselines: --update-baselines makes ${name}'s pictures the deployed monitor's baselines in S3, but Lambda renders with its own Chromium (fonts and anti-aliasing differ) and will see changes that are not there; ${where}.`;
  }
  if (s.shared) {
    return `Visual baselines: ${name}'s pictures are compared with the deployed monitor's baselines in S3, recorded with Lambda's Chromium — fonts and anti-aliasing differ, so expect differences that are not changes to the site; ${where}.`;
  }
  return `Visual baselines: recorded and compared here with ${name}, not the Lambda build — they hold for runs on this machine, not for Lambda's renders (fonts, anti-aliasing); the deployed monitor keeps its own in S3.`;
}
