// The assertions check code started and has not seen settle (see expect.ts), shared through globalThis: each compiled
// check file bundles its own copy of expect.ts, and the worker must see them all. No Playwright here, so the worker can
// read it without loading playwright/test before it starts Chromium.

export interface PendingAssertion {
  promise: Promise<unknown>;
  /** The check awaited it (or attached a handler): its outcome is the check's own business. */
  observed: boolean;
}

const PENDING = Symbol.for('mimamori.pending-assertions');

export function pendingAssertions(): Set<PendingAssertion> {
  const holder = globalThis as { [PENDING]?: Set<PendingAssertion> };
  return (holder[PENDING] ??= new Set());
}
