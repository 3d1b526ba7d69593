// Which folder of src/ may import which: the engine knows Playwright and nothing of AWS or Slack; adapters know one
// outside system each; the CLI and the Lambda handlers wire them; the build packs them for Lambda. Checked by
// test/unit/boundaries.test.ts, which also checks that no folder imports cli/ and functions/ imports nothing from it.

/**
 * The one esbuild configuration, outside src/ (plain JavaScript: the launcher loads it before anything is compiled);
 * only the two folders that compile TypeScript import it.
 */
const ESBUILD_OPTIONS = '../bin/esbuild-options.mjs';

export const MAY_IMPORT: Record<string, string[]> = {
  result: ['maintenance'],
  schedule: [],
  check: ['result', 'schedule', ESBUILD_OPTIONS],
  runner: ['result', 'check'],
  // An episode (an incident, an alarm's thread, a log watch's window, the digest's day): the opaque thread ref, what
  // it remembers against redelivery, and the one way it is kept in the store (conditional writes, read-as-none).
  episode: ['result', 'store'],
  // The policy is pure (state in, decision and state out); the store persists the state it defines.
  policy: ['result', 'check', 'episode', 'maintenance'],
  store: ['result', 'check', 'policy', 'episode'],
  // The read side: history reads the store and computes what the views show; render turns results and history into
  // pages and pictures (HTML report, dashboard, digest, trend chart). Render is pure: no store, no AWS, no Slack.
  history: ['result', 'schedule', 'store'],
  // Known quiet times (maintenance windows; mutes produce the same Quiet): pure evaluation over the schedule code.
  maintenance: ['check', 'schedule'],
  render: ['result', 'schedule', 'history', 'maintenance'],
  notify: ['result', 'check', 'store', 'policy', 'episode', 'render'],
  pipeline: ['result', 'check', 'store', 'policy', 'episode', 'notify', 'render', 'maintenance', 'mute'],
  // Features that post on their own, each an episode kind: CloudWatch alarms' threads, log watches' windows.
  alarms: ['result', 'store', 'episode', 'notify'],
  'log-watch': ['result', 'check', 'store', 'episode', 'notify'],
  // Mutes set from the terminal, kept in the store (one object, conditional writes), announced through a given post.
  mute: ['store', 'episode', 'render', 'maintenance'],
  // Probe regions (confirmFrom): the request and answer, asking and waiting (given send and read), the verdict. Pure
  // of AWS: lambda/ gives it the queue and the bucket.
  probe: ['result'],
  // AWS wiring only: event parsing, SSM, the environment, deadlines; the features above do the work.
  lambda: ['result', 'check', 'schedule', 'maintenance', 'runner', 'store', 'policy', 'episode', 'notify', 'pipeline', 'history', 'render', 'alarms', 'log-watch', 'probe'],
  // `npm run build`: validates the checks and bundles the Lambda functions (sized by lambda/'s time budget) and layer
  // (runner/'s fonts). Run from the CLI, never by the functions it builds.
  build: ['result', 'check', 'maintenance', 'runner', 'lambda', ESBUILD_OPTIONS],
  // Nothing imports cli/: it is wiring (the commands), like lambda/ and functions/.
  cli: ['result', 'check', 'maintenance', 'runner', 'store', 'policy', 'notify', 'pipeline', 'build', 'history', 'render', 'mute'],
};
