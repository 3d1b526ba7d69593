// The one way out to Slack (src/notify/slack-sender.ts) with the real WebClient against the fake Slack: posts paced per
// channel, a 429 waited out while its Retry-After fits before the deadline (or handed back to a caller that plans
// around it), and one past the deadline refused at once, saying so.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fixtures/fake-slack.ts';
import { RateLimited } from '../../src/notify/slack-call.ts';
import { SlackError } from '../../src/notify/slack-client.ts';
import { limitsUntil, openSlackSender } from '../../src/notify/slack-sender.ts';

let slack: FakeSlack | undefined;
afterEach(() => slack?.close());

const message = (text: string) => ({ text, attachments: [{ color: '#e01e5a', blocks: [], fallback: text }] });
const sender = (s: FakeSlack, ms = 20_000) => openSlackSender({ token: s.token, apiUrl: s.url }, limitsUntil(Date.now() + ms, 5_000, 'out of time'));
const statuses = (s: FakeSlack, method: string) => s.calls.filter((c) => c.method === method).map((c) => c.status);

describe('the Slack sender', () => {
  it('paces posts into one channel so that Slack allowing one a second never refuses one', async () => {
    slack = await startFakeSlack({ rateLimit: { perSecond: 1 } });
    const out = await sender(slack);
    for (const n of [1, 2, 3]) await out.post('C0ALERTS', message(`alert ${n}`));
    expect(statuses(slack, 'chat.postMessage')).toEqual([200, 200, 200]);
    expect(slack.messages.map((m) => m.text)).toEqual(['alert 1', 'alert 2', 'alert 3']);
  });

  it('waits out a 429 on a post and on an update, then sends them', async () => {
    slack = await startFakeSlack();
    const out = await sender(slack);
    slack.rateLimitNext('chat.postMessage', 1);
    const posted = await out.post('alerts', message('in ALARM'));
    expect(posted.channel).toBe('C0ALERTS');
    slack.rateLimitNext('chat.update', 1);
    await out.update(posted.channel, posted.ts, message('resolved'));
    expect(statuses(slack, 'chat.postMessage')).toEqual([429, 200]);
    expect(statuses(slack, 'chat.update')).toEqual([429, 200]);
    expect(slack.messages[0]!.text).toBe('resolved');
  });

  it('hands a 429 back to a caller that plans around it, the channel paused for its Retry-After', async () => {
    slack = await startFakeSlack();
    const out = await sender(slack);
    slack.rateLimitNext('chat.postMessage', 7);
    await expect(out.post('C0ALERTS', message('alert'), { on429: 'throw' })).rejects.toBeInstanceOf(RateLimited);
    expect(out.lane('C0ALERTS').pacer.blockedUntil).toBeGreaterThan(Date.now() + 5_000);
    expect(out.lane('C0ALERTS').pacer.lastRetryAfter).toBe(7);
  });

  it('refuses at once a Retry-After past the deadline, naming the channel and the wait', async () => {
    slack = await startFakeSlack();
    const out = await sender(slack, 5_000);
    slack.rateLimitNext('chat.postMessage', 30);
    const error = await out.post('C0ALERTS', message('alert'), { action: 'chat.postMessage' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackError);
    expect((error as SlackError).message).toBe('Slack chat.postMessage not sent: Slack rate-limited C0ALERTS (retry after 30 s) past the deadline');
    expect(statuses(slack, 'chat.postMessage')).toEqual([429]);
  });
});
