// Conditional writes (compare-and-swap) through the real @aws-sdk/client-s3: against s3rver, whose fixture adds S3's
// If-Match / If-None-Match on PUT, and against a scripted endpoint for the answers s3rver never gives (409, a retry
// that finds its own write).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3, useS3Credentials } from '../fixtures/s3.ts';
import { remoteStore, s3Settings } from '../../src/store/settings.ts';
import { openS3Store, type S3Store } from '../../src/store/s3-store.ts';
import { WriteConflict, type Store } from '../../src/store/store.ts';

const json = { contentType: 'application/json' };

/**
 * Adds 1 to `{ count }` at `key` `times` times: read with its version, write back on that version, read again on a
 * WriteConflict. `gate` is awaited after the first read, so concurrent loops all start from the same version.
 */
async function increment(store: Store, key: string, times: number, gate: () => Promise<void> = async () => {}): Promise<{ conflicts: number }> {
  let conflicts = 0;
  for (let i = 0; i < times; i++) {
    for (let tries = 1; ; tries++) {
      const found = await store.getVersioned(key);
      const count = found ? (JSON.parse(found.bytes.toString('utf8')) as { count: number }).count : 0;
      if (i === 0 && tries === 1) await gate();
      try {
        await store.put(key, JSON.stringify({ count: count + 1 }), { ...json, ...(found ? { ifMatch: found.version } : { ifNoneMatch: '*' as const }) });
        break;
      } catch (error) {
        if (!(error instanceof WriteConflict) || tries >= 25) throw error;
        conflicts++;
        await sleep(Math.random() * 3);
      }
    }
  }
  return { conflicts };
}

/** Resolves for everyone once `n` callers are waiting. */
function barrier(n: number): () => Promise<void> {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === n) open();
    return opened;
  };
}

let s3: FakeS3;
let store: S3Store;
const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startFakeS3();
  useS3Credentials(s3);
  store = (await remoteStore({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'cas' }))!;
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

describe('conditional writes to S3 (s3rver with the fixture’s If-Match / If-None-Match)', () => {
  it('ifNoneMatch "*" creates the object once; a second create is a WriteConflict and changes nothing', async () => {
    await store.put('state/create.json', '{"first":true}', { ...json, ifNoneMatch: '*' });
    const second = await store.put('state/create.json', '{"first":false}', { ...json, ifNoneMatch: '*' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(WriteConflict);
    expect((second as Error).message).toBe(`S3 upload of state/create.json failed: s3://${s3.bucket}/cas/state/create.json already exists (PreconditionFailed, HTTP 412): read it again and retry`);
    expect(((second as Error).cause as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(412);
    expect((await store.get('state/create.json'))!.toString()).toBe('{"first":true}');
  });

  it('the version getVersioned returns is the ETag S3 reports, and changes with the bytes', async () => {
    await store.put('state/version.json', 'one', json);
    const one = (await store.getVersioned('state/version.json'))!;
    const head = await store.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'cas/state/version.json' }));
    expect(one).toEqual({ bytes: Buffer.from('one'), version: head.ETag });
    await store.put('state/version.json', 'two', json);
    expect((await store.getVersioned('state/version.json'))!.version).not.toBe(one.version);
    expect(await store.getVersioned('state/none.json')).toBeUndefined();
  });

  it('ifMatch with the version read succeeds; with a stale version it is a WriteConflict and changes nothing', async () => {
    await store.put('state/match.json', 'v1', json);
    const v1 = (await store.getVersioned('state/match.json'))!;
    await store.put('state/match.json', 'v2', { ...json, ifMatch: v1.version });
    const v2 = (await store.getVersioned('state/match.json'))!;
    expect(v2.bytes.toString()).toBe('v2');

    const stale = await store.put('state/match.json', 'v2 from a stale read', { ...json, ifMatch: v1.version }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WriteConflict);
    expect((stale as Error).message).toMatch(/state\/match\.json changed since it was read \(PreconditionFailed, HTTP 412\): read it again and retry$/);
    expect((await store.get('state/match.json'))!.toString()).toBe('v2');
  });

  it('ifMatch on an object deleted since it was read is a WriteConflict (S3: 404 NoSuchKey)', async () => {
    await store.put('state/gone.json', 'here', json);
    const read = (await store.getVersioned('state/gone.json'))!;
    await store.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: 'cas/state/gone.json' }));
    const gone = await store.put('state/gone.json', 'back', { ...json, ifMatch: read.version }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(WriteConflict);
    expect((gone as Error).message).toMatch(/no longer exists \(NoSuchKey, HTTP 404\)/);
    expect(await store.get('state/gone.json')).toBeUndefined();
  });

  it('a conflict is an answer, not an outage: the breaker stays untripped', async () => {
    await store.put('state/breaker.json', 'x', json);
    const breaker: { tripped?: string } = {};
    await expect(store.put('state/breaker.json', 'y', { ...json, ifNoneMatch: '*', breaker })).rejects.toBeInstanceOf(WriteConflict);
    expect(breaker.tripped).toBeUndefined();
    await store.put('state/breaker.json', 'z', { ...json, breaker });
  });

  it('two concurrent read-modify-write loops (2×10 increments) lose no update', async () => {
    const gate = barrier(2);
    const runs = await Promise.all([increment(store, 'state/counter.json', 10, gate), increment(store, 'state/counter.json', 10, gate)]);
    expect(JSON.parse((await store.get('state/counter.json'))!.toString())).toEqual({ count: 20 });
    // Both loops first read "no object": one create had to lose, so the race was really run.
    expect(runs[0].conflicts + runs[1].conflicts).toBeGreaterThan(0);
  });

  it('two stores (two S3 clients, as two Lambda invocations) lose no update either', async () => {
    const other = (await remoteStore({}, { ...s3.env, MIMAMORI_S3_PREFIX: 'cas' }))!;
    const gate = barrier(2);
    await Promise.all([increment(store, 'state/two-clients.json', 10, gate), increment(other, 'state/two-clients.json', 10, gate)]);
    expect(JSON.parse((await store.get('state/two-clients.json'))!.toString())).toEqual({ count: 20 });
  });
});

