// The webhook's JSON document, `mimamori.alert/v1`: one per event, made of the same alert facts Slack shows, as data a
// bot can route on. webhook-schema.json beside it is the same contract as a JSON Schema (docs/webhooks.md publishes
// both); a test holds every payload the notifier sends to it. Adding a field keeps v1 (receivers ignore what they do
// not know); removing one or changing its meaning is v2. Top-level fields are always there (null when none); inside
// an object, a field with nothing to say is left out.
import { createHash } from 'node:crypto';
import type { CheckStatus, Confirmation, FailureClass, Link, ProbeAnswer, StepStatus } from '../result/types.ts';
import { storyScreenshot } from '../result/evidence.ts';
import { traceViewerUrl } from '../result/trace-viewer.ts';
import type { ThreadRef } from '../episode/thread-ref.ts';
import { alertFacts, resolvedLine, type FactLink, type MessageKind, type Tone } from './alert-facts.ts';
import { messageKind } from './delivery.ts';
import type { Alert } from './notifier.ts';

export const WEBHOOK_SCHEMA = 'mimamori.alert/v1';
export type WebhookEventName = 'incident.opened' | 'incident.updated' | 'incident.resolved' | 'check.report';
/** PagerDuty's four, so a relay maps it as it is. */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

export interface WebhookLink {
  kind: FactLink['kind'];
  /** `Screenshot (valid until 12/07 09:00 JST)`: what a person would be shown. */
  label: string;
  url: string;
  /** When a presigned link stops working (ISO); absent when it lasts as long as the object (a console page). */
  expiresAt?: string;
  /** Signed by a session that does not tell its end: it may stop earlier than `expiresAt`. */
  endsWithSession?: true;
}

export interface WebhookEvent {
  schema: typeof WEBHOOK_SCHEMA;
  event: WebhookEventName;
  /** Unique per event, the same on every retry and when a run is delivered again: the receiver's idempotency key. */
  id: string;
  /** When the event was made (ISO); the same on every retry (the signature's `t` is each attempt's own). */
  sentAt: string;
  /** The message's wording: `alert`, `reminder`, `recovered`, `report`, `monitor` (mimamori could not run the check), … */
  kind: MessageKind;
  tone: Tone;
  severity: Severity;
  /** Why the policy alerted, in words. */
  reason: string;
  /** Null only on `check.report`. `id` is the same on every event of the incident: PagerDuty's dedup_key, Opsgenie's alias. */
  incident: { id: string; kind: 'site' | 'monitor'; openedAt: string; openedRunId: string; failures: number } | null;
  check: { name: string; file: string; tags: string[]; description?: string };
  run: { id: string; status: CheckStatus; startedAt: string; durationMs: number; attempts: number; flaky: boolean };
  /** `checkout FAILED`, `checkout recovered after 12m down`. */
  headline: string;
  /** On `incident.resolved`: `Resolved: checkout was failing for 12m (3 failed runs)`. */
  resolution: string | null;
  failingStep: string | null;
  error: { class: FailureClass; step?: string; message: string } | null;
  target: { url?: string; httpStatus?: number };
  steps: { name: string; status: StepStatus; durationMs: number; timing: string }[];
  warnings: string[];
  note: string | null;
  links: WebhookLink[];
  /** The picture that tells the story, by link only (the bytes are never sent); `url` absent when it is not stored. */
  screenshot: { file: string; kind: 'step' | 'failure' | 'final'; step?: string; width: number; height: number; url?: string; expiresAt?: string } | null;
  /** What the probe regions (confirmFrom) saw of this failure; null when none were asked. */
  confirmation: {
    home: string; verdict: Confirmation['verdict']; words: string;
    probes: { region: string; outcome: ProbeAnswer['outcome']; durationMs?: number; error?: { message: string; step?: string }; screenshotUrl?: string }[];
  } | null;
}

export const WEBHOOK = 'webhook';

/** The webhook's thread ref: the incident's id, so every later event of the incident carries the same one. */
export const webhookThreadRef = (incidentId: string): ThreadRef => ({ notifier: WEBHOOK, ref: { incidentId } });

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

/** An incident's id: from the check and the run that opened it, so a run delivered again finds the same one. */
export const incidentIdOf = (check: string, openedRunId: string): string => `inc_${digest(check, openedRunId)}`;

/** An event's id: one check's one event in one run (a run alerts a check at most once). */
export const eventIdOf = (runId: string, check: string, event: WebhookEventName): string => `evt_${digest(WEBHOOK_SCHEMA, runId, check, event)}`;

const EVENTS: Record<Exclude<Alert['decision']['action'], 'none'>, WebhookEventName> = {
  open: 'incident.opened', reply: 'incident.updated', recover: 'incident.resolved', post: 'check.report',
};

