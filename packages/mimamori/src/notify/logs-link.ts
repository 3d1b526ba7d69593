// A link straight to one run's log lines in CloudWatch Logs (on Lambda), not to a console home page.

export interface LambdaLogContext {
  region: string;
  logGroup: string;
  logStream: string;
  /**
   * Lambda's request id, the link's filter: the runner's Powertools lines carry it as `function_request_id` (the
   * injectLambdaContext middleware), Lambda's START, END and REPORT lines as `RequestId`. The check's own output
   * (its worker process writes straight to the stream) does not carry it: the stream opened around the run shows it.
   */
  requestId: string;
  /** Epoch ms around the run, to open the stream at the right place. */
  start: number;
  end?: number;
}

/**
 * The CloudWatch console keeps its state in the URL fragment with its own escaping: each value is URI-encoded and
 * then every `%` is written `$25`; the `?`, `=` and `&` of the fragment's query are written `$3F`, `$3D`, `$26`.
 */
const consoleEscape = (value: string) => encodeURIComponent(value).replace(/%/g, '$25');

export function cloudWatchLogsUrl(c: LambdaLogContext): string {
  const query = [
    ['filterPattern', `"${c.requestId}"`],
    ['start', String(c.start - 60_000)],
    ['end', String((c.end ?? c.start) + 15 * 60_000)],
  ].map(([k, v]) => `${k}$3D${consoleEscape(v)}`).join('$26');
  return `https://${c.region}.console.aws.amazon.com/cloudwatch/home?region=${c.region}#logsV2:log-groups/log-group/`
    + `${consoleEscape(c.logGroup)}/log-events/${consoleEscape(c.logStream)}$3F${query}`;
}

/** The context from Lambda's environment, when running there. */
export function lambdaLogContext(requestId: string, start: number, env: NodeJS.ProcessEnv = process.env): LambdaLogContext | undefined {
  const { AWS_REGION: region, AWS_LAMBDA_LOG_GROUP_NAME: logGroup, AWS_LAMBDA_LOG_STREAM_NAME: logStream } = env;
  return region && logGroup && logStream ? { region, logGroup, logStream, requestId, start } : undefined;
}

/** Lines of one log group between two times: one stream's, or every stream's when `logStream` is left out. */
export interface LogLinesContext {
  region: string;
  logGroup: string;
  logStream?: string;
  /** Epoch ms of the first and the last line: the link opens a second either side. */
  start: number;
  end: number;
  /** A CloudWatch Logs filter pattern (`%ERROR|Unhandled%`) narrowing the view; '' or none shows every line. */
  filterPattern?: string;
}

/**
 * The lines in the console's log-events view (the stream's, or the group's search across streams), at their time.
 * Not Logs Insights: its `queryDetail` uses another encoding on top of this one, which cannot be checked here.
 */
export function logLinesUrl(c: LogLinesContext): string {
  const query = [
    ...(c.filterPattern ? [['filterPattern', c.filterPattern]] : []),
    ['start', String(c.start - 1_000)],
    ['end', String(c.end + 1_000)],
  ].map(([k, v]) => `${k}$3D${consoleEscape(v!)}`).join('$26');
  const stream = c.logStream ? `/${consoleEscape(c.logStream)}` : '';
  return `https://${c.region}.console.aws.amazon.com/cloudwatch/home?region=${c.region}#logsV2:log-groups/log-group/`
    + `${consoleEscape(c.logGroup)}/log-events${stream}$3F${query}`;
}
