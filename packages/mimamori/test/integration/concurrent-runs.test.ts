// Two runs of one check at the same moment (a manual run during a scheduled one) share the check's state in S3:
// conditional writes (If-Match / If-None-Match, honoured by the s3rver fixture as S3 does) make them take turns, so
// they never open two incidents or lose a count. Real S3 client against s3rver, real Slack client against the fake.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { checkResult } from '../helpers/check-result.ts';
import { afterRun, type AfterRunOptions } from '../../src/pipeline/after-run.ts';
import { LocalStore } from '../../src/store/local-store.ts';
import { openS3Store } from '../../src/store/s3-store.ts';
import { s3Settings } from '../../src/store/settings.ts';
import { readState } from '../../src/store/state.ts';
import { SlackNotifier } from '../../src/notify/slack-notifier.ts';
import type { CheckResult, CheckStatus, RunResult } from '../../src/result/types.ts';
import { meetAfterFirstRead, meeting, type Meeting } from '../helpers/meeting-store.ts';

const TOKEN = 'xoxb-concurrent';
let s3: FakeS3;
let slack: FakeSlack;
let scratch: string;

const savedEnv = { ...process.env };
beforeAll(async () => {
  [s3, slack] = await Promise.all([startFakeS3(), startFakeSlack({ token: TOKEN })]);
  // Credentials and region reach the SDK the standard way, through the environment.
  useS3Credentials(s3);
  scratch = await mkdtemp(join(tmpdir(), 'mimamori-concurrent-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([s3?.close(), slack?.close()]);
});

let clock = Date.UTC(2026, 10, 29, 8, 0, 0);
function result(name: string, status: CheckStatus, startedAt = (clock += 60_000)): CheckResult {
  const failed = status === 'failed';
  return checkResult({
    name, status, startedAt,
    steps: [{ name: 'open', status: failed ? 'failed' : 'passed', durationMs: 800, budget: {} }],
    error: failed ? { name: 'Error', message: 'expected the cart', class: 'assertion', step: 'open' } : undefined,
  });
}



/** One run as its own process would make it: its own S3 client, its own Slack session, the state shared in S3. */
async function runAlone(r: CheckResult, folder: string, meet?: Meeting, runSuffix = folder): Promise<CheckResult> {
  const s3Store = await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'shared/' })!);
  const remote = meet ? meetAfterFirstRead(s3Store, meet, 'state/') : s3Store;
  const options: AfterRunOptions = {
    stores: { local: new LocalStore(join(scratch, folder)), remote },
    notifier: new SlackNotifier({ token: TOKEN, apiUrl: slack.url, channel: 'alerts', timeZone: 'UTC' }),
    sharedState: true,
  };
  const run: RunResult = { runId: `20261129T080000Z-${runSuffix}`, startedAt: r.startedAt, durationMs: 1, results: [r], diagnostics: [] };
  await afterRun(run, options);
  return r;
}

const stateOf = async (check: string) => (await readState(await openS3Store(s3Settings({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'shared/' })!), check)).state!;

describe('a run delivered twice (Lambda stopped after alerting, the queue delivered the message again)', () => {
  it('alerts once: the second delivery finds its run id in the state', async () => {
    const at = (clock += 60_000);
    const before = slack.messages.length;
    const first = await runAlone(result('redelivered', 'failed', at), 'once', undefined, 'same-run');
    await runAlone(result('redelivered', 'failed', (clock += 60_000)), 'twice', undefined, 'next-run');
    const again = await runAlone(result('redelivered', 'failed', at), 'again', undefined, 'same-run');
    expect(first.notification!.action).toBe('none');
    expect(again.notification).toMatchObject({ action: 'none', reason: expect.stringContaining('already recorded') });
    const state = await stateOf('redelivered');
    expect(state.consecutiveFailures).toBe(2);
    expect(state.recentRuns).toEqual(['20261129T080000Z-same-run', '20261129T080000Z-next-run']);
    expect(slack.messages.length - before).toBeGreaterThan(0); // the second run opened the incident…
    expect(slack.messages.slice(before).filter((m) => !m.files && !m.thread_ts)).toHaveLength(1); // …and nothing else posted
  });
});

describe('two runs of one check at the same time', () => {
  it('open one incident between them, and count both failures', async () => {
    const before = slack.messages.length;
    await runAlone(result('race', 'failed'), 'before');
    const at = (clock += 60_000);
    const meet = meeting(2);
    const both = await Promise.all([runAlone(result('race', 'failed', at), 'left', meet), runAlone(result('race', 'failed', at + 10), 'right', meet)]);
    // The second to write is judged again on top of the first: it finds the incident open — still being posted (it
    // leaves the message to the first), or already posted (it replies in the thread). Never a second incident.
    const actions = both.map((r) => r.notification!.action).sort();
    expect([['none', 'open'], ['open', 'reply']], JSON.stringify(both.map((r) => r.notification))).toContainEqual(actions);
    const second = both.find((r) => r.notification!.action !== 'open')!;
    if (actions[0] === 'none') expect(second.notification!.reason).toMatch(/opened this incident a moment ago and is posting its first message/);
    const state = await stateOf('race');
    // Nothing lost: three failures in a row, one incident, threaded under the one message that opened it.
    expect(state.consecutiveFailures).toBe(3);
    const parents = slack.messages.slice(before).filter((m) => !m.thread_ts && !m.files);
    expect(parents).toHaveLength(1);
    expect(state.incident).toMatchObject({ kind: 'site', thread: { notifier: 'slack', ref: { ts: parents[0]!.ts } } });
    if (actions[1] === 'reply') expect(second.notification!.threadTs).toBe(parents[0]!.ts);
  });

  it('never lose a recovery: a pass and a failure at once leave one consistent state', async () => {
    const at = (clock += 60_000);
    const meet = meeting(2);
    const [pass, fail] = await Promise.all([runAlone(result('race', 'passed', at), 'pass', meet), runAlone(result('race', 'failed', at + 10), 'fail', meet)]);
    const state = await stateOf('race');
    // Either order is a consistent story: the recovery happens once, and the failure is counted before or after it.
    expect(pass.notification!.action).toBe('recover');
    if (state.lastRunId.endsWith('-pass')) {
      expect(fail.notification!.action).toBe('reply');
      expect(state).toMatchObject({ consecutiveFailures: 0, incident: null });
    } else {
      expect(fail.notification!.action).toBe('none');
      expect(state).toMatchObject({ consecutiveFailures: 1, incident: null });
    }
    expect(slack.updates.filter((u) => u.text?.startsWith(':white_check_mark: Resolved'))).toHaveLength(1);
  });
});
