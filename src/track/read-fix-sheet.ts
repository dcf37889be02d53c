import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../campaign/journal-records.js';
import { InputFileError } from '../core/errors.js';
import type { RowRef } from '../core/row-ref.js';
import { headerKey } from '../input/columns.js';
import { readTextTable } from '../input/read-text-table.js';
import { EXCEPTIONS_SHEET_NAME } from './exception-sheet.js';

/** One data row of an edited Exceptions sheet. */
export interface FixSheetRow {
  readonly ref: RowRef;
  readonly orderId: string;
  /** The editable columns the sheet has, as text (trimmed). Columns the sheet lacks are absent: left unchanged. */
  readonly values: Readonly<Partial<Record<EditableOrderField, string>>>;
}

export interface FixSheet {
  readonly file: string;
  readonly sheet: string;
  /** Editable column → header as written in the file, for messages. */
  readonly columnHeaders: ReadonlyMap<EditableOrderField, string>;
  readonly rows: readonly FixSheetRow[];
}

/**
 * Reads an edited Exceptions sheet (XLSX: the `Exceptions` sheet, else the first; CSV in any
 * encoding and delimiter Excel writes). Row 1 is the header, matched case- and
 * punctuation-insensitively; `porting_order_id` and at least one editable column are required;
 * blank rows are skipped. One row per order in exception, so it is read whole.
 */
export async function readFixSheet(file: string, shownAs: string): Promise<FixSheet> {
  const table = await readTextTable(file, shownAs, {
    preferredSheet: EXCEPTIONS_SHEET_NAME,
    expected: 'an Exceptions sheet',
    xlsxAlternative: 'exceptions.xlsx',
  });
  const header = table.rows[0]?.cells ?? [];
  const indexOf = (column: string): number => header.findIndex((cell) => headerKey(cell) === headerKey(column));
  const idIndex = indexOf('porting_order_id');
  const columnIndex = new Map<EditableOrderField, number>();
  const columnHeaders = new Map<EditableOrderField, string>();
  for (const field of EDITABLE_ORDER_FIELDS) {
    const index = indexOf(field);
    if (index < 0) continue;
    columnIndex.set(field, index);
    columnHeaders.set(field, (header[index] ?? field).trim());
  }
  if (idIndex < 0 || columnIndex.size === 0) {
    const missing = [...(idIndex < 0 ? ['porting_order_id'] : []), ...(columnIndex.size === 0 ? [`one of ${EDITABLE_ORDER_FIELDS.join(', ')}`] : [])];
    throw new InputFileError(
      `${shownAs} [${table.sheet}]: expected an Exceptions sheet with a header in row ${table.rows[0]?.row ?? 1}; missing ${missing.join(' and ')}`,
      'Start from exceptions.xlsx or exceptions.csv that `bulkport status` writes, and edit the values only.',
    );
  }
  const rows: FixSheetRow[] = [];
  for (const { row, cells } of table.rows.slice(1)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const values: Partial<Record<EditableOrderField, string>> = {};
    for (const [field, index] of columnIndex) values[field] = (cells[index] ?? '').trim();
    rows.push({ ref: { file: shownAs, sheet: table.sheet, row }, orderId: (cells[idIndex] ?? '').trim(), values });
  }
  return { file: shownAs, sheet: table.sheet, columnHeaders, rows };
}
