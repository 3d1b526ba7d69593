// The contract check authors write against: a check definition, its options, and the project config.
import type { Page, BrowserContext } from 'playwright-core';

/** When screenshots are taken. `final`: the last view, or the view at the point of failure. */
export type ScreenshotPolicy = 'final' | 'every-step' | 'only-on-failure' | 'off';

/**
 * Playwright's trace of an attempt (every action, network request, console line and DOM snapshot), stored as
 * `trace.zip` beside the screenshots. `retain-on-failure` (the default): recorded, kept when the run failed.
 */
export type TracePolicy = 'off' | 'retain-on-failure' | 'on';

export interface Viewport {
  width: number;
  height: number;
}

/** Options a check may set; each also has a project-wide default in the config file. */
export interface CheckOptions {
  description?: string;
  tags?: string[];
  /** Whole run (all steps) must finish within this many ms. Default 60 000. */
  timeoutMs?: number;
  /** A failed attempt is retried this many times (after 1 s, then 2 s, …) before the run counts as failed. Default 2. */
  retries?: number;
  /** ms: a run slower than this is `degraded`. */
  degradedResponseTime?: number;
  /** ms: a run slower than this is `failed`. */
  maxResponseTime?: number;
  screenshot?: ScreenshotPolicy;
  fullPage?: boolean;
  /** CSS selectors whose elements are hidden behind a box in screenshots. */
  mask?: string[];
  /** Playwright trace: `retain-on-failure` (default) keeps the failed run's trace, `on` every run's, `off` none. */
  trace?: TracePolicy;
  viewport?: Viewport;
  /** A Playwright device name (`'iPhone 15'`, `'Desktop Chrome'`); `viewport` still wins when both are set. */
  device?: string;
  locale?: string;
  timezoneId?: string;
  /** EventBridge schedule: `rate(5 minutes)` or `cron(0/10 * * * ? *)`. Used when deployed. */
  schedule?: string;
  /** When and where this check alerts in Slack. */
  alerts?: AlertOptions;
  /**
   * Where this check's alerts go, each target one channel: `[{ slack: 'C…' }, { chatwork: '123456' },
   * { teams: 'TEAMS_URL_SECRET' }, { webhook: 'URL_SECRET_NAME' }]` (Teams and webhook URLs are secrets, named).
   * The check's own wins over `routes` by tag, which win over `defaults.notify`; with none, Slack as `alerts.channel`
   * says (check/notify-route.ts). One target failing never stops the others.
   */
  notify?: NotifyTarget[];
  /**
   * A run clearly slower than the check's own usual is `degraded: slower than usual`, with no budget to set
   * (default on). `false` turns it off; an object tunes the rule.
   */
  slowerThanUsual?: boolean | SlowerThanUsualOptions;
  /**
   * Names of environment variables the check reads (`process.env.LOGIN_PASSWORD`). A declared secret that is not set
   * is a problem with the check (it does not run); its value is replaced by `***` in everything mimamori writes or
   * sends. Locally they come from the environment or the config's `secretsFile` (`.env`); on Lambda from SSM.
   * `defaults.secrets` and a check's own are combined.
   */
  secrets?: string[];
  /** HTTP authentication (basic/digest) for the check's pages, as Playwright's `httpCredentials`. */
  httpCredentials?: HttpCredentials;
  /** Headers sent with every request of the check's pages (`Authorization`, API keys…), as Playwright's. */
  extraHTTPHeaders?: Record<string, string>;
  /** Accept invalid (self-signed, expired) TLS certificates, as Playwright's `ignoreHTTPSErrors`. */
  ignoreHTTPSErrors?: boolean;
  /**
   * The main document's status(es) that count as success, e.g. `401` or `[200, 404]`: any other status fails the
   * run. Default: any status below 400.
   */
  expectedStatus?: number | number[];
  /**
   * Visual change detection (opt-in): the run's final screenshot (with `screenshot: 'every-step'`, every step's) is
   * compared with a baseline kept in the store (`baselines/<check>/<name>.png`, recorded by the first run). A change
   * above `maxDiffPixelRatio` makes the run degraded (or failed). `false` turns it off.
   */
  visual?: false | VisualOptions;
  /**
   * Probe regions that confirm a failure before it becomes an incident (docs/probes.md): `['us-west-2']`. A failing run
   * that would open (or keep open) an incident asks each to run the check now; a passing run asks none. `[]` turns a
   * default off.
   */
  confirmFrom?: string[];
  /** How long a failing run waits for the probe regions' answers (default 60 000 ms, never past the run's deadline). */
  confirmTimeoutMs?: number;
}

