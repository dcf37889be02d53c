import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CampaignState } from '../campaign/campaign-state.js';
import type { OutputFormat } from '../config/global-options.js';
import { ExitCode } from '../core/exit-codes.js';
import { outputFileError } from '../output/atomic-file.js';
import { openResultsWriter } from '../output/results-writer.js';
import { SummaryCounter, type ApiSummary, type RunSummary } from '../output/summary.js';
import { writePeopleWorkbook } from '../output/people-sheet.js';
import { writeCsvTable } from '../output/xlsx-table.js';
import { writeResultRows } from '../submit/write-result-rows.js';
import { buildTrackingOrderSheet, buildTrackingRows, ordersNeedingAttention, partsNeedingAttention } from './build-tracking-results.js';
import type { CampaignChanges } from './describe-changes.js';
import { buildExceptionRows, EXCEPTION_SHEET_COLUMNS, EXCEPTIONS_CSV, EXCEPTIONS_XLSX, exceptionPeopleSheet } from './exception-sheet.js';

/** summary.json of the tracking commands: the run summary plus the campaign's orders and what moved. */
export interface TrackingSummary extends RunSummary {
  readonly orders: {
    readonly count: number;
    readonly byStatus: Readonly<Record<string, number>>;
    /** Orders that need a person: in exception, or a draft whose last call failed. */
    readonly needingAttention: readonly string[];
    /** Plan parts whose order could not be created (their rows are `failed`); a corrected sheet and `submit` retry them. */
    readonly partsNotCreated: readonly string[];
  };
  readonly changes?: CampaignChanges;
  /** Command-specific figures (reads per kind for status; outcomes for fix and cancel). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface TrackingResultsInput {
  readonly outDir: string;
  readonly formats: ReadonlySet<OutputFormat>;
  readonly state: CampaignState;
  readonly command: string;
  readonly campaign: string;
  readonly startedAt: Date;
  readonly finishedAt: () => Date;
  readonly api?: ApiSummary;
  readonly changes?: CampaignChanges;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Files the command wrote itself (outcomes), listed in the summary. */
  readonly extraOutputs?: readonly string[];
  /** Overrides the exit code derived from the orders (e.g. a fix row that failed). */
  readonly exitCode?: (ordersNeedAttention: boolean) => ExitCode;
}

/**
 * Writes the campaign's full results from the journal (no input file): results.csv/xlsx with the
 * Results, Orders, Summary, Issues and Exceptions sheets, exceptions.csv/xlsx for `bulkport fix`,
 * and summary.json (last: its presence means the files are complete). The exit code is about the
 * ORDERS (docs/design.md §2, for cron): 1 when one is in exception or failed, else 0; rows the plan left out
 * (invalid, blocked) are in the results but do not keep a tracking run failing for weeks.
 */
export async function writeTrackingResults(input: TrackingResultsInput): Promise<{ summary: TrackingSummary; written: string[] }> {
  const { state } = input;
  const exceptionRows = buildExceptionRows(state);
  const extraWritten: string[] = [];
  try {
    await mkdir(input.outDir, { recursive: true });
  } catch (error) {
    throw outputFileError(input.outDir, error);
  }
  if (input.formats.has('csv')) {
    const file = path.join(input.outDir, EXCEPTIONS_CSV);
    await writeCsvTable(file, EXCEPTION_SHEET_COLUMNS, exceptionRows);
    extraWritten.push(file);
  }
  if (input.formats.has('xlsx')) {
    const file = path.join(input.outDir, EXCEPTIONS_XLSX);
    await writePeopleWorkbook(file, [exceptionPeopleSheet(exceptionRows)]);
    extraWritten.push(file);
  }

  const writer = await openResultsWriter(input.outDir, { formats: input.formats, passthroughHeaders: state.input?.passthroughHeaders ?? [] });
  const counter = new SummaryCounter();
  await writeResultRows(writer, counter, buildTrackingRows(state));
  const needing = ordersNeedingAttention(state);
  const partsNotCreated = partsNeedingAttention(state);
  const needsAttention = needing.length > 0 || partsNotCreated.length > 0;
  const byStatus: Record<string, number> = {};
  let count = 0;
  for (const order of state.orders.values()) {
    if (order.status === 'deleted') continue;
    count += 1;
    byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
  }
  const base = counter.finish({
    command: input.command,
    campaign: input.campaign,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt(),
    ...(input.api === undefined ? {} : { api: input.api }),
    outputs: [...(input.extraOutputs ?? []), ...extraWritten],
    exitCode: input.exitCode?.(needsAttention) ?? (needsAttention ? ExitCode.NEEDS_ATTENTION : ExitCode.OK),
  });
  const summary: TrackingSummary = {
    ...base,
    orders: { count, byStatus, needingAttention: needing, partsNotCreated },
    ...(input.changes === undefined ? {} : { changes: input.changes }),
    ...(input.details === undefined ? {} : { details: input.details }),
  };
  const written = await writer.close({
    summary,
    orders: buildTrackingOrderSheet(state),
    extraSheets: [exceptionPeopleSheet(exceptionRows)],
  });
  return { summary: { ...summary, outputs: [...new Set([...summary.outputs, ...written])] }, written: [...extraWritten, ...written] };
}
