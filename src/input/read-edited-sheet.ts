import type { Issue } from '../core/issue-codes.js';
import type { RowRef } from '../core/row-ref.js';
import { headerKey } from './columns.js';
import { readTextTable, type ReadTextTableOptions } from './read-text-table.js';

/** A column a command reads back from a sheet people edited. */
export interface EditedColumn<K extends string> {
  readonly name: K;
  /** Digits that must stay text (PIN, account, postal code, phone numbers, ids): a numeric cell is refused. */
  readonly isIdentifier: boolean;
}

/**
 * One data row of an edited sheet: the known columns it has, as text (trimmed), and what is wrong with it
 * (each problem carries its row and column; its message says what was found).
 */
export interface EditedSheetRow<K extends string> {
  readonly ref: RowRef;
  readonly values: Readonly<Partial<Record<K, string>>>;
  /** `NUMERIC_IDENTIFIER` for each identifier column whose cell holds a number: nothing of the row may be sent. */
  readonly problems: readonly Issue[];
}

export interface EditedSheet<K extends string> {
  readonly file: string;
  readonly sheet: string;
  /** The row the header was read from. */
  readonly headerRow: number;
  /** Column → the header as written in the file (for messages); columns the sheet lacks are absent. */
  readonly columnHeaders: ReadonlyMap<K, string>;
  readonly rows: readonly EditedSheetRow<K>[];
}

/**
 * Reads a sheet a person edited and gave back (review, Exceptions; verification and LOA index later):
 * row 1 is the header, matched case- and punctuation-insensitively against `columns` (first match
 * wins; other columns are ignored); blank rows are skipped. Cells come back as the text a person saw.
 * A NUMBER in an identifier column is a row problem, `NUMERIC_IDENTIFIER`: Excel stored what was typed
 * as a number (a General-formatted cell), so leading zeros may already be gone (`0729` → 729) and the
 * value cannot be trusted. Which columns a command needs is the command's check.
 */
export async function readEditedSheet<K extends string>(
  file: string,
  shownAs: string,
  options: ReadTextTableOptions & { readonly columns: readonly EditedColumn<K>[] },
): Promise<EditedSheet<K>> {
  const table = await readTextTable(file, shownAs, options);
  const header = table.rows[0]?.cells ?? [];
  const columnIndex = new Map<K, number>();
  const columnHeaders = new Map<K, string>();
  for (const column of options.columns) {
    const index = header.findIndex((cell) => headerKey(cell) === headerKey(column.name));
    if (index < 0) continue;
    columnIndex.set(column.name, index);
    columnHeaders.set(column.name, (header[index] ?? column.name).trim());
  }
  const identifiers = new Set(options.columns.filter((column) => column.isIdentifier).map((column) => column.name));
  const rows: EditedSheetRow<K>[] = [];
  for (const { row, cells, numericCells } of table.rows.slice(1)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const ref: RowRef = { file: shownAs, sheet: table.sheet, row };
    const values: Partial<Record<K, string>> = {};
    const problems: Issue[] = [];
    for (const [name, index] of columnIndex) {
      const text = (cells[index] ?? '').trim();
      values[name] = text;
      if (identifiers.has(name) && numericCells?.includes(index) === true) {
        const column = columnHeaders.get(name) ?? name;
        problems.push({
          code: 'NUMERIC_IDENTIFIER',
          ref,
          column,
          message: `${name} was stored as the number ${text}; leading zeros may be lost — type it as text (format the cell as Text, or start it with ')`,
        });
      }
    }
    rows.push({ ref, values, problems });
  }
  return { file: shownAs, sheet: table.sheet, headerRow: table.rows[0]?.row ?? 1, columnHeaders, rows };
}
