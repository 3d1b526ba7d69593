// The names a typo was probably meant to be: `chekout` → `checkout`. For errors that list what exists.

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Up to `max` of `names` close to `word`, closest first: a few edits away (a third of the word's length, at least 2),
 * or containing it / contained in it, case aside.
 */
export function nearNames(word: string, names: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const room = Math.max(2, Math.floor(w.length / 3));
  return names
    .map((name) => {
      const n = name.toLowerCase();
      const edits = distance(w, n);
      const near = edits <= room || (w.length >= 3 && (n.includes(w) || w.includes(n)));
      return { name, edits, near };
    })
    .filter((c) => c.near)
    .sort((a, b) => a.edits - b.edits || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}
