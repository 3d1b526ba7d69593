// The local-folder store: the same key layout as S3, on disk (the default when no bucket is configured).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Link, Listing, PutOptions, Store } from './store.ts';

export class LocalStore implements Store {
  readonly kind = 'local' as const;
  readonly location: string;

  constructor(folder: string) {
    this.location = resolve(folder);
  }

  private path(key: string): string {
    return join(this.location, ...key.split('/'));
  }

  async put(key: string, body: Buffer | string, _options: PutOptions): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so a reader (or a crash) never sees half a result.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, path);
  }

  async get(key: string): Promise<Buffer | undefined> {
    return readFile(this.path(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
  }

  async list(prefix: string): Promise<Listing> {
    const entries = await readdir(this.path(prefix), { withFileTypes: true }).catch(() => []);
    return {
      folders: entries.filter((e) => e.isDirectory()).map((e) => `${prefix}${e.name}/`).sort(),
      keys: entries.filter((e) => e.isFile() && !e.name.endsWith('.tmp')).map((e) => `${prefix}${e.name}`).sort(),
    };
  }

  async link(key: string): Promise<Link> {
    return { url: this.path(key) };
  }
}
