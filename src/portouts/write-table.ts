import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { writeFileAtomic } from '../output/atomic-file.js';
import { neutralizeFormula } from '../output/neutralize-formula.js';

export type TableCell = string | number;

export interface TableSheet {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly TableCell[]>;
  /** Adds per-cell touches (data validation, hidden columns) once the rows are in. */
  readonly decorate?: (worksheet: ExcelJS.Worksheet) => void;
}

/** A CSV with a header row; cells that a spreadsheet would run as formulas are neutralized (STYLE §12). */
export async function writeCsvTable(file: string, headers: readonly string[], rows: ReadonlyArray<readonly TableCell[]>): Promise<void> {
  const records = [headers, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : neutralizeFormula(cell))));
  await writeFileAtomic(file, stringify(records, { record_delimiter: '\n' }));
}

/**
 * An XLSX with one sheet per table: values only (never formulas), text stays text, header frozen,
 * autofilter on, column widths from the content. Written whole and renamed into place.
 */
export async function writeXlsxTables(file: string, sheets: readonly TableSheet[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow([...sheet.headers]).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow([...row]);
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, sheet.headers.length) } };
    sheet.headers.forEach((header, index) => {
      const longest = sheet.rows.reduce((max, row) => Math.max(max, String(row[index] ?? '').length), header.length);
      worksheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
    sheet.decorate?.(worksheet);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(file, new Uint8Array(buffer as ArrayBuffer));
}
