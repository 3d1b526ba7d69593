// The local-folder store: the same key layout as S3, on disk (the default when no bucket is configured).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WriteConflict, type Link, type Listing, type PutOptions, type Store, type Versioned } from './store.ts';
import { writeAside } from './write-aside.ts';

/** A lock file older than this was left by a writer that died (a write holds it for milliseconds): it is broken. */
export const STALE_LOCK_MS = 5_000;

/**
 * An object's version is the SHA-256 of its bytes, not mtime+size: two writes of the same length within the
 * filesystem's timestamp granularity would look unchanged, and a lost update would pass. The state objects that are
 * written conditionally are small, so hashing them costs nothing.
 */
const versionOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const orMissing = (e: NodeJS.ErrnoException) => {
  if (e.code === 'ENOENT') return undefined;
  throw e;
};

export class LocalStore implements Store {
  readonly kind = 'local' as const;
  readonly location: string;

  constructor(folder: string) {
    this.location = resolve(folder);
  }

  private path(key: string): string {
    return join(this.location, ...key.split('/'));
  }

  async put(key: string, body: Buffer | string, options: PutOptions): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Every write takes the key's lock, so a conditional write's check and rename are atomic against all writers
    // of the folder, other processes included.
    const release = await this.lock(path);
    try {
      const { ifMatch, ifNoneMatch } = options;
      if (ifMatch !== undefined || ifNoneMatch !== undefined) {
        const current = await readFile(path).catch(orMissing);
        const refused = (why: string) => new WriteConflict(`write of ${key} to ${this.location} failed: ${why}: read it again and retry`);
        if (ifNoneMatch === '*' && current) throw refused('it already exists');
        if (ifMatch !== undefined && !current) throw refused('it no longer exists');
        if (ifMatch !== undefined && versionOf(current!) !== ifMatch) throw refused('it changed since it was read');
      }
      // Written aside and renamed, so a reader (or a crash) never sees half a result; a failed write (a full disk)
      // leaves no half-written copy behind.
      await writeAside(path, body);
    } finally {
      await release();
    }
  }

  /**
   * Takes `<object>.lock` (created exclusively, holding a token of ours) and returns its release, which removes it
   * only if it is still ours (a slow holder whose lock was broken must not remove the next holder's).
   */
  private async lock(path: string): Promise<() => Promise<void>> {
    const lockPath = `${path}.lock`;
    const token = `${process.pid}-${randomBytes(8).toString('hex')}`;
    const ours = async () => (await readFile(lockPath, 'utf8').catch(orMissing)) === token;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.writeFile(token).finally(() => handle.close()).catch(async (error: unknown) => {
          await unlink(lockPath).catch(orMissing);
          throw error;
        });
        return async () => {
          if (await ours()) await unlink(lockPath).catch(orMissing);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // A stale lock is broken only if it is still the one found stale, not one another waiter took in its place.
      const found = await readFile(lockPath, 'utf8').catch(orMissing);
      const held = await stat(lockPath).catch(orMissing);
      if (found !== undefined && held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
        if ((await readFile(lockPath, 'utf8').catch(orMissing)) === found) await unlink(lockPath).catch(orMissing);
        continue;
      }
      await sleep(wait + Math.random() * wait);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    return readFile(this.path(key)).catch(orMissing);
  }

  async getVersioned(key: string): Promise<Versioned | undefined> {
    const bytes = await this.get(key);
    return bytes && { bytes, version: versionOf(bytes) };
  }

  async list(prefix: string): Promise<Listing> {
    const entries = await readdir(this.path(prefix), { withFileTypes: true }).catch(() => []);
    return {
      folders: entries.filter((e) => e.isDirectory()).map((e) => `${prefix}${e.name}/`).sort(),
      // Writes in progress (`.tmp`) and their locks (`.lock`) are not objects.
      keys: entries.filter((e) => e.isFile() && !e.name.endsWith('.tmp') && !e.name.endsWith('.lock')).map((e) => `${prefix}${e.name}`).sort(),
    };
  }

  async link(key: string): Promise<Link> {
    return { url: this.path(key) };
  }
}
