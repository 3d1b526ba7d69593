// What a warm dispatcher has already put on the run queue: the deduplication ids SQS accepted, for as long as SQS itself
// would drop them again. The 4-minute look-back then costs nothing on a warm container — a tick sends only the runs it
// has not sent (at 1,000 checks: about 14 batches a tick instead of 87) — while a cold container, or a run SQS refused,
// is sent as before and deduplicated by SQS.

/** SQS FIFO drops a deduplication id it has seen for 5 minutes from its first send; remembered a little less, to be sure. */
export const REMEMBER_MS = 4.5 * 60_000;

export class SentRuns {
  private readonly sentAt = new Map<string, number>();

  /** Whether `id` was accepted by SQS recently enough that sending it again would be dropped. */
  has(id: string, now: number): boolean {
    const at = this.sentAt.get(id);
    return at !== undefined && now - at < REMEMBER_MS;
  }

  /** Remembers the ids SQS accepted at `now` (never renewing one: SQS's window runs from the first send), forgets old ones. */
  remember(ids: Iterable<string>, now: number): void {
    for (const [id, at] of this.sentAt) if (now - at >= REMEMBER_MS) this.sentAt.delete(id);
    for (const id of ids) if (!this.sentAt.has(id)) this.sentAt.set(id, now);
  }

  get size(): number {
    return this.sentAt.size;
  }
}
