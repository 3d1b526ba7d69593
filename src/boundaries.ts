// Which folder of src/ may import which: the engine knows Playwright and nothing of AWS or Slack; adapters know one
// outside system each; the CLI (and later the Lambda handler) wire them. Checked by test/unit/boundaries.test.ts.
export const MAY_IMPORT: Record<string, string[]> = {
  result: [],
  schedule: [],
  check: ['result', 'schedule'],
  runner: ['result', 'check'],
  // The policy is pure (state in, decision and state out); the store persists the state it defines.
  policy: ['result', 'check'],
  store: ['result', 'check', 'policy'],
  notify: ['result', 'check', 'store', 'policy'],
  pipeline: ['result', 'check', 'store', 'policy', 'notify'],
  cli: ['result', 'check', 'runner', 'store', 'policy', 'notify', 'pipeline'],
  lambda: ['result', 'check', 'schedule', 'runner', 'store', 'policy', 'notify', 'pipeline'],
};
