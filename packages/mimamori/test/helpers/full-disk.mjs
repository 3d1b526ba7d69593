// Preloaded into the CLI and its workers (NODE_OPTIONS=--import): the disk is full under MIMAMORI_TEST_FULL_DISK.
// A file written there gets half its data, then the write fails with ENOSPC — what a real full disk does — so a test
// can fill the disk under --out without a mount. Every other path is written as usual.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const full = process.env.MIMAMORI_TEST_FULL_DISK;
if (full) {
  const writeFile = fs.promises.writeFile;
  const under = (path) => (typeof path === 'string' || path instanceof URL) && resolve(String(path instanceof URL ? path.pathname : path)).startsWith(resolve(full) + sep);
  fs.promises.writeFile = async (path, data, options) => {
    if (!under(path)) return writeFile(path, data, options);
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength ?? undefined);
    await writeFile(path, bytes.subarray(0, bytes.length >> 1));
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { errno: -28, code: 'ENOSPC', syscall: 'write' });
  };
  // `import { writeFile } from 'node:fs/promises'` reads the builtin's exports: bring them in line with the patch.
  syncBuiltinESMExports();
}
