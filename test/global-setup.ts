// Inflates the bundled Chromium once before any test file runs: on a fresh machine, test files (and the CLI
// processes they start) would otherwise race to write /tmp/chromium, and one could launch a half-written binary.
import { findChromium } from '../src/runner/browser.ts';

export default async function setup(): Promise<void> {
  await findChromium();
}
