// SQS on loopback, speaking the JSON protocol the SDK uses for SendMessage and SendMessageBatch; keeps what it got.
// As a FIFO queue (ContentBasedDeduplication off) it keeps one message per MessageDeduplicationId — for its whole
// life, which in a test is well inside SQS's 5-minute window. It refuses a batch SQS would (empty, over 10 entries,
// Ids not distinct), and a test can have it refuse chosen entries, or every call, as SQS does.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SqsEntry {
  Id: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/** A batch entry SQS did not take, as it answers in SendMessageBatch's `Failed`. */
export interface EntryFailure {
  Code: string;
  Message: string;
  SenderFault: boolean;
}

export interface FakeSqs {
  url: string;
  queueUrl: string;
  /** Every call, in order, retries included (also those answered with an error). */
  received: { action: string; input: Record<string, unknown> }[];
  /** The messages on the queue: each deduplication id once, as FIFO deduplication keeps them. */
  queue: { MessageId: string; MessageBody: string; MessageGroupId?: string; MessageDeduplicationId?: string }[];
  /** Sends that SQS accepted but did not enqueue again: a deduplication id it already had. */
  deduplicated: SqsEntry[];
  /** Answers a SendMessageBatch entry as Failed when this returns a failure (the other entries are sent). */
  refuse?: (entry: SqsEntry) => EntryFailure | undefined;
  /** Answers every call with this error (e.g. `{ status: 500, code: 'InternalError', … }`): nothing is sent. */
  callError?: { status: number; code: string; message: string };
  close(): Promise<unknown>;
}

export async function startFakeSqs(): Promise<FakeSqs> {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  let sequence = 0;
  const fake: FakeSqs = {
    url: '', queueUrl: '', received: [], queue: [], deduplicated: [],
    close: () => new Promise((r) => server.close(r)),
  };
  const enqueue = (entry: SqsEntry) => {
    const MessageId = `msg-${++sequence}`;
    if (entry.MessageDeduplicationId !== undefined && fake.queue.some((m) => m.MessageDeduplicationId === entry.MessageDeduplicationId)) fake.deduplicated.push(entry);
    else fake.queue.push({ MessageId, MessageBody: entry.MessageBody, MessageGroupId: entry.MessageGroupId, MessageDeduplicationId: entry.MessageDeduplicationId });
    return { MessageId, MD5OfMessageBody: md5(entry.MessageBody), SequenceNumber: String(sequence).padStart(20, '0') };
  };
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const input = JSON.parse(data || '{}') as Record<string, unknown>;
      fake.received.push({ action, input });
      if (fake.callError) {
        res.writeHead(fake.callError.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${fake.callError.code};Receiver` });
        res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${fake.callError.code}`, message: fake.callError.message }));
        return;
      }
      let out: unknown;
      if (action === 'SendMessage') out = enqueue(input as unknown as SqsEntry);
      else if (action === 'SendMessageBatch') {
        // What SQS refuses of a whole batch: none or more than 10 entries, or two with one Id.
        const entries = input.Entries as SqsEntry[];
        const invalid = entries.length === 0 ? 'EmptyBatchRequest' : entries.length > 10 ? 'TooManyEntriesInBatchRequest'
          : new Set(entries.map((e) => e.Id)).size < entries.length ? 'BatchEntryIdsNotDistinct' : undefined;
        if (invalid) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `AWS.SimpleQueueService.${invalid};Sender` });
          res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${invalid}`, message: `${invalid} (${entries.length} entries)` }));
          return;
        }
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const entry of entries) {
          const failure = fake.refuse?.(entry);
          if (failure) Failed.push({ Id: entry.Id, ...failure });
          else Successful.push({ Id: entry.Id, ...enqueue(entry) });
        }
        out = { Successful, Failed };
      }
      res.writeHead(out ? 200 : 400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(out ?? { __type: 'com.amazonaws.sqs#InvalidAction', message: `not faked: ${action}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.queueUrl = `${fake.url}/123456789012/mimamori-RunQueue.fifo`;
  return fake;
}
