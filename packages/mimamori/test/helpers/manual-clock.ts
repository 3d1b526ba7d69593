// A clock that moves only when a test says so (the `Clock` of src/runner/process-host.ts): timers fire in order of
// their time as `advance` passes it, so a timeout is an event the test causes, never a wait on the wall clock.
import type { Clock } from '../../src/runner/clock.ts';

export class ManualClock implements Clock {
  private time = 0;
  private timers: { at: number; fn: () => void }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((t) => t !== timer));
  }

  /** Moves the clock `ms` on, firing each timer due on the way (those they set too) at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}
