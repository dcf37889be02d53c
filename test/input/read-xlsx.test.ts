import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/core/errors.js';
import { readInput } from '../../src/input/read-input.js';
import { collect, readFixture, refs } from './read-helpers.js';

describe('XLSX reader: hand-built workbook (inline strings, custom and scientific formats, formulas)', () => {
  it('finds the header below a title row and reads every cell kind as Excel shows it', async () => {
    const { source, rows } = await readFixture('hand-built-inline.xlsx');
    expect(source).toMatchObject({ format: 'xlsx', sheet: 'Port List', headerRow: 3, sheetsNotRead: [] });
    expect(source.headers).toEqual(['Phone', 'Postal Code', 'FOC Date', 'Active', 'Company']);
    expect(source.passthroughHeaders).toEqual(source.headers);
    expect(refs(rows)).toEqual([
      { row: 4, sheet: 'Port List', phone: '(415) 555-0132' },
      { row: 5, sheet: 'Port List', phone: '4.42E+11' },
      { row: 6, sheet: 'Port List', phone: '' },
      { row: 7, sheet: 'Port List', phone: '+1 646 555 0124' },
      { row: 8, sheet: 'Port List', phone: '#N/A' },
      { row: 11, sheet: 'Port List', phone: '14155550101' },
      { row: 12, sheet: 'Port List', phone: '14155550102' },
      { row: 13, sheet: 'Port List', phone: '1000000000000000' },
    ]);
    const phones = rows.map((row) => row.phone);
    // Custom phone format: shown formatted, the exact stored value kept for the number rule.
    expect(phones[0]).toEqual({ text: '(415) 555-0132', numeric: { value: 4155550132, isScientific: false } });
    expect(phones[1]).toEqual({ text: '4.42E+11', numeric: { value: 441632000000, isScientific: true } });
    expect(phones[2]).toEqual({ text: '', problem: 'formula_without_result' });
    expect(phones[3]).toEqual({ text: '+1 646 555 0124' });
    expect(phones[4]).toEqual({ text: '#N/A', problem: 'error_value' });
    expect(phones[5]).toEqual({ text: '14155550101', numeric: { value: 14155550101, isScientific: false } });
    expect(phones[6]).toEqual({ text: '14155550102', numeric: { value: 14155550102, isScientific: false } });
    expect(rows[0]?.fields).toMatchObject({ postal_code: '02134', foc_date: '2026-03-01', entity_name: 'Acme & Sons' });
    expect(rows[0]?.passthrough).toEqual(['(415) 555-0132', '02134', '2026-03-01', 'TRUE', 'Acme & Sons']);
  });

  it('number formats apply even when the sheet part precedes styles.xml in the zip', async () => {
    const { rows } = await readFixture('styles-after-sheet.xlsx');
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'Port List', phone: '1.62E+10' },
      { row: 3, sheet: 'Port List', phone: '+1 617 555 0150' },
    ]);
    expect(rows[0]?.phone.numeric).toEqual({ value: 16175550150, isScientific: true });
    expect(rows.map((row) => row.fields.postal_code)).toEqual(['02134', '02139']);
  });
});

describe('XLSX reader: zip part order', () => {
  it('shared strings as the last zip entry after deferred sheets are not lost', async () => {
    // Plain exceljs 4.4 streaming yields {sharedString: 0} cells for this file (the last entry is dropped).
    const { source, rows } = await readFixture('shared-strings-last.xlsx');
    expect(source).toMatchObject({ sheet: 'Port List', headerRow: 1, sheetsNotRead: [{ name: 'Second', rowCount: 3 }] });
    expect(source.headers).toEqual(['phone_number', 'postal_code']);
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'Port List', phone: '1.62E+10' },
      { row: 3, sheet: 'Port List', phone: '+1 617 555 0150' },
    ]);
  });
});

