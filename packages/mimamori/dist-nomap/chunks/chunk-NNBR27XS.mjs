import {
  within
} from "./chunk-PU65TNXR.mjs";
import {
  stripAnsi
} from "./chunk-NJ6TXVNI.mjs";
import {
  CREDENTIAL_HEADER,
  HOST_CREDENTIALS,
  structuralRedactor
} from "./chunk-XH4PHW73.mjs";

// src/check/secrets-file.ts
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
var DEFAULT_SECRETS_FILE = ".env";
var MIN_SECRET_LENGTH = 4;
function secretsFilePath(config, configFile, cwd) {
  return resolve(configFile ? dirname(configFile) : cwd, config.secretsFile ?? DEFAULT_SECRETS_FILE);
}
var LINE = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/gm;
function parseEnvFile(text) {
  const values = {};
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  for (const [, key, raw = ""] of source.matchAll(LINE)) {
    let value = raw.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && value.endsWith(quote) && value.length > 1) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    }
    values[key] = value;
  }
  return values;
}
function loadSecretsFile(path, label, env = process.env) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return { applied: [] };
    return { applied: [], problem: { file: label, message: `cannot be read: ${error.message}` } };
  }
  const applied = [];
  for (const [key, value] of Object.entries(parseEnvFile(text))) {
    if (env[key] !== void 0) continue;
    env[key] = value;
    applied.push(key);
  }
  return { applied };
}
function declaredSecrets(names, env) {
  const own = {};
  for (const name of names) {
    if (HOST_CREDENTIALS.includes(name)) continue;
    const value = env[name];
    if (value !== void 0) own[name] = value;
  }
  return own;
}
function unloadSecretsFile(load, env = process.env) {
  for (const name of load.applied) delete env[name];
}
function secretProblems(checks, env, fileLabel) {
  return checks.flatMap((check) => check.secrets.flatMap((name) => {
    const value = env[name];
    const problem = (message) => [{ file: check.file, field: "secrets", message, severity: "error" }];
    if (value === void 0 || value === "") {
      return problem(`${name} is declared but not set: set it in the environment or in ${fileLabel} (never commit it)`);
    }
    if (value.length < MIN_SECRET_LENGTH) {
      return problem(`${name} is too short to be redacted safely (fewer than ${MIN_SECRET_LENGTH} characters): use the real secret`);
    }
    return [];
  }));
}

