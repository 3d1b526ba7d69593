// Sends what the alert policy decided to Chatwork (API v2). Chatwork has no threads: an incident's first message is
// its thread ref (`{ room, messageId }`), and replies and the recovery point to it with Chatwork's reply tag `[rp]`.
// The text goes first — its message id is the ref, and the alert must arrive even when the picture cannot — then the
// screenshot as a file (5 MB at most), captioned with a reply to that message.
import type { ThreadRef } from '../episode/thread-ref.ts';
import type { NotificationOutcome } from '../result/types.ts';
import { alertScreenshot, messageKind } from './delivery.ts';
import type { Alert, Delivered, Notifier, NotifierSession, NotifyLimits } from './notifier.ts';
import { CHATWORK_FILE_LIMIT, ChatworkClient, ChatworkError, type ChatworkConnection } from './chatwork-client.ts';
import { buildChatworkCaption, buildChatworkMessage, type ChatworkReplyTo } from './chatwork-message.ts';

export const CHATWORK = 'chatwork';

export interface ChatworkSettings extends ChatworkConnection {
  /** The room alerts go to when the alert names none (CHATWORK_ROOM_ID, or the config's default route). */
  room?: string;
}

/** The incident's first message, if the ref is Chatwork's. */
export function chatworkThreadOf(thread: ThreadRef | undefined): { room: string; messageId: string } | undefined {
  if (thread?.notifier !== CHATWORK || !thread.ref.room || !thread.ref.messageId) return undefined;
  return { room: thread.ref.room, messageId: thread.ref.messageId };
}

const errorInfo = (e: unknown) => ({ name: (e as Error).name, message: (e as Error).message });

export class ChatworkNotifier implements Notifier {
  readonly name = 'Chatwork';
  /** The token's account id (GET /me), looked up once for the reply tag; a failed look-up is tried again later. */
  private account?: Promise<string | undefined>;

  constructor(private readonly settings: ChatworkSettings) {}

  async open(limits: NotifyLimits): Promise<NotifierSession> {
    const client = new ChatworkClient(this.settings, limits);
    const accountId = () => (this.account ??= client.me().catch(() => (this.account = undefined)));
    return new ChatworkSession(client, accountId, this.settings.room);
  }
}

/** One run's deliveries: each alert on its own (Chatwork's limit is per token and far above a run's alerts). */
export class ChatworkSession implements NotifierSession {
  constructor(private readonly client: ChatworkClient, private readonly accountId: () => Promise<string | undefined>, private readonly defaultRoom?: string) {}

  expect(): void {}
  skip(): void {}

  /** Resolves to what was sent; a failure anywhere is the outcome's error, never a throw. */
  async deliver(alert: Alert): Promise<Delivered> {
    try {
      return await this.send(alert);
    } catch (error) {
      return { outcome: { action: alert.decision.action, reason: alert.decision.reason, error: errorInfo(error) } };
    }
  }

  private async send(alert: Alert): Promise<Delivered> {
    const { action, reason } = alert.decision;
    const first = chatworkThreadOf(alert.incident?.thread);
    // A reply or the recovery goes to the room of the first message; otherwise the alert's room, else the default.
    const pointsBack = (action === 'reply' || action === 'recover') && first !== undefined;
    const room = pointsBack ? first.room : alert.channel ?? this.defaultRoom;
    if (!room) {
      const error = { name: 'ChatworkError', message: 'no Chatwork room: set CHATWORK_ROOM_ID (or name a room for the check)' };
      return { outcome: { action, reason, error } };
    }
    const outcome: NotificationOutcome = { action, reason, channel: room };
    const replyTo: ChatworkReplyTo | undefined = pointsBack ? { ...first, accountId: await this.accountId() } : undefined;
    const body = buildChatworkMessage(alert.result, {
      kind: messageKind(alert), runId: alert.runId, timeZone: alert.timeZone, logsUrl: alert.logsUrl, traceUrl: alert.traceUrl,
      incidentOpenedAt: alert.incident?.openedAt, failures: alert.incident?.failures, note: alert.note, replyTo,
    });
    let messageId: string;
    try {
      messageId = await this.client.postMessage(room, body);
    } catch (error) {
      return { outcome: { ...outcome, error: errorInfo(error) } };
    }
    outcome.ts = messageId;
    if (replyTo) outcome.threadTs = replyTo.messageId;
    // The incident's thread from now on: the one it has, or this message when it has none of ours (a recovery ends it).
    const thread: ThreadRef | undefined = alert.incident && action !== 'recover'
      ? (pointsBack ? alert.incident.thread : { notifier: CHATWORK, ref: { room, messageId } })
      : undefined;
    await this.uploadScreenshot(alert, room, messageId, outcome);
    return { outcome, ...(thread && { thread }) };
  }

  /** The story's picture under the alert, replying to it; its failure is recorded beside the sent alert. */
  private async uploadScreenshot(alert: Alert, room: string, messageId: string, outcome: NotificationOutcome): Promise<void> {
    const shot = alertScreenshot(alert.result);
    if (!shot?.bytes) return;
    if (shot.bytes.length > CHATWORK_FILE_LIMIT) {
      outcome.imageSkipped = `the screenshot (${(shot.bytes.length / 1024 / 1024).toFixed(1)} MB) is over Chatwork's 5 MB file limit; the message links to it`;
      return;
    }
    try {
      const to: ChatworkReplyTo = { room, messageId, accountId: await this.accountId() };
      const filename = `${alert.result.name}-${shot.file}`.replace(/[\\/]/g, '_');
      await this.client.uploadFile(room, { bytes: shot.bytes, filename, type: 'image/png' }, buildChatworkCaption(alert.result, shot, to));
    } catch (error) {
      // Screenshots give way first: a rate limit is not waited out for one, the alerts need the requests more.
      if (error instanceof ChatworkError && error.code === 'rate-limited') outcome.imageSkipped = `${error.message}, and the alerts went first`;
      else outcome.imageError = errorInfo(error);
    }
  }
}
