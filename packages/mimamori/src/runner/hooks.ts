// Progress hooks the runner calls as checks begin and end: a plain object of optional functions.
import type { CheckResult } from '../result/types.ts';
import type { CheckData } from '../check/check-data.ts';
import type { AttemptResult } from './attempt-result.ts';

export interface RunHooks {
  onCheckBegin?(check: CheckData): void;
  onAttemptEnd?(check: CheckData, attempt: AttemptResult): void;
  onCheckEnd?(result: CheckResult): void;
}
