// The default worker count (issue 22): never more workers than cores — on 2 cores a third worker starting beside two
// running checks made the run slower than one worker — and at most 4.
import { describe, expect, it } from 'vitest';
import { defaultWorkers } from '../../src/runner/run-checks.ts';

describe('defaultWorkers', () => {
  it('is one per core: 2 on a 2-core machine, not 3', () => {
    expect(defaultWorkers(2)).toBe(2);
  });
  it('is 1 on one core, and at least 1 whatever the count says', () => {
    expect(defaultWorkers(1)).toBe(1);
    expect(defaultWorkers(0)).toBe(1);
  });
  it('is capped at 4 (a Node process and a Chromium each)', () => {
    expect(defaultWorkers(16)).toBe(4);
  });
});
