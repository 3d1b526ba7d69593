import {
  formatMs
} from "./chunk-2I6LHTXW.mjs";

// src/store/write-aside.ts
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs/promises";
import { dirname } from "node:path";
async function writeAside(path, data, fs = nodeFs) {
  await fs.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => {
    });
    throw error;
  }
}

// src/store/s3-store.ts
import { createHash } from "node:crypto";

// src/store/store.ts
var DEFAULT_REQUEST_TIMEOUT_MS = 1e4;
var StorageError = class extends Error {
  name = "StorageError";
  constructor(message, options) {
    super(message, options);
  }
};
var WriteConflict = class extends StorageError {
  name = "WriteConflict";
};
function stopReason(signal) {
  const reason2 = signal.reason;
  if (reason2 instanceof Error && reason2.name !== "AbortError") return reason2.message;
  if (typeof reason2 === "string" && reason2) return reason2;
  return "the run was interrupted";
}

// src/store/s3-errors.ts
var NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|TimeoutError|RequestTimeout/i;
var endpointOf = (where) => where.endpoint ?? `the S3 endpoint for ${where.region ?? "the configured region"}`;
function reason(error, where) {
  const name = error.name ?? error.Code ?? "";
  const status = error.$metadata?.httpStatusCode;
  const target = `s3://${where.bucket}/${where.key ?? ""}`;
  if (name === "NoSuchBucket") {
    return `bucket "${where.bucket}" does not exist${where.region ? ` in ${where.region}` : ""}: create it, or fix MIMAMORI_S3_BUCKET`;
  }
  if (name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch" || name === "ExpiredToken" || name === "InvalidToken") {
    return `the AWS credentials were rejected (${name}): check AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or refresh the session`;
  }
  if (name === "AccessDenied" || name === "Forbidden" || status === 403) {
    return `access denied to ${target}: the credentials in use need s3:PutObject, s3:GetObject and s3:ListBucket on the bucket (check the role or profile, and the bucket policy)`;
  }
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(error.message ?? "")) {
    return "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is attached";
  }
  if (name === "PermanentRedirect" || name === "AuthorizationHeaderMalformed" || status === 301) {
    return `bucket "${where.bucket}" is in another region than ${where.region ?? "the configured one"}: set AWS_REGION to the bucket's region`;
  }
  if (/Region is missing/i.test(error.message ?? "")) {
    return "no AWS region configured: set AWS_REGION (or a region in your AWS profile)";
  }
  const code = error.code ?? name;
  if (NETWORK.test(`${code} ${error.message ?? ""}`)) {
    return `${endpointOf(where)} is unreachable (${code || "network error"}): check AWS_ENDPOINT_URL_S3, AWS_REGION and the network`;
  }
  return `${name || "error"}${status ? ` (HTTP ${status})` : ""}: ${error.message ?? "unknown S3 error"}`;
}
function explainS3Error(error, where) {
  const e = error ?? {};
  return new StorageError(`S3 ${where.action} failed: ${reason(e, where)}`, { cause: error });
}
function explainS3Unanswered(error, where, why) {
  return new StorageError(`S3 ${where.action} failed: ${endpointOf(where)} did not answer in time (${why})`, { cause: error });
}
function s3NotTried(where, why) {
  return new StorageError(`S3 ${where.action} not tried: ${why}`);
}
function unansweredEarlier(where) {
  return `${endpointOf(where)} did not answer in time earlier in this run`;
}
function s3WriteConflict(error, where, condition) {
  const e = error ?? {};
  const name = e.name ?? e.Code ?? "";
  const status = e.$metadata?.httpStatusCode;
  const target = `s3://${where.bucket}/${where.key ?? ""}`;
  let what;
  if (status === 412 || name === "PreconditionFailed") {
    what = condition.ifMatch === void 0 ? `${target} already exists` : `${target} changed since it was read`;
  } else if (name === "ConditionalRequestConflict") {
    what = `another write to ${target} was in progress`;
  } else if (condition.ifMatch !== void 0 && name === "NoSuchKey") {
    what = `${target} no longer exists`;
  }
  if (!what) return void 0;
  return new WriteConflict(`S3 ${where.action} failed: ${what} (${name || "error"}${status ? `, HTTP ${status}` : ""}): read it again and retry`, { cause: error });
}

