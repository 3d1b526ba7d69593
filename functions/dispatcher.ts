// Lambda: every minute, sends one run request per due check to the FIFO run queue.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { schedules, timeZone } from 'virtual:mimamori-schedules';
import { dueEntries } from '../src/lambda/dispatch.ts';

const sqs = new SQSClient({});

export async function handler(event: Pick<ScheduledEvent, 'time'>): Promise<{ enqueued: string[] }> {
  const entries = dueEntries(schedules, Date.parse(event.time), timeZone);
  for (let i = 0; i < entries.length; i += 10) {
    const batch = entries.slice(i, i + 10);
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.RUN_QUEUE_URL, Entries: batch }));
    if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} run requests: ${out.Failed.map((f) => f.Message).join('; ')}`);
  }
  return { enqueued: entries.map((e) => (JSON.parse(e.MessageBody) as { check: string }).check) };
}
