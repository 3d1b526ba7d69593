// mapTraceStacks: a kept trace's call stacks (trace.stacks) pointed at the source lines, the zip written back with its
// other entries as they were (zipOf, read back by zipEntries).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mapTraceStacks } from '../../src/runner/trace-stacks.ts';
import { zipEntries, zipRecords } from '../../src/runner/zip-entries.ts';
import { zipOf, zipOfRecords, zipRecord } from '../../src/runner/zip-write.ts';

const SOURCE = "// a check\nexport async function run(page: { click(s: string): Promise<void> }): Promise<void> {\n  await page.click('#buy');\n}\n";

describe('mapTraceStacks', () => {
  it("maps each frame of a compiled file to its source's file, line and column; other frames and entries stay", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimamori-trace-stacks-'));
    const source = join(dir, 'buy.check.ts');
    const out = join(dir, 'out', 'abc.mjs');
    await writeFile(source, SOURCE);
    await build({ entryPoints: [source], outfile: out, format: 'esm', sourcemap: 'inline' });
    const lines = (await readFile(out, 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.includes('page.click'));
    const column = lines[line]!.indexOf('page.click') + 1;
    const library = '/app/node_modules/playwright-core/lib/client.js';
    const stacks = { files: [library, out], stacks: [[7, [[0, 120, 5, 'Page.click'], [1, line + 1, column, 'run']]], [8, [[1, 0, 0, '']]]] };
    const trace = Buffer.from('{"type":"before","callId":"call@7"}\n'.repeat(50));
    const zip = zipOf(new Map([['trace.trace', trace], ['trace.stacks', Buffer.from(JSON.stringify(stacks))], ['resources/a.png', Buffer.from([0x89, 0x50, 0, 1])]]));

    const entries = zipEntries(mapTraceStacks(zip));
    expect([...entries.keys()]).toEqual(['trace.trace', 'trace.stacks', 'resources/a.png']);
    expect(entries.get('trace.trace')!.equals(trace)).toBe(true);
    expect([...entries.get('resources/a.png')!]).toEqual([0x89, 0x50, 0, 1]);
    expect(JSON.parse(entries.get('trace.stacks')!.toString('utf8'))).toEqual({
      files: [library, source, out],
      stacks: [[7, [[0, 120, 5, 'Page.click'], [1, 3, 9, 'run']]], [8, [[2, 0, 0, '']]]],
    });
  });

  it('gives the same bytes back when no frame maps, or the trace has no stacks', () => {
    const stacks = { files: ['/app/node_modules/playwright-core/lib/client.js'], stacks: [[1, [[0, 3, 4, 'f']]]] };
    const zip = zipOf(new Map([['trace.stacks', Buffer.from(JSON.stringify(stacks))]]));
    expect(mapTraceStacks(zip)).toBe(zip);
    const none = zipOf(new Map([['trace.trace', Buffer.from('{}')]]));
    expect(mapTraceStacks(none)).toBe(none);
  });

  it('writes only trace.stacks again: the other entries are copied as they were stored, not inflated and deflated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimamori-trace-stacks-'));
    const source = join(dir, 'buy.check.ts');
    const out = join(dir, 'out', 'abc.mjs');
    await writeFile(source, SOURCE);
    await build({ entryPoints: [source], outfile: out, format: 'esm', sourcemap: 'inline' });
    const line = (await readFile(out, 'utf8')).split('\n').findIndex((l) => l.includes('page.click')) + 1;
    // Stored (method 0) though deflate would shrink it: written again, it would come back deflated.
    const text = Buffer.from('{"type":"before"}\n'.repeat(100));
    const stored = { ...zipRecord('trace.trace', text), method: 0, data: text };
    const stacks = zipRecord('trace.stacks', Buffer.from(JSON.stringify({ files: [out], stacks: [[1, [[0, line, 1, 'run']]]] })));
    const records = zipRecords(mapTraceStacks(zipOfRecords([stored, stacks])));
    expect(records.map((r) => [r.name, r.method])).toEqual([['trace.trace', 0], ['trace.stacks', 8]]);
    expect(records[0]!.data.equals(text)).toBe(true);
    expect(JSON.parse(zipEntries(zipOfRecords(records)).get('trace.stacks')!.toString('utf8')).files).toEqual([source]);
  });
});