export interface VisualOptions {
  /** pixelmatch's per-pixel colour threshold, 0–1 (default 0.1): smaller is stricter. Anti-aliased pixels never count. */
  threshold?: number;
  /** The share of pixels (0–1) that may differ before the run counts as changed (default 0.01, 1 %). */
  maxDiffPixelRatio?: number;
  /** CSS selectors of dynamic regions (dates, ads, carousels) masked in the compared screenshots, besides `mask`. */
  mask?: string[];
  /** What a change does to the run: `degraded` (default) or `failed`. */
  onChange?: 'degraded' | 'failed';
}

/** The visual rule with every default applied. */
export type ResolvedVisual = Required<VisualOptions>;

export interface HttpCredentials {
  username: string;
  password: string;
  /** Send them only to this origin (`https://shop.example.com`); any origin that asks otherwise. */
  origin?: string;
}

export interface SlowerThanUsualOptions {
  /** Slower means at least this many times the usual (default 1.5)… */
  factor?: number;
  /** …and at least this many ms above it (default 50). */
  minDeltaMs?: number;
  /** The median of this many recent runs must be slower too (default 9). */
  window?: number;
  /** Runs the usual is learned from (default 20); "learning" until then. */
  learnRuns?: number;
}

export interface AlertOptions {
  /** `problems` (default): failures, degradation and recovery. `always`: every run, with its screenshot. `never`. */
  notify?: 'problems' | 'always' | 'never';
  /** An incident opens after this many failed runs in a row (default 2: one bad run is not an outage). */
  alertAfter?: number;
  /** While an incident lasts, every Kth failure is also posted to the channel, not only its thread (default 5). */
  remindEvery?: number;
  /** Slack channel (id or name) for this check; SLACK_CHANNEL otherwise. */
  channel?: string;
  /**
   * With `confirmFrom`: what a failure seen from the home region only (every probe region sees the site up) does.
   * `note` (default): one message in the channel, no incident. `incident`: the incident, saying so. `none`: nothing.
   */
  homeOnly?: 'note' | 'incident' | 'none';
}

/** One channel an alert goes to: exactly one of these keys. */
export type NotifyTarget =
  /** A Slack channel (ID or name), through the bot token (SLACK_BOT_TOKEN). */
  | { slack: string }
  /** A Chatwork room id (the digits after `#!rid` in its URL), through the Chatwork token. */
  | { chatwork: string }
  /** The NAME of a secret whose value is a Teams Workflows webhook URL. */
  | { teams: string }
  /** The NAME of a secret whose value is the webhook's URL (its signing key: the secret `<NAME>_SIGNING_KEY`). */
  | { webhook: string };

/** Alerts of the checks that have any of `tags` go to `notify` (every route that matches, targets de-duplicated). */
export interface NotifyRoute {
  tags: string[];
  notify: NotifyTarget[];
}

export interface StepOptions {
  degradedResponseTime?: number;
  maxResponseTime?: number;
  /** ms: the step fails with a timeout after this long. */
  timeout?: number;
}

export type StepFn = <T>(name: string, fn: () => Promise<T> | T, options?: StepOptions) => Promise<T>;

export interface CheckContext {
  page: Page;
  context: BrowserContext;
  step: StepFn;
  /** The resolved base URL, also set as the context's `baseURL`. */
  baseURL: string;
}

export interface CheckDefinition extends CheckOptions {
  /** Unique; names files, S3 keys and Slack messages. */
  name: string;
  run(ctx: CheckContext): Promise<void> | void;
}

/** Starts a server before the run when no BASE_URL is given, like Playwright's `webServer`. */
export interface WebServerConfig {
  command: string;
  /** Polled until it answers; the run starts then. */
  url: string;
  /** ms to wait for `url`. Default 30 000. */
  timeout?: number;
  /** Use a server already answering at `url` instead of starting one. Default false (as Playwright): it is an error. */
  reuseExistingServer?: boolean;
  /** Where `command` runs, relative to the config's folder (default: that folder). */
  cwd?: string;
}

