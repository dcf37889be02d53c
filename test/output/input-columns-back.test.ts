import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RESULT_COLUMNS } from '../../src/output/result-columns.js';
import { runInProcess } from '../helpers/run-in-process.js';

describe('results carry every input column (docs/design.md §5)', () => {
  it('known columns included, as written, after bulkport’s own; a clashing header gets input:; the PIN masked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-input-columns-'));
    const input = path.join(dir, 'customers.csv');
    await writeFile(input, 'Phone,Customer Name,Account #,Status,PIN,Notes\n(415) 555-0132,  Acme Widgets LLC ,007-1,VIP,0729,call first\n');
    const out = path.join(dir, 'out');
    // validate sends nothing: no simulator is needed.
    const run = await runInProcess(['validate', input, '-o', out], { baseURL: 'http://127.0.0.1:9' }, { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const expectedHeader = [...RESULT_COLUMNS, 'Phone', 'Customer Name', 'Account #', 'input:Status', 'PIN', 'Notes'];
    const [header, row] = parse(await readFile(path.join(out, 'results.csv'))) as string[][];
    expect(header).toEqual(expectedHeader);
    const byHeader = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]));
    expect(byHeader).toMatchObject({
      status: 'valid',
      Phone: '(415) 555-0132',
      'Customer Name': '  Acme Widgets LLC ',
      'Account #': '007-1',
      'input:Status': 'VIP',
      PIN: '•••• (4 digits)',
      Notes: 'call first',
    });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'results.xlsx'));
    const results = workbook.getWorksheet('Results');
    expect((results?.getRow(1).values as unknown[]).slice(1)).toEqual(expectedHeader);
    expect(results?.getRow(2).getCell(expectedHeader.indexOf('Customer Name') + 1).text).toBe('  Acme Widgets LLC ');
    expect(results?.getRow(2).getCell(expectedHeader.indexOf('PIN') + 1).text).toBe('•••• (4 digits)');
    expect(await readFile(path.join(out, 'results.csv'), 'utf8')).not.toContain('0729');
  });
});
