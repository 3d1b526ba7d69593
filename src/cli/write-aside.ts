// Writes a file aside and renames it into place: a reader (CI parsing results.json or JUnit) sees the old file or the
// new one, never half of one — even when the disk fills up mid-write, which then leaves the old file as it was.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';

/** The part of node:fs/promises used here: a test passes a disk that fails. */
export type WriteFs = Pick<typeof nodeFs, 'mkdir' | 'writeFile' | 'rename' | 'rm'>;

export async function writeAside(path: string, data: string, fs: WriteFs = nodeFs): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  // Same folder (same file system, so the rename is atomic), named as the local store names its own (`.tmp`).
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
}
