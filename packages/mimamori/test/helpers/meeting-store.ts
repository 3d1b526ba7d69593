// Forcing two runs to overlap: the real store, except that its first read of a key under `prefix` waits until every
// run in the meeting has made that read too (on a busy machine one run could otherwise finish before the other starts).
import type { Store } from '../../src/store/store.ts';

export interface Meeting { arrived: number; expected: number; all: Promise<void>; go(): void }

export function meeting(expected: number): Meeting {
  let go!: () => void;
  const all = new Promise<void>((resolve) => (go = resolve));
  return { arrived: 0, expected, all, go };
}

export function meetAfterFirstRead(store: Store, meet: Meeting, prefix: string): Store {
  let first = true;
  return {
    kind: store.kind, location: store.location,
    put: (...a) => store.put(...a), get: (...a) => store.get(...a), list: (...a) => store.list(...a), link: (...a) => store.link(...a),
    async getVersioned(key, options) {
      const found = await store.getVersioned(key, options);
      if (first && key.startsWith(prefix)) {
        first = false;
        if (++meet.arrived === meet.expected) meet.go();
        await meet.all;
      }
      return found;
    },
  };
}
