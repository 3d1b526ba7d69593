// The pieces of a synthetic run of history the dashboard benches share (bench/dashboard.mjs, bench/dashboard-thousand.mjs):
// ids, keys and one run's record as the write path stores it (store/history-days.ts), with its incident marks.
/** Deterministic noise (mulberry32), so every run of a bench writes the same history. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pad = (n, w = 2) => String(n).padStart(w, '0');
export const utcDay = (t) => new Date(t).toISOString().slice(0, 10);
export const runId = (t, n) => `${new Date(t).toISOString().replace(/[-:]|\.\d+/g, '')}-${n.toString(16).padStart(6, '0')}`;
export const runFolder = (check, id, t) => { const d = new Date(t); return `runs/${check}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${id}/`; };

/**
 * One run at `t` with step times `st` (a total over the budget is degraded): failing through an incident of `incidents`
 * (its first run marked i: 1, its end i: 2, as the notification decision marks them), now and then a stray failure.
 */
export function syntheticRun({ check, t, id, st, ms, steps, budget, incidents, random }) {
  const run = { t, id, s: ms > budget.degradedResponseTime ? 'd' : 'p', ms, st };
  const incident = incidents.find((x) => t >= x.start && t <= x.end);
  if (incident && t < incident.end) {
    Object.assign(run, { s: 'f', fs: steps.at(-1), e: `TimeoutError: locator.click: Timeout 10000ms exceeded waiting for getByRole('button', { name: 'Pay' })`, c: 'timeout' });
    delete run.st;
    if (t === incident.start) Object.assign(run, { i: 1 }), (incident.id = id);
  } else if (incident && t === incident.end) run.i = 2;
  else if (random() < 0.001) Object.assign(run, { s: 'f', fs: steps[1], e: 'expect(locator).toBeVisible() failed', c: 'assertion' });
  run.shot = `${runFolder(check, id, t)}${run.s === 'f' ? '99-failure' : `${pad(steps.length)}-final`}.png`;
  return run;
}
