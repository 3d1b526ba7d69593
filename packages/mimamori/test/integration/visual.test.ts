// Visual change detection in real Chromium against the fixture site's /visual page (an animation, a focused input's
// caret, a live clock masked by the check): 20 runs with no change give no change; a hidden element, a moved block and
// changed text are each caught. The comparison is the host's (pipeline/visual.ts) with baselines in a local store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { makeCheck } from '../helpers/check.ts';
import { browserProvider, type BrowserProvider } from '../../src/runner/browser-provider.ts';
import { runCheck } from '../../src/runner/run-check.ts';
import { inProcess } from '../../src/runner/in-process.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { checkVisual } from '../../src/pipeline/visual.ts';
import type { CheckDefinition, ResolvedVisual } from '../../src/check/types.ts';
import type { CheckResult } from '../../src/result/types.ts';

let site: FixtureSite;
let browsers: BrowserProvider;
let dir: string;

beforeAll(async () => {
  site = await startFixtureSite();
  browsers = browserProvider();
  dir = mkdtempSync(join(tmpdir(), 'mimamori-visual-'));
});
afterAll(async () => {
  await browsers?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const definition = (name: string, change = '', extra: Partial<CheckDefinition> = {}): CheckDefinition => ({
  name,
  visual: { mask: ['.clock'] },
  ...extra,
  async run({ page, step }) {
    await step('open the page', async () => {
      await page.goto(`/visual${change ? `?change=${change}` : ''}`);
    });
  },
});

/** One run of the check in real Chromium, then the host's comparison (the after-run hook, without the rest). */
async function runVisual(store: LocalStore, def: CheckDefinition, runId: string, update = false): Promise<CheckResult> {
  const check = makeCheck(def, site.url);
  const result = (await runCheck(inProcess(browsers), check))!;
  expect(result.status).toBe('passed');
  await checkVisual(result, check.visual as ResolvedVisual, store, { runId, update });
  return result;
}

describe('visual change detection against the fixture site', () => {
  it('records a baseline on the first run, then 20 runs with no change give 0 changes (diff ratio 0)', async () => {
    const store = new LocalStore(join(dir, 'noise'));
    const first = await runVisual(store, definition('noise'), 'run-0');
    expect(first.visual).toMatchObject([{ name: 'final', baseline: 'baselines/noise/final.png', recorded: true, changed: false }]);
    expect(first.status).toBe('passed');
    const baseline = readFileSync(join(dir, 'noise', 'baselines', 'noise', 'final.png'));
    expect(baseline.equals(first.screenshots[0]!.bytes!)).toBe(true);

    const ratios: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const r = await runVisual(store, definition('noise'), `run-${i}`);
      expect(r.visual![0]!.recorded).toBeUndefined();
      ratios.push(r.visual![0]!.diffRatio!);
      expect(r.visual![0]!.changed).toBe(false);
      expect(r.status).toBe('passed');
    }
    console.log(`visual noise: 20 unchanged runs, diff ratios ${JSON.stringify(ratios)}`);
    expect(Math.max(...ratios)).toBe(0);
  }, 120_000);

  it.each([
    ['hide', 'a hidden element'],
    ['move', 'a moved block'],
    ['text', 'changed text'],
  ])('catches %s (%s): degraded, with a diff image', async (change) => {
    const store = new LocalStore(join(dir, change));
    // Changed text is the smallest change (a price: about 0.03 % of a 1280×720 view), under the default limit of 1 %:
    // a check that must catch it sets a strict limit — 0.01 % here, safe because unchanged runs differ by 0 pixels.
    const strict = { visual: { mask: ['.clock'], maxDiffPixelRatio: 0.0001 } };
    await runVisual(store, definition(`catch-${change}`, '', strict), 'run-0');
    const unchanged = await runVisual(store, definition(`catch-${change}`, '', strict), 'run-1');
    expect(unchanged.visual![0]!.changed).toBe(false);
    const r = await runVisual(store, definition(`catch-${change}`, change, strict), 'run-2');
    const c = r.visual![0]!;
    console.log(`visual change '${change}': diff ratio ${(c.diffRatio! * 100).toFixed(3)} % of the pixels`);
    expect(c.changed).toBe(true);
    expect(c.diffRatio).toBeGreaterThan(0.0001);
    expect(r.status).toBe('degraded');
    expect(c.diff?.file).toBe('final-visual-diff.png');
    expect(c.diff?.bytes?.length).toBeGreaterThan(0);
    expect(c.bytes?.length).toBeGreaterThan(0);
  }, 60_000);

  it("fails the run with onChange: 'failed' (class assertion, the sentence with the ratio)", async () => {
    const store = new LocalStore(join(dir, 'fail'));
    const def = (change: string) => definition('fail', change, { visual: { mask: ['.clock'], onChange: 'failed' } });
    await runVisual(store, def(''), 'run-0');
    const check = makeCheck(def('hide'), site.url);
    const result = (await runCheck(inProcess(browsers), check))!;
    await checkVisual(result, check.visual as ResolvedVisual, store, { runId: 'run-1' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'VisualChange', class: 'assertion' });
    expect(result.error!.message).toMatch(/^visual change: \d+(\.\d)? % of pixels differ from the baseline \(limit 1 %\)$/);
  }, 60_000);

  it('--update-baselines re-records on purpose: no verdict, and the next run compares with the new picture', async () => {
    const store = new LocalStore(join(dir, 'update'));
    await runVisual(store, definition('update'), 'run-0');
    const updated = await runVisual(store, definition('update', 'move'), 'run-1', true);
    expect(updated.visual![0]).toMatchObject({ recorded: true, changed: false });
    expect(updated.status).toBe('passed');
    const next = await runVisual(store, definition('update', 'move'), 'run-2');
    expect(next.visual![0]).toMatchObject({ changed: false, diffRatio: 0 });
  }, 60_000);

  it("with screenshot: 'every-step', compares every step's picture under its step's name", async () => {
    const store = new LocalStore(join(dir, 'steps'));
    const def: CheckDefinition = {
      name: 'steps', screenshot: 'every-step', visual: { mask: ['.clock'] },
      async run({ page, step }) {
        await step('open home', () => page.goto('/'));
        await step('open the page', () => page.goto('/visual'));
      },
    };
    const first = await runVisual(store, def, 'run-0');
    expect(first.visual!.map((c) => [c.name, c.baseline, c.recorded])).toEqual([
      ['open-home', 'baselines/steps/open-home.png', true], ['open-the-page', 'baselines/steps/open-the-page.png', true],
    ]);
    const second = await runVisual(store, def, 'run-1');
    expect(second.visual!.map((c) => c.changed)).toEqual([false, false]);
  }, 60_000);
});
