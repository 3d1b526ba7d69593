// What happens to results after a run, the same on the CLI and on Lambda: read the check's state (or take the read
// made while the check ran: read-ahead.ts), let the policy judge the run (policy/evaluate.ts), write the state back
// (conditionally: a concurrent run of the check is never lost) while the pictures are stored, then result.json with the
// final verdict, then hand the alert to the notifier (the history beside it). One budget bounds it all
// (after-run-budget.ts); every failure is recorded on the result, never thrown, and it never hangs past the deadline.
import type { CheckResult, Confirmation, NotificationOutcome, RunResult } from '../result/types.ts';
import { DEFAULT_ALERTS } from '../check/defaults.ts';
import { evaluateRun, type Evaluation, type PolicyOptions } from '../policy/evaluate.ts';
import { DEFAULT_USUAL_RULE } from '../policy/usual.ts';
import { saveCheckRun, type Stores } from '../store/save-run.ts';
import { runFolder } from '../store/layout.ts';
import { appendRun, historyRunOf, type DayRead } from '../store/history-days.ts';
import { storyScreenshot } from '../result/evidence.ts';
import { readState, updateState, type LoadedState } from '../store/state.ts';
import { WriteConflict } from '../store/store.ts';
import type { Notifier, NotifierSession, NotifyLimits } from '../notify/notifier.ts';
import { sameThread, type ThreadRef } from '../episode/thread-ref.ts';
import { PreviewNotifier } from '../notify/preview-notifier.ts';
import { afterRunBudget, type AfterRunBudget, type BudgetOptions } from './after-run-budget.ts';
import { lastGoodEvidence } from './last-good.ts';
import { TREND_SIZE, trendChartHtml, trendOf } from '../render/trend-chart.ts';
import type { ResolvedVisual } from '../check/types.ts';
import { checkVisual } from './visual.ts';
import { stampWithZone } from '../render/time.ts';
import { announceEndedMutes, markQuiet, readMuteList, type MaintenanceAt } from './quiet-time.ts';
import { muteStoreOf, mutesToJudgeBy, stateStoreOf, type ReadAhead } from './read-ahead.ts';
import type { Announce } from '../mute/announce-ended.ts';

export interface AfterRunOptions extends BudgetOptions {
  stores: Stores;
  /** Alert and "usual" settings by check name (defaults for a check not in it). */
  policies?: Map<string, PolicyOptions>;
  /** Where alerts go; without one, each alert is recorded as a preview of what would have been sent. */
  notifier?: Notifier;
  /** Why there is no notifier, for the previews (default: Slack is not configured). */
  previewReason?: string;
  /** Time zone for run times in messages (default UTC). */
  timeZone?: string;
  /**
   * The check's state (incidents, failures in a row, the usual durations) lives in S3 when this is true and a bucket
   * is configured — shared with the deployed monitor — else in the out folder. Lambda and a CLI run that alerts share
   * it; a local try-out must not, or a laptop could close a production incident.
   */
  sharedState?: boolean;
  /** A link to this run's logs (Lambda), for messages. */
  logsUrl?: (result: CheckResult) => string | undefined;
  /** A link to this run's X-Ray trace (Lambda with tracing on), for messages. */
  traceUrl?: string;
  /**
   * Renders an HTML page to a PNG (a worker's Chromium: WorkerPool.render), for the trend chart a degraded alert
   * carries. Without it, alerts go without a chart.
   */
  renderChart?: (html: string, size: { width: number; height: number }) => Promise<Buffer>;
  /** The visual rule of each check that has one on (pipeline/visual.ts); others are not compared. */
  visual?: Map<string, ResolvedVisual>;
  /** `--update-baselines`: every compared picture becomes its check's new baseline, without a verdict. */
  updateBaselines?: boolean;
  /** The config's maintenance windows: a check's window at a time (quiet-time.ts marks each result before judging). */
  maintenance?: MaintenanceAt;
  /**
   * Asks the probe regions of `result`'s check (confirmFrom) whether they see the failure too, and waits for their
   * answers (never throws, never past `deadline`). Called only for a site failure that would open or keep an incident.
   */
  confirm?: (result: CheckResult, run: { runId: string; folder: string }, deadline: number) => Promise<Confirmation | undefined>;
  /**
   * Tells the channel once when a mute has ended (the mutes are kept in the shared store, else the local one), within
   * the limits it is given: the notifier's share of the run's budget.
   */
  announce?: (limits: NotifyLimits) => Announce;
  /**
   * The states, the days of history and the mute list, already asked for while the checks ran (read-ahead.ts: the Lambda runner); what is
   * not in it is read here. From the same stores as `stores` and `sharedState` name.
   */
  readAhead?: ReadAhead;
}

