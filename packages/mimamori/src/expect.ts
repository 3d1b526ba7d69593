// `expect` for check files: Playwright's own, except that every assertion that returns a promise is remembered until
// it settles. An assertion nobody awaits (`expect(…).toBeVisible()` without `await`) can fail after its step, or even
// after the check, has moved on; the worker waits for such assertions before it reports the check, so the check
// fails with the assertion's error instead of passing.
import { expect as playwrightExpect } from 'playwright/test';
import { pendingAssertions, type PendingAssertion } from './pending-assertions.ts';

/** A promise-like that marks the assertion observed when someone awaits it or handles it. */
function track(value: unknown): unknown {
  if (!value || typeof (value as PromiseLike<unknown>).then !== 'function') return value;
  const promise = Promise.resolve(value as PromiseLike<unknown>);
  const entry: PendingAssertion = { promise, observed: false };
  const pending = pendingAssertions();
  pending.add(entry);
  promise.then(() => pending.delete(entry), (error: unknown) => {
    pending.delete(entry);
    // As Node judges: rejected before anyone handled it, it is an unhandled rejection (the worker fails the check).
    if (!entry.observed) void Promise.reject(error);
  });
  const observe = () => (entry.observed = true);
  return {
    then: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => (observe(), promise.then(onFulfilled, onRejected)),
    catch: (onRejected?: (e: unknown) => unknown) => (observe(), promise.catch(onRejected)),
    finally: (onFinally?: () => void) => (observe(), promise.finally(onFinally)),
    [Symbol.toStringTag]: 'Promise',
  };
}

const MODIFIERS = new Set<PropertyKey>(['not', 'resolves', 'rejects']);

/** The matchers of `expect(x)`: each call's promise is tracked; `.not` and friends are matchers too. */
function matchers(target: object): object {
  return new Proxy(target, {
    get(object, prop) {
      const value = Reflect.get(object, prop);
      if (typeof value === 'function') return (...args: unknown[]) => track(Reflect.apply(value, object, args));
      if (MODIFIERS.has(prop) && typeof value === 'object' && value !== null) return matchers(value);
      return value;
    },
  });
}

function tracked<E extends (...args: never[]) => unknown>(base: E): E {
  return new Proxy(base, {
    apply: (fn, self, args) => matchers(Reflect.apply(fn, self, args) as object),
    get(fn, prop) {
      const value = Reflect.get(fn, prop);
      if (typeof value !== 'function') return value;
      // expect.poll(…) and expect.soft(…) give matchers; expect.configure(…) and expect.extend(…) give an expect.
      if (prop === 'poll' || prop === 'soft') return (...args: unknown[]) => matchers(Reflect.apply(value, fn, args) as object);
      if (prop === 'configure' || prop === 'extend') return (...args: unknown[]) => tracked(Reflect.apply(value, fn, args) as E);
      return value;
    },
  });
}

export const expect: typeof playwrightExpect = tracked(playwrightExpect);