// src/store/s3-store.ts
async function openS3Store(settings, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, wrapClient) {
  const [sdk, presigner] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/s3-request-presigner")]);
  const client = createS3Client(sdk, settings, requestTimeoutMs);
  return new S3Store(sdk, presigner, wrapClient ? wrapClient(client) : client, settings, requestTimeoutMs);
}
function createS3Client(sdk, settings, requestTimeoutMs) {
  const tryMs = Math.max(250, Math.floor(requestTimeoutMs / 2));
  const config = {
    region: settings.region,
    // The standard retry strategy (4 tries, exponential backoff) inside the call's bound; the call's AbortSignal
    // stops the try in flight and the retries.
    maxAttempts: 4,
    retryMode: "standard",
    // throwOnRequestTimeout: a try that times out fails (and is retried) instead of only logging a warning.
    requestHandler: { connectionTimeout: Math.min(3e3, tryMs), requestTimeout: tryMs, throwOnRequestTimeout: true }
  };
  if (settings.endpoint) {
    Object.assign(config, {
      endpoint: settings.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED"
    });
  }
  return new sdk.S3Client(config);
}
function untilAborted(promise, signal) {
  return new Promise((resolve2, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve2, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
var SLOW_UPLINK_BYTES_PER_S = 256 * 1024;
var METADATA_VALUE_BYTES = 400;
function asciiMetadata(metadata = {}) {
  const encode = (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return "%EF%BF%BD";
    }
  };
  const bounded = (value) => {
    let out = "";
    for (const ch of value) {
      const encoded = encode(ch);
      if (out.length + encoded.length > METADATA_VALUE_BYTES) break;
      out += encoded;
    }
    return out;
  };
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, bounded(v)]));
}
var S3Store = class {
  constructor(sdk, presigner, client, settings, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
    this.sdk = sdk;
    this.presigner = presigner;
    this.client = client;
    this.settings = settings;
    this.requestTimeoutMs = requestTimeoutMs;
    this.location = `s3://${settings.bucket}/${settings.prefix}`;
  }
  sdk;
  presigner;
  client;
  settings;
  requestTimeoutMs;
  kind = "s3";
  location;
  where(action, key) {
    return { action, bucket: this.settings.bucket, key: key && this.settings.prefix + key, region: this.settings.region, endpoint: this.settings.endpoint };
  }
  /**
   * Runs one call with its deadline: the run's signal and this store's request timeout, whichever comes first.
   * A call that cannot start (no time left, stopped, S3 already silent in this run) is not tried at all.
   * Errors `answered` accepts (no such key, a write conflict) are S3's answer and are passed on as they are.
   */
  async call(action, key, options, fn, answered) {
    const where = this.where(action, key);
    const run = options?.signal;
    if (run?.aborted) throw s3NotTried(where, stopReason(run));
    if (options?.breaker?.tripped) throw s3NotTried(where, options.breaker.tripped);
    const timeoutMs = options?.timeoutMs ?? this.requestTimeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      return await fn(run ? AbortSignal.any([run, timeout.signal]) : timeout.signal);
    } catch (error) {
      if (answered?.(error)) throw error;
      if (run?.aborted) throw explainS3Unanswered(error, where, `stopped: ${stopReason(run)}`);
      if (timeout.signal.aborted) {
        if (options?.breaker) options.breaker.tripped ??= unansweredEarlier(where);
        throw explainS3Unanswered(error, where, `no answer within ${formatMs(timeoutMs)}`);
      }
      throw explainS3Error(error, where);
    } finally {
      clearTimeout(timer);
    }
  }
  put(key, body, options) {
    const Body = typeof body === "string" ? Buffer.from(body) : body;
    const timeoutMs = (options.timeoutMs ?? this.requestTimeoutMs) + Math.round(Body.length / SLOW_UPLINK_BYTES_PER_S * 1e3);
    const action = `upload of ${key}`;
    const { ifMatch, ifNoneMatch } = options;
    const conditional = ifMatch !== void 0 || ifNoneMatch !== void 0;
    return this.call(action, key, { ...options, timeoutMs }, async (abortSignal) => {
      try {
        await this.client.send(new this.sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.settings.prefix + key,
          Body,
          ContentType: options.contentType,
          Metadata: asciiMetadata(options.metadata),
          IfMatch: ifMatch,
          IfNoneMatch: ifNoneMatch
        }), { abortSignal });
      } catch (error) {
        const conflict = conditional ? s3WriteConflict(error, this.where(action, key), { ifMatch, ifNoneMatch }) : void 0;
        if (conflict && await this.landedEarlier(error, key, Body, abortSignal)) return;
        throw conflict ?? error;
      }
    }, (error) => error instanceof WriteConflict);
  }
  /**
   * An SDK retry of a conditional upload whose first try did land (the answer was lost) finds its own write and gets
   * 412: the object then holds exactly our bytes (a single-part ETag is their MD5; with SSE-KMS it is not, and this
   * stays a conflict), and the write counts as done — else the caller would read its own update back and apply it twice.
   */
  async landedEarlier(error, key, body, abortSignal) {
    if ((error.$metadata?.attempts ?? 1) < 2) return false;
    try {
      const head = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.settings.prefix + key }), { abortSignal });
      return head.ETag?.replace(/"/g, "") === createHash("md5").update(body).digest("hex");
    } catch {
      return false;
    }
  }
  async get(key, options) {
    return (await this.download(key, options))?.bytes;
  }
  async getVersioned(key, options) {
    const found = await this.download(key, options);
    if (!found) return void 0;
    if (!found.etag) throw new StorageError(`S3 download of ${key} failed: ${this.settings.endpoint ?? "S3"} sent no ETag, so the object cannot be updated safely`);
    return { bytes: found.bytes, version: found.etag };
  }
  async download(key, options) {
    const isMissing = (error) => error instanceof this.sdk.NoSuchKey || error.name === "NoSuchKey";
    try {
      return await this.call(`download of ${key}`, key, options, async (abortSignal) => {
        const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.settings.prefix + key }), { abortSignal });
        return { bytes: Buffer.from(await out.Body.transformToByteArray()), etag: out.ETag };
      }, isMissing);
    } catch (error) {
      if (isMissing(error)) return void 0;
      throw error;
    }
  }
  list(prefix, options) {
    return this.call(`listing of ${prefix || "/"}`, prefix, options, async (abortSignal) => {
      const full = this.settings.prefix + prefix;
      const listing = { folders: [], keys: [] };
      let token;
      do {
        const page = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: full, Delimiter: "/", ContinuationToken: token }), { abortSignal });
        listing.folders.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix.slice(this.settings.prefix.length)));
        listing.keys.push(...(page.Contents ?? []).map((o) => o.Key.slice(this.settings.prefix.length)));
        token = page.IsTruncated ? page.NextContinuationToken : void 0;
      } while (token);
      return listing;
    });
  }
  /**
   * A presigned GET and, on AWS, the object's console page. A presigned URL works until the earlier of its own expiry
   * and the end of the credentials that signed it (a role's session ends in hours, whatever X-Amz-Expires says):
   * `expiresAt` is that real end, and `endsWithSession` says when the credentials are temporary but do not tell their
   * end (Lambda's role reaches the SDK as a session token without an expiration).
   */
  async link(key, options) {
    const full = this.settings.prefix + key;
    const expiresIn = this.settings.linkExpirySeconds;
    const signed = await this.call(`presigning of ${key}`, key, { signal: options?.signal, timeoutMs: options?.timeoutMs }, (signal) => untilAborted(this.presign(full, expiresIn), signal));
    const link = { url: signed.url, expiresAt: new Date(signed.endsAt).toISOString() };
    if (signed.endsWithSession) link.endsWithSession = true;
    if (!this.settings.endpoint) {
      const region = this.settings.region ?? await this.client.config.region();
      link.consoleUrl = `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(this.settings.bucket)}?region=${encodeURIComponent(region)}&bucketType=general&prefix=${encodeURIComponent(full)}`;
    }
    return link;
  }
  /**
   * Signs with the client's credentials, read just before and after: the provider is memoised, so the signer used one
   * of them (a refresh in between gives two), and the earlier end of the two is the URL's.
   */
  async presign(full, expiresIn) {
    const before = await this.client.config.credentials();
    const signedAt = Date.now();
    const url = await this.presigner.getSignedUrl(this.client, new this.sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: full }), { expiresIn });
    const after = await this.client.config.credentials();
    const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(new URL(url).searchParams.get("X-Amz-Date") ?? "");
    const start = date ? Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]) : signedAt;
    let endsAt = start + expiresIn * 1e3;
    let endsWithSession = false;
    for (const credentials of [before, after]) {
      if (credentials.expiration) endsAt = Math.min(endsAt, credentials.expiration.getTime());
      else if (credentials.sessionToken) endsWithSession = true;
    }
    return { url, endsAt, endsWithSession };
  }
};