/** The trend chart is given this long (and never past the deadline's Slack share): the alert does not wait longer. */
export const CHART_MS = 4_000;

export const DEFAULT_POLICY: PolicyOptions = { alerts: DEFAULT_ALERTS, usual: DEFAULT_USUAL_RULE };
const NO_SLACK = 'Slack is not configured (SLACK_BOT_TOKEN), so this is a preview';

/** After the deadline, what is still running gets this long before after-run returns without it. */
const GRACE_MS = 500;

const asError = (e: unknown) => ({ name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) });

async function finishCheck(result: CheckResult, runId: string, o: AfterRunOptions, budget: AfterRunBudget, session: NotifierSession, phase: (p: string) => void, quiet: Promise<void>): Promise<void> {
  const policy = o.policies?.get(result.name) ?? DEFAULT_POLICY;
  const stateStore = stateStoreOf(o);
  const run = { runId, folder: runFolder(result.name, runId, result.startedAt) };
  // Visual change first: a changed picture is part of the verdict the policy judges (baselines beside the state).
  const visual = o.visual?.get(result.name);
  if (visual) {
    phase('comparing with the visual baseline');
    await checkVisual(result, visual, stateStore, { runId, update: o.updateBaselines, call: budget.s3 });
  }
  const original = result.status;
  /** The verdict goes onto the result itself: what is stored and sent says "degraded: slower than usual". */
  const judge = (loaded: LoadedState, stateUnknown = false): Evaluation => {
    result.status = original;
    const evaluation = evaluateRun(loaded.state, result, run, policy, stateUnknown);
    result.status = evaluation.status;
    if (evaluation.usual) result.usual = evaluation.usual;
    else delete result.usual;
    return evaluation;
  };

  phase('reading the state');
  let loaded: LoadedState = {};
  let stateError: { name: string; message: string; when: 'read' | 'written' } | undefined;
  try {
    // Quiet time (markQuiet never throws) is marked on the result by the time it is judged, the state read or not.
    const ahead = o.readAhead?.states.get(result.name);
    const readNow = () => readState(stateStore, result.name, budget.s3);
    // A read ahead that failed (a blip while the check ran, or the runner's stop) is tried again, within the budget.
    const reading = ahead ? ahead.then((r) => ('error' in r ? readNow() : r.loaded)) : readNow();
    const [read] = await Promise.allSettled([reading, quiet]);
    if (read.status === 'rejected') throw read.reason;
    loaded = read.value;
  } catch (error) {
    // Without the state the policy errs towards alerting (a duplicate beats silence), and the state is not written:
    // it would overwrite the incident and counts it could not read.
    stateError = { ...asError(error), when: 'read' };
  }
  let evaluation = judge(loaded, Boolean(stateError));
  if (o.confirm && mayConfirm(result, evaluation)) {
    // Cost only on failure: a passing run, or one the policy would not alert on yet, asks no probe region.
    phase('waiting for the probe regions');
    const confirmation = await o.confirm(result, run, budget.confirmDeadline);
    if (confirmation) {
      result.confirmation = confirmation;
      evaluation = judge(loaded, Boolean(stateError));
    }
  }
  const lastGood = loaded.state?.lastGood;
  if (lastGood && result.status !== 'passed') {
    phase('finding the last good screenshot');
    // Its bytes only when it goes out with an alert; the report links to it either way.
    result.lastGood = await lastGoodEvidence(stateStore, lastGood, result, evaluation.decision.action !== 'none', budget.s3);
  }

  // The state write and the evidence go out at once (two S3 round trips in the time of one): the pictures and the trace
  // need only the verdict as judged, their object's status tag among it. result.json waits for the write (saveCheckRun's
  // `verdict`): a write that found another run's state judges again, and the stored result carries the final verdict.
  const written = stateError ? Promise.resolve() : (async () => {
    try {
      // Another run of this check wrote in between: this run is judged again on top of what that one wrote.
      ({ judged: evaluation } = await updateState(stateStore, result.name, (fresh) => {
        const judged = fresh === loaded ? evaluation : judge(fresh);
        // A repeated delivery writes nothing: the state already has this run.
        return { judged, state: judged.repeated ? undefined : judged.state };
      }, budget.s3, loaded));
    } catch (error) {
      const e = asError(error);
      stateError = { ...e, message: error instanceof WriteConflict ? `other runs of this check kept changing it: ${e.message}` : e.message, when: 'written' };
    }
  })();

  // The chart a degraded alert carries, drawn while the evidence is stored (it needs only the judged state).
  let drawing = false;
  const chart = written.then(() => {
    drawing = evaluation.decision.action !== 'none' && mayDrawChart(result) && Boolean(o.renderChart);
    return drawing ? trendChart(result, evaluation, policy, o, budget) : undefined;
  });

  // Before any alert, so an alert's evidence is there.
  phase(stateError ? 'storing the evidence' : 'writing the state and storing the evidence');
  let picturesStored!: () => void;
  const pictures = new Promise<void>((resolve) => (picturesStored = resolve));
  const saved = saveCheckRun(o.stores, result, runId, budget.s3, { verdict: written, onPictures: picturesStored });
  // The phase a deadline report names: the evidence alone once the state is written (result.json waits for that write).
  void written.then(() => phase('storing the evidence'));
  // The run's line in the check's day of history, beside result.json and the alert: it needs the decision (the state
  // written) and which pictures are stored, both known before result.json is. It never delays the alert, and a failure
  // is only recorded. A repeated delivery writes it too (the same run id replaces itself): its first delivery may have
  // been stopped between the state and the history.
  const history = Promise.all([written, pictures]).then(() => recordHistory(stateStore, o.stores, result, runId, evaluation, budget, o.readAhead?.days.get(result.name)));
  await saved;
  if (drawing) phase('drawing the trend chart');
  await chart;

  const { decision } = evaluation;
  phase('alerting');
  let outcome: NotificationOutcome;
  if (decision.action === 'none') {
    session.skip();
    outcome = { action: 'none', reason: decision.reason };
  } else {
    const stateNote = stateError ? `The check's state could not be ${stateError.when} (${stateError.message}), so this alert may repeat one already sent and is not in the incident's thread.`
      : loaded.unreadable && `The check's state was unreadable and started afresh (${loaded.unreadable}), so this alert may repeat one already sent.`;
    // An incident held back by quiet time says so: the failures began during it, not just now.
    const began = decision.action === 'open' && decision.began
      ? `This began ${decision.began.during.startsWith('in ') ? `during ${decision.began.during.slice(3)}` : `while ${decision.began.during}`} — failing since ${stampWithZone(Date.parse(decision.began.at), o.timeZone ?? 'UTC')}, held back until it ended.` : undefined;
    // What the probe regions saw, in every channel's words ("down from ap-northeast-1 and us-west-2").
    const confirmed = result.confirmation && `${result.confirmation.words[0]!.toUpperCase()}${result.confirmation.words.slice(1)}.`;
    const note = [stateNote, began, confirmed].filter(Boolean).join(' ') || undefined;
    const delivered = await session.deliver({
      decision, result, runId, channel: policy.alerts.channel, timeZone: o.timeZone ?? 'UTC', logsUrl: o.logsUrl?.(result), traceUrl: o.traceUrl, incident: evaluation.incident, note,
    });
    outcome = delivered.outcome;
    const incident = evaluation.incident;
    // The incident's first message went out (or could not): where it is threaded is recorded for the runs after. A
    // thread that changed is recorded too: alerts routed to several channels keep one ref of them all, which grows
    // when a channel the first message missed gets a reply of its own (notify/routed-notifier.ts).
    const changed = incident && (!incident.thread || (delivered.thread && !sameThread(incident.thread, delivered.thread)));
    if (!stateError && incident && changed && (decision.action === 'open' || decision.action === 'reply')) {
      phase('recording the thread');
      await recordThread(stateStore, result.name, incident.openedRunId, delivered.thread, budget, incident.thread).catch((error: unknown) => {
        outcome.stateError = asError(error);
      });
    }
  }
  result.notification = outcome;
  if (stateError) outcome.stateError = { name: stateError.name, message: stateError.message };
  // An unreadable state, or parts of it left out (state-shape.ts): said where people look.
  const stateWarning = loaded.unreadable ?? loaded.repaired;
  if (stateWarning) outcome.stateWarning = stateWarning;
  phase('writing the history');
  await history;
}

