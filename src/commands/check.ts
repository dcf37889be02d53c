import path from 'node:path';
import { createApiSession, resolveApiSettings } from '../api/api-session.js';
import { toApiSummary } from '../api/api-summary.js';
import { checkResultColumns, type CheckedNumber } from '../check/checked-number.js';
import { runPortabilityCheck, type PortabilityCheckRun } from '../check/run-portability-check.js';
import { defaultOutDir } from '../config/global-options.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { buildResultRow } from '../output/build-result-row.js';
import { openResultsWriter } from '../output/results-writer.js';
import { SummaryCounter } from '../output/summary.js';
import { createProgress } from '../progress/progress.js';
import type { CampaignRow } from '../submit/campaign-results.js';
import { writeResultRows } from '../submit/write-result-rows.js';
import { loadValidatedInput } from '../validate/load-validated-input.js';
import { defineCommand } from './command.js';
import { checkSpec } from './specs/check.js';
import { inputSummary } from '../output/input-summary.js';
import { printSummary } from './print-summary.js';

interface CheckArgs {
  input: string;
  'check-batch': number;
  'lookup-carriers': boolean;
}

/**
 * `bulkport check <input>`: validate, then ask Telnyx whether each valid number can be ported.
 * Wiring only (docs/architecture.md §8.1): the check itself is `runPortabilityCheck`, shared with plan and submit.
 */
export const checkCommand = defineCommand<CheckArgs>({
  ...checkSpec,
  async run(args, options, context) {
    const batchSize = args['check-batch'];
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new UsageError(`--check-batch: expected a whole number from 1 to 10000, got ${String(batchSize)}`);
    }
    const api = resolveApiSettings(options);
    const startedAt = context.now();
    const { source, records } = await loadValidatedInput(args.input, options, context.cwd);
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('check', startedAt));
    const writer = await openResultsWriter(outDir, { formats: options.formats, passthroughHeaders: source.passthroughHeaders });
    const session = createApiSession(api, context);
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'check');
    let run: PortabilityCheckRun;
    try {
      run = await runPortabilityCheck(
        records,
        session,
        // Twice the concurrency keeps the scheduler's queue fed while some batches wait on a retry.
        { batchSize, parallelBatches: options.concurrency * 2, isCarrierLookup: args['lookup-carriers'] },
        progress,
      );
    } catch (error) {
      await writer.abort();
      throw error;
    } finally {
      progress.finish();
      await session.close();
    }

    const counter = new SummaryCounter();
    await writeResultRows(writer, counter, resultRows(run.checked));
    const stop =
      run.stoppedBy instanceof InterruptedError
        ? new InterruptedError(
            `interrupted: ${countChecked(run.checked)} of ${countSendable(records)} numbers were checked; the results hold them`,
            'Run check again for the rest (numbers not checked show status valid).',
          )
        : run.stoppedBy;
    const summary = counter.finish({
      command: 'check',
      startedAt,
      finishedAt: context.now(),
      input: inputSummary(source, records.length),
      api: toApiSummary(session.scheduler.stats()),
      ...(stop ? { exitCode: stop.exitCode } : {}),
    });
    const written = await writer.close({ summary });
    printSummary({ ...summary, outputs: written }, options, context);
    if (stop) throw stop;
    return summary.exitCode;
  },
});

/** One result row per checked number, built as the writer takes it (rows are not all held at once). */
function* resultRows(checked: readonly CheckedNumber[]): Iterable<CampaignRow> {
  for (const c of checked) yield { row: buildResultRow(c.record, checkResultColumns(c)), issues: c.record.issues };
}

function countSendable(records: readonly { status: string; e164?: string }[]): number {
  return records.filter((r) => r.status === 'valid' && r.e164 !== undefined).length;
}

function countChecked(checked: readonly { record: { status: string } }[]): number {
  return checked.filter((c) => c.record.status === 'portable' || c.record.status === 'not_portable' || c.record.status === 'failed').length;
}
