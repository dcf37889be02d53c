import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { writeFileAtomic } from './atomic-file.js';
import { neutralizeFormula } from './neutralize-formula.js';
import { fitCellText } from '../core/excel-limits.js';

/** A cell as the writers hand it to exceljs: text stays text, numbers are numbers, '' is an empty cell. */
export type TableCell = string | number;

export interface TableColumn {
  readonly header: string;
  /** In characters, as Excel measures column width. */
  readonly width: number;
}

/**
 * Adds a sheet laid out as a table: header row frozen, autofilter over the header, column widths.
 * Header and widths must be set before the first row: the streaming writer emits them up front.
 */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly TableColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  addTableRow(sheet, columns.map((column) => column.header));
  return sheet;
}

/**
 * Writes one row and commits it (streaming writer). Strings are always written as string values:
 * exceljs never reads `=SUM(1)` or `+14155550132` in a string as a formula or a number, which is
 * exactly what input-derived text needs (docs/architecture.md §8.12).
 */
export function addTableRow(sheet: ExcelJS.Worksheet, cells: readonly TableCell[]): void {
  sheet.addRow(cells.map(cellValue)).commit();
}

function cellValue(cell: TableCell): ExcelJS.CellValue {
  if (cell === '') return null;
  if (typeof cell === 'number') return cell;
  // Excel's cell limit: a longer text makes Excel repair the file, so it is cut with a marker.
  const text = fitCellText(excelLineBreaks(cell)).text;
  // exceljs writes a plain string as `<v>` without xml:space="preserve", and spreadsheet programs
  // trim the spaces around such a value (LibreOffice turned " 415-555-0109 " into "415-555-0109").
  // A one-run rich text is written as an inline string that keeps them; it is rare, so it is cheap.
  return /^\s|\s$/.test(text) ? { richText: [{ text }] } : text;
}

/**
 * Excel's line break inside a cell is LF. A CR cannot survive in XML text anyway (parsers turn CR
 * and CRLF into LF), so the sheet states it outright rather than leave it to each reader.
 */
function excelLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** A width that fits the header and typical values, bounded so that a long note does not push columns off screen. */
export function columnWidth(header: string, typicalWidth = 12): number {
  return Math.min(60, Math.max(header.length + 3, typicalWidth));
}

/** A whole table held in memory, written by `writeXlsxTables` as one sheet. */
export interface TableSheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly TableCell[]>;
  /** Adds per-cell touches (data validation, hidden columns) once the rows are in. */
  readonly decorate?: (worksheet: ExcelJS.Worksheet) => void;
}

/** A CSV with a header row; cells that a spreadsheet would run as formulas are neutralized (docs/architecture.md §8.12). */
export async function writeCsvTable(file: string, headers: readonly string[], rows: ReadonlyArray<readonly TableCell[]>): Promise<void> {
  const records = [headers, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : neutralizeFormula(cell))));
  await writeFileAtomic(file, stringify(records, { record_delimiter: '\n' }));
}

/**
 * An XLSX with one sheet per table, laid out like every other table (`addTableSheet`/`addTableRow`):
 * values only (never formulas), text stays text, header frozen, autofilter on, column widths from
 * the content. Written whole and renamed into place.
 */
export async function writeXlsxTables(file: string, sheets: readonly TableSheet[]): Promise<void> {
  // exceljs loads only when an XLSX is written (start-up cost, issue 18).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  for (const sheet of sheets) {
    const columns = sheet.headers.map((header, index) => {
      const longest = sheet.rows.reduce((max, row) => Math.max(max, String(row[index] ?? '').length), header.length);
      return { header, width: Math.min(60, Math.max(8, longest + 2)) };
    });
    const worksheet = addTableSheet(workbook, sheet.name, columns);
    for (const row of sheet.rows) addTableRow(worksheet, row);
    sheet.decorate?.(worksheet);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(file, new Uint8Array(buffer as ArrayBuffer));
}
