import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { INPUT_COLUMNS, type ColumnSpec } from '../input/columns.js';
import { writeFileAtomic } from './atomic-file.js';
import { addTableRow, addTableSheet } from './xlsx-table.js';

export type TemplateFormat = 'csv' | 'xlsx';

export const TEMPLATE_BASENAME = 'bulkport-input';
const TEMPLATE_DATA_SHEET = 'Numbers';
const TEMPLATE_NOTES_SHEET = 'Notes';
export const TEMPLATE_NOTES_COLUMNS = ['column', 'required', 'what it is', 'also recognized as'] as const;

/**
 * Cells that Excel would turn into numbers and damage: phone numbers lose their `+` and leading
 * zeros or go scientific, ZIP codes and PINs lose leading zeros, long account numbers lose digits.
 * The template formats every column as text, so whatever is typed or pasted stays as written.
 */
const TEXT_FORMAT = '@';

/** Fixed so that regenerating templates/ gives the same workbook properties. */
const TEMPLATE_DATE = new Date('2026-01-01T00:00:00Z');

const REQUIRED_TEXT: Readonly<Record<ColumnSpec['required'], string>> = {
  yes: 'yes: the file is refused without it',
  order: 'to place an order',
  confirm: 'to confirm (submit --confirm); without it the order stays a draft',
  no: 'optional',
};

/** The notes sheet's rows: one per canonical column, in template order. */
export function templateNotes(): string[][] {
  return INPUT_COLUMNS.map((column: ColumnSpec) => [column.name, REQUIRED_TEXT[column.required], column.note, column.aliases.join(', ')]);
}

/** Writes the blank input sheet (header row only) to `filePath`, atomically. */
export async function writeTemplate(filePath: string, format: TemplateFormat): Promise<void> {
  const data = format === 'csv' ? templateCsv() : await templateXlsx();
  await writeFileAtomic(filePath, data);
}

function templateCsv(): string {
  return stringify([INPUT_COLUMNS.map((column) => column.name)], { record_delimiter: 'unix' });
}

async function templateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bulkport';
  workbook.created = TEMPLATE_DATE;
  workbook.modified = TEMPLATE_DATE;

  const numbers = addTableSheet(
    workbook,
    TEMPLATE_DATA_SHEET,
    INPUT_COLUMNS.map((column) => ({ header: column.name, width: Math.max(column.name.length + 3, 14) })),
  );
  numbers.getRow(1).font = { bold: true };
  for (let index = 1; index <= INPUT_COLUMNS.length; index += 1) numbers.getColumn(index).numFmt = TEXT_FORMAT;

  const notes = addTableSheet(
    workbook,
    TEMPLATE_NOTES_SHEET,
    TEMPLATE_NOTES_COLUMNS.map((header, index) => ({ header, width: [26, 34, 80, 60][index] ?? 20 })),
  );
  notes.getRow(1).font = { bold: true };
  for (const row of templateNotes()) addTableRow(notes, row);
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
