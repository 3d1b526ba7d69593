// Which picture and which line tell a result's story: shared by reports, history, Slack and logs.
import type { CheckResult, Screenshot } from './types.ts';

/** The failure picture when there is one, else the last view (optionally only pictures still in memory). */
export function storyScreenshot(result: Pick<CheckResult, 'screenshots'>, withBytes = false): Screenshot | undefined {
  const shots = withBytes ? result.screenshots.filter((s) => s.bytes) : result.screenshots;
  return shots.find((s) => s.kind === 'failure') ?? shots[shots.length - 1];
}

/** The first non-empty line, trimmed: Playwright errors put the gist there and the call log below. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t) return t;
  }
  return '';
}