export interface ProjectConfig {
  baseURL?: string;
  /** Folder searched for `*.check.ts` when no files are named, relative to the config's folder. Default `checks`. */
  checksDir?: string;
  webServer?: WebServerConfig;
  /** Defaults for every check option. */
  defaults?: CheckOptions;
  /** Evidence in S3 (environment variables win: MIMAMORI_S3_BUCKET, MIMAMORI_S3_PREFIX, MIMAMORI_LINK_EXPIRY). */
  s3?: S3Config;
  /** The time zone cron() schedules are read in when deployed (default UTC, as EventBridge). */
  scheduleTimeZone?: string;
  /** Slack (the bot token comes only from SLACK_BOT_TOKEN; SLACK_CHANNEL and SLACK_API_URL win over these). */
  slack?: SlackConfig;
  /** Alerts routed by tag: a check's own `notify` wins over these, these over `defaults.notify`. */
  routes?: NotifyRoute[];
  /**
   * A KEY=VALUE file read before a local run, relative to the config's folder (default `.env`; none is fine).
   * Variables already set in the environment win. Keep it out of git.
   */
  secretsFile?: string;
  /** Redaction of what mimamori writes and sends. */
  redact?: RedactConfig;
  /**
   * The daily picture: once a day at `at` (local time), the deployed stack posts one image of every check (latest
   * screenshot, status, 24-h uptime, sparkline) and a one-line summary to Slack. `npm run digest` renders it locally.
   */
  digest?: DigestConfig;
  /**
   * Error-log keywords: the deployed stack subscribes to each watch's log groups and posts the lines matching
   * `pattern` to Slack, with a link to them in CloudWatch Logs — one message per watch per window, more in its thread.
   */
  logWatches?: LogWatchConfig[];
  /** Resource limits: CloudWatch alarms (posted to Slack) when functions and tables near their limits. */
  limitWatches?: LimitWatchConfig;
  /** What `mimamori deploy` passes to `sam deploy`; its flags win, and these win over AWS_REGION and AWS_PROFILE. */
  deploy?: DeployConfig;
  /**
   * Known quiet times (docs/maintenance.md): in a `pause` window the deployed monitor does not run the checks it covers;
   * in a `silence` window they run and are recorded, but alert no one.
   */
  maintenance?: MaintenanceWindow[];
}

/** A weekday as EventBridge writes it. */
export type Weekday = 'SUN' | 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT';

/**
 * Every week (or every day, without `days`) from `from` to `to`, local times 'HH:MM' (`to` may be '24:00'). A `to`
 * earlier than `from` runs past midnight and belongs to the day it starts: FRI 22:00–06:00 is Friday 22:00 to Saturday 06:00.
 */
export interface WeeklyWhen {
  days?: Weekday[];
  from: string;
  to: string;
}

/** From each time the cron fires (read in the window's zone, as a check's schedule is), for `duration` ('30m', '2h', '1h30m', '1d'). */
export interface CronWhen {
  cron: string;
  duration: string;
}

/** Once: ISO date-times; without `Z` or an offset they are local times in the window's zone ('2026-12-24T22:00'). */
export interface OnceWhen {
  start: string;
  end: string;
}

export type MaintenanceWhen = WeeklyWhen | CronWhen | OnceWhen;

export interface MaintenanceWindow {
  /** Names the window in logs, `validate` and messages; unique. */
  name: string;
  /** When the window is open; may be left out when `calendar` gives the days. */
  when?: MaintenanceWhen;
  /** IANA zone of `when` and of the calendar's days (default: Asia/Tokyo with `calendar: 'jp-holidays'`, else scheduleTimeZone, else slack.timeZone, else UTC). */
  timeZone?: string;
  /** 'jp-holidays': the window also covers every Japanese public holiday, whole days in its zone (@holiday-jp/holiday_jp's dataset). */
  calendar?: 'jp-holidays';
  /** `pause`: the deployed monitor does not run the checks. `silence`: they run and are recorded; no alert. */
  mode: 'pause' | 'silence';
  /** Check names the window covers. Neither `checks` nor `tags`: every check. Both: a check named or tagged. */
  checks?: string[];
  /** Tags the window covers: a check with any of them. */
  tags?: string[];
}

export interface DeployConfig {
  /** The CloudFormation stack: a letter, then letters, digits and -, at most 128 characters. */
  stackName?: string;
  /** The AWS region, e.g. 'ap-northeast-1' (default: AWS_REGION, else the profile's). */
  region?: string;
  /** A profile of ~/.aws/config or ~/.aws/credentials (default: AWS_PROFILE, else the default credentials). */
  profile?: string;
  /** The bucket `sam deploy` uploads the bundles and layer to (default: one SAM creates and manages, --resolve-s3). */
  s3Bucket?: string;
  /** template.yaml's parameters (SlackChannel, RunnerTimeoutSeconds…), passed as --parameter-overrides. */
  parameters?: Record<string, string | number | boolean>;
  /** Tags on the stack and every resource it creates. */
  tags?: Record<string, string>;
}