// src/store/local-store.ts
import { createHash as createHash2, randomBytes as randomBytes2 } from "node:crypto";
import { mkdir, open, readdir, readFile, stat, unlink } from "node:fs/promises";
import { dirname as dirname2, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
var STALE_LOCK_MS = 5e3;
var versionOf = (bytes) => createHash2("sha256").update(bytes).digest("hex");
var orMissing = (e) => {
  if (e.code === "ENOENT") return void 0;
  throw e;
};
var LocalStore = class {
  kind = "local";
  location;
  constructor(folder) {
    this.location = resolve(folder);
  }
  path(key) {
    return join(this.location, ...key.split("/"));
  }
  async put(key, body, options) {
    const path = this.path(key);
    await mkdir(dirname2(path), { recursive: true });
    const release = await this.lock(path);
    try {
      const { ifMatch, ifNoneMatch } = options;
      if (ifMatch !== void 0 || ifNoneMatch !== void 0) {
        const current = await readFile(path).catch(orMissing);
        const refused = (why) => new WriteConflict(`write of ${key} to ${this.location} failed: ${why}: read it again and retry`);
        if (ifNoneMatch === "*" && current) throw refused("it already exists");
        if (ifMatch !== void 0 && !current) throw refused("it no longer exists");
        if (ifMatch !== void 0 && versionOf(current) !== ifMatch) throw refused("it changed since it was read");
      }
      await writeAside(path, body);
    } finally {
      await release();
    }
  }
  /**
   * Takes `<object>.lock` (created exclusively, holding a token of ours) and returns its release, which removes it
   * only if it is still ours (a slow holder whose lock was broken must not remove the next holder's).
   */
  async lock(path) {
    const lockPath = `${path}.lock`;
    const token = `${process.pid}-${randomBytes2(8).toString("hex")}`;
    const ours = async () => await readFile(lockPath, "utf8").catch(orMissing) === token;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        const handle = await open(lockPath, "wx");
        await handle.writeFile(token).finally(() => handle.close()).catch(async (error) => {
          await unlink(lockPath).catch(orMissing);
          throw error;
        });
        return async () => {
          if (await ours()) await unlink(lockPath).catch(orMissing);
        };
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      const found = await readFile(lockPath, "utf8").catch(orMissing);
      const held = await stat(lockPath).catch(orMissing);
      if (found !== void 0 && held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
        if (await readFile(lockPath, "utf8").catch(orMissing) === found) await unlink(lockPath).catch(orMissing);
        continue;
      }
      await sleep(wait + Math.random() * wait);
    }
  }
  async get(key) {
    return readFile(this.path(key)).catch(orMissing);
  }
  async getVersioned(key) {
    const bytes = await this.get(key);
    return bytes && { bytes, version: versionOf(bytes) };
  }
  async list(prefix) {
    const entries = await readdir(this.path(prefix), { withFileTypes: true }).catch(() => []);
    return {
      folders: entries.filter((e) => e.isDirectory()).map((e) => `${prefix}${e.name}/`).sort(),
      // Writes in progress (`.tmp`) and their locks (`.lock`) are not objects.
      keys: entries.filter((e) => e.isFile() && !e.name.endsWith(".tmp") && !e.name.endsWith(".lock")).map((e) => `${prefix}${e.name}`).sort()
    };
  }
  async link(key) {
    return { url: this.path(key) };
  }
};