// src/runner/errors.ts
import { inspect, types } from "node:util";
var CheckFailure = class extends Error {
  constructor(name, message, failureClass, options) {
    super(message, options);
    this.name = name;
    this.failureClass = failureClass;
  }
  name;
  failureClass;
};
var stepTimeout = (step, ms) => new CheckFailure("StepTimeoutError", `Step "${step}" timed out after ${ms} ms (its timeout option)`, "timeout");
var runTimeout = (ms) => new CheckFailure("CheckTimeoutError", `Check timed out after ${ms} ms (timeoutMs)`, "timeout");
var overBudget = (what, durationMs, maxMs) => new CheckFailure("ResponseTimeError", `${what} took ${durationMs} ms, over its maxResponseTime of ${maxMs} ms`, "timeout");
var httpStatus = (method, url, status, expected) => new CheckFailure("HttpStatusError", `${method} ${url} answered HTTP ${status}${expected ? `, expected ${expected.join(" or ")} (expectedStatus)` : ""}`, "network");
var stoppedEarly = () => new CheckFailure("CheckTimeoutError", "Stopped before the Lambda deadline, to leave time to store and notify", "timeout");
var pageCrash = () => new CheckFailure("PageCrashError", "The page crashed (renderer process died \u2014 often out of memory)", "runner");
var browserGone = () => new CheckFailure("BrowserClosedError", "The browser closed or crashed during the check", "runner");
var NETWORK = /net::ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|CONNECTION_|ADDRESS_|CERT_|SSL_|BAD_SSL|EMPTY_RESPONSE|INTERNET_DISCONNECTED|NETWORK_|TUNNEL_|PROXY_|TIMED_OUT|INVALID_RESPONSE|HTTP2_|QUIC_|ABORTED|FAILED|SOCKET_|TOO_MANY_REDIRECTS|UNSAFE_PORT|BLOCKED)/;
var BROWSER_GONE = /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected|Target crashed/i;
function isCheckFailure(value) {
  try {
    return value instanceof CheckFailure;
  } catch {
    return false;
  }
}
function classify(error) {
  if (isCheckFailure(error)) return error.failureClass;
  try {
    const e = error;
    const message = typeof e?.message === "string" ? e.message : "";
    if (e?.matcherResult !== void 0) return "assertion";
    if (NETWORK.test(message)) return "network";
    if (e?.name === "TimeoutError") return "timeout";
    if (BROWSER_GONE.test(message)) return "runner";
  } catch {
  }
  return "assertion";
}
var INSPECT = { depth: 2, breakLength: Infinity, compact: true, maxArrayLength: 10, maxStringLength: 200, colors: false };
var MAX_SHOWN = 1e3;
var ADVICE = "throw an Error (throw new Error('what went wrong')) to get a message and a stack";
var shown = (value) => {
  const text = inspect(value, INSPECT);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}\u2026` : text;
};
function errorLike(value) {
  return types.isNativeError(value) || value instanceof Error || typeof value.message === "string";
}
function describeThrown(value) {
  try {
    if (typeof value === "string") return { name: "Error", message: value };
    if (value === null || typeof value !== "object" && typeof value !== "function") {
      return { name: "Error", message: `The check threw ${shown(value)} instead of an Error: ${ADVICE}` };
    }
    if (!errorLike(value)) return { name: "Error", message: shown(value) };
    const name = typeof value.name === "string" && value.name ? value.name : "Error";
    const message = String(value.message) || `${name} with no message`;
    return { name, message, stack: typeof value.stack === "string" ? value.stack : void 0 };
  } catch {
    return { name: "Error", message: `The check threw a value that cannot be shown: ${ADVICE}` };
  }
}
function toErrorInfo(error, step, failureClass = classify(error)) {
  const { name, message, stack } = describeThrown(error);
  const info = { name, message: stripAnsi(message), class: failureClass };
  if (stack && !isCheckFailure(error)) info.stack = stripAnsi(stack);
  if (step !== void 0) info.step = step;
  return info;
}

// src/runner/attempt-result.ts
var noPageErrors = () => ({ consoleErrors: 0, failedRequests: 0, samples: [] });
function runnerFailure(attempt, startedAt, error) {
  return {
    attempt,
    status: "failed",
    startedAt,
    durationMs: Date.now() - startedAt,
    steps: [],
    navigations: [],
    screenshots: [],
    pageErrors: noPageErrors(),
    error: toErrorInfo(error, void 0, "runner")
  };
}

// src/runner/worker-protocol.ts
var TAINTED = "tainted";
var WORKER_LOAD_ONLY_ENV = "MIMAMORI_WORKER_LOAD_ONLY";
var WORKER_TMP_ENV = "MIMAMORI_WORKER_TMP";
var RENDER_TIMEOUT_MS = 5e3;
var RENDER_READY_MS = 2e3;
var BEAT_MS = 250;

// src/runner/worker-env.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function workerEnv(env = process.env) {
  let tmp;
  try {
    tmp = mkdtempSync(join(tmpdir(), "mimamori-worker-"));
  } catch {
  }
  const own = withoutHostCredentials(env);
  return { env: tmp ? { ...own, [WORKER_TMP_ENV]: tmp } : own, tmp };
}
function withoutHostCredentials(env) {
  const own = { ...env };
  for (const name of HOST_CREDENTIALS) delete own[name];
  return own;
}
function removeWorkerTmp(tmp) {
  if (!tmp) return;
  try {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  } catch {
  }
}

// src/runner/worker-errors.ts
var seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
var workerBlocked = (timeoutMs, silentMs) => new CheckFailure(
  "CheckBlockedError",
  `The check's code blocked its worker process for ${seconds(silentMs)} without giving control back (a loop that never awaits, like while (true) {}), past the check's timeout of ${timeoutMs} ms; the worker was stopped`,
  "timeout"
);
var workerOverran = (timeoutMs, overMs) => new CheckFailure(
  "CheckTimeoutError",
  `The check did not finish within ${seconds(overMs)} after its timeout of ${timeoutMs} ms; its worker process was stopped`,
  "timeout"
);
var workerDidNotStop = (graceMs) => new CheckFailure(
  "CheckTimeoutError",
  `Stopped before the Lambda deadline: the check (or its worker, still starting) did not stop within ${seconds(graceMs)}, so the worker process was stopped`,
  "timeout"
);
function workerExited(code, signal) {
  const how = signal ? `was killed by ${signal}${signal === "SIGKILL" || signal === "SIGABRT" ? " (often: out of memory)" : ""}` : `exited with code ${code}${code === 0 ? " \u2014 check code must not call process.exit()" : ""}`;
  return new CheckFailure("WorkerExitError", `The worker process running the check ${how}`, "runner");
}
function uncaughtInCheck(error, kind) {
  const what = kind === "rejection" ? "Unhandled rejection in the check (a promise nothing awaited, e.g. expect(\u2026) without await)" : "Uncaught exception in the check (thrown where nothing catches it, e.g. inside a setTimeout callback)";
  const thrown = describeThrown(error);
  const failure = Object.assign(new Error(`${what}: ${thrown.message}`, { cause: error }), {
    name: kind === "rejection" ? "UnhandledRejection" : "UncaughtException",
    // classify() reads these: Playwright's expect errors carry matcherResult.
    matcherResult: error?.matcherResult
  });
  failure.stack = thrown.stack ? `${failure.name}: ${failure.message}
