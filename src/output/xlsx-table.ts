import type ExcelJS from 'exceljs';

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
 * exactly what input-derived text needs (STYLE §12).
 */
export function addTableRow(sheet: ExcelJS.Worksheet, cells: readonly TableCell[]): void {
  sheet.addRow(cells.map(cellValue)).commit();
}

function cellValue(cell: TableCell): ExcelJS.CellValue {
  if (cell === '') return null;
  if (typeof cell === 'number') return cell;
  const text = excelLineBreaks(cell);
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