// src/store/settings.ts
var MAX_LINK_EXPIRY_SECONDS = 7 * 24 * 3600;
function normalisePrefix(prefix = "") {
  const p = prefix.replace(/^\/+/, "");
  return p === "" || p.endsWith("/") ? p : `${p}/`;
}
function linkExpiry(value) {
  if (value === void 0 || value === "") return MAX_LINK_EXPIRY_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_LINK_EXPIRY_SECONDS) {
    throw new StorageError(`MIMAMORI_LINK_EXPIRY must be whole seconds from 1 to ${MAX_LINK_EXPIRY_SECONDS} (7 days), got '${value}'`);
  }
  return seconds;
}
function s3Settings(config, env = process.env) {
  const bucket = env.MIMAMORI_S3_BUCKET || config.s3?.bucket;
  if (!bucket) return void 0;
  return {
    bucket,
    prefix: normalisePrefix(env.MIMAMORI_S3_PREFIX ?? config.s3?.prefix),
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || void 0,
    endpoint: env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || void 0,
    linkExpirySeconds: linkExpiry(env.MIMAMORI_LINK_EXPIRY ?? config.s3?.linkExpirySeconds)
  };
}
async function remoteStore(config, env = process.env, requestTimeoutMs) {
  const settings = s3Settings(config, env);
  return settings && openS3Store(settings, requestTimeoutMs);
}
async function historyStore(config, out, env = process.env) {
  return await remoteStore(config, env) ?? new LocalStore(out);
}

