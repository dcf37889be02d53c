import path from 'node:path';
import { defaultOutDir } from '../config/global-options.js';
import { InterruptedError } from '../core/errors.js';
import { buildResultRow } from '../output/build-result-row.js';
import { openResultsWriter } from '../output/results-writer.js';
import { SummaryCounter } from '../output/summary.js';
import { createProgress } from '../progress/progress.js';
import { openInput } from '../validate/load-validated-input.js';
import { validateRows } from '../validate/validate-rows.js';
import { defineCommand } from './command.js';
import { validateSpec } from './specs/validate.js';
import { inputSummary } from '../output/input-summary.js';
import { printSummary } from './print-summary.js';

interface ValidateArgs {
  input: string;
}

/**
 * `bulkport validate <input>`: read, map headers, normalize, find duplicates; no API calls.
 * Streams from reader to writers, so a million-row sheet needs only the duplicate index in memory.
 */
export const validateCommand = defineCommand<ValidateArgs>({
  ...validateSpec,
  async run(args, options, context) {
    const startedAt = context.now();
    const source = await openInput(args.input, options, context.cwd);
    const outDir = path.resolve(context.cwd, options.out ?? defaultOutDir('validate', startedAt));
    const writer = await openResultsWriter(outDir, { formats: options.formats, passthroughHeaders: source.passthroughHeaders });
    const counter = new SummaryCounter();
    const progress = createProgress({ stderr: context.stderr, isTTY: context.isTTY, quiet: options.quiet }, 'validate');
    let isInterrupted = false;
    try {
      for await (const record of validateRows(source.rows, { defaultCountry: options.defaultCountry, columnHeaders: source.columnHeaders, maxRange: options.maxRange })) {
        const row = buildResultRow(record);
        counter.addRow(row);
        for (const issue of record.issues) {
          counter.addIssue(issue);
          writer.addIssue(issue);
        }
        const pending = writer.writeRow(row);
        if (pending) await pending;
        progress.tick();
        if (context.signal.aborted) {
          isInterrupted = true;
          break;
        }
      }
    } catch (error) {
      progress.finish();
      await writer.abort();
      throw error;
    }
    progress.finish();
    const interrupted = isInterrupted ? new InterruptedError(`interrupted after ${counter.rowCount} rows; the results hold those rows`, 'Run validate again for the whole file.') : undefined;
    const summary = counter.finish({
      command: 'validate',
      startedAt,
      finishedAt: context.now(),
      input: inputSummary(source, counter.rowCount),
      ...(interrupted ? { exitCode: interrupted.exitCode } : {}),
    });
    const written = await writer.close({ summary });
    printSummary({ ...summary, outputs: written }, options, context);
    if (interrupted) throw interrupted;
    return summary.exitCode;
  },
});
