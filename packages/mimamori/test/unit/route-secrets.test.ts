// Secrets the host reads for alerting never reach check code or a stored/printed byte: the Chatwork token is one of the
// host's credentials (kept out of the workers' environment and redacted), and the routes' Teams and webhook URLs and
// signing keys, read by name from the environment locally, are redacted wherever the run writes.
import { describe, expect, it } from 'vitest';
import { workerEnv } from '../../src/runner/worker-env.ts';
import { redactorFor } from '../../src/result/redact.ts';
import { routeSecretNames } from '../../src/check/notify-route.ts';

const TOKEN = 'cw-0123456789abcdef0123456789';
const TEAMS = 'https://prod-12.japaneast.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=S1gNaTuReValue0123';
const KEY = 'whsec_signing_key_0123456789';

describe('secrets the host reads for alerting', () => {
  it('keeps the Chatwork token out of a worker and redacts it', () => {
    const { env, tmp } = workerEnv({ PATH: '/bin', CHATWORK_API_TOKEN: TOKEN });
    expect(env.CHATWORK_API_TOKEN).toBeUndefined();
    expect(env.PATH).toBe('/bin');
    expect(redactorFor([], {}, { CHATWORK_API_TOKEN: TOKEN }).text(`token ${TOKEN}`)).not.toContain(TOKEN);
    if (tmp) void import('node:fs').then((fs) => fs.rmSync(tmp, { recursive: true, force: true }));
  });

  it("names the routes' secrets — Teams and webhook URLs and the webhook's signing key — and redacts their values", () => {
    const checks = [{ name: 'a', notify: [{ teams: 'TEAMS_URL' }] }, { name: 'b', tags: ['pay'] }];
    const config = { routes: [{ tags: ['pay'], notify: [{ webhook: 'PAGER_URL' }, { slack: 'C1' }] }] };
    const names = routeSecretNames(checks, config);
    expect(names.sort()).toEqual(['PAGER_URL', 'PAGER_URL_SIGNING_KEY', 'TEAMS_URL']);
    const env = { TEAMS_URL: TEAMS, PAGER_URL: 'https://hooks.example.com/p/0123456789abcdef', PAGER_URL_SIGNING_KEY: KEY };
    const text = redactorFor([], {}, env, names).text(`posting to ${TEAMS} and ${env.PAGER_URL} signed with ${KEY}`);
    expect(text).not.toContain('S1gNaTuReValue0123');
    expect(text).not.toContain('0123456789abcdef');
    expect(text).not.toContain(KEY);
  });
});
