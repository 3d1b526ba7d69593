// Progress hooks the runner calls as checks begin and end: a plain object of optional functions.
import type { CheckResult } from '../result/types.ts';
import type { ResolvedCheck } from '../check/types.ts';
import type { AttemptResult } from './attempt.ts';

export interface RunHooks {
  onCheckBegin?(check: ResolvedCheck): void;
  onAttemptEnd?(check: ResolvedCheck, attempt: AttemptResult): void;
  onCheckEnd?(result: CheckResult): void;
}
