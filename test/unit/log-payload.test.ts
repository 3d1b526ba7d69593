// The subscription payload, read: base64 → gunzip → JSON, and a clear error for each way it can be wrong.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadLogPayload, decodeLogPayload } from '../../src/lambda/log-payload.ts';
import { controlMessage, dataMessage, encode, eventId, LOG_GROUP, LOG_STREAM, logsEvent, STACK, T0 } from '../fixtures/log-events.ts';

describe('decodeLogPayload', () => {
  it('reads a DATA_MESSAGE: owner, group, stream, filters and every event', () => {
    const p = decodeLogPayload(logsEvent({ lines: [{ at: T0, message: 'ERROR one\n' }, { at: T0 + 5, message: 'ok' }] }));
    expect(p).toEqual({
      messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: LOG_GROUP, logStream: LOG_STREAM, subscriptionFilters: [`${STACK}-api-errors`],
      logEvents: [{ id: eventId(T0, 0), timestamp: T0, message: 'ERROR one\n' }, { id: eventId(T0 + 5, 1), timestamp: T0 + 5, message: 'ok' }],
    });
  });

  it('reads a CONTROL_MESSAGE', () => {
    expect(decodeLogPayload(encode(controlMessage())).messageType).toBe('CONTROL_MESSAGE');
  });

  it('names what is wrong: no awslogs.data, not base64, not gzip, not JSON, no logEvents, another messageType', () => {
    const gz = (text: string) => ({ awslogs: { data: gzipSync(text).toString('base64') } });
    expect(() => decodeLogPayload({ Records: [] })).toThrow(/no awslogs\.data/);
    expect(() => decodeLogPayload({ awslogs: { data: 'not base64!' } })).toThrow(/not base64/);
    expect(() => decodeLogPayload({ awslogs: { data: Buffer.from('{"logEvents":[]}').toString('base64') } })).toThrow(/not gzip/);
    expect(() => decodeLogPayload(gz('{ nope'))).toThrow(/not JSON/);
    expect(() => decodeLogPayload(gz(JSON.stringify({ ...dataMessage({ lines: [] }), logEvents: undefined })))).toThrow(/no logEvents/);
    expect(() => decodeLogPayload(gz(JSON.stringify({ ...dataMessage({ lines: [] }), messageType: 'OTHER' })))).toThrow(/messageType/);
    expect(() => decodeLogPayload(gz('null'))).toThrow(BadLogPayload);
  });
});
