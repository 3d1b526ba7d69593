// Where a check's alerts go: its route, the list of channels (targets) each alert is delivered to. Resolved in ONE
// place (resolveRoute), in this order — the first that names any target wins:
//   1. the check's own `notify`;
//   2. the config's `routes` whose tags the check has — ALL of them, in the config's order, targets de-duplicated;
//   3. the config's `defaults.notify`;
//   4. today's behaviour: Slack, to the check's `alerts.channel` (its own or the defaults'), else the notifier's
//      default channel (SLACK_CHANNEL, `slack.channel`).
// `alerts.channel` is the one-target route `[{ slack: channel }]` at step 4; a `notify` anywhere above wins over it.
import type { CheckOptions, NotifyTarget, ProjectConfig } from './types.ts';

/** The notifiers a target may name, in the order a target's key is looked for. */
export const NOTIFIER_KINDS = ['slack', 'chatwork', 'teams', 'webhook'] as const;
export type NotifierKind = (typeof NOTIFIER_KINDS)[number];

/** One target as the pipeline uses it: the notifier, and its destination (none: the notifier's default channel). */
export interface RouteTarget {
  kind: NotifierKind;
  to?: string;
}

/** The target a config entry names (validation makes sure there is exactly one key). */
export function routeTarget(target: NotifyTarget): RouteTarget {
  const kind = NOTIFIER_KINDS.find((k) => k in target)!;
  return { kind, to: (target as Record<string, string>)[kind] };
}

/** A target's key, `slack:C123` (`slack:` for the default channel): names it in outcomes and in composite threads. */
export const targetKey = (t: RouteTarget): string => `${t.kind}:${t.to ?? ''}`;

function unique(targets: RouteTarget[]): RouteTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(targetKey(t)) && Boolean(seen.add(targetKey(t))));
}

/** What of a check the route depends on: its OWN `notify`, its tags, and its resolved `alerts.channel`. */
export interface RoutedCheck {
  notify?: NotifyTarget[];
  tags?: string[];
  alerts?: { channel?: string };
}

/** The check's route (see the order above); never empty. */
export function resolveRoute(check: RoutedCheck, config: Pick<ProjectConfig, 'routes' | 'defaults'>): RouteTarget[] {
  const tags = new Set(check.tags ?? []);
  const layers: (NotifyTarget[] | undefined)[] = [
    check.notify,
    (config.routes ?? []).filter((r) => r.tags.some((t) => tags.has(t))).flatMap((r) => r.notify),
    (config.defaults as CheckOptions | undefined)?.notify,
  ];
  const chosen = layers.find((l) => l !== undefined && l.length > 0);
  if (chosen) return unique(chosen.map(routeTarget));
  return [{ kind: 'slack', ...(check.alerts?.channel !== undefined && { to: check.alerts.channel }) }];
}

/**
 * The secrets the checks' routes read (a Teams or webhook URL, a webhook's signing key `<NAME>_SIGNING_KEY`): locally
 * they are environment variables like the checks' own secrets, so every run redacts their values too.
 */
export function routeSecretNames(checks: readonly RoutedCheck[], config: Pick<ProjectConfig, 'routes' | 'defaults'>): string[] {
  const names = new Set<string>();
  for (const check of checks) {
    for (const t of resolveRoute(check, config)) {
      if (t.kind === 'teams' && t.to) names.add(t.to);
      if (t.kind === 'webhook' && t.to) names.add(t.to).add(`${t.to}_SIGNING_KEY`);
    }
  }
  return [...names];
}
