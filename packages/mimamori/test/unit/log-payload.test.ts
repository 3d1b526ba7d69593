// The subscription payload, read: base64 → gunzip → JSON, and a clear error for each way it can be wrong.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadLogPayload, decodeLogPayload, MAX_INFLATED_BYTES } from '../../src/lambda/log-payload.ts';
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

describe('decodeLogPayload: what a delivery may not be', () => {
  it('refuses a payload that inflates past MAX_INFLATED_BYTES (a gzip bomb) before it fills the memory', () => {
    // Megabytes of one character zip to a few KB.
    const bomb = `{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","timestamp":1,"message":"${'A'.repeat(MAX_INFLATED_BYTES)}"}]}`;
    const event = { awslogs: { data: gzipSync(bomb).toString('base64') } };
    expect(() => decodeLogPayload(event)).toThrow(new BadLogPayload(`awslogs.data inflates to more than ${MAX_INFLATED_BYTES} bytes (a gzip bomb?): CloudWatch Logs sends about 1 MB at most`));
    expect(() => decodeLogPayload(logsEvent({ lines: [{ at: T0, message: 'x'.repeat(2_000) }] }), 1_000)).toThrow(/inflates to more than 1000 bytes/);
  });

  it('skips events with an empty id or a timestamp that is not a number, saying which and why; a numeric string is a time', () => {
    const p = decodeLogPayload(encode({ ...dataMessage({ lines: [] }), logEvents: [
      { id: '', timestamp: T0, message: 'a' }, { timestamp: T0, message: 'b' }, { id: 'c', timestamp: 'soon', message: 'c' },
      { id: 'd', timestamp: null, message: 'd' }, null, { id: 'f', timestamp: T0, message: 'f' }, { id: 'g', timestamp: ` ${T0 + 1}`, message: 'g' },
    ] }));
    expect(p.logEvents).toEqual([{ id: 'f', timestamp: T0, message: 'f' }, { id: 'g', timestamp: T0 + 1, message: 'g' }]);
    expect(p.skipped).toEqual([
      { index: 0, why: 'no id ("")' }, { index: 1, why: 'no id (none)' }, { index: 2, why: 'id c: timestamp "soon" is not a number' },
      { index: 3, why: 'id d: timestamp null is not a number' }, { index: 4, why: 'no id (none)' },
    ]);
  });
});
