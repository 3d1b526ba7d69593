// Validation of `notify` targets (a check's, the defaults') and the config's `routes`: every problem at once, each
// under its item (`notify[1].teams …`), unknown keys refused, a target naming two channels refused.
import { ENV_NAME, itemProblems, stringArray, validateShape, type Rule, type Shape } from './rules.ts';
import { NOTIFIER_KINDS } from './notify-route.ts';

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v);

/** A secret's NAME, never its value: a webhook URL is a credential (its key or signature is in it). */
const secretName = (what: string): Rule => (v) => {
  if (typeof v === 'string' && /^https?:\/\//i.test(v.trim())) return `must be the NAME of a secret holding ${what}, not the URL itself (a webhook URL is a credential): put it in the secrets file or SSM and name it, like 'TEAMS_ALERTS_URL'`;
  return typeof v === 'string' && ENV_NAME.test(v) ? undefined : `must be the name of a secret holding ${what} (capital letters, digits and _, like 'TEAMS_ALERTS_URL'), got ${show(v)}`;
};

const targetShape: Shape = {
  slack: (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : `must be a Slack channel (its ID like 'C0123ABCD', or its name), got ${show(v)}`),
  chatwork: (v) => (typeof v === 'string' && /^\d+$/.test(v) ? undefined : `must be a Chatwork room id (the digits after #!rid in the room's URL, as a string), got ${show(v)}`),
  teams: secretName("the Teams Workflows webhook's URL"),
  webhook: secretName("the webhook's URL"),
};

const ONE_OF = NOTIFIER_KINDS.map((k) => `{ ${k}: … }`).join(', ');

/** One target's problems, as `<at>.key message` / `<at> message`. */
function targetProblems(target: unknown, at: string): string[] {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return [`${at} must be one of ${ONE_OF}, got ${show(target)}`];
  const problems = validateShape(target, targetShape, '', at).map((p) => `${p.field} ${p.message}`);
  const kinds = Object.keys(target).filter((k) => NOTIFIER_KINDS.includes(k as never));
  if (kinds.length > 1) problems.push(`${at} names ${kinds.map((k) => `'${k}'`).join(' and ')}: a target is exactly one channel; write one target each, like [{ ${kinds[0]}: … }, { ${kinds[1]}: … }]`);
  else if (kinds.length === 0 && problems.length === 0) problems.push(`${at} names no channel: it must be one of ${ONE_OF}`);
  return problems;
}

/** A non-empty list of targets. */
export const notifyTargets: Rule = (v) => {
  if (!Array.isArray(v) || v.length === 0) return `must be a non-empty array of targets like [{ slack: 'C0123ABCD' }, { teams: 'TEAMS_ALERTS_URL' }], got ${show(v)}`;
  const problems = v.flatMap((t, i) => targetProblems(t, `[${i}]`));
  return problems.length ? problems.join('; ') : undefined;
};

const routeShape: Shape = {
  tags: (v) => stringArray(v) ?? ((v as unknown[]).length === 0 ? 'must name at least one tag' : undefined),
  notify: notifyTargets,
};

/** The config's `routes`: `[{ tags: ['payments'], notify: [{ chatwork: '123' }] }, …]`. */
export const notifyRoutes: Rule = (v) => {
  if (!Array.isArray(v)) return `must be an array of { tags, notify }, got ${show(v)}`;
  const problems = itemProblems(v, routeShape, '', { tags: 'is required', notify: 'is required' });
  return problems.length ? problems.join('; ') : undefined;
};
