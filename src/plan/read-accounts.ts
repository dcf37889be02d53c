import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputFileError, UsageError } from '../core/errors.js';
import type { RowRef } from '../core/row-ref.js';
import { IDENTIFIER_COLUMNS, type CanonicalColumn } from '../input/columns.js';
import { columnOfHeader, HEADER_SEARCH_ROWS } from '../input/map-headers.js';
import { readTextTable } from '../input/read-text-table.js';
import { ACCOUNT_SHEET_COLUMNS, type AccountSheetRow } from './resolve-accounts.js';
import { normalizeIdentifier } from './normalize-field.js';

/** `--accounts SHEET|FILE [--join COLUMN]` as resolved from the flags. */
export interface AccountsOption {
  /** A file path, or the name of a sheet of the input workbook. */
  readonly spec: string;
  /** The canonical column both sheets share (default account_number). */
  readonly join: CanonicalColumn;
}

export interface AccountSheet {
  /** As shown in messages and account_source: the path as given, or the input file's. */
  readonly file: string;
  readonly path: string;
  readonly sheet: string;
  readonly sha256: string;
  readonly join: CanonicalColumn;
  readonly rows: readonly AccountSheetRow[];
}

/**
 * Reads the accounts sheet: a file of its own (CSV or XLSX) when `spec` names one, else a sheet of the
 * input workbook. It goes through the same guarded readers as every sheet a person fills in (size and
 * unpacking limits, encodings, delimiters); it holds one row per account, so it is read whole. Its
 * header is the first of the top rows that names the join column. Problems with the sheet itself stop
 * the run before anything is sent (exit 2): no join column, an identifier typed as a number (leading
 * zeros may be gone), two rows for one account that disagree.
 */
export async function readAccountSheet(option: AccountsOption, input: { readonly path: string; readonly shownAs: string }, cwd: string): Promise<AccountSheet> {
  const asFile = path.resolve(cwd, option.spec);
  const isFile = await stat(asFile).then((s) => s.isFile(), () => false);
  const isWorkbook = /\.xlsx$/i.test(input.path);
  if (!isFile && !isWorkbook) {
    throw new UsageError(`--accounts "${option.spec}": expected a CSV or XLSX file, or a sheet of the input workbook; no such file, and ${input.shownAs} is not a workbook`);
  }
  const file = isFile ? asFile : input.path;
  const shownAs = isFile ? option.spec : input.shownAs;
  const table = await readTextTable(file, shownAs, {
    preferredSheet: isFile ? 'Accounts' : option.spec,
    ...(isFile ? {} : { sheet: option.spec }),
    expected: 'an accounts sheet',
    xlsxAlternative: 'the accounts sheet as .xlsx',
  });
  const headerIndex = table.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.cells.some((cell) => columnOfHeader(cell) === option.join));
  const header = table.rows[headerIndex];
  if (header === undefined) {
    throw new InputFileError(`${shownAs} [${table.sheet}]: expected a header naming the join column ${option.join} in the first ${HEADER_SEARCH_ROWS} rows, found none`, 'Name the column that links number rows to account rows, or say which with --join COLUMN.');
  }
  const columns = new Map<number, CanonicalColumn>();
  header.cells.forEach((cell, index) => {
    const column = columnOfHeader(cell);
    if (column !== undefined && (ACCOUNT_SHEET_COLUMNS as readonly string[]).concat(option.join).includes(column) && ![...columns.values()].includes(column)) columns.set(index, column);
  });
  const rows: AccountSheetRow[] = [];
  const byKey = new Map<string, AccountSheetRow>();
  for (const { row, cells, numericCells } of table.rows.slice(headerIndex + 1)) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    const ref: RowRef = { file: shownAs, sheet: table.sheet, row };
    const fields: Partial<Record<CanonicalColumn, string>> = {};
    for (const [index, column] of columns) {
      const text = (cells[index] ?? '').trim();
      if (text === '') continue;
      if (IDENTIFIER_COLUMNS.has(column) && numericCells?.includes(index) === true) {
        throw new InputFileError(
          `${shownAs} [${table.sheet}] row ${row}, column "${(header.cells[index] ?? column).trim()}": ${column} was stored as the number ${column === 'pin_passcode' ? '(hidden)' : text}; leading zeros may be lost`,
          "Format the column as Text (or start the value with ') and type it again.",
        );
      }
      fields[column] = text;
    }
    const key = normalizeIdentifier(fields[option.join]);
    if (key === '') continue;
    const account: AccountSheetRow = { ref, key, fields };
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      throw new InputFileError(
        `${shownAs} [${table.sheet}] rows ${earlier.ref.row} and ${row}: expected one row per account, found two for ${option.join} "${fields[option.join] ?? ''}"`,
        'Keep one row per account in the accounts sheet.',
      );
    }
    byKey.set(key, account);
    rows.push(account);
  }
  const sha256 = createHash('sha256').update(await readFile(file)).digest('hex');
  return { file: shownAs, path: file, sheet: table.sheet, sha256, join: option.join, rows };
}