describe('XLSX reader: workbook saved by LibreOffice', () => {
  it('reads the first sheet in tab order with a header and names the others with their row counts', async () => {
    const { source, rows } = await readFixture('libreoffice-saved.xlsx');
    expect(source).toMatchObject({ sheet: 'Numbers', headerRow: 3 });
    expect(source.sheetsNotRead).toEqual([
      { name: 'Read Me', rowCount: 2 },
      { name: 'Other Numbers', rowCount: 4 },
    ]);
    expect(source.headers).toEqual(['Telephone Number', 'Zip Code', 'FOC Date', 'Verified', 'Company']);
    expect(refs(rows)).toEqual([
      { row: 4, sheet: 'Numbers', phone: '14155550132' },
      { row: 5, sheet: 'Numbers', phone: '4.42E+11' },
      { row: 6, sheet: 'Numbers', phone: '+1 646 555 0101' },
      { row: 8, sheet: 'Numbers', phone: '+44 20 7946 0958' },
      { row: 9, sheet: 'Numbers', phone: '12125550199' },
      // exceljs's streaming reader parses a formula's cached error as NaN, so the error text is gone.
      { row: 10, sheet: 'Numbers', phone: '#ERROR' },
    ]);
    const phones = rows.map((row) => row.phone);
    expect(phones[0]?.numeric).toEqual({ value: 14155550132, isScientific: false });
    expect(phones[1]?.numeric).toEqual({ value: 441632000000, isScientific: true });
    expect(phones[2]).toEqual({ text: '+1 646 555 0101' });
    expect(phones[4]?.numeric).toEqual({ value: 12125550199, isScientific: false });
    expect(phones[5]?.problem).toBe('error_value');
    expect(rows.map((row) => row.fields.entity_name)).toEqual([
      'Plain Text Co', 'Rich Text Ltd', 'Hyperlink LLC', 'Formula Text GmbH', 'Formula Number Inc', 'Error Cell SA',
    ]);
    expect(rows[0]?.fields).toMatchObject({ postal_code: '02134', foc_date: '2026-02-27' });
  });

  it('--sheet picks another sheet, matched case-insensitively', async () => {
    const { source, rows } = await readFixture('libreoffice-saved.xlsx', { sheet: 'other numbers' });
    expect(source).toMatchObject({ sheet: 'Other Numbers', headerRow: 1 });
    expect(source.sheetsNotRead).toEqual([
      { name: 'Read Me', rowCount: 2 },
      { name: 'Numbers', rowCount: 8 },
    ]);
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'Other Numbers', phone: '+1 303 555 0170' },
      { row: 3, sheet: 'Other Numbers', phone: '+1 303 555 0171' },
      { row: 4, sheet: 'Other Numbers', phone: '+1 303 555 0172' },
    ]);
    expect(rows.map((row) => row.fields.carrier)).toEqual(['Lumen', 'Lumen', 'Lumen']);
  });

  it('--sheet naming a missing sheet lists the sheets', async () => {
    const error = await readFixture('libreoffice-saved.xlsx', { sheet: 'Numbrs' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).message).toBe(
      'libreoffice-saved.xlsx: --sheet "Numbrs" not found; sheets: "Read Me", "Numbers", "Other Numbers"',
    );
  });

  it('--sheet naming a sheet without a phone column says what it found there', async () => {
    await expect(readFixture('libreoffice-saved.xlsx', { sheet: 'Read Me' })).rejects.toThrow(
      /^libreoffice-saved\.xlsx \[Read Me\] row 1: expected a phone_number column .* found headers "This workbook lists the numbers to port\."/,
    );
  });
});

describe('XLSX reader: workbook written by exceljs (sheets before workbook.xml in the zip)', () => {
  it('reads rich text, hyperlinks, dates and numbers from the streaming writer; skips a hidden sheet', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-xlsx-'));
    try {
      const file = path.join(dir, 'written.xlsx');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
      const lookup = workbook.addWorksheet('Lookup', { state: 'hidden' });
      lookup.addRow(['phone_number', 'label']).commit();
      lookup.addRow(['+1 800 555 0100', 'hidden sheets are read only with --sheet']).commit();
      const summary = workbook.addWorksheet('Summary');
      summary.addRow(['Totals']).commit();
      summary.addRow([3]).commit();
      const data = workbook.addWorksheet('Data');
      data.addRow(['Exported numbers']).commit();
      data.addRow(['Phone', 'Company', 'FOC Date', 'Zip']).commit();
      data.addRow([{ richText: [{ text: '+1 415 ' }, { font: { bold: true }, text: '555 0100' }] }, 'Rich', new Date(Date.UTC(2026, 3, 1)), 2134]).commit();
      data.addRow([{ text: '+1 415 555 0101', hyperlink: 'tel:+14155550101' }, 'Link', null, null]).commit();
      const numberRow = data.addRow([14155550102, 'Number']);
      numberRow.getCell(4).numFmt = '00000';
      numberRow.getCell(4).value = 501;
      numberRow.commit();
      await workbook.commit();

      const source = await readInput(file, { headerMap: new Map(), displayName: 'written.xlsx' });
      const rows = await collect(source.rows);
      expect(source).toMatchObject({ sheet: 'Data', headerRow: 2, sheetsNotRead: [{ name: 'Lookup', rowCount: 2 }, { name: 'Summary', rowCount: 2 }] });
      expect(refs(rows)).toEqual([
        { row: 3, sheet: 'Data', phone: '+1 415 555 0100' },
        { row: 4, sheet: 'Data', phone: '+1 415 555 0101' },
        { row: 5, sheet: 'Data', phone: '14155550102' },
      ]);
      expect(rows[0]?.fields.foc_date).toBe('2026-04-01');
      expect(rows[2]?.phone.numeric).toEqual({ value: 14155550102, isScientific: false });
      expect(rows.map((row) => row.fields.postal_code)).toEqual(['2134', '', '00501']);

      const hidden = await readInput(file, { headerMap: new Map(), sheet: 'Lookup' });
      expect(refs(await collect(hidden.rows))).toEqual([{ row: 2, sheet: 'Lookup', phone: '+1 800 555 0100' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