/**
 * The trend chart for a degraded alert, on `result.trendChart`: its PNG, or why there is none (a render that fails or
 * takes over CHART_MS is recorded, never thrown: the alert goes out without it). Runs from the judged state's history.
 */
async function trendChart(result: CheckResult, evaluation: Evaluation, policy: PolicyOptions, o: AfterRunOptions, budget: AfterRunBudget): Promise<void> {
  const chart = trendOf(result, evaluation.state, policy.usual ? policy.usual.factor : undefined, o.timeZone ?? 'UTC');
  if (!chart) return;
  const record: NonNullable<CheckResult['trendChart']> = { runs: chart.runs.length };
  result.trendChart = record;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const ms = Math.min(CHART_MS, budget.notify.deadline - Date.now());
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`the trend chart took over ${ms} ms: the alert went without it`), { name: 'TimeoutError' })), Math.max(0, ms));
    });
    record.bytes = await Promise.race([o.renderChart!(trendChartHtml(chart), TREND_SIZE), late]);
  } catch (error) {
    record.error = asError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Adds the run to its check's day of history, in the store the state lives in (S3 when shared, else the out folder).
 * Runs beside the alert, so it may use S3 until the deadline (as the state write after alerting does). Never throws:
 * a failure goes to `storage.historyError`.
 */
async function recordHistory(store: Stores['local'], stores: Stores, result: CheckResult, runId: string, evaluation: Evaluation, budget: AfterRunBudget, ahead?: DayRead): Promise<void> {
  try {
    const run = historyRunOf(result, runId, evaluation.decision.action);
    // The screenshot is named only if it is in that store (an upload that failed has a path but no object).
    const shot = storyScreenshot(result);
    const stored = store === stores.remote ? Boolean(shot?.link) : !result.storage?.localError;
    if (!stored) delete run.shot;
    await appendRun(store, {
      check: result.name, run, steps: result.steps.map((s) => s.name), budget: result.budget, usualMs: evaluation.state.baseline?.journeyMs, tags: result.tags,
    }, {
      ...budget.s3Last,
      ahead,
      // A broken day object was repaired or replaced by this write: said on the run, as a failure would be.
      warn: (message) => result.storage && (result.storage.historyWarning = [result.storage.historyWarning, message].filter(Boolean).join('; ')),
    });
  } catch (error) {
    const e = asError(error);
    if (result.storage) result.storage.historyError = error instanceof WriteConflict ? { ...e, message: `other runs of this check kept changing its day of history: ${e.message}` } : e;
  }
}

/**
 * Sets the incident's thread — the notifier's own ref, kept as it is — or, without one, that its first message was
 * not posted; if it is still the same incident and its thread is still `before` (the one this alert was sent with).
 */
async function recordThread(store: Stores['local'], check: string, openedRunId: string, thread: ThreadRef | undefined, budget: AfterRunBudget, before?: ThreadRef): Promise<void> {
  await updateState(store, check, ({ state }) => {
    const open = state?.incident;
    const moved = before ? !sameThread(open?.thread, before) : Boolean(open?.thread);
    if (!state || !open || open.openedRunId !== openedRunId || moved) return {};
    const where = thread ? { thread, unposted: undefined } : { unposted: true };
    return { state: { ...state, incident: { ...open, ...where } } };
  }, budget.s3Last);
}

/** Resolves with the promise, or after `ms` (never rejects); the timer never outlives the wait. */
async function until(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, ms)); });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stores, records and notifies every check of the run at once; results carry `storage` and `notification`.
 * Never throws, and returns by the deadline (plus a moment): whatever is still unfinished then is recorded as such.
 */
