import type { CanonicalColumn } from '../input/columns.js';
import type { InputRow, NumberRecord } from '../core/records.js';
import type { Issue } from '../core/issue-codes.js';
import { describeRef } from '../core/row-ref.js';
import { EXCEL_MAX_CELL_CHARS } from '../core/excel-limits.js';
import { normalizeNumber } from '../normalize/normalize-number.js';

export interface ValidateOptions {
  readonly defaultCountry: string;
  /** Original header of each canonical column, so messages name the column as the file does. */
  readonly columnHeaders: Partial<Record<CanonicalColumn, string>>;
}

/**
 * Normalizes each row's number and marks later repeats of a number as duplicates (first row wins).
 * Streams: the only state kept across rows is the duplicate index, one entry per distinct number.
 */
export async function* validateRows(rows: AsyncIterable<InputRow>, options: ValidateOptions): AsyncGenerator<NumberRecord> {
  const seen = new DuplicateIndex();
  const phoneColumn = options.columnHeaders.phone_number ?? 'phone_number';
  for await (const row of rows) {
    yield validateRow(row, options.defaultCountry, phoneColumn, seen);
  }
}

function validateRow(row: InputRow, defaultCountry: string, phoneColumn: string, seen: DuplicateIndex): NumberRecord {
  const issues: Issue[] = [];
  if (row.tooLongCells !== undefined) {
    for (const cell of row.tooLongCells) {
      issues.push({
        code: 'CELL_TOO_LONG',
        ref: row.ref,
        column: cell.column,
        message: `${describeRef(row.ref, cell.column)}: expected at most ${EXCEL_MAX_CELL_CHARS} characters (Excel's cell limit), got ${cell.length}; the cell is cut in the results`,
      });
    }
    return recordOf(row, issues, 'invalid');
  }
  const outcome = normalizeNumber(row.phone, row.fields.country, defaultCountry);
  if (!outcome.ok) {
    const column = outcome.code === 'INVALID_COUNTRY' && row.fields.country ? 'country' : phoneColumn;
    issues.push({ code: outcome.code, ref: row.ref, column, message: `${describeRef(row.ref, column)}: ${outcome.detail}` });
    return recordOf(row, issues, 'invalid');
  }
  for (const note of outcome.notes) {
    issues.push({ code: note.code, ref: row.ref, column: phoneColumn, message: `${describeRef(row.ref, phoneColumn)}: ${note.detail}` });
  }
  const firstRow = seen.firstRowOf(outcome.e164, row.ref.row);
  if (firstRow !== undefined) {
    issues.unshift({
      code: 'DUPLICATE_NUMBER',
      ref: row.ref,
      column: phoneColumn,
      message: `${describeRef(row.ref, phoneColumn)}: ${outcome.e164} already appears on row ${firstRow}`,
    });
  }
  return recordOf(row, issues, firstRow === undefined ? 'valid' : 'duplicate', outcome);
}

/** One allocation per row: this runs a million times in a large validate. */
function recordOf(
  row: InputRow,
  issues: Issue[],
  status: NumberRecord['status'],
  number?: { readonly e164: string; readonly country: string; readonly numberType: NumberRecord['numberType'] },
): NumberRecord {
  return {
    ref: row.ref,
    index: row.index,
    inputNumber: row.phone.text,
    e164: number?.e164,
    country: number?.country,
    numberType: number?.numberType,
    status,
    issues,
    fields: row.fields,
    passthrough: row.passthrough,
  };
}

/**
 * E.164 → row of its first appearance. Keys are the digits as a number (15 digits fit a double
 * exactly), which keeps a million entries far smaller than a map of strings.
 */
class DuplicateIndex {
  readonly #firstRow = new Map<number, number>();

  /** Returns the earlier row holding `e164`, or records `row` as its first and returns undefined. */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = Number(e164.slice(1));
    const first = this.#firstRow.get(key);
    if (first !== undefined) return first;
    this.#firstRow.set(key, row);
    return undefined;
  }
}
