// The incident's ONE thread ref when its alerts go to several channels: a composite of each target's own ref, kept as
// opaque as any ref — `{ notifier: 'routes', ref: { 'slack:C123': '{"notifier":"slack",…}', 'teams:URL': '…' } }`
// (ThreadRef values are plain text, so each sub-ref is its JSON). With one target the pipeline stores that target's
// ref unchanged, as incidents written before routing did; a plain ref of notifier X is read as the X target's.
import { isThreadRef, type ThreadRef } from '../episode/thread-ref.ts';
import { targetKey, type RouteTarget } from '../check/notify-route.ts';

export const ROUTES = 'routes';

/** Each target's own ref, by target key, out of what the incident keeps. */
export function splitThread(thread: ThreadRef | undefined, targets: RouteTarget[]): Map<string, ThreadRef> {
  const refs = new Map<string, ThreadRef>();
  if (!thread) return refs;
  if (thread.notifier !== ROUTES) {
    // A ref from before the route had several targets (or from a one-target route): its notifier's first target.
    const owner = targets.find((t) => t.kind === thread.notifier);
    if (owner) refs.set(targetKey(owner), thread);
    return refs;
  }
  for (const [key, text] of Object.entries(thread.ref)) {
    try {
      const sub: unknown = JSON.parse(text);
      if (isThreadRef(sub)) refs.set(key, sub);
    } catch {
      // A sub-ref that is no JSON was not written by us: that target starts a thread of its own.
    }
  }
  return refs;
}

/**
 * What the incident keeps after this alert: one target → its ref unchanged; several → the composite of every ref a
 * target has (none at all → no thread, so the pipeline records that the first message was not posted).
 */
export function joinThread(targets: RouteTarget[], refs: Map<string, ThreadRef>): ThreadRef | undefined {
  if (targets.length === 1) return refs.get(targetKey(targets[0]!));
  const entries = targets.flatMap((t) => {
    const ref = refs.get(targetKey(t));
    return ref ? [[targetKey(t), JSON.stringify(ref)] as const] : [];
  });
  return entries.length ? { notifier: ROUTES, ref: Object.fromEntries(entries) } : undefined;
}
