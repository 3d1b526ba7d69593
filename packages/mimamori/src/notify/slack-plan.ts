// What the next alert waiting for a channel gets when not everything fits before the deadline (pure). Screenshots
// give way first, then messages of their own: what is left is folded into one message (slack-fold.ts). Nothing is dropped unless
// not even one post fits.

export type Plan =
  /** Its message, and its screenshot right under it. */
  | 'full'
  /** Its message only: the screenshot is given up (the message links to it). */
  | 'message'
  /** One message listing every alert still waiting: a fold. */
  | 'fold'
  /** Not even one post fits: every alert still waiting is recorded as not sent. */
  | 'none';

export interface PlanInput {
  /** Alerts waiting for the channel, the next one included. */
  waiting: number;
  /** Posts that can still start in time. */
  slots: number;
  /** Every alert of the run still to come could also have its screenshot uploaded in time. */
  screenshotsFit: boolean;
}

export function planNext({ waiting, slots, screenshotsFit }: PlanInput): Plan {
  if (slots >= waiting && screenshotsFit) return 'full';
  if (slots >= waiting) return 'message';
  // Not all fit: this one (the most important waiting) gets its own message while a post stays free for the fold.
  if (slots >= 2) return 'message';
  if (slots === 1) return waiting === 1 ? 'message' : 'fold';
  return 'none';
}
