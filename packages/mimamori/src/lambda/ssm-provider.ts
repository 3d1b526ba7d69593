// The one SSM client setup for what the runner reads from Parameter Store (the Slack token, declared secrets):
// Powertools Parameters, one provider — its client and its cache — per endpoint and bound.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

const providers = new Map<string, SSMProvider>();

/**
 * The real endpoint on Lambda (undefined), a local stand-in in tests (AWS_ENDPOINT_URL_SSM); `region` another region's
 * Parameter Store (a probe region reads the home region's secrets), else the function's own.
 */
export function ssmProvider(endpoint: string | undefined, timeoutMs: number, region?: string): SSMProvider {
  const key = `${endpoint ?? ''}\n${timeoutMs}\n${region ?? ''}`;
  let found = providers.get(key);
  if (!found) {
    found = new SSMProvider({
      clientConfig: {
        endpoint,
        ...(region && { region }),
        // One retry at most, each try bounded: the whole read is bounded by its caller anyway, this ends the sockets
        // too (throwOnRequestTimeout: a try that times out fails, instead of only logging a warning).
        maxAttempts: 2,
        requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
      },
    });
    providers.set(key, found);
  }
  return found;
}