interface Scripted {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** An S3 endpoint that answers each request with the next scripted reply (the request's method goes to `requests`). */
async function scriptedS3(replies: ((req: IncomingMessage, body: Buffer, res: ServerResponse) => void)[]): Promise<Scripted> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(req.method!);
      const reply = replies.shift();
      if (reply) reply(req, Buffer.concat(chunks), res);
      else res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const s3ErrorReply = (status: number, code: string) => (_req: IncomingMessage, _body: Buffer, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
};

describe('S3 answers s3rver never gives', () => {
  let scripted: Scripted | undefined;
  afterAll(async () => scripted?.close());
  const storeAt = async (replies: Parameters<typeof scriptedS3>[0]) => {
    await scripted?.close();
    scripted = await scriptedS3(replies);
    return openS3Store(s3Settings({}, { ...s3.env, AWS_ENDPOINT_URL_S3: scripted.url })!, 5_000);
  };

  it('409 ConditionalRequestConflict is a WriteConflict, sent once (not retried by the SDK), breaker untripped', async () => {
    const conflicted = await storeAt([s3ErrorReply(409, 'ConditionalRequestConflict')]);
    const breaker: { tripped?: string } = {};
    const error = await conflicted.put('state/a.json', '{}', { ...json, ifMatch: '"abc"', breaker }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteConflict);
    expect((error as Error).message).toBe(`S3 upload of state/a.json failed: another write to s3://${s3.bucket}/state/a.json was in progress (ConditionalRequestConflict, HTTP 409): read it again and retry`);
    expect(scripted!.requests).toEqual(['PUT']);
    expect(breaker.tripped).toBeUndefined();
  });

  it('412 is sent once too, and carries the conditional headers the SDK was given', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const refused = await storeAt([(req, body, res) => {
      seen.push({ ifMatch: req.headers['if-match'], ifNoneMatch: req.headers['if-none-match'] });
      s3ErrorReply(412, 'PreconditionFailed')(req, body, res);
    }]);
    await expect(refused.put('state/b.json', '{}', { ...json, ifMatch: '"abc"' })).rejects.toBeInstanceOf(WriteConflict);
    expect(scripted!.requests).toEqual(['PUT']);
    expect(seen).toEqual([{ ifMatch: '"abc"', ifNoneMatch: undefined }]);
  });

  it('an unconditional upload answered 412 stays a plain StorageError', async () => {
    const odd = await storeAt([s3ErrorReply(412, 'PreconditionFailed')]);
    const error = await odd.put('state/c.json', '{}', json).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(WriteConflict);
    expect((error as Error).name).toBe('StorageError');
  });

  it('an SDK retry that finds its own earlier try landed (412, object holds our bytes) counts as written', async () => {
    const body = '{"count":1}';
    const md5 = createHash('md5').update(body).digest('hex');
    const landed = await storeAt([
      s3ErrorReply(500, 'InternalError'), // the first try's write landed, its answer was lost
      s3ErrorReply(412, 'PreconditionFailed'),
      (_req, _body, res) => res.writeHead(200, { etag: `"${md5}"`, 'content-length': String(body.length) }).end(),
    ]);
    await landed.put('state/d.json', body, { ...json, ifMatch: '"before"' });
    expect(scripted!.requests).toEqual(['PUT', 'PUT', 'HEAD']);
  });

  it('…but when the object holds other bytes, it is a WriteConflict', async () => {
    const other = await storeAt([
      s3ErrorReply(500, 'InternalError'),
      s3ErrorReply(412, 'PreconditionFailed'),
      (_req, _body, res) => res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"', 'content-length': '3' }).end(),
    ]);
    await expect(other.put('state/e.json', '{"count":1}', { ...json, ifMatch: '"before"' })).rejects.toBeInstanceOf(WriteConflict);
    expect(scripted!.requests).toEqual(['PUT', 'PUT', 'HEAD']);
  });
});
