// The dead-man metric per stack: on Lambda (MIMAMORI_STACK_NAME set by the template) CheckRuns carries a Stack
// dimension, which NoResultsAlarm watches — another stack's runs in the same account cannot hide this one's silence.
import { afterEach, describe, expect, it } from 'vitest';
import { metrics, publishRunMetrics, STACK_DIMENSION } from '../../src/lambda/telemetry.ts';
import type { CheckResult } from '../../src/result/types.ts';

const result = { name: 'home', status: 'passed', durationMs: 1200, steps: [] } as unknown as CheckResult;
const saved = process.env.MIMAMORI_STACK_NAME;

/** CheckRuns as it would be flushed: its value and dimension set (the per-check line is published apart). */
function checkRuns() {
  const emf = metrics.serializeMetrics() as unknown as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] } };
  const directive = emf._aws.CloudWatchMetrics[0]!;
  return { value: emf.CheckRuns, dimensions: directive.Dimensions[0], names: directive.Metrics.map((m) => m.Name), emf };
}

afterEach(() => {
  metrics.clearMetrics();
  metrics.clearDimensions();
  if (saved === undefined) delete process.env.MIMAMORI_STACK_NAME;
  else process.env.MIMAMORI_STACK_NAME = saved;
});

describe('CheckRuns', () => {
  it('carries service and Stack on Lambda', () => {
    process.env.MIMAMORI_STACK_NAME = 'mimamori-prod';
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write; // the per-check EMF line
    try {
      publishRunMetrics(result);
    } finally {
      process.stdout.write = write;
    }
    const runs = checkRuns();
    expect(runs.value).toBe(1);
    // The stack-wide set, in the same directive: one set of metrics for the stack, however many checks.
    expect(runs.names).toEqual(['CheckRuns', 'CheckFailures', 'CheckDegraded', 'CheckDuration']);
    expect(runs.emf).toMatchObject({ CheckFailures: 0, CheckDegraded: 0, CheckDuration: 1200 });
    expect(runs.dimensions).toEqual(['service', STACK_DIMENSION]);
    expect(runs.emf).toMatchObject({ service: 'mimamori', Stack: 'mimamori-prod' });
  });

  it('carries service only where no stack is named (the CLI, tests)', () => {
    delete process.env.MIMAMORI_STACK_NAME;
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      publishRunMetrics(result);
    } finally {
      process.stdout.write = write;
    }
    expect(checkRuns().dimensions).toEqual(['service']);
  });
});
