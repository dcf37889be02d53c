import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { InputFileError } from '../core/errors.js';
import type { RowRef } from '../core/row-ref.js';
import { headerKey } from '../input/columns.js';
import { detectDelimiter } from '../input/detect-delimiter.js';
import { detectEncoding } from '../input/detect-encoding.js';
import { rawCellFromExcel } from '../input/raw-cell-from-excel.js';
import { sniffFile } from '../input/sniff-file.js';
import { restoreFormula } from '../output/neutralize-formula.js';
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
  const sniffed = await sniffFile(file, shownAs);
  const table = sniffed.format === 'xlsx' ? await readXlsxTable(file, shownAs, sheetName) : await readCsvTable(file, shownAs, sniffed.head);
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

interface TextTable {
  readonly sheet: string;
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

async function readXlsxTable(file: string, shownAs: string, sheetName: string | undefined): Promise<TextTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputFileError(`${shownAs}: cannot read the workbook (${error instanceof Error ? error.message : String(error)})`, 'Save it again as .xlsx.');
  }
  if (sheetName !== undefined && workbook.getWorksheet(sheetName) === undefined) {
    throw new InputFileError(`${shownAs}: --sheet "${sheetName}" not found; the workbook has ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ')}`);
  }
  const worksheet = workbook.getWorksheet(sheetName ?? REVIEW_SHEET_NAME) ?? workbook.worksheets[0];
  if (worksheet === undefined) throw new InputFileError(`${shownAs}: the workbook has no sheets; expected a review sheet`);
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
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new InputFileError(`${shownAs}: cannot read the CSV: ${error.message}`, 'Save the sheet again as CSV (or use the .xlsx review sheet).');
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
