import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { InputFileError } from '../core/errors.js';
import { DEFAULT_MAX_INFLATED_BYTES, EXCEL_MAX_COLUMNS } from '../core/excel-limits.js';
import { checkXlsxBudget } from './xlsx-budget.js';
import { restoreFormula } from '../output/neutralize-formula.js';
import { detectDelimiter } from './detect-delimiter.js';
import { detectEncoding } from './detect-encoding.js';
import { rawCellFromExcel } from './raw-cell-from-excel.js';
import { sniffFile } from './sniff-file.js';

/** One non-empty row of a sheet as text; `row` is the row a spreadsheet program shows (XLSX and CSV alike). */
export interface TextTableRow {
  readonly row: number;
  readonly cells: readonly string[];
  /** 0-based indexes of the cells that hold a number (XLSX numeric cells); absent when none does. */
  readonly numericCells?: readonly number[];
}

export interface TextTable {
  /** The worksheet read, or for a CSV its file name without extension. */
  readonly sheet: string;
  readonly rows: readonly TextTableRow[];
}

export interface ReadTextTableOptions {
  /** The sheet a workbook is expected to have (`Review`, `Exceptions`); when it lacks it, the first sheet is read. */
  readonly preferredSheet: string;
  /** A sheet the user named (`--sheet`): it must exist. */
  readonly sheet?: string | undefined;
  /** What the file should be, for messages: "a review sheet". */
  readonly expected: string;
  /** The XLSX a user can fall back to when a CSV does not parse, for the hint: "exceptions.xlsx". */
  readonly xlsxAlternative: string;
}

/**
 * Reads a small sheet a person edited and gave back (XLSX, or CSV in any encoding and delimiter Excel writes) into
 * text rows, whole: these sheets hold one row per pending item, so there is no streaming barrier to keep. Cells are
 * the text a person saw; formula guards our writers added are taken off again.
 */
export async function readTextTable(file: string, shownAs: string, options: ReadTextTableOptions): Promise<TextTable> {
  const sniffed = await sniffFile(file, shownAs);
  return sniffed.format === 'xlsx' ? readXlsxTable(file, shownAs, options) : readCsvTable(file, shownAs, sniffed.head, options);
}

async function readXlsxTable(file: string, shownAs: string, options: ReadTextTableOptions): Promise<TextTable> {
  // exceljs loads the whole workbook: bound what it may unpack before it starts.
  await checkXlsxBudget(file, shownAs, DEFAULT_MAX_INFLATED_BYTES);
  // Loaded here, not at the top: a CSV never needs exceljs (start-up cost, issue 18).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputFileError(`${shownAs}: cannot read the workbook (${error instanceof Error ? error.message : String(error)})`, 'Save it again as .xlsx.');
  }
  const { sheet } = options;
  if (sheet !== undefined && workbook.getWorksheet(sheet) === undefined) {
    throw new InputFileError(`${shownAs}: --sheet "${sheet}" not found; the workbook has ${workbook.worksheets.map((w) => `"${w.name}"`).join(', ')}`);
  }
  const worksheet = workbook.getWorksheet(sheet ?? options.preferredSheet) ?? workbook.worksheets[0];
  if (worksheet === undefined) throw new InputFileError(`${shownAs}: the workbook has no sheets; expected ${options.expected}`);
  if (worksheet.columnCount > EXCEL_MAX_COLUMNS) {
    throw new InputFileError(`${shownAs} [${worksheet.name}]: ${worksheet.columnCount} columns, past Excel's last column (${EXCEL_MAX_COLUMNS}); not read`);
  }
  const isDate1904 = workbook.properties.date1904 === true;
  const rows: TextTableRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const numericCells: number[] = [];
    for (let column = 1; column <= worksheet.columnCount; column += 1) {
      const cell = row.getCell(column);
      const raw = rawCellFromExcel(cell.value, { numFmt: cell.numFmt, isDate1904 });
      if (raw.numeric !== undefined) numericCells.push(column - 1);
      cells.push(raw.text);
    }
    rows.push(numericCells.length === 0 ? { row: rowNumber, cells } : { row: rowNumber, cells, numericCells });
  });
  return { sheet: worksheet.name, rows };
}

async function readCsvTable(file: string, shownAs: string, head: Buffer, options: ReadTextTableOptions): Promise<TextTable> {
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
    throw new InputFileError(`${shownAs}: cannot read the CSV: ${error.message}`, `Save the sheet again as CSV (or use ${options.xlsxAlternative}).`);
  }
  // The row a spreadsheet program shows (docs/design.md §5): one per record, even when a quoted cell spans
  // lines; blank lines are records too, so they keep counting.
  const rows = records.map(({ record }, index) => ({ row: index + 1, cells: record.map(restoreFormula) }));
  return { sheet: path.basename(file, path.extname(file)), rows };
}