/**
 * A probe region is asked only about a site failure the policy would tell someone of (open an incident, reply in its
 * thread, post without a state): not a runner failure (the monitor's own, which a probe cannot see), not in quiet time,
 * not a visual change.
 */
export const mayConfirm = (result: CheckResult, evaluation: Evaluation): boolean =>
  result.status === 'failed' && result.error?.class !== 'runner' && !result.quiet && evaluation.decision.action !== 'none'
  // A visual change (onChange: 'failed') is a verdict on the picture against its baseline, which a probe does not have.
  && result.error?.name !== 'VisualChange';

/**
 * Only a degraded check's alert carries a trend chart (drawn by a worker's Chromium): a run with none degraded needs no
 * worker once its checks are done, so the CLI closes them while it stores and alerts.
 */
export const mayDrawChart = (result: Pick<CheckResult, 'status'>): boolean => result.status === 'degraded';

export async function afterRun(run: RunResult, options: AfterRunOptions): Promise<void> {
  const budget = afterRunBudget(options);
  const notifier = options.notifier ?? new PreviewNotifier(options.previewReason ?? NO_SLACK);
  // Mutes live where `mimamori mute` writes them: the bucket when there is one, else the out folder. The list is read
  // once, beside each check's state (finishCheck waits for both before judging), and is also the first read of the
  // claim that announces ended mutes.
  const muteStore = muteStoreOf(options.stores);
  const readNow = () => readMuteList(run.results.length || options.announce ? muteStore : undefined, budget.s3);
  const postsEveryRun = (check: string) => (options.policies?.get(check) ?? DEFAULT_POLICY).alerts.notify === 'always';
  const mutesRead = options.readAhead ? mutesToJudgeBy(options.readAhead, run.results, postsEveryRun, readNow) : readNow();
  const quiet = mutesRead.then((read) => markQuiet(run.results, { maintenance: options.maintenance, read }));
  const session = await notifier.open(budget.notify);
  const announce = options.announce;
  const ended = announce && mutesRead.then((read) => announceEndedMutes(muteStore, announce(budget.notify), { call: budget.s3Last, timeZone: options.timeZone ?? 'UTC', first: read.loaded }))
    .then((r) => void ('error' in r ? (run.mutesEnded = { announced: [], failed: [], error: r.error }) : (r.announced.length || r.failed.length) && (run.mutesEnded = {
      announced: r.announced.map((m) => m.target), failed: r.failed.map((f) => ({ target: f.mute.target, error: f.error.message })),
    })));
  session.expect(run.results.length);
  const phases = new Map<CheckResult, string>();
  const all = Promise.all(run.results.map((result) =>
    finishCheck(result, run.runId, options, budget, session, (p) => phases.set(result, p), quiet)
      .then(() => phases.delete(result))
      .catch((error: unknown) => {
        phases.delete(result);
        // It will not alert now: the session must not keep the other checks' channels waiting for it.
        session.skip();
        const e = asError(error);
        result.notification ??= { action: 'none', reason: 'after-run failed' };
        result.notification.error ??= { name: e.name, message: `after-run failed: ${e.message}` };
      })));
  try {
    if (await until(Promise.all([all, ended]), budget.deadline - Date.now() + GRACE_MS)) return;
    for (const [result, phase] of phases) {
      result.notification ??= { action: 'none', reason: 'after-run stopped at its deadline' };
      result.notification.error ??= { name: 'DeadlineError', message: `after-run was still ${phase} at its deadline: stopped waiting for it` };
    }
  } finally {
    budget.dispose();
  }
}
