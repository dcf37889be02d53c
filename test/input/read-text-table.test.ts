import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/core/errors.js';
import { readEditedSheet } from '../../src/input/read-edited-sheet.js';
import { readTextTable, type ReadTextTableOptions } from '../../src/input/read-text-table.js';

const OPTIONS: ReadTextTableOptions = { preferredSheet: 'Review', expected: 'a review sheet', xlsxAlternative: 'review.xlsx' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulkport-text-table-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function workbook(name: string, sheets: Record<string, (string | number)[][]>): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(sheetName);
    rows.forEach((cells, index) => {
      if (cells.length > 0) sheet.getRow(index + 1).values = cells;
    });
  }
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

describe('readTextTable on CSV', () => {
  it('detects the delimiter, numbers rows as a spreadsheet shows them (a multi-line cell is one row) and takes formula guards off', async () => {
    const file = path.join(dir, 'edited.csv');
    await writeFile(file, 'id;note\n\na1;"two\nlines"\na2;\'=SUM(1)\n');
    const table = await readTextTable(file, 'edited.csv', OPTIONS);
    expect(table.sheet).toBe('edited');
    expect(table.rows).toEqual([
      { row: 1, cells: ['id', 'note'] },
      { row: 2, cells: [''] },
      { row: 3, cells: ['a1', 'two\nlines'] },
      { row: 4, cells: ['a2', '=SUM(1)'] },
    ]);
  });

  it('names the XLSX to fall back to when the CSV does not parse', async () => {
    const file = path.join(dir, 'broken.csv');
    await writeFile(file, 'id,note\na1,"never closed\n');
    const error = await readTextTable(file, 'broken.csv', OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toMatch(/^broken\.csv: cannot read the CSV: /);
    expect((error as InputFileError).hint).toBe('Save the sheet again as CSV (or use review.xlsx).');
  });
});

describe('readTextTable on XLSX', () => {
  it('reads the preferred sheet with true row numbers, skipping empty rows', async () => {
    const file = await workbook('two-sheets.xlsx', { Notes: [['x']], Review: [['id', 'n'], [], ['a1', 7]] });
    expect(await readTextTable(file, 'two-sheets.xlsx', OPTIONS)).toEqual({
      sheet: 'Review',
      rows: [
        { row: 1, cells: ['id', 'n'] },
        { row: 3, cells: ['a1', '7'], numericCells: [1] },
      ],
    });
  });

  it('falls back to the first sheet, and a named sheet wins over the preferred one', async () => {
    const file = await workbook('other.xlsx', { First: [['a']], Second: [['b']] });
    expect((await readTextTable(file, 'other.xlsx', OPTIONS)).sheet).toBe('First');
    expect((await readTextTable(file, 'other.xlsx', { ...OPTIONS, sheet: 'Second' })).rows).toEqual([{ row: 1, cells: ['b'] }]);
  });

  it('lists the sheets the workbook has when the named sheet is missing', async () => {
    const file = await workbook('named.xlsx', { First: [['a']], Second: [['b']] });
    await expect(readTextTable(file, 'named.xlsx', { ...OPTIONS, sheet: 'Nope' })).rejects.toThrow(
      'named.xlsx: --sheet "Nope" not found; the workbook has "First", "Second"',
    );
  });
});

describe('readEditedSheet', () => {
  it('returns text as typed, and a number in an identifier column as a NUMERIC_IDENTIFIER row problem', async () => {
    const file = await workbook('edited.xlsx', { Review: [['ID', 'pin_passcode', 'count'], ['a1', 729, 7], ['a2', '0729', 8]] });
    const sheet = await readEditedSheet(file, 'edited.xlsx', {
      ...OPTIONS,
      columns: [
        { name: 'id', isIdentifier: true },
        { name: 'pin_passcode', isIdentifier: true },
        { name: 'count', isIdentifier: false },
      ],
    });
    expect(sheet.columnHeaders.get('id')).toBe('ID');
    expect(sheet.rows.map((r) => r.values)).toEqual([
      { id: 'a1', pin_passcode: '729', count: '7' },
      { id: 'a2', pin_passcode: '0729', count: '8' },
    ]);
    expect(sheet.rows[0]?.problems).toEqual([
      {
        code: 'NUMERIC_IDENTIFIER',
        ref: { file: 'edited.xlsx', sheet: 'Review', row: 2 },
        column: 'pin_passcode',
        message: "pin_passcode was stored as the number 729; leading zeros may be lost — type it as text (format the cell as Text, or start it with ')",
      },
    ]);
    expect(sheet.rows[1]?.problems).toEqual([]);
  });
});
