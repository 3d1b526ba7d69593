// Maintenance windows through the real CLI: `mimamori validate` lists the next three openings of each window in its
// zone, and warns of a window naming a check the project lacks or pausing every scheduled check; a local `mimamori check` runs a check a pause window
// covers (the pause is the deployed monitor's) and says so once. The real clock: what is asserted holds at any time.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site.ts';

let scratch: string;
let site: FixtureSite;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-maintenance-'));
  site = await startFixtureSite();
});
afterAll(() => site?.close());

const CONFIG = `export default {
  slack: { timeZone: 'Asia/Tokyo' },
  maintenance: [
    { name: 'shop deploy', when: { days: ['FRI'], from: '22:00', to: '06:00' }, mode: 'pause', tags: ['shop'] },
    { name: 'holidays', calendar: 'jp-holidays', mode: 'silence' },
    { name: 'always', when: { from: '00:00', to: '24:00' }, mode: 'pause', checks: ['home', 'chekout'] },
  ],
};
`;

async function project(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'checks'), { recursive: true });
  await writeFile(join(dir, 'mimamori.config.ts'), CONFIG);
  await writeFile(join(dir, 'checks/home.check.ts'), `import { defineCheck } from 'mimamori';
export default defineCheck({ name: 'home', tags: ['shop'], schedule: 'rate(5 minutes)', async run({ page }) { await page.goto('/'); } });
`);
  return dir;
}

describe('maintenance windows in the CLI', () => {
  it('validate lists each window with its zone and its next three openings, and warns of a check name it does not know', async () => {
    const cwd = await project('validate');
    const run = await runCli(['validate'], { cwd, env: { BASE_URL: site.url } });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('1 check, 1 schedule, 0 watches: valid');
    expect(lines[2]).toBe('Maintenance windows (the next 3 of each):');
    const after = (header: string) => lines.slice(lines.indexOf(header) + 1, lines.indexOf(header) + 4);
    expect(after('  shop deploy — pause: the deployed monitor does not run tags shop; Asia/Tokyo')).toEqual(
      Array(3).fill(expect.stringMatching(/^ {4}Fri \d{4}-\d\d-\d\d 22:00 \+09:00 → Sat \d{4}-\d\d-\d\d 06:00 \+09:00( \(now\))?$/)),
    );
    expect(after('  holidays — silence: runs and records, alerts no one about every check; Asia/Tokyo, with jp-holidays')).toEqual(
      Array(3).fill(expect.stringMatching(/^ {4}\w{3} \d{4}-\d\d-\d\d 00:00 \+09:00 → \w{3} \d{4}-\d\d-\d\d 00:00 \+09:00( \(now\))? {2}\S+ .+$/)),
    );
    expect(run.stderr.split('\n')).toEqual([
      "Warning: maintenance[2].checks: 'chekout' is not a check of this project (window 'always' does not cover it)",
      // home (tagged shop) is the only scheduled check: either pause leaves the dead-man alarm with no results.
      expect.stringMatching(/^Warning: maintenance 'shop deploy' pauses every scheduled check: .* the dead-man alarm \(no result for 15 minutes\) goes off in it/),
      expect.stringMatching(/^Warning: maintenance 'always' pauses every scheduled check: /),
      '',
    ]);
  }, 60_000);

  it('check runs a paused check here and says once that the deployed monitor does not run it now', async () => {
    const cwd = await project('check');
    const run = await runCli(['check', '--out', join(cwd, 'out')], { cwd, env: { BASE_URL: site.url } });
    expect(run.code).toBe(0);
    const notes = run.stdout.split('\n').filter((l) => l.startsWith('In maintenance window'));
    expect(notes).toEqual([expect.stringMatching(/^In maintenance window 'always' \(pause, until \w{3} \d{4}-\d\d-\d\d \d\d:\d\d \+09:00\): home — the deployed monitor does not run them now; run here as asked\.$/)]);
    expect(run.stdout).toMatch(/1 passed/);
  }, 120_000);
});