${thrown.stack.split("\n").filter((l) => /^\s+at /.test(l)).join("\n")}` : void 0;
  return failure;
}

// src/runner/trace.ts
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join2 } from "node:path";

// src/runner/zip-entries.ts
import { inflateRawSync } from "node:zlib";
var END_OF_DIRECTORY = 101010256;
var DIRECTORY_ENTRY = 33639248;
var LOCAL_HEADER = 67324752;
var ZipError = class extends Error {
  name = "ZipError";
};
function zipEntries(zip, maxBytes = 256 * 1024 * 1024) {
  let end = zip.length - 22;
  const earliest = Math.max(0, zip.length - 22 - 65535);
  while (end >= earliest && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < earliest) throw new ZipError("not a zip: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 65535 || at === 4294967295) throw new ZipError("zip64 is not supported");
  const entries = /* @__PURE__ */ new Map();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError(`bad central directory entry ${i}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (flags & 1) throw new ZipError(`${name}: encrypted`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`${name}: bad local header`);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (data + compressed > zip.length) throw new ZipError(`${name}: truncated`);
    total += size;
    if (total > maxBytes) throw new ZipError(`inflates to over ${maxBytes} bytes`);
    const raw = zip.subarray(data, data + compressed);
    let contents;
    if (method === 0) contents = Buffer.from(raw);
    else if (method === 8) contents = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
    else throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (contents.length !== size) throw new ZipError(`${name}: ${contents.length} bytes, the directory says ${size}`);
    entries.set(name, contents);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

