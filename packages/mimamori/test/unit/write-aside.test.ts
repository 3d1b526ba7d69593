// Reports are written aside and renamed: a failed write (a full disk) leaves the previous file whole and no temp file.
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAside, type WriteFs } from '../../src/store/write-aside.ts';

const fullDisk: WriteFs = {
  ...fs,
  writeFile: (async (path: string, data: string) => {
    await fs.writeFile(path, data.slice(0, data.length >> 1)); // half of it, as a full disk does
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as WriteFs['writeFile'],
};

describe('writeAside', () => {
  it('replaces the file whole', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'mimamori-aside-'));
    const path = join(dir, 'new/results.json');
    await writeAside(path, '{"first":1}');
    await writeAside(path, '{"second":2}');
    expect(await fs.readFile(path, 'utf8')).toBe('{"second":2}');
    expect(await fs.readdir(join(dir, 'new'))).toEqual(['results.json']);
  });

  it('leaves the previous file as it was and removes its half-written copy when the disk is full', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'mimamori-aside-'));
    const path = join(dir, 'results.json');
    await writeAside(path, '{"good":true}');
    await expect(writeAside(path, `{"results":[${'1,'.repeat(1000)}1]}`, fullDisk)).rejects.toThrow('ENOSPC');
    expect(await fs.readFile(path, 'utf8')).toBe('{"good":true}');
    expect(await fs.readdir(dir)).toEqual(['results.json']);
  });
});
