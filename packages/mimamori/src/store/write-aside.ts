// Writes a file aside and renames it into place: a reader (CI parsing results.json or JUnit, a run reading the local
// store) sees the old file or the new one, never half of one — even when the disk fills up mid-write, which then
// leaves the old file as it was and no half-written copy beside it. The local store and the CLI's reports share it.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';

/** The part of node:fs/promises used here: a test passes a disk that fails. */
export type WriteFs = Pick<typeof nodeFs, 'mkdir' | 'writeFile' | 'rename' | 'rm'>;

export async function writeAside(path: string, data: string | Buffer, fs: WriteFs = nodeFs): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  // Same folder (same file system, so the rename is atomic), named `.tmp` (which the local store's listing skips).
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
}