export interface LogWatchConfig {
  /** Names the watch in Slack, in its subscription filters and in its S3 state: letters, digits, - and _. */
  name: string;
  /** The log groups to watch, e.g. '/aws/lambda/api' (in the stack's account and region). */
  logGroups: string[];
  /** Each delivered line this matches is posted, e.g. /ERROR|Unhandled/. */
  pattern: RegExp;
  /**
   * CloudWatch Logs filter pattern: which lines are delivered at all (each delivery is a Lambda invocation). Default:
   * from `pattern` when it is plain words joined by | (/ERROR|Unhandled/ → %ERROR|Unhandled%, CloudWatch's regex form), else '' (every line).
   */
  filterPattern?: string;
  /** Minutes one Slack message collects matches (a count); later matches reply in its thread. Default 5. */
  windowMinutes?: number;
}

export interface LimitWatchConfig {
  /**
   * Lambda functions by name: an alarm when p99 duration reaches `threshold` of the timeout, and one on throttles.
   * CloudWatch has no metric of a function's timeout, so it is given here: keep it equal to the function's.
   */
  functions?: { name: string; timeoutSeconds: number }[];
  /** DynamoDB tables by name: consumed vs provisioned read and write capacity at `threshold`, and throttled requests. */
  tables?: string[];
  /** The share of a limit that alarms. Default 0.8 (80 %). */
  threshold?: number;
}

export interface DigestConfig {
  /** 'HH:MM', 00:00 to 23:59, in `timeZone`. */
  at: string;
  /** IANA time zone of `at` (default `slack.timeZone`, else UTC). */
  timeZone?: string;
}

export interface RedactConfig {
  /** More query-parameter names whose values are secret (case-insensitive), besides the built-in ones (token, key…). */
  queryParams?: string[];
}

export interface SlackConfig {
  channel?: string;
  apiUrl?: string;
  /** Time zone for run times in messages, e.g. `Asia/Tokyo` (default UTC). */
  timeZone?: string;
}

export interface S3Config {
  bucket?: string;
  /** Key prefix, e.g. `prod/`. */
  prefix?: string;
  /** Presigned link lifetime in seconds, at most 7 days (604 800). Default 7 days. */
  linkExpirySeconds?: number;
}

/** A check with every default applied: what the runner runs. */
export interface ResolvedCheck extends Required<Omit<CheckOptions, 'description' | 'degradedResponseTime' | 'maxResponseTime' | 'device' | 'schedule' | 'alerts' | 'slowerThanUsual' | 'httpCredentials' | 'extraHTTPHeaders' | 'ignoreHTTPSErrors' | 'expectedStatus' | 'trace' | 'visual' | 'notify'>> {
  name: string;
  file: string;
  description?: string;
  degradedResponseTime?: number;
  maxResponseTime?: number;
  device?: string;
  schedule?: string;
  /** `homeOnly` absent (options built before it existed): `note`. */
  alerts: Required<Omit<AlertOptions, 'channel' | 'homeOnly'>> & Pick<AlertOptions, 'channel' | 'homeOnly'>;
  /**
   * The check's OWN targets only (not the defaults'): routes by tag come between the two, so they are layered by
   * resolveRoute (check/notify-route.ts), which the pipeline calls.
   */
  notify?: NotifyTarget[];
  /** The rule in full, or false when off. */
  slowerThanUsual: Required<SlowerThanUsualOptions> | false;
  /** Declared secrets of the defaults and the check together (`[]` when none). */
  secrets: string[];
  httpCredentials?: HttpCredentials;
  extraHTTPHeaders?: Record<string, string>;
  ignoreHTTPSErrors?: boolean;
  /** The statuses that count as success, as a list; absent: any status below 400. */
  expectedStatus?: number[];
  /** Absent (a check resolved before the option existed): `retain-on-failure`. */
  trace?: TracePolicy;
  /** The visual rule in full, or false (absent) when off — the default. */
  visual?: ResolvedVisual | false;
  baseURL: string;
  run: CheckDefinition['run'];
}
