// What `mimamori mute <target>` names, checked against the project's checks: a check's name, `tag:NAME` of a tag some
// check has, or `all`. A target that covers nothing is refused, with the names it was probably meant to be.
import { ALL, TAG_PREFIX, type MuteTarget } from './mute.ts';
import { nearNames } from './near-names.ts';

/** At most this many names are listed when none is near. */
const LISTED = 10;

const listed = (names: string[]) =>
  names.length === 0 ? 'none' : names.length <= LISTED ? names.join(', ') : `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;

/** `kind 'word' is not in this project`, then the near names as they would be typed, else what exists. */
function unknown(kind: 'check' | 'tag', word: string, known: string[]): string {
  const near = nearNames(word, known);
  const typed = (name: string) => `'${kind === 'tag' ? TAG_PREFIX : ''}${name}'`;
  return near.length ? `${kind} '${word}' is not in this project: did you mean ${near.map(typed).join(' or ')}?`
    : `${kind} '${word}' is not in this project (${kind}s: ${listed(known)})`;
}

/** The target as stored (as typed), or throws an Error saying why it names nothing. */
export function resolveTarget(word: string, checks: readonly { name: string; tags?: readonly string[] }[]): MuteTarget {
  if (word === ALL) return ALL;
  if (word.startsWith(TAG_PREFIX)) {
    const tag = word.slice(TAG_PREFIX.length);
    const tags = [...new Set(checks.flatMap((c) => c.tags ?? []))].sort();
    if (!tag) throw new Error(`'${word}' names no tag: write tag:NAME (tags: ${listed(tags)})`);
    if (!tags.includes(tag)) throw new Error(unknown('tag', tag, tags));
    return word;
  }
  const names = checks.map((c) => c.name);
  if (!names.includes(word)) {
    const tip = checks.some((c) => c.tags?.includes(word)) ? ` (a tag of that name exists: mute tag:${word})` : '';
    throw new Error(`${unknown('check', word, names)}${tip}`);
  }
  return word;
}
