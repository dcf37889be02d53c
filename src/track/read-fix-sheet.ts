import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../campaign/journal-records.js';
import { InputFileError } from '../core/errors.js';
import type { RowRef } from '../core/row-ref.js';
import { headerKey } from '../input/columns.js';
import { detectDelimiter } from '../input/detect-delimiter.js';
import { detectEncoding } from '../input/detect-encoding.js';
import { rawCellFromExcel } from '../input/raw-cell-from-excel.js';
import { sniffFile } from '../input/sniff-file.js';
import { restoreFormula } from '../output/neutralize-formula.js';
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
  const sniffed = await sniffFile(file, shownAs);
  const table = sniffed.format === 'xlsx' ? await readXlsxTable(file, shownAs) : await readCsvTable(file, shownAs, sniffed.head);
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

interface TextTable {
  readonly sheet: string;
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

async function readXlsxTable(file: string, shownAs: string): Promise<TextTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputFileError(`${shownAs}: cannot read the workbook (${error instanceof Error ? error.message : String(error)})`, 'Save it again as .xlsx.');
  }
  const worksheet = workbook.getWorksheet(EXCEPTIONS_SHEET_NAME) ?? workbook.worksheets[0];
  if (worksheet === undefined) throw new InputFileError(`${shownAs}: the workbook has no sheets; expected an Exceptions sheet`);
  const isDate1904 = workbook.properties.date1904 === true;
  const rows: Array<{ row: number; cells: string[] }> = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= worksheet.columnCount; column += 1) {
      const cell = row.getCell(column);
      cells.push(rawCellFromExcel(cell.value, { numFmt: cell.numFmt, isDate1904 }).text);
    }
    rows.push({ row: rowNumber, cells });
  });
  return { sheet: worksheet.name, rows };
}

async function readCsvTable(file: string, shownAs: string, head: Buffer): Promise<TextTable> {
  const encoding = await detectEncoding(file, head);
  const text = new TextDecoder(encoding).decode(await readFile(file));
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new InputFileError(`${shownAs}: cannot read the CSV: ${error.message}`, 'Save the sheet again as CSV (or use exceptions.xlsx).');
  }
  // A quoted cell may span lines: a record starts on the line after the previous one ended.
  let previousEnd = 0;
  const rows = records.map(({ record, info }) => {
    const row = { row: previousEnd + 1, cells: record.map(restoreFormula) };
    previousEnd = info.lines;
    return row;
  });
  return { sheet: path.basename(file, path.extname(file)), rows };
}
