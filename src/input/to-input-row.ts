import { maskPin } from '../core/mask-pin.js';
import type { InputRow, RawCell, SourceRecord } from '../core/records.js';
import type { CanonicalColumn } from './columns.js';
import type { HeaderMapping } from './map-headers.js';

const EMPTY_CELL: RawCell = { text: '' };

/** A row with nothing but whitespace is skipped; its row number is still counted. */
export function isBlankRecord(cells: readonly RawCell[]): boolean {
  return cells.every((cell) => cell.text.trim() === '' && cell.problem === undefined);
}

/** Places a data row's cells into canonical fields and pass-through columns. */
export function toInputRow(record: SourceRecord, mapping: HeaderMapping, origin: { file: string; sheet: string }, index: number): InputRow {
  const fields: Partial<Record<CanonicalColumn, string>> = {};
  for (const [column, cellIndex] of mapping.columnIndex) {
    if (column !== 'phone_number') fields[column] = (record.cells[cellIndex] ?? EMPTY_CELL).text.trim();
  }
  const phone = record.cells[mapping.columnIndex.get('phone_number') ?? -1] ?? EMPTY_CELL;
  fields.phone_number = phone.text.trim();
  const pinIndex = mapping.columnIndex.get('pin_passcode');
  return {
    ref: { file: origin.file, sheet: origin.sheet, row: record.row },
    index,
    phone,
    fields,
    // Every input column comes back in the results as written; the PIN only masked (docs/design.md §9).
    passthrough: mapping.passthrough.map((column) => {
      const text = (record.cells[column.index] ?? EMPTY_CELL).text;
      return column.index === pinIndex ? maskPin(text) : text;
    }),
  };
}
