// What a warm dispatcher has already put on the run queue: the deduplication ids SQS accepted, for as long as a tick's
// look-back can ask for them again. The 4-minute look-back then costs nothing on a warm container — a tick sends only the runs it
// has not sent (at 1,000 checks: about 14 batches a tick instead of 87) — while a cold container, or a run SQS refused,
// is sent as before and deduplicated by SQS.

/**
 * Remembered well past SQS's own 5 minutes: an id SQS took is on the queue, so skipping it later never loses a run —
 * while sending it again after SQS forgot it (a tick EventBridge delivers late, its look-back still holding that minute)
 * would run the check twice. The look-back (4 minutes) and a late tick's slack bound what a tick can still ask for.
 */
export const REMEMBER_MS = 15 * 60_000;

export class SentRuns {
  private readonly sentAt = new Map<string, number>();

  /** Whether `id` was accepted by SQS recently enough that a tick's look-back may still hold it: it is on the queue. */
  has(id: string, now: number): boolean {
    const at = this.sentAt.get(id);
    return at !== undefined && now - at < REMEMBER_MS;
  }

  /** Remembers the ids SQS accepted at `now` (never renewing one), forgets old ones. */
  remember(ids: Iterable<string>, now: number): void {
    for (const [id, at] of this.sentAt) if (now - at >= REMEMBER_MS) this.sentAt.delete(id);
    for (const id of ids) if (!this.sentAt.has(id)) this.sentAt.set(id, now);
  }

  get size(): number {
    return this.sentAt.size;
  }
}
