import { InputFileError } from '../core/errors.js';
import type { RowRef } from '../core/row-ref.js';
import { headerKey } from '../input/columns.js';
import { readTextTable } from '../input/read-text-table.js';
import { REVIEW_COLUMNS, REVIEW_SHEET_NAME, type ReviewColumn } from './review-sheet.js';

/** Columns `apply` cannot do without; the others are optional (a hand-made sheet may lack them). */
const REQUIRED_REVIEW_COLUMNS = ['portout_id', 'decision', 'rejection_code', 'reason'] as const satisfies readonly ReviewColumn[];

/** One data row of an edited review sheet: the review columns it has, as text. */
export interface ReviewSheetRow {
  readonly ref: RowRef;
  readonly values: Readonly<Partial<Record<ReviewColumn, string>>>;
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
 * delimiter Excel writes). The header is the first row; headers match case- and punctuation-insensitively;
 * blank rows are skipped. Sheets are small (one row per pending request), so it is read whole.
 */
export async function readReviewSheet(file: string, shownAs: string, sheetName?: string): Promise<ReviewSheet> {
  const table = await readTextTable(file, shownAs, {
    preferredSheet: REVIEW_SHEET_NAME,
    sheet: sheetName,
    expected: 'a review sheet',
    xlsxAlternative: 'the .xlsx review sheet',
  });
  const headerCells = table.rows[0]?.cells ?? [];
  const columnIndex = new Map<ReviewColumn, number>();
  const columnHeaders = new Map<ReviewColumn, string>();
  headerCells.forEach((header, index) => {
    const column = REVIEW_COLUMNS.find((c) => headerKey(c) === headerKey(header));
    if (column !== undefined && !columnIndex.has(column)) {
      columnIndex.set(column, index);
      columnHeaders.set(column, header.trim());
    }
  });
  const missing = REQUIRED_REVIEW_COLUMNS.filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    throw new InputFileError(
      `${shownAs} [${table.sheet}]: expected a review sheet with columns ${REQUIRED_REVIEW_COLUMNS.join(', ')} in row ${table.rows[0]?.row ?? 1}; missing ${missing.join(', ')}`,
      'Start from the sheet `bulkport portouts review -o FILE` writes.',
    );
  }
  const rows: ReviewSheetRow[] = [];
  for (const { row, cells } of table.rows.slice(1)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const values: Partial<Record<ReviewColumn, string>> = {};
    for (const [column, index] of columnIndex) values[column] = (cells[index] ?? '').trim();
    rows.push({ ref: { file: shownAs, sheet: table.sheet, row }, values });
  }
  return { file: shownAs, sheet: table.sheet, columnHeaders, rows };
}