// src/runner/trace.ts
var MAX_TRACE_BYTES = 10 * 1024 * 1024;
var STOP_TIMEOUT_MS = 1e4;
var tracePolicy = (check) => check.trace ?? "retain-on-failure";
function traceRefusal(check) {
  const why = [];
  if (check.secrets?.length) why.push(`declares secrets (${check.secrets.join(", ")})`);
  if (check.httpCredentials) why.push("sets httpCredentials");
  const headers = Object.keys(check.extraHTTPHeaders ?? {}).filter((name) => CREDENTIAL_HEADER.test(name));
  if (headers.length) why.push(`sends credential headers (${headers.join(", ")})`);
  const inBase = check.baseURL ? structuralRedactor().find(check.baseURL) : [];
  if (inBase.length) why.push(`has credentials in its baseURL (${inBase.join(", ")})`);
  if (why.length === 0) return void 0;
  return `not recorded: the check ${why.join(" and ")}, and a trace holds typed values, request headers and bodies and page snapshots that would carry them unredacted`;
}
async function startTrace(context, check) {
  const policy = tracePolicy(check);
  if (policy === "off") return { stop: async () => void 0 };
  const refusal = traceRefusal(check);
  if (refusal) return { stop: async (keep) => keep || policy === "on" ? { size: 0, skipped: refusal } : void 0 };
  let started;
  try {
    await context.tracing.start({ screenshots: policy === "on", snapshots: true, sources: false });
  } catch (error) {
    started = `recording could not start: ${error?.message ?? String(error)}`;
  }
  return {
    async stop(failed) {
      const keep = failed || policy === "on";
      if (started) return keep ? { size: 0, skipped: started } : void 0;
      if (!keep) {
        await within(context.tracing.stop().catch(() => {
        }), STOP_TIMEOUT_MS);
        return void 0;
      }
      return await saveTrace(context);
    }
  };
}
async function saveTrace(context) {
  let folder;
  try {
    folder = await mkdtemp(join2(tmpdir2(), "mimamori-trace-"));
    const path = join2(folder, "trace.zip");
    const stopped = await within(context.tracing.stop({ path }).then(() => true), STOP_TIMEOUT_MS);
    if (!stopped) return { size: 0, skipped: `writing the trace took over ${STOP_TIMEOUT_MS / 1e3} s` };
    const bytes = await readFile(path);
    if (bytes.length > MAX_TRACE_BYTES) {
      return { size: bytes.length, skipped: `${mb(bytes.length)} is over the ${mb(MAX_TRACE_BYTES)} a trace may take (large pages, many screenshots): not kept` };
    }
    return { bytes, size: bytes.length };
  } catch (error) {
    return { size: 0, skipped: `the trace could not be written: ${error?.message ?? String(error)}` };
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true }).catch(() => {
    });
  }
}
var mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
function screenTrace(trace, redactor = structuralRedactor()) {
  if (!trace.bytes) return trace;
  const found = /* @__PURE__ */ new Set();
  try {
    for (const contents of zipEntries(trace.bytes).values()) {
      const text = contents.toString(contents.includes(0) ? "latin1" : "utf8");
      for (const kind of redactor.find(text)) found.add(kind);
    }
  } catch (error) {
    return { size: trace.size, skipped: `not kept: it could not be read to look for credentials (${error?.message ?? String(error)})` };
  }
  if (found.size === 0) return trace;
  return { size: trace.size, skipped: `not kept: it holds ${[...found].join(" and ")}, and a trace's compressed entries cannot be redacted` };
}

export {
  secretsFilePath,
  loadSecretsFile,
  declaredSecrets,
  unloadSecretsFile,
  secretProblems,
  tracePolicy,
  startTrace,
  screenTrace,
  CheckFailure,
  stepTimeout,
  runTimeout,
  overBudget,
  httpStatus,
  stoppedEarly,
  pageCrash,
  browserGone,
  toErrorInfo,
  noPageErrors,
  runnerFailure,
  TAINTED,
  WORKER_LOAD_ONLY_ENV,
  WORKER_TMP_ENV,
  RENDER_TIMEOUT_MS,
  RENDER_READY_MS,
  BEAT_MS,
  workerEnv,
  removeWorkerTmp,
  workerBlocked,
  workerOverran,
  workerDidNotStop,
  workerExited,
  uncaughtInCheck
};
