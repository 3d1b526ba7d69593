// What an episode remembers of what it has handled (run ids, log-event ids, delivery fingerprints): newest last,
// bounded. A queue or Lambda redelivers a message; finding its id here, the episode sends nothing twice.

/** `list` with `ids` added at the end (each once), keeping the newest `limit`. */
export function remember(list: readonly string[] | undefined, ids: readonly string[], limit: number): string[] {
  const adding = new Set(ids);
  return [...(list ?? []).filter((id) => !adding.has(id)), ...adding].slice(-limit);
}