/** The event an alert is, or none when the policy decided to say nothing. An incident event needs its incident. */
export function eventNameOf(alert: Pick<Alert, 'decision' | 'incident'>): WebhookEventName | undefined {
  const { action } = alert.decision;
  if (action === 'none') return undefined;
  return alert.incident || action === 'post' ? EVENTS[action] : 'check.report';
}

function severityOf(tone: Tone): Severity {
  if (tone === 'failed') return 'critical';
  if (tone === 'monitor') return 'error';
  return tone === 'degraded' ? 'warning' : 'info';
}

/** The presigned links of a result by the URL a fact shows, to tell when each stops working. */
function presignedLinks(r: Alert['result']): Map<string, Link> {
  const found = new Map<string, Link>();
  const add = (l: Link | undefined, url = l?.url) => l && url && found.set(url, l);
  add(storyScreenshot(r)?.link);
  add(r.lastGood?.screenshot?.link);
  if (r.trace?.link) add(r.trace.link, traceViewerUrl(r.trace.link.url));
  add(r.storage?.s3?.result);
  return found;
}

/** The alert as the webhook's event (`now`: when it is made, which links still last). */
export function buildWebhookEvent(alert: Alert, event: WebhookEventName, now: number): WebhookEvent {
  const r = alert.result;
  const kind = messageKind(alert);
  const incident = event === 'check.report' ? null : alert.incident;
  const facts = alertFacts(r, {
    kind, runId: alert.runId, timeZone: alert.timeZone, logsUrl: alert.logsUrl, traceUrl: alert.traceUrl,
    incidentOpenedAt: alert.incident?.openedAt, failures: alert.incident?.failures, note: alert.note, now,
  });
  const presigned = presignedLinks(r);
  const links = facts.links.map((l): WebhookLink => {
    const p = presigned.get(l.url);
    return { kind: l.kind, label: l.label, url: l.url, ...(p?.expiresAt && { expiresAt: p.expiresAt }), ...(p?.endsWithSession && { endsWithSession: true as const }) };
  });
  const shot = storyScreenshot(r);
  const shotLink = links.find((l) => l.kind === 'screenshot');
  const lastNav = r.navigations[r.navigations.length - 1];
  const target = lastNav?.url ?? (r.baseURL || undefined);
  const ownRef = alert.incident?.thread?.notifier === WEBHOOK ? alert.incident.thread.ref.incidentId : undefined;
  return {
    schema: WEBHOOK_SCHEMA,
    event,
    id: eventIdOf(alert.runId, r.name, event),
    sentAt: new Date(now).toISOString(),
    kind,
    tone: facts.tone,
    severity: severityOf(facts.tone),
    reason: alert.decision.reason,
    incident: incident ? {
      id: ownRef ?? incidentIdOf(r.name, incident.openedRunId), kind: incident.kind ?? 'site',
      openedAt: incident.openedAt, openedRunId: incident.openedRunId, failures: incident.failures,
    } : null,
    check: { name: r.name, file: r.file, tags: r.tags, ...(r.description && { description: r.description }) },
    run: { id: alert.runId, status: r.status, startedAt: new Date(r.startedAt).toISOString(), durationMs: r.durationMs, attempts: r.attempts, flaky: r.flaky },
    headline: facts.title,
    resolution: event === 'incident.resolved' && incident ? resolvedLine(r, { kind, failures: incident.failures, incidentOpenedAt: incident.openedAt }) : null,
    failingStep: r.error?.step ?? r.steps.find((s) => s.status === 'failed')?.name ?? null,
    error: facts.error ? { ...facts.error, class: r.error!.class } : null,
    target: { ...(target && { url: target }), ...(typeof lastNav?.status === 'number' && { httpStatus: lastNav.status }) },
    steps: r.steps.map((s, i) => ({ name: s.name, status: s.status, durationMs: s.durationMs, timing: facts.steps[i]!.timing })),
    warnings: facts.warnings,
    note: facts.note ?? null,
    links,
    screenshot: shot ? {
      file: shot.file, kind: shot.kind, ...(shot.step && { step: shot.step }), width: shot.width, height: shot.height,
      ...(shotLink && { url: shotLink.url, ...(shotLink.expiresAt && { expiresAt: shotLink.expiresAt }) }),
    } : null,
    confirmation: r.confirmation ? {
      home: r.confirmation.home, verdict: r.confirmation.verdict, words: r.confirmation.words,
      probes: r.confirmation.probes.map((p) => ({
        region: p.region, outcome: p.outcome, ...(p.durationMs !== undefined && { durationMs: p.durationMs }), ...(p.error && { error: p.error }), ...(p.link && { screenshotUrl: p.link.url }),
      })),
    } : null,
  };
}
