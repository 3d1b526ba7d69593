// X-Ray on Lambda (template.yaml `Tracing: Active`): Powertools Tracer for the handler's segment, the S3 client's
// calls and every HTTPS request (Slack's Web API included: the tracer captures http/https and fetch globally), and the
// invocation's trace id for the result and the Slack message's "X-Ray trace" link.
// Off the Lambda runtime (no AWS_EXECUTION_ENV: the CLI, tests, `sam local`) or with POWERTOOLS_TRACE_ENABLED=false,
// the tracer is a no-op: it patches nothing and records nothing.
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: 'mimamori' });

/** An X-Ray trace id: `1-` + 8 hex digits (the epoch seconds) + `-` + 24 hex digits. */
const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/** The trace id (the Root) of Lambda's `_X_AMZN_TRACE_ID` (`Root=1-…;Parent=…;Sampled=1`), if there is one. */
export function xrayTraceId(header: string | undefined): string | undefined {
  const root = /(?:^|;)\s*Root=([^;\s]+)/.exec(header ?? '')?.[1];
  return root && TRACE_ID.test(root) ? root : undefined;
}

/** The trace in the CloudWatch console's X-Ray traces view. */
export function xrayTraceUrl(traceId: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#xray:traces/${traceId}`;
}

/** This invocation's trace (id and console link) from the runtime's environment, or undefined off Lambda. */
export function invocationTrace(env: NodeJS.ProcessEnv): { traceId: string; url?: string } | undefined {
  const traceId = xrayTraceId(env._X_AMZN_TRACE_ID);
  if (!traceId) return undefined;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return { traceId, url: region ? xrayTraceUrl(traceId, region) : undefined };
}
