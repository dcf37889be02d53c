import { InputFileError } from '../core/errors.js';
import type { Issue } from '../core/issue-codes.js';
import type { RowRef } from '../core/row-ref.js';
import { readEditedSheet } from '../input/read-edited-sheet.js';
import { REVIEW_COLUMNS, REVIEW_IDENTIFIER_COLUMNS, REVIEW_SHEET_NAME, type ReviewColumn } from './review-sheet.js';

/** Columns `apply` cannot do without; the others are optional (a hand-made sheet may lack them). */
const REQUIRED_REVIEW_COLUMNS = ['portout_id', 'decision', 'rejection_code', 'reason'] as const satisfies readonly ReviewColumn[];

/** One data row of an edited review sheet: the review columns it has, as text. */
export interface ReviewSheetRow {
  readonly ref: RowRef;
  readonly values: Readonly<Partial<Record<ReviewColumn, string>>>;
  /** Cells that cannot be trusted (`NUMERIC_IDENTIFIER`): the row's decision is not sent. */
  readonly problems: readonly Issue[];
}

export interface ReviewSheet {
  readonly file: string;
  readonly sheet: string;
  /** Review column → the header as written in the file, for messages. */
  readonly columnHeaders: ReadonlyMap<ReviewColumn, string>;
  readonly rows: readonly ReviewSheetRow[];
}

/**
 * Reads an edited review sheet (XLSX: `--sheet`, else the `Review` sheet, else the first; CSV in any encoding and
 * delimiter Excel writes) with the shared edited-sheet reader. Sheets are small (one row per pending request), so
 * it is read whole.
 */
export async function readReviewSheet(file: string, shownAs: string, sheetName?: string): Promise<ReviewSheet> {
  const sheet = await readEditedSheet<ReviewColumn>(file, shownAs, {
    preferredSheet: REVIEW_SHEET_NAME,
    sheet: sheetName,
    expected: 'a review sheet',
    xlsxAlternative: 'the .xlsx review sheet',
    columns: REVIEW_COLUMNS.map((name) => ({ name, isIdentifier: REVIEW_IDENTIFIER_COLUMNS.has(name) })),
  });
  const missing = REQUIRED_REVIEW_COLUMNS.filter((column) => !sheet.columnHeaders.has(column));
  if (missing.length > 0) {
    throw new InputFileError(
      `${shownAs} [${sheet.sheet}]: expected a review sheet with columns ${REQUIRED_REVIEW_COLUMNS.join(', ')} in row ${sheet.headerRow}; missing ${missing.join(', ')}`,
      'Start from the sheet `bulkport portouts review -o FILE` writes.',
    );
  }
  return { file: shownAs, sheet: sheet.sheet, columnHeaders: sheet.columnHeaders, rows: sheet.rows };
}
