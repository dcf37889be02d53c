import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/core/errors.js';
import { EXCEL_MAX_CELL_CHARS, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../../src/core/excel-limits.js';
import type { InputRow, NumberRecord } from '../../../src/core/records.js';
import { readInput, type InputSource } from '../../../src/input/read-input.js';
import { validateRows } from '../../../src/validate/validate-rows.js';
import { sheetXml, writeTamperedWorkbook } from './hostile-files.js';

// Issue 13, "Bounded work for any file": hostile files are generated here, small on disk; every
// limit is an InputFileError (exit 2) naming the file, the part and the limit.
let dir: string;
const MB = 1024 * 1024;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulkport-adv-limits-'));
});

async function open(name: string, maxInflatedBytes?: number): Promise<InputSource> {
  return readInput(path.join(dir, name), { headerMap: new Map(), displayName: name, maxInflatedBytes });
}

async function collect(rows: AsyncIterable<InputRow>): Promise<InputRow[]> {
  const all: InputRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function refusal(promise: Promise<unknown>): Promise<InputFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputFileError);
  return error as InputFileError;
}

describe('XLSX parts are counted as they inflate', () => {
  it('a shared-strings zip bomb stops at --max-inflated, naming the part', async () => {
    const item = '<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>';
    const strings = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${item.repeat((4 * MB) / item.length)}</sst>`);
    await writeTamperedWorkbook(path.join(dir, 'bomb.xlsx'), { 'xl/sharedStrings.xml': { data: strings } });
    const error = await refusal(open('bomb.xlsx', 2 * MB));
    expect(error.message).toBe('bomb.xlsx: part xl/sharedStrings.xml of the workbook unpacks past the limit of 2 MB for all parts together (--max-inflated 2); not read');
    expect(error.hint).toContain('raise --max-inflated');
  });

  it('a sheet part that lies about its size in the zip directory is caught by counting', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ row: i + 1, cells: [['A' + String(i + 1), 'x'.repeat(90)] as const] }));
    await writeTamperedWorkbook(path.join(dir, 'liar.xlsx'), { 'xl/worksheets/sheet1.xml': { data: sheetXml(rows), declaredBytes: 200 } });
    const error = await refusal(open('liar.xlsx', 2 * MB));
    expect(error.message).toMatch(/^liar\.xlsx: part xl\/worksheets\/sheet1\.xml of the workbook unpacks past the limit of 2 MB/);
  });

  it('the default limit leaves a real workbook alone', async () => {
    const rows = [
      { row: 1, cells: [['A1', 'phone_number'], ['B1', 'note']] as const },
      { row: 2, cells: [['A2', '+14155550100'], ['B2', 'ok']] as const },
    ];
    await writeTamperedWorkbook(path.join(dir, 'fine.xlsx'), { 'xl/worksheets/sheet1.xml': { data: sheetXml(rows) } });
    const source = await open('fine.xlsx');
    expect((await collect(source.rows)).map((row) => row.phone.text)).toEqual(['+14155550100']);
  });
});

describe("rows and columns past Excel's grid", () => {
  it(`an XLSX cell in column ${EXCEL_MAX_COLUMNS + 1} (XFE)`, async () => {
    const rows = [
      { row: 1, cells: [['A1', 'phone_number']] as const },
      { row: 2, cells: [['A2', '+14155550100'], ['XFE2', 'far']] as const },
    ];
    await writeTamperedWorkbook(path.join(dir, 'wide.xlsx'), { 'xl/worksheets/sheet1.xml': { data: sheetXml(rows) } });
    // exceljs refuses the address itself (in the survey pass); either way one InputFileError line (exit 2), no stack.
    const error = await refusal(open('wide.xlsx'));
    expect(error.message).toMatch(/^wide\.xlsx: cannot read the XLSX workbook \(.*Invalid column letter: XFE\)$/);
  });

  it(`an XLSX row ${EXCEL_MAX_ROWS + 1}`, async () => {
    const rows = [
      { row: 1, cells: [['A1', 'phone_number']] as const },
      { row: EXCEL_MAX_ROWS + 1, cells: [[`A${EXCEL_MAX_ROWS + 1}`, '+14155550100']] as const },
    ];
    await writeTamperedWorkbook(path.join(dir, 'deep.xlsx'), { 'xl/worksheets/sheet1.xml': { data: sheetXml(rows) } });
    const source = await open('deep.xlsx');
    const error = await refusal(collect(source.rows));
    expect(error.message).toBe(`deep.xlsx [Numbers]: row ${EXCEL_MAX_ROWS + 1} is past Excel's last row (${EXCEL_MAX_ROWS}); not read`);
  });

  it('a 20,000-column CSV row', async () => {
    await writeFile(path.join(dir, 'wide.csv'), `phone_number,note\n+14155550100${',x'.repeat(19_999)}\n`);
    const source = await open('wide.csv');
    const error = await refusal(collect(source.rows));
    expect(error.message).toBe(`wide.csv: row 2 (line 2) has 20000 cells, past Excel's last column (${EXCEL_MAX_COLUMNS}); not read`);
  });
  // A CSV past row 1,048,576 is refused by the same check (read-csv.ts); parsing a million records
  // takes ~15 s here, too slow for the timed suite, so that shape is not generated.
});

describe("cells over Excel's 32,767 characters are a row issue, not an out-of-memory abort", () => {
  async function validated(source: InputSource): Promise<NumberRecord[]> {
    const records: NumberRecord[] = [];
    for await (const record of validateRows(source.rows, { defaultCountry: 'US', columnHeaders: source.columnHeaders })) records.push(record);
    return records;
  }

  it('in a CSV: the row is invalid with CELL_TOO_LONG naming the column; the cell is cut with a marker', async () => {
    await writeFile(path.join(dir, 'long-cell.csv'), `phone_number,Notes\n+14155550100,${'n'.repeat(40_000)}\n+14155550101,short\n`);
    const source = await open('long-cell.csv');
    const records = await validated(source);
    expect(records.map((record) => record.status)).toEqual(['invalid', 'valid']);
    expect(records[0]?.issues[0]).toMatchObject({ code: 'CELL_TOO_LONG', column: 'Notes' });
    expect(records[0]?.issues[0]?.message).toBe(`long-cell.csv [long-cell] row 2, column "Notes": expected at most ${EXCEL_MAX_CELL_CHARS} characters (Excel's cell limit), got 40000; the cell is cut in the results`);
    const cut = records[0]?.passthrough[source.passthroughHeaders.indexOf('Notes')] ?? '';
    expect(cut.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    expect(cut).toMatch(/…\[cut: 40000 characters, Excel holds 32767\]$/);
  });

  it('in an XLSX shared string', async () => {
    const strings = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>phone_number</t></si><si><t>Notes</t></si><si><t>${'n'.repeat(40_000)}</t></si></sst>`);
    const sheet = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>+14155550100</t></is></c><c r="B2" t="s"><v>2</v></c></row></sheetData></worksheet>',
    );
    await writeTamperedWorkbook(path.join(dir, 'long-cell.xlsx'), { 'xl/sharedStrings.xml': { data: strings }, 'xl/worksheets/sheet1.xml': { data: sheet } });
    const records = await validated(await open('long-cell.xlsx'));
    expect(records.map((record) => record.issues[0]?.code)).toEqual(['CELL_TOO_LONG']);
    expect(records[0]?.issues[0]?.column).toBe('Notes');
  });
});
