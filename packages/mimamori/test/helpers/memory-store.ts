// A store in memory with S3's listing semantics (one level under a prefix: keys and sub-folders), counting every call
// and the most calls in flight at once. Each call answers on a later turn of the event loop, so calls started
// together overlap as they would against S3 — without any timer.
import { createHash } from 'node:crypto';
import { WriteConflict, type Listing, type Store } from '../../src/store/store.ts';

export interface MemoryStore extends Store {
  objects: Map<string, Buffer>;
  calls: { get: number; list: number; put: number };
  /** The most calls in flight at once since the last `reset()`. */
  peak: number;
  reset(): void;
}

const later = () => new Promise<void>((resolve) => setImmediate(resolve));
const versionOf = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

export function memoryStore(): MemoryStore {
  let inFlight = 0;
  const store: MemoryStore = {
    kind: 's3',
    location: 'memory://',
    objects: new Map(),
    calls: { get: 0, list: 0, put: 0 },
    peak: 0,
    reset() {
      store.calls = { get: 0, list: 0, put: 0 };
      store.peak = 0;
    },
    put: (key, body, options) => call('put', async () => {
      const current = store.objects.get(key);
      if (options.ifNoneMatch === '*' && current) throw new WriteConflict(`${key} exists`);
      if (options.ifMatch !== undefined && (!current || versionOf(current) !== options.ifMatch)) throw new WriteConflict(`${key} changed`);
      store.objects.set(key, Buffer.from(body));
    }),
    get: (key) => call('get', async () => store.objects.get(key)),
    getVersioned: (key) => call('get', async () => {
      const bytes = store.objects.get(key);
      return bytes && { bytes, version: versionOf(bytes) };
    }),
    list: (prefix) => call('list', async () => {
      const listing: Listing = { folders: [], keys: [] };
      const folders = new Set<string>();
      for (const key of store.objects.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash === -1) listing.keys.push(key);
        else folders.add(prefix + rest.slice(0, slash + 1));
      }
      listing.folders = [...folders].sort();
      listing.keys.sort();
      return listing;
    }),
    link: async (key) => ({ url: `memory://${key}` }),
  };
  async function call<T>(kind: 'get' | 'list' | 'put', fn: () => Promise<T>): Promise<T> {
    store.calls[kind]++;
    store.peak = Math.max(store.peak, ++inFlight);
    try {
      await later();
      return await fn();
    } finally {
      inFlight--;
    }
  }
  return store;
}
