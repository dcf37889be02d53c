import path from 'node:path';
import type { OutputFormat } from '../config/global-options.js';
import type { RowRef } from '../core/row-ref.js';
import type { DecisionResult } from './apply-decisions.js';
import type { ReviewSheetRow } from './read-review-sheet.js';
import { writeCsvTable, writeXlsxTables, type TableCell } from '../output/xlsx-table.js';

/** Columns of portouts-apply-outcomes.csv / the Outcomes sheet. */
const OUTCOME_COLUMNS = [
  'row',
  'sheet',
  'portout_id',
  'decision',
  'rejection_code',
  'reason',
  'reviewed_status',
  'outcome',
  'status_after',
] as const;

const OUTCOMES_FILE_STEM = 'portouts-apply-outcomes';

interface OutcomeRow {
  readonly ref: RowRef;
  readonly cells: readonly TableCell[];
}

/** One row per row of the review sheet, in sheet order: decided rows with their outcome, the others `skipped: no decision`. Pure. */
export function buildOutcomeRows(results: readonly DecisionResult[], undecided: readonly ReviewSheetRow[]): TableCell[][] {
  const rows: OutcomeRow[] = [
    ...results.map(({ decision, outcome }) => ({
      ref: decision.ref,
      cells: [
        decision.ref.row,
        decision.ref.sheet,
        decision.portoutId,
        decision.decision,
        decision.rejectionCode ?? '',
        decision.reason,
        decision.reviewedStatus,
        outcome.text,
        outcome.statusAfter,
      ],
    })),
    ...undecided.map((row) => ({
      ref: row.ref,
      cells: [row.ref.row, row.ref.sheet, row.values.portout_id ?? '', '', '', '', row.values.status ?? '', 'skipped: no decision', ''],
    })),
  ];
  return rows.sort((a, b) => a.ref.row - b.ref.row).map((row) => [...row.cells]);
}

/** Writes the outcomes in each requested format; returns the paths written. */
export async function writeOutcomeFiles(directory: string, rows: readonly TableCell[][], formats: ReadonlySet<OutputFormat>): Promise<string[]> {
  const written: string[] = [];
  if (formats.has('csv')) {
    const file = path.join(directory, `${OUTCOMES_FILE_STEM}.csv`);
    await writeCsvTable(file, OUTCOME_COLUMNS, rows);
    written.push(file);
  }
  if (formats.has('xlsx')) {
    const file = path.join(directory, `${OUTCOMES_FILE_STEM}.xlsx`);
    await writeXlsxTables(file, [{ name: 'Outcomes', headers: OUTCOME_COLUMNS, rows }]);
    written.push(file);
  }
  return written;
}
