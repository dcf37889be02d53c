import ExcelJS, { type DataValidation } from 'exceljs';
import { columnLetter } from '../input/map-headers.js';
import { writeFileAtomic } from './atomic-file.js';
import { addTableRow, columnWidth, type TableCell } from './xlsx-table.js';

/**
 * One column of a sheet people fill in (Exceptions, review; verification and LOA index later).
 * `isIdentifier`: digits that must stay text (PIN, account, postal code, phone numbers, ids): the whole
 * column is text-formatted, so `0729` typed into it stays `0729`, and `readEditedSheet` refuses a
 * numeric cell in it. `isEditable`: a person types here: text-formatted too.
 */
export interface PeopleColumn {
  readonly header: string;
  readonly isIdentifier?: boolean;
  readonly isEditable?: boolean;
  /** In characters; default: fits the header. */
  readonly width?: number;
}

/**
 * A dropdown: an inline list of values (`authorize`, `reject`) or a range of cells on another sheet
 * (`'Rejection codes'!$B$2:$B$9`). `expected` finishes the error Excel shows: "Expected …".
 */
export interface Dropdown {
  readonly values?: readonly string[];
  readonly range?: string;
  readonly expected: string;
}

export interface PeopleRow {
  readonly cells: readonly TableCell[];
  /** Dropdowns of this row's cells, by column header (each row may offer its own list). */
  readonly dropdowns?: Readonly<Record<string, Dropdown>>;
}

export interface PeopleSheet {
  readonly name: string;
  readonly columns: readonly PeopleColumn[];
  readonly rows: Iterable<PeopleRow> | AsyncIterable<PeopleRow>;
}

/** The number format Excel calls Text: what is typed is kept as typed. */
const TEXT_FORMAT = '@';

/** Whether the column is text-formatted over its whole range. */
function isTextColumn(column: PeopleColumn): boolean {
  return column.isIdentifier === true || column.isEditable === true;
}

/**
 * Adds a sheet people fill in to a workbook (whole or streaming): header frozen, autofilter, widths;
 * identifier and editable columns text-formatted for the whole column (new cells a person types in
 * included, through the column style); dropdowns written as ONE validation per run of rows sharing a
 * list, each over an explicit range, so no two validation ranges of the sheet overlap (exceljs
 * merges per-cell validations into overlapping ranges, which stricter readers refuse).
 */
export async function addPeopleSheet(workbook: ExcelJS.Workbook, sheet: PeopleSheet, onRow?: (worksheet: ExcelJS.Worksheet) => Promise<void> | void): Promise<void> {
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => ({
    width: column.width ?? columnWidth(column.header, 16),
    ...(isTextColumn(column) ? { style: { numFmt: TEXT_FORMAT } } : {}),
  }));
  if (sheet.columns.length > 0) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  addTableRow(worksheet, sheet.columns.map((column) => column.header));
  const runs = new DropdownRuns(sheet.columns);
  let rowNumber = 1;
  for await (const row of sheet.rows) {
    rowNumber += 1;
    addTableRow(worksheet, row.cells);
    runs.add(rowNumber, row.dropdowns ?? {});
    await onRow?.(worksheet);
  }
  const validations = (worksheet as unknown as { dataValidations: { add(address: string, validation: DataValidation): void } }).dataValidations;
  for (const { range, validation } of runs.finish()) validations.add(range, validation);
  // The streaming writer's sheets are committed here; a whole workbook's have nothing to commit.
  if (workbook instanceof ExcelJS.stream.xlsx.WorkbookWriter) worksheet.commit();
}

/**
 * Writes a workbook of people sheets (small: one row per pending item), whole, renamed into place;
 * `mode` for a sheet that holds credentials (sharing tokens: 0600 from the moment it is created).
 */
export async function writePeopleWorkbook(file: string, sheets: readonly PeopleSheet[], mode?: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bulkport';
  for (const sheet of sheets) await addPeopleSheet(workbook, sheet);
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(file, new Uint8Array(buffer as ArrayBuffer), mode);
}

/** Consecutive rows of one column with the same list become one range (`X2:X33`); a lone row `X5:X5`. */
class DropdownRuns {
  readonly #columns: readonly PeopleColumn[];
  readonly #open = new Map<number, { first: number; last: number; key: string; dropdown: Dropdown }>();
  readonly #done: Array<{ range: string; validation: DataValidation }> = [];

  constructor(columns: readonly PeopleColumn[]) {
    this.#columns = columns;
  }

  add(row: number, dropdowns: Readonly<Record<string, Dropdown>>): void {
    this.#columns.forEach((column, index) => {
      const dropdown = dropdowns[column.header];
      const key = dropdown === undefined ? undefined : JSON.stringify([dropdown.values, dropdown.range, dropdown.expected]);
      const open = this.#open.get(index);
      if (open !== undefined && open.key === key && open.last === row - 1) {
        open.last = row;
        return;
      }
      if (open !== undefined) this.#close(index);
      if (dropdown !== undefined && key !== undefined) this.#open.set(index, { first: row, last: row, key, dropdown });
    });
  }

  finish(): Array<{ range: string; validation: DataValidation }> {
    for (const index of [...this.#open.keys()]) this.#close(index);
    return this.#done;
  }

  #close(index: number): void {
    const open = this.#open.get(index);
    if (open === undefined) return;
    this.#open.delete(index);
    const column = this.#columns[index] as PeopleColumn;
    const letter = columnLetter(index);
    // Always `A1:B2` form: exceljs keeps a range key as it is, and never merges it with its neighbours.
    this.#done.push({ range: `${letter}${open.first}:${letter}${open.last}`, validation: listValidation(open.dropdown, column.header) });
  }
}

function listValidation(dropdown: Dropdown, header: string): DataValidation {
  const formula = dropdown.range ?? `"${(dropdown.values ?? []).join(',')}"`;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `Invalid ${header}`.slice(0, 32),
    error: `Expected ${dropdown.expected}.`,
  };
}
