import { EXCEL_MAX_CELL_CHARS, fitCellText } from '../core/excel-limits.js';
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
export function toInputRow(source: SourceRecord, mapping: HeaderMapping, origin: { file: string; sheet: string }, index: number): InputRow {
  const { record, tooLongCells } = fitLongCells(source, mapping);
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
    ...(tooLongCells === undefined ? {} : { tooLongCells }),
  };
}

/**
 * Cells over Excel's 32,767 characters are cut (with a marker) here, at the reader, so that no stage
 * holds or writes them whole; the row records which column was cut, and validation makes that a row
 * issue (CELL_TOO_LONG) instead of an out-of-memory abort or a results sheet Excel must repair.
 */
function fitLongCells(record: SourceRecord, mapping: HeaderMapping): { record: SourceRecord; tooLongCells?: { column: string; length: number }[] } {
  if (!record.cells.some((cell) => cell.text.length > EXCEL_MAX_CELL_CHARS)) return { record };
  const tooLongCells: { column: string; length: number }[] = [];
  const cells = record.cells.map((cell, cellIndex) => {
    if (cell.text.length <= EXCEL_MAX_CELL_CHARS) return cell;
    tooLongCells.push({ column: columnName(mapping, cellIndex), length: cell.text.length });
    return { text: fitCellText(cell.text).text };
  });
  return { record: { ...record, cells }, tooLongCells };
}

function columnName(mapping: HeaderMapping, cellIndex: number): string {
  const passthrough = mapping.passthrough.find((column) => column.index === cellIndex);
  if (passthrough !== undefined) return passthrough.header;
  for (const [column, at] of mapping.columnIndex) if (at === cellIndex) return mapping.columnHeaders[column] ?? column;
  return `column ${cellIndex + 1}`;
}
