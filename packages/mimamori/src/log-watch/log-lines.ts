// The log lines a watch is given: one subscription delivery of a log stream, as CloudWatch Logs sends it (decoded by
// lambda/log-payload.ts).

export interface LogEvent {
  /** CloudWatch's id of the event: the same on every delivery of it (a retried invocation). */
  id: string;
  /** Epoch ms the line was logged at. */
  timestamp: number;
  message: string;
}

/** The decoded payload, as CloudWatch Logs sends it to a subscribed Lambda function. */
export interface LogsPayload {
  /** CONTROL_MESSAGE: CloudWatch checking the destination is reachable (when the filter is created), no log lines. */
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  /** The account the log group is in. */
  owner: string;
  logGroup: string;
  logStream: string;
  /** The subscription filters whose pattern the lines matched: the stack names them `<stack>-<watch>`. */
  subscriptionFilters: string[];
  logEvents: LogEvent[];
  /** Events left out, not of CloudWatch's shape (an empty id, a timestamp that is not a number); only when there are some. */
  skipped?: SkippedEvent[];
}

export interface SkippedEvent {
  /** Its place in the delivery's logEvents. */
  index: number;
  why: string;
}
