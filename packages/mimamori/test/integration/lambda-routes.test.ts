// Routing on Lambda: the built runner (test/helpers/lambda.ts) with a check routed to Chatwork, Teams and a webhook
// reads the Chatwork token from the SSM parameter ChatworkTokenParameterName names and the Teams and webhook URLs
// (and the signing key) as secrets under the secrets prefix — from a fake SSM on loopback — and delivers to each fake.
// No Slack is routed, so the Slack token is never read.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';
import { startFakeChatwork, type FakeChatwork } from '../fixtures/fake-chatwork.ts';
import { startFakeTeams, type FakeTeams } from '../fixtures/fake-teams.ts';
import { startFakeWebhook, type FakeWebhook } from '../fixtures/fake-webhook.ts';
import { ROOT } from '../helpers/cli.ts';
import { buildProject, invokeBuilt, queuedRun, runnerEnv } from '../helpers/lambda.ts';

const KEY = 'whsec-lambda-routes-key-0042';
const PREFIX = '/mimamori/secrets/';
let s3: FakeS3;
let chatwork: FakeChatwork;
let teams: FakeTeams;
let hook: FakeWebhook;

beforeAll(async () => {
  [s3, chatwork, teams, hook] = await Promise.all([startFakeS3(), startFakeChatwork(), startFakeTeams(), startFakeWebhook({ signingKey: KEY })]);
  useS3Credentials(s3);
});
afterAll(async () => {
  await Promise.all([s3?.close(), chatwork?.close(), teams?.close(), hook?.close()]);
});

describe('a check routed to Chatwork, Teams and a webhook on the built Lambda runner', () => {
  it('reads the token and the secrets from SSM and delivers to all three', async () => {
    const ssm = await startFakeSsm({
      '/mimamori/chatwork-token': chatwork.token,
      [`${PREFIX}TEAMS_ALERTS_URL`]: teams.url, [`${PREFIX}HOOK`]: hook.url, [`${PREFIX}HOOK_SIGNING_KEY`]: KEY,
    });
    try {
      const { build } = await buildProject(join(ROOT, 'test/fixtures/routed-checks'));
      const env = await runnerEnv(build, {
        ...s3.env, MIMAMORI_S3_PREFIX: 'routes/', AWS_ENDPOINT_URL_SSM: ssm.url, MIMAMORI_SECRETS_PREFIX: PREFIX,
        CHATWORK_TOKEN_PARAMETER: '/mimamori/chatwork-token', CHATWORK_API_URL: chatwork.url,
        SLACK_TOKEN_PARAMETER: '/mimamori/slack-bot-token', SLACK_CHANNEL: '',
      });
      for (const name of ['CHATWORK_API_TOKEN', 'SLACK_BOT_TOKEN', 'TEAMS_ALERTS_URL', 'HOOK', 'HOOK_SIGNING_KEY']) delete env[name];
      const runs = await invokeBuilt(join(build, 'runner/runner.js'), [{ event: queuedRun('down', 'm-routes'), timeoutMs: 120_000 }], env);
      const logs = `${runs.logs}\n${runs.map((r) => r.logs.join('\n')).join('\n')}`;
      expect(logs).toMatch(/"message":"check failed"/);
      expect(chatwork.messages.map((m) => m.room), logs).toEqual(['111']);
      expect(chatwork.messages[0]!.body).toContain('down');
      expect(teams.cards).toHaveLength(1);
      expect((hook.events as { event: string }[]).map((e) => e.event)).toEqual(['incident.opened']);
      const read = ssm.requests.flatMap((r) => JSON.stringify(r.input));
      expect(read.join('\n')).not.toContain('slack-bot-token');
      // No secret in what CloudWatch gets.
      for (const secret of [chatwork.token, teams.sig, KEY, hook.url]) expect(logs).not.toContain(secret);
    } finally {
      await ssm.close();
    }
  }, 240_000);
});
