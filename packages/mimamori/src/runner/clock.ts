// Time for the process host's timeouts and watches, injectable: a test moves a manual clock instead of waiting.

export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms`; the function returned cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
