// Results as JSON (resultsJson): the pictures' and the trace's bytes stay out — and are never turned into JSON on the
// way (a Buffer's toJSON makes an array of every byte before a replacer could drop it: ≈ 3 ms a run, issue 22).
import { describe, expect, it } from 'vitest';
import { resultsJson } from '../../src/result/serialize.ts';
import type { CheckResult } from '../../src/result/types.ts';

/** A Buffer that fails the test if anything turns it into JSON. */
function untouchable(size: number): Buffer {
  const bytes = Buffer.alloc(size, 1);
  Object.defineProperty(bytes, 'toJSON', { value: () => { throw new Error('a Buffer was turned into JSON'); } });
  return bytes;
}

describe('resultsJson', () => {
  it('leaves every bytes field out without ever serialising the Buffer', () => {
    const result = {
      name: 'checkout', status: 'failed', steps: [], navigations: [],
      screenshots: [{ file: 'final.png', kind: 'final', attempt: 1, width: 1280, height: 720, bytes: untouchable(200_000) }],
      trace: { file: 'trace.zip', size: 3, bytes: untouchable(3) },
      confirmation: { home: 'ap-northeast-1', verdict: 'confirmed', words: 'down', waitedMs: 1, probes: [{ region: 'us-west-2', outcome: 'failed', bytes: untouchable(10) }] },
    } as unknown as CheckResult;
    const json = JSON.parse(resultsJson(result)) as Record<string, any>;
    expect(json.screenshots[0]).toEqual({ file: 'final.png', kind: 'final', attempt: 1, width: 1280, height: 720 });
    expect(json.trace).toEqual({ file: 'trace.zip', size: 3 });
    expect(json.confirmation.probes[0]).toEqual({ region: 'us-west-2', outcome: 'failed' });
  });
});
