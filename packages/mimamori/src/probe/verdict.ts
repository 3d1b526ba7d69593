// The verdict of a failure from the probe regions' answers (pure), in the words every channel shows.
import type { Confirmation, ProbeAnswer } from '../result/types.ts';
import { formatMs } from '../result/format.ts';

/** "a", "a and b", "a, b and c". */
const list = (names: string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
const sees = (names: string[]) => `${list(names)} ${names.length === 1 ? 'sees' : 'see'} it up`;

/**
 * `confirmed` when a probe region saw the failure too; `home-only` when every probe region answered and saw the site
 * up; else `unconfirmed` — an answer missing is said, never guessed, and the run is judged as without probes.
 */
export function confirmationOf(home: string, probes: ProbeAnswer[], waitedMs: number): Confirmation {
  const down = probes.filter((p) => p.outcome === 'failed').map((p) => p.region);
  const up = probes.filter((p) => p.outcome === 'passed' || p.outcome === 'degraded').map((p) => p.region);
  const silent = probes.filter((p) => p.outcome === 'no answer').map((p) => p.region);
  const unasked = probes.filter((p) => p.outcome === 'not asked').map((p) => p.region);
  const unrun = probes.filter((p) => p.outcome === 'not run').map((p) => p.region);
  const rest = [
    ...(up.length ? [sees(up)] : []),
    ...(silent.length ? [`${list(silent)} did not answer within ${formatMs(waitedMs)}`] : []),
    ...(unasked.length ? [`${list(unasked)} could not be asked`] : []),
    ...(unrun.length ? [`${list(unrun)} could not run the check`] : []),
  ];
  const verdict: Confirmation['verdict'] = down.length ? 'confirmed' : up.length === probes.length && probes.length > 0 ? 'home-only' : 'unconfirmed';
  const words = verdict === 'confirmed' ? [`down from ${list([home, ...down])}`, ...rest].join('; ')
    : verdict === 'home-only' ? `down from ${home} only; ${sees(up)}`
    : [`down from ${home}`, ...rest].join('; ');
  return { home, verdict, words, probes, waitedMs };
}
