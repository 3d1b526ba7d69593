// The Slack bot token from an SSM SecureString, read once per container (cold start) and cached.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

let cached: Promise<string | undefined> | undefined;

/** SSM gets this long: a hung endpoint (a VPC without one) must not hold the run past its deadline. */
const SSM_TIMEOUT_MS = 3_000;

/** SLACK_TOKEN_PARAMETER names the parameter; SLACK_BOT_TOKEN (local tests) wins when set. */
export function slackToken(env: NodeJS.ProcessEnv = process.env, timeoutMs = SSM_TIMEOUT_MS): Promise<string | undefined> {
  if (env.SLACK_BOT_TOKEN) return Promise.resolve(env.SLACK_BOT_TOKEN);
  const name = env.SLACK_TOKEN_PARAMETER;
  if (!name) return Promise.resolve(undefined);
  const timeout = AbortSignal.timeout(timeoutMs);
  cached ??= new SSMClient({ endpoint: env.AWS_ENDPOINT_URL_SSM || undefined })
    .send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: timeout })
    .then((out) => out.Parameter?.Value || undefined)
    .catch((error: Error) => {
      cached = undefined; // try again on the next invocation
      const why = timeout.aborted ? `SSM did not answer within ${timeoutMs / 1000} s` : `${error.name}: ${error.message}`;
      throw new Error(`Could not read the Slack token from SSM parameter ${name}: ${why}`);
    });
  return cached;
}
