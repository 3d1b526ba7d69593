// A watch's pattern tested on a delivery's lines, bounded in characters and time. A backtracking regular expression
// cannot be interrupted on its own thread (/^(\w+\s?)*ERROR$/ took 279 s on 61 characters, past Lambda's timeout,
// and the delivery's other lines were lost), but code run by node:vm with a `timeout` can: V8 stops the match. So the
// lines run in a vm script, a line too slow is set aside and reported, and the others are still matched.
import { createContext, Script } from 'node:vm';

export interface MatchBudget {
  /** Time one line may take on its own; past it the line is "too slow". */
  lineMs: number;
  /** Time the whole delivery's matching may take; the lines left then are "unchecked". */
  deliveryMs: number;
  /** Characters of a line the pattern sees (the first ones): a 256 KB line must not cost what 256 K lines would. */
  maxChars: number;
  /** The clock deliveryMs is counted on (ms); default performance.now. */
  clock?: () => number;
}

/**
 * Lambda gives the function 30 s: matching takes at most 8 s of it, leaving the rest to Slack and S3. A line of a
 * sane pattern takes microseconds — a 256 MB function gets a sixth of a vCPU, and 250 ms alone is still a pattern
 * gone exponential, not a slow machine.
 */
export const MATCH_BUDGET: MatchBudget = { lineMs: 250, deliveryMs: 8_000, maxChars: 32_768 };

/** Indexes of the lines: matching, too slow on their own, and not reached within the delivery's time. */
export interface LineVerdicts {
  matched: number[];
  tooSlow: number[];
  unchecked: number[];
}

// From line at[0] on, leaving at[0] where a timeout stopped it. The context's globals are read once into locals: each
// access to a global of a vm context goes through Node's interceptors, which tripled the time of a 10,000-line delivery.
const MATCH_LINES = new Script(`(() => {
  const r = re, ls = lines, m = matched, p = at;
  for (let i = p[0]; i < ls.length; i++) {
    p[0] = i;
    r.lastIndex = 0;
    if (r.test(ls[i])) m.push(i);
  }
  p[0] = ls.length;
})()`);

interface MatchContext {
  re: RegExp;
  lines: string[];
  matched: number[];
  /** The line being matched (one element, so the script writes it without a global). */
  at: [number];
}

const isTimeout = (error: unknown) => (error as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

/**
 * Which lines match `pattern` (each tested from its start, a /g or /y expression too). One vm call runs as many lines
 * as it can within `lineMs`; when the time runs out on a line that had the call to itself it is too slow, else it
 * starts the next call — so a line is called too slow only for its own cost.
 */
export function matchLines(lines: readonly string[], pattern: RegExp, budget: MatchBudget = MATCH_BUDGET): LineVerdicts {
  const clock = budget.clock ?? (() => performance.now());
  const started = clock();
  const verdicts: LineVerdicts = { matched: [], tooSlow: [], unchecked: [] };
  const at: [number] = [0];
  const ctx = createContext({
    re: pattern, lines: lines.map((l) => (l.length > budget.maxChars ? l.slice(0, budget.maxChars) : l)), matched: verdicts.matched, at,
  } satisfies MatchContext);
  while (at[0] < lines.length) {
    const left = budget.deliveryMs - (clock() - started);
    if (left <= 0) {
      for (let i = at[0]; i < lines.length; i++) verdicts.unchecked.push(i);
      break;
    }
    const from = at[0];
    const timeout = Math.max(1, Math.floor(Math.min(budget.lineMs, left)));
    try {
      MATCH_LINES.runInContext(ctx, { timeout });
    } catch (error) {
      if (!isTimeout(error)) throw error;
      // Earlier lines of this call used some of the time: the line it stopped on gets a call of its own.
      if (at[0] > from) continue;
      (timeout >= budget.lineMs ? verdicts.tooSlow : verdicts.unchecked).push(from);
      at[0] = from + 1;
    }
  }
  return verdicts;
}
