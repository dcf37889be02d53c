import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { NumberRecord } from '../../src/core/records.js';
import { readInput } from '../../src/input/read-input.js';
import { validateRows } from '../../src/validate/validate-rows.js';

/**
 * A range typed into a General cell as `+4930244999900-99` is a formula to Excel, which shows the
 * difference. Only an XLSX keeps the formula text, so only there is the range recognized (README).
 */
describe('a range Excel computed as a subtraction', () => {
  it('is read from the XLSX formula as the range, with a warning naming the formula and what Excel showed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-range-xlsx-'));
    const file = path.join(dir, 'ranges.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Numbers');
    sheet.addRow(['phone_number', 'country']);
    sheet.addRow([{ formula: '+4930244999900-99', result: 4930244999801 }, 'DE']);
    sheet.addRow([{ formula: '14155550100-105', result: 14155549995 }, 'US']);
    sheet.addRow([{ formula: 'A1&"x"', result: '+4930244999900x' }, 'DE']);
    await workbook.xlsx.writeFile(file);

    const source = await readInput(file, { sheet: undefined, headerMap: new Map(), displayName: 'ranges.xlsx' });
    const records: NumberRecord[] = [];
    for await (const record of validateRows(source.rows, { defaultCountry: 'US', columnHeaders: source.columnHeaders })) records.push(record);

    expect(records[0]?.block).toMatchObject({ start: '+4930244999900', end: '+4930244999999', size: 100 });
    expect(records[0]?.issues.map((i) => [i.code, i.message])).toEqual([
      [
        'RANGE_FROM_FORMULA',
        'ranges.xlsx [Numbers] row 2, column "phone_number": read the formula "=+4930244999900-99" (Excel computed "4930244999801") as the range +4930244999900 to +4930244999999; type ranges into a text-formatted cell',
      ],
    ]);
    // A US range is expanded: six numbers, each its own record of row 3.
    expect(records.slice(1, 7).map((r) => [r.ref.row, r.e164])).toEqual(
      Array.from({ length: 6 }, (_, i) => [3, `+141555501${String(i).padStart(2, '0')}`]),
    );
    // Any other formula is read by its result, as before.
    expect(records[7]).toMatchObject({ status: 'invalid' });
    expect(records[7]?.block).toBeUndefined();
  });
});
