// Routing's configuration: `notify` targets and `routes` validated into diagnostics naming file and field, and the
// one resolution order (check/notify-route.ts).
import { describe, expect, it } from 'vitest';
import { validateCheck, validateConfig } from '../../src/check/validate.ts';
import { resolveRoute } from '../../src/check/notify-route.ts';
import { resolveCheck } from '../../src/check/resolve.ts';
import type { ProjectConfig } from '../../src/check/types.ts';

const CONFIG = 'mimamori.config.ts';
const CHECK = 'checks/cart.check.ts';
const run = async () => {};

describe('validating notify targets and routes', () => {
  it('accepts one target of each kind, on a check, in the defaults and in routes', () => {
    const notify = [{ slack: 'C0ALERTS' }, { chatwork: '123456' }, { teams: 'TEAMS_URL' }, { webhook: 'HOOK_URL' }];
    expect(validateCheck({ name: 'cart', run, notify }, CHECK)).toEqual([]);
    expect(validateConfig({ defaults: { notify }, routes: [{ tags: ['payments'], notify }] }, CONFIG)).toEqual([]);
  });

  it('refuses a target naming two channels, naming the check file and the field', () => {
    expect(validateCheck({ name: 'cart', run, notify: [{ slack: 'C0ALERTS', teams: 'TEAMS_URL' }] }, CHECK)).toEqual([{
      file: CHECK, field: 'notify', message: "[0] names 'slack' and 'teams': a target is exactly one channel; write one target each, like [{ slack: … }, { teams: … }]",
    }]);
  });

  it('names every bad target at once: an unknown key, a URL where a secret name belongs, a room that is no id, an empty list', () => {
    const [problem] = validateCheck({ name: 'cart', run, notify: [{ email: 'ops@example.com' }, { teams: 'https://x.logic.azure.com/workflows/1?sig=abc' }, { chatwork: 42 }] }, CHECK);
    expect(problem!.file).toBe(CHECK);
    expect(problem!.field).toBe('notify');
    expect(problem!.message).toMatch(/^\[0\]\.email unknown option 'email' \(known: slack, chatwork, teams, webhook\)/);
    expect(problem!.message).toContain('[1].teams must be the NAME of a secret holding the Teams Workflows webhook\'s URL, not the URL itself');
    expect(problem!.message).not.toContain('sig=abc');
    expect(problem!.message).toContain('[2].chatwork must be a Chatwork room id');
    expect(validateCheck({ name: 'cart', run, notify: [] }, CHECK)[0]).toMatchObject({ field: 'notify', message: expect.stringMatching(/^must be a non-empty array of targets/) });
  });

  it('checks routes in the config file: tags and notify required, unknown keys refused, bad targets under their route', () => {
    const problems = validateConfig({ routes: [{ tags: ['payments'] }, { tags: [], notify: [{ webhook: 'hook url' }] }, { tags: ['x'], notify: [{ slack: 'C1' }], channel: 'C2' }] }, CONFIG);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: CONFIG, field: 'routes' });
    const message = problems[0]!.message;
    expect(message).toContain('[0].notify is required');
    expect(message).toContain('[1].tags must name at least one tag');
    expect(message).toContain('[1].notify [0].webhook must be the name of a secret');
    expect(message).toContain("[2].channel unknown option 'channel'");
    expect(validateConfig({ defaults: { notify: [{ slack: 'C1', chatwork: '1' }] } }, CONFIG)[0]).toMatchObject({ file: CONFIG, field: 'defaults', message: expect.stringContaining("notify [0] names 'slack' and 'chatwork'") });
  });
});

describe('resolving a check\'s route', () => {
  const config: ProjectConfig = {
    defaults: { notify: [{ slack: 'C0DEFAULT' }] },
    routes: [
      { tags: ['payments'], notify: [{ chatwork: '111' }, { slack: 'C0PAY' }] },
      { tags: ['checkout', 'payments'], notify: [{ slack: 'C0PAY' }, { teams: 'TEAMS_URL' }] },
      { tags: ['search'], notify: [{ webhook: 'HOOK' }] },
    ],
  };

  it("takes the check's own notify first, whatever its tags", () => {
    expect(resolveRoute({ notify: [{ webhook: 'OWN' }], tags: ['payments'] }, config)).toEqual([{ kind: 'webhook', to: 'OWN' }]);
  });

  it('then every route whose tags the check has, in the config\'s order, each target once', () => {
    expect(resolveRoute({ tags: ['payments'] }, config)).toEqual([{ kind: 'chatwork', to: '111' }, { kind: 'slack', to: 'C0PAY' }, { kind: 'teams', to: 'TEAMS_URL' }]);
    expect(resolveRoute({ tags: ['checkout', 'search'] }, config)).toEqual([{ kind: 'slack', to: 'C0PAY' }, { kind: 'teams', to: 'TEAMS_URL' }, { kind: 'webhook', to: 'HOOK' }]);
  });

  it('then defaults.notify, then Slack to alerts.channel or the default channel (today\'s behaviour)', () => {
    expect(resolveRoute({ tags: ['other'], alerts: { channel: 'C0OLD' } }, config)).toEqual([{ kind: 'slack', to: 'C0DEFAULT' }]);
    expect(resolveRoute({ tags: [], alerts: { channel: 'C0OLD' } }, {})).toEqual([{ kind: 'slack', to: 'C0OLD' }]);
    expect(resolveRoute({}, {})).toEqual([{ kind: 'slack' }]);
  });

  it('keeps on a resolved check only its own notify: the defaults\' must not hide the routes between them', () => {
    const check = resolveCheck({ name: 'pay', tags: ['payments'], run }, CHECK, config, '');
    expect(check.notify).toBeUndefined();
    expect(resolveRoute(check, config)[0]).toEqual({ kind: 'chatwork', to: '111' });
  });
});
