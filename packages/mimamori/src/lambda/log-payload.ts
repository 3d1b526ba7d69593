// A CloudWatch Logs subscription delivery, read: `event.awslogs.data` is base64 of gzip of JSON. A payload that is
// none of those says which step failed, so a wrongly wired or hand-made test event is fixed at once.
import { gunzipSync } from 'node:zlib';
import type { LogEvent, LogsPayload, SkippedEvent } from '../log-watch/log-lines.ts';

export type { LogEvent, LogsPayload, SkippedEvent };

/** The event Lambda gets from a subscription filter. */
export interface LogsEvent {
  awslogs: { data: string };
}

export class BadLogPayload extends Error {
  override name = 'BadLogPayload';
}

/**
 * Bytes a payload may inflate to. CloudWatch Logs sends at most about 1 MB of events per delivery; 16 MB leaves room
 * and stops a gzip bomb (a few KB inflating to gigabytes) before it fills the function's memory.
 */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * An event as CloudWatch sends it, or why not: an empty id would collide with every other (and post none but the
 * first), a timestamp that is not a number cannot be placed in a window.
 */
function logEventOf(e: unknown): LogEvent | string {
  const raw = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
  const id = str(raw.id);
  const timestamp = typeof raw.timestamp === 'number' ? raw.timestamp : typeof raw.timestamp === 'string' && raw.timestamp.trim() !== '' ? Number(raw.timestamp) : NaN;
  if (id === '') return `no id (${JSON.stringify(raw.id) ?? 'none'})`;
  if (!Number.isFinite(timestamp)) return `id ${id}: timestamp ${JSON.stringify(raw.timestamp) ?? 'none'} is not a number`;
  return { id, timestamp, message: str(raw.message) };
}

/** The payload of a subscription event; throws BadLogPayload naming what was wrong (not base64, not gzip, not JSON, no logEvents). */
export function decodeLogPayload(event: unknown, maxInflatedBytes = MAX_INFLATED_BYTES): LogsPayload {
  const data = (event as Partial<LogsEvent> | undefined)?.awslogs?.data;
  if (typeof data !== 'string' || data === '') {
    throw new BadLogPayload(`not a CloudWatch Logs subscription event (no awslogs.data): ${JSON.stringify(event)?.slice(0, 200)}`);
  }
  // Buffer.from never fails on bad base64 (it skips what it cannot read): check the alphabet first.
  const compact = data.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new BadLogPayload(`awslogs.data is not base64: ${data.slice(0, 80)}`);
  let text: string;
  try {
    text = gunzipSync(Buffer.from(compact, 'base64'), { maxOutputLength: maxInflatedBytes }).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BadLogPayload(`awslogs.data inflates to more than ${maxInflatedBytes} bytes (a gzip bomb?): CloudWatch Logs sends about 1 MB at most`);
    throw new BadLogPayload(`awslogs.data is not gzip (base64 of gzipped JSON expected): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadLogPayload(`awslogs.data is not JSON once unzipped: ${text.slice(0, 200)}`);
  }
  const p = (json ?? {}) as Record<string, unknown>;
  if (!Array.isArray(p.logEvents)) throw new BadLogPayload(`the payload has no logEvents: ${text.slice(0, 200)}`);
  const messageType = p.messageType === 'CONTROL_MESSAGE' ? 'CONTROL_MESSAGE' : p.messageType === 'DATA_MESSAGE' ? 'DATA_MESSAGE' : undefined;
  if (!messageType) throw new BadLogPayload(`the payload's messageType is neither DATA_MESSAGE nor CONTROL_MESSAGE: ${String(p.messageType)}`);
  const logEvents: LogEvent[] = [];
  const skipped: SkippedEvent[] = [];
  for (const [index, e] of (p.logEvents as unknown[]).entries()) {
    const read = logEventOf(e);
    if (typeof read === 'string') skipped.push({ index, why: read });
    else logEvents.push(read);
  }
  return {
    messageType,
    owner: str(p.owner),
    logGroup: str(p.logGroup),
    logStream: str(p.logStream),
    subscriptionFilters: Array.isArray(p.subscriptionFilters) ? p.subscriptionFilters.filter((f): f is string => typeof f === 'string') : [],
    logEvents,
    ...(skipped.length ? { skipped } : {}),
  };
}
