// Quiet time in words, the same in every view (the dashboard, the digest, the HTML report, `mimamori results`): a
// run in quiet time is `muted` or `in maintenance`, with the mute's target and author or the window's name.
import { printable } from '../result/printable.ts';
import type { QuietMark } from '../history/dashboard-model.ts';
import { quietWords } from '../maintenance/quiet.ts';

/** `muted` or `in maintenance`: what a run in quiet time says beside its status. */
export const quietState = (q: Pick<QuietMark, 'source'>): string => (q.source === 'mute' ? 'muted' : 'in maintenance');

/** `in maintenance window "deploy" (paused)`, `muted (checkout) by aki: DB restart` — one line (maintenance/quiet.ts). */
export const quietLabel = (q: QuietMark): string => quietWords(q, printable);
