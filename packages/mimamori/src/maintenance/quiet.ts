// Quiet time: a check in a maintenance window or muted from the terminal. Both kinds produce this one shape; the
// alert policy reads it off the result (nothing posted, no incident opened while it lasts), the dispatcher skips a
// `pause`, and the views say "muted" / "in maintenance".
export interface Quiet {
  /** `pause`: the check is not run (the dispatcher skips it); `silence`: it runs and is recorded, and alerts nothing. */
  mode: 'pause' | 'silence';
  source: 'maintenance' | 'mute';
  /** The window's name, or the mute's target as typed (`checkout`, `tag:payments`, `all`). */
  name: string;
  reason?: string;
  by?: string;
  /** Epoch ms. */
  since: number;
  until: number;
}

/** In words, for reasons and messages: `in maintenance window "deploy"`, `muted (tag:payments) by aki: DB restart`. */
export function quietWords(q: Quiet): string {
  if (q.source === 'maintenance') return `in maintenance window "${q.name}"${q.mode === 'pause' ? ' (paused)' : ''}`;
  return `muted (${q.name})${q.by ? ` by ${q.by}` : ''}${q.reason ? `: ${q.reason}` : ''}`;
}
