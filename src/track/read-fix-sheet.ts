import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../campaign/journal-records.js';
import { InputFileError } from '../core/errors.js';
import type { Issue } from '../core/issue-codes.js';
import type { RowRef } from '../core/row-ref.js';
import { IDENTIFIER_COLUMNS } from '../input/columns.js';
import { readEditedSheet } from '../input/read-edited-sheet.js';
import { EXCEPTIONS_SHEET_NAME } from './exception-sheet.js';

type FixColumn = 'porting_order_id' | EditableOrderField;

/** One data row of an edited Exceptions sheet. */
export interface FixSheetRow {
  readonly ref: RowRef;
  readonly orderId: string;
  /** The editable columns the sheet has, as text (trimmed). Columns the sheet lacks are absent: left unchanged. */
  readonly values: Readonly<Partial<Record<EditableOrderField, string>>>;
  /** Cells that cannot be trusted (`NUMERIC_IDENTIFIER`): nothing of the row is sent. */
  readonly problems: readonly Issue[];
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
 * encoding and delimiter Excel writes) with the shared edited-sheet reader: identifier columns
 * (PIN, account, postal code, BTNs) holding a number are row problems. `porting_order_id` and at
 * least one editable column are required. One row per order in exception, so it is read whole.
 */
export async function readFixSheet(file: string, shownAs: string): Promise<FixSheet> {
  const columns: FixColumn[] = ['porting_order_id', ...EDITABLE_ORDER_FIELDS];
  const sheet = await readEditedSheet<FixColumn>(file, shownAs, {
    preferredSheet: EXCEPTIONS_SHEET_NAME,
    expected: 'an Exceptions sheet',
    xlsxAlternative: 'exceptions.xlsx',
    columns: columns.map((name) => ({ name, isIdentifier: name === 'porting_order_id' || IDENTIFIER_COLUMNS.has(name) })),
  });
  const columnHeaders = new Map<EditableOrderField, string>();
  for (const field of EDITABLE_ORDER_FIELDS) {
    const header = sheet.columnHeaders.get(field);
    if (header !== undefined) columnHeaders.set(field, header);
  }
  const hasId = sheet.columnHeaders.has('porting_order_id');
  if (!hasId || columnHeaders.size === 0) {
    const missing = [...(hasId ? [] : ['porting_order_id']), ...(columnHeaders.size === 0 ? [`one of ${EDITABLE_ORDER_FIELDS.join(', ')}`] : [])];
    throw new InputFileError(
      `${shownAs} [${sheet.sheet}]: expected an Exceptions sheet with a header in row ${sheet.headerRow}; missing ${missing.join(' and ')}`,
      'Start from exceptions.xlsx or exceptions.csv that `bulkport status` writes, and edit the values only.',
    );
  }
  const rows = sheet.rows.map(({ ref, values, problems }): FixSheetRow => {
    const { porting_order_id: orderId = '', ...fields } = values;
    return { ref, orderId, values: fields, problems };
  });
  return { file: shownAs, sheet: sheet.sheet, columnHeaders, rows };
}