// src/result/evidence.ts
function storyScreenshot(result, withBytes = false) {
  const shots = withBytes ? result.screenshots.filter((s) => s.bytes) : result.screenshots;
  return shots.find((s) => s.kind === "failure") ?? shots[shots.length - 1];
}
function firstLine(text) {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t) return t;
  }
  return "";
}

// src/store/layout.ts
import { createHash as createHash3 } from "node:crypto";
var MAX_SEGMENT_BYTES = 200;
var HASH_LENGTH = 8;
var SHORTENED = new RegExp(`~[0-9a-f]{${HASH_LENGTH}}$`);
function encodeChar(ch) {
  if (/^[\p{L}\p{N}_.-]$/u.test(ch)) return ch;
  if (new RegExp("^\\p{Cs}$", "u").test(ch)) return `%u${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  return encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function keySegment(name) {
  const nfc = name.normalize("NFC");
  const units = Array.from(nfc, encodeChar);
  const encoded = units.join("");
  if (Buffer.byteLength(encoded) <= MAX_SEGMENT_BYTES && !SHORTENED.test(encoded)) {
    return /^\.{1,2}$/.test(encoded) ? encoded.replace(/\./g, "%2E") : encoded;
  }
  const hash = createHash3("sha256").update(nfc).digest("hex").slice(0, HASH_LENGTH);
  const room = MAX_SEGMENT_BYTES - 1 - HASH_LENGTH;
  let kept = "";
  let bytes = 0;
  for (const unit of units) {
    bytes += Buffer.byteLength(unit);
    if (bytes > room) break;
    kept += unit;
  }
  return `${kept}~${hash}`;
}
function runFolder(check, runId, startedAt) {
  const d = new Date(startedAt);
  const pad = (n) => String(n).padStart(2, "0");
  return `runs/${keySegment(check)}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${runId}/`;
}
var RESULT_FILE = "result.json";
var pad2 = (n) => String(n).padStart(2, "0");
function utcDay(t) {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
function historyMonthFolder(check, year, month) {
  return `history/${keySegment(check)}/${year}/${pad2(month)}/`;
}
function historyDayKey(check, t) {
  const d = new Date(t);
  return `${historyMonthFolder(check, d.getUTCFullYear(), d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}.json`;
}
function stateKey(check) {
  return `state/${keySegment(check)}.json`;
}
function baselineKey(check, name) {
  return `baselines/${keySegment(check)}/${keySegment(name)}.png`;
}
function checkFromSegment(segment) {
  const shortened = SHORTENED.test(segment);
  const kept = shortened ? segment.slice(0, -(HASH_LENGTH + 1)) : segment;
  let name;
  try {
    name = decodeURIComponent(kept);
  } catch {
    name = kept;
  }
  return shortened ? `${name}\u2026` : name;
}

// src/store/read-json.ts
var MalformedObject = class extends Error {
  name = "MalformedObject";
};
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function parseJsonObject(bytes, key, shape) {
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return { unreadable: `${key} is not JSON (${bytes.length ? error.message : "it is empty"})` };
  }
  try {
    return { value: shape(json) };
  } catch (error) {
    if (error instanceof MalformedObject) return { unreadable: `${key} is malformed (${error.message})` };
    throw error;
  }
}
async function readJsonObject(store, key, shape, options = {}) {
  const { onUnreadable, ...call } = options;
  const found = await store.getVersioned(key, call);
  if (!found) return {};
  const parsed = parseJsonObject(found.bytes, key, shape);
  if ("value" in parsed) return { value: parsed.value, version: found.version };
  const unreadable = `${parsed.unreadable} in ${store.location}: read as none, the next write replaces it`;
  onUnreadable?.(unreadable);
  return { version: found.version, unreadable };
}

export {
  storyScreenshot,
  firstLine,
  writeAside,
  keySegment,
  runFolder,
  RESULT_FILE,
  utcDay,
  historyMonthFolder,
  historyDayKey,
  stateKey,
  baselineKey,
  checkFromSegment,
  DEFAULT_REQUEST_TIMEOUT_MS,
  StorageError,
  WriteConflict,
  stopReason,
  MalformedObject,
  isRecord,
  parseJsonObject,
  readJsonObject,
  LocalStore,
  openS3Store,
  S3Store,
  s3Settings,
  historyStore
};
