import type { InputRecord, JournalRow } from '../campaign/journal-records.js';
import { ExitCode } from '../core/exit-codes.js';
import type { SubmitOutcome } from './submit-plan.js';

/**
 * Whether this run journals the sheet again (an `input` record, which `status` uses to write full
 * results without the input file): when the campaign has none yet, or the file or the rows as
 * planned differ from the last one journaled.
 */
export function inputNeedsJournaling(previous: InputRecord | undefined, sha256: string, plannedRows: readonly JournalRow[]): boolean {
  return previous === undefined || previous.sha256 !== sha256 || JSON.stringify(previous.rows) !== JSON.stringify(plannedRows);
}

/** Order problems that report and need nobody now: a moved FOC date, a draft that will need ownership codes. */
const NOTICE_CODES: ReadonlySet<string> = new Set(['FOC_MOVED', 'VERIFICATION_NEEDED']);

/**
 * Which exit code wins for a submit run: the run problem that stopped it, then calls left without a
 * clear answer (exit 3: a re-run settles them), then rows or orders that need a person (exit 1;
 * a moved FOC date or a draft that will need AU ownership codes alone does not; `--confirm` leaving
 * it a draft for them does), else 0.
 */
export function submitExitCode(outcome: SubmitOutcome, rowsNeedAttention: boolean): ExitCode {
  if (outcome.stoppedBy !== undefined) return outcome.stoppedBy.exitCode;
  if (outcome.unresolvedCount > 0) return ExitCode.STOPPED;
  const hasOrderProblems = [...outcome.orderProblems.values(), ...outcome.partProblems.values()].some((problems) => problems.some((p) => !NOTICE_CODES.has(p.code)));
  return rowsNeedAttention || hasOrderProblems ? ExitCode.NEEDS_ATTENTION : ExitCode.OK;
}
