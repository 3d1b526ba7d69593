// Bounded waits for cleanup work (closing, stopping loads) that a crashed or hung page could otherwise stall forever.

/** Resolves with the promise's value, or undefined after `ms`; never rejects. The timer never outlives the wait. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise.catch(() => undefined), new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
