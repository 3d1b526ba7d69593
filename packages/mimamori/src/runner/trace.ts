// Playwright's trace of one attempt: recorded from the context's start, written to this process's temporary folder
// when it is kept (the attempt failed, or `trace: 'on'`), read into memory (its stacks mapped to the .ts lines) and the
// file deleted at once; the bytes cross to the host like screenshots' do. Never throws: a trace is evidence, not part
// of the verdict.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { ResolvedCheck, TracePolicy } from '../check/types.ts';
import { CREDENTIAL_HEADER, structuralRedactor, type Redactor } from '../result/redact.ts';
import { within } from './within.ts';
import { zipEntries } from './zip-entries.ts';
import { mapTraceStacks } from './trace-stacks.ts';

/** A trace larger than this is not kept (measured on the example and bench checks: 26–199 kB; README: Trace on failure). */
export const MAX_TRACE_BYTES = 10 * 1024 * 1024;
const STOP_TIMEOUT_MS = 10_000;

/** What crosses from the worker to the host: the zip, or why there is none although one was due. */
export interface AttemptTrace {
  bytes?: Buffer;
  size: number;
  skipped?: string;
}

export const tracePolicy = (check: Pick<ResolvedCheck, 'trace'>): TracePolicy => check.trace ?? 'retain-on-failure';

/**
 * Why this check's trace must not be kept: a trace holds what the check typed (`fill` values), request headers and
 * bodies, and DOM snapshots — the values of its declared secrets and credentials among them, in compressed entries
 * the host's redactor cannot reach. Such a check records no trace at all (it costs nothing then).
 */
export function traceRefusal(check: Pick<ResolvedCheck, 'secrets' | 'httpCredentials' | 'extraHTTPHeaders'> & Partial<Pick<ResolvedCheck, 'baseURL'>>): string | undefined {
  const why: string[] = [];
  if (check.secrets?.length) why.push(`declares secrets (${check.secrets.join(', ')})`);
  if (check.httpCredentials) why.push('sets httpCredentials');
  const headers = Object.keys(check.extraHTTPHeaders ?? {}).filter((name) => CREDENTIAL_HEADER.test(name));
  if (headers.length) why.push(`sends credential headers (${headers.join(', ')})`);
  // `http://ops:PASSWORD@host` (BASE_URL or the config): the context options, every request URL and the snapshots'
  // <base href> would carry it. Named by kind, never by value.
  const inBase = check.baseURL ? structuralRedactor().find(check.baseURL) : [];
  if (inBase.length) why.push(`has credentials in its baseURL (${inBase.join(', ')})`);
  if (why.length === 0) return undefined;
  return `not recorded: the check ${why.join(' and ')}, and a trace holds typed values, request headers and bodies and page snapshots that would carry them unredacted`;
}

export interface TraceRecorder {
  /** Ends the recording: the trace when it is kept, undefined when not (discarded, or never recorded). */
  stop(keep: boolean): Promise<AttemptTrace | undefined>;
}

/** Starts tracing per the check's policy (before the journey); a recorder that keeps nothing when off or refused. */
export async function startTrace(context: BrowserContext, check: ResolvedCheck): Promise<TraceRecorder> {
  const policy = tracePolicy(check);
  if (policy === 'off') return { stop: async () => undefined };
  const refusal = traceRefusal(check);
  if (refusal) return { stop: async (keep) => (keep || policy === 'on' ? { size: 0, skipped: refusal } : undefined) };
  let started: string | undefined;
  try {
    // DOM snapshots before and after every action (what the viewer shows), never the check's sources. The screencast
    // (a JPEG per frame) only with 'on': it alone cost ~10 % of a short journey's time, and the failure screenshot is
    // stored anyway (bench/trace.mjs: both +16.6 %, snapshots alone +6.6 %).
    await context.tracing.start({ screenshots: policy === 'on', snapshots: true, sources: false });
  } catch (error) {
    started = `recording could not start: ${(error as Error)?.message ?? String(error)}`;
  }
  return {
    async stop(failed) {
      const keep = failed || policy === 'on';
      if (started) return keep ? { size: 0, skipped: started } : undefined;
      if (!keep) {
        // Discarded: Playwright drops what it recorded.
        await within(context.tracing.stop().catch(() => {}), STOP_TIMEOUT_MS);
        return undefined;
      }
      return await saveTrace(context);
    },
  };
}

async function saveTrace(context: BrowserContext): Promise<AttemptTrace> {
  let folder: string | undefined;
  try {
    // The worker's own temporary folder (TMPDIR), removed with the worker in any case; this one goes right away.
    folder = await mkdtemp(join(tmpdir(), 'mimamori-trace-'));
    const path = join(folder, 'trace.zip');
    const stopped = await within(context.tracing.stop({ path }).then(() => true), STOP_TIMEOUT_MS);
    if (!stopped) return { size: 0, skipped: `writing the trace took over ${STOP_TIMEOUT_MS / 1000} s` };
    const raw = await readFile(path);
    // Sized before its stacks are mapped: mapping re-deflates every entry, not worth it for a trace not kept.
    if (raw.length > MAX_TRACE_BYTES) {
      return { size: raw.length, skipped: `${mb(raw.length)} is over the ${mb(MAX_TRACE_BYTES)} a trace may take (large pages, many screenshots): not kept` };
    }
    const bytes = keptStacksMapped(raw);
    return { bytes, size: bytes.length };
  } catch (error) {
    return { size: 0, skipped: `the trace could not be written: ${(error as Error)?.message ?? String(error)}` };
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true }).catch(() => {});
  }
}

/** The trace with its call stacks at the check's .ts lines (trace-stacks.ts); as written when they cannot be mapped. */
function keptStacksMapped(bytes: Buffer): Buffer {
  try {
    return mapTraceStacks(bytes);
  } catch {
    return bytes; // a stack in the compiled file beats no trace
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * A written trace, looked into before it is kept: the check's code can go to `http://u:p@host/` or `?token=…` at run
 * time, and the site can hand out such URLs — the static refusal above cannot know. Any entry with URL userinfo, a
 * sensitive URL parameter's value, a known secret's value or a well-known token drops the whole trace (its compressed
 * entries cannot be redacted), and `skipped` says which kinds, never the values. Every entry is searched: one with a NUL
 * byte (a frame, a font — or a text body with one NUL in it) as latin1, which keeps every ASCII byte where it is (URLs,
 * tokens and encoded values are ASCII) and costs next to nothing; text as UTF-8, so a declared value with non-ASCII
 * letters is matched too. A zip that cannot be read is not kept either.
 */
export function screenTrace(trace: AttemptTrace, redactor: Pick<Redactor, 'find'> = structuralRedactor()): AttemptTrace {
  if (!trace.bytes) return trace;
  const found = new Set<string>();
  try {
    for (const contents of zipEntries(trace.bytes).values()) {
      const text = contents.toString(contents.includes(0) ? 'latin1' : 'utf8');
      for (const kind of redactor.find(text)) found.add(kind);
    }
  } catch (error) {
    return { size: trace.size, skipped: `not kept: it could not be read to look for credentials (${(error as Error)?.message ?? String(error)})` };
  }
  if (found.size === 0) return trace;
  return { size: trace.size, skipped: `not kept: it holds ${[...found].join(' and ')}, and a trace's compressed entries cannot be redacted` };
}
