// `mimamori mute …`, `mimamori mute --list` and `mimamori unmute …`: the mutes in the shared store (mute/mute-store.ts),
// checked against the project's checks, announced in Slack when a token is set. The runner honours them (mute/muted-at.ts).
import { formatDuration } from '../render/dashboard-html.ts';
import { shortStampWithZone } from '../render/time.ts';
import { printable } from '../result/printable.ts';
import { historyStore } from '../store/settings.ts';
import type { Store } from '../store/store.ts';
import { slackAnnouncer } from '../notify/announce-post.ts';
import { slackSettings } from '../notify/slack-client.ts';
import { muteEndText, muteStartText } from '../mute/announcement.ts';
import { covers, type Mute } from '../mute/mute.ts';
import { addMute, readMutes, removeMutes } from '../mute/mute-store.ts';
import { resolveTarget } from '../mute/target.ts';
import { whoMutes, type WhoSources } from '../mute/who.ts';
import { MUTE_USAGE, parseMute, parseUnmute, UNMUTE_USAGE } from './mute-args.ts';
import type { LoadMuteProject, MuteProject } from './mute-project.ts';

export interface MuteDeps {
  loadProject: LoadMuteProject;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  who?: WhoSources;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

const EXIT = { ok: 0, usage: 2, outside: 3 } as const;

/** What both commands do before their own part: the project loaded, its problems said, the store opened. */
async function open(deps: MuteDeps, o: { config?: string; out: string }, err: (t: string) => void): Promise<{ project: MuteProject; store: Store } | number> {
  let project: MuteProject;
  try {
    project = await deps.loadProject(deps.cwd ?? process.cwd(), o.config);
  } catch (error) {
    err(`mimamori: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  for (const p of project.problems) err(`Warning: ${p}\n`);
  try {
    return { project, store: await historyStore(project.config, o.out, deps.env ?? process.env) };
  } catch (error) {
    err(`${(error as Error).message}\n`);
    return EXIT.outside;
  }
}

/** Posts each text in the channel when Slack is on; says where, or why not. Exit code: 3 when a post failed. */
async function announce(texts: string[], project: MuteProject, o: { slack: boolean }, deps: MuteDeps, say: (t: string) => void, err: (t: string) => void): Promise<number> {
  const slack = o.slack ? slackSettings(project.config, deps.env ?? process.env) : undefined;
  if (!slack) return say(`  not announced: ${o.slack ? 'no SLACK_BOT_TOKEN' : '--no-slack'}\n`), EXIT.ok;
  const post = slackAnnouncer(slack);
  try {
    let channel = '';
    for (const text of texts) ({ channel } = await post(text));
    say(`  announced in Slack (${channel})\n`);
    return EXIT.ok;
  } catch (error) {
    err(`${(error as Error).message}\n  (the store is changed; only the announcement failed)\n`);
    return EXIT.outside;
  }
}

const zoneOf = (project: MuteProject) => project.config.slack?.timeZone ?? 'UTC';

function listing(mutes: Mute[], now: number, timeZone: string, location: string): string {
  if (!mutes.length) return `No mutes in force in ${location}\n`;
  const width = Math.max(...mutes.map((m) => printable(m.target).length));
  const lines = [...mutes].sort((a, b) => a.until - b.until).map((m) =>
    `  ${printable(m.target).padEnd(width)}  until ${shortStampWithZone(m.until, timeZone)} (${formatDuration(m.until - now)} left)  by ${printable(m.by)}${m.reason ? `  ${printable(m.reason)}` : ''}`);
  return `Mutes in force in ${location}\n${lines.join('\n')}\n`;
}

export async function muteMain(argv: string[], deps: MuteDeps): Promise<number> {
  const say = deps.out ?? ((t: string) => void process.stdout.write(t));
  const err = deps.err ?? ((t: string) => void process.stderr.write(t));
  let o;
  try {
    o = parseMute(argv);
  } catch (error) {
    return err(`${(error as Error).message}\n\n${MUTE_USAGE}\n`), EXIT.usage;
  }
  if (o.help) return say(`${MUTE_USAGE}\n`), EXIT.ok;
  const opened = await open(deps, o, err);
  if (typeof opened === 'number') return opened;
  const { project, store } = opened;
  const now = (deps.now ?? Date.now)();
  const warn = (message: string) => err(`Warning: ${message}\n`);
  if (o.list) {
    try {
      return say(listing(await readMutes(store, now, { onUnreadable: warn }), now, zoneOf(project), store.location)), EXIT.ok;
    } catch (error) {
      return err(`${(error as Error).message}\n`), EXIT.outside;
    }
  }
  let target: string;
  try {
    target = resolveTarget(o.target, project.checks);
  } catch (error) {
    return err(`${(error as Error).message}\n`), EXIT.usage;
  }
  const mute: Mute = { target, by: whoMutes(o.by, project.folder, deps.who), ...(o.reason && { reason: o.reason }), since: now, until: now + o.durationMs };
  let replaced: Mute | undefined;
  try {
    ({ replaced } = await addMute(store, mute, now, { onUnreadable: warn }));
  } catch (error) {
    return err(`${(error as Error).message}\n`), EXIT.outside;
  }
  const text = muteStartText(mute, zoneOf(project), replaced);
  say(`${printable(text.replace(/^🔇 /, ''))}\n  in ${store.location}: runs that read it honour it until then; it ends by itself\n`);
  return announce([text], project, o, deps, say, err);
}

export async function unmuteMain(argv: string[], deps: MuteDeps): Promise<number> {
  const say = deps.out ?? ((t: string) => void process.stdout.write(t));
  const err = deps.err ?? ((t: string) => void process.stderr.write(t));
  let o;
  try {
    o = parseUnmute(argv);
  } catch (error) {
    return err(`${(error as Error).message}\n\n${UNMUTE_USAGE}\n`), EXIT.usage;
  }
  if (o.help) return say(`${UNMUTE_USAGE}\n`), EXIT.ok;
  const opened = await open(deps, o, err);
  if (typeof opened === 'number') return opened;
  const { project, store } = opened;
  const now = (deps.now ?? Date.now)();
  let ended;
  try {
    ended = await removeMutes(store, o.target, now, { onUnreadable: (m) => err(`Warning: ${m}\n`) });
  } catch (error) {
    return err(`${(error as Error).message}\n`), EXIT.outside;
  }
  const zone = zoneOf(project);
  if (!ended.removed.length) {
    const check = project.checks.find((c) => c.name === o.target);
    const covering = check ? ended.active.filter((m) => covers(m.target, check)) : [];
    const hint = covering.length
      ? `; ${o.target} is muted through ${covering.map((m) => `${m.target} (until ${shortStampWithZone(m.until, zone)})`).join(' and ')}: unmute that`
      : ended.active.length ? ` (in force: ${ended.active.map((m) => m.target).join(', ')})` : '';
    return say(printable(`Nothing to unmute: no mute of ${o.target} is in force in ${store.location}${hint}`) + '\n'), EXIT.ok;
  }
  const by = whoMutes(o.by, project.folder, deps.who);
  say(printable(`Unmuted ${ended.removed.map((m) => m.target).join(', ')} in ${store.location}`) + '\n');
  return announce(ended.removed.map((m) => muteEndText(m, zone, { by, at: now })), project, o, deps, say, err);
}
