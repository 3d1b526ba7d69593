// Bounded fan-out, the one pool for all of them: checks run a worker count at a time (runner/run-checks.ts), and a
// thousand checks' reads go out a few dozen at a time, never all at once (S3 would throttle, a laptop's sockets would
// queue, and memory would hold every answer in flight). In result/ because every layer may import it.

/** `fn` over `items`, at most `limit` at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k]!, k);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
