import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../src/input/read-input.js';
import type { InputRow, NumberRecord } from '../../src/core/records.js';
import type { CanonicalColumn } from '../../src/input/columns.js';
import { validateRows } from '../../src/validate/validate-rows.js';

type Fields = Partial<Record<CanonicalColumn, string>>;

function row(at: number, phone: string, fields: Fields = {}): InputRow {
  return { ref: { file: 'numbers.csv', sheet: 'numbers', row: at }, index: at - 2, phone: { text: phone }, fields: { phone_number: phone, ...fields }, passthrough: [phone] };
}

async function validate(rows: readonly InputRow[], maxRange?: number): Promise<NumberRecord[]> {
  async function* source(): AsyncGenerator<InputRow> {
    yield* rows;
  }
  const records: NumberRecord[] = [];
  for await (const record of validateRows(source(), { defaultCountry: 'US', columnHeaders: {}, ...(maxRange === undefined ? {} : { maxRange }) })) records.push(record);
  return records;
}

const summary = (r: NumberRecord): [number, number, string, string, string] => [r.ref.row, r.index, r.e164 ?? '', r.status, r.issues[0]?.code ?? ''];

describe('validating ranges (issue 15)', () => {
  it('keeps a German range as one block record and expands any other range into one record per number, each with the input row', async () => {
    const records = await validate([
      row(2, '+49 30 2449999 00 - 99', { activation_range: '00-49; 60-69' }),
      row(3, '0207 946 0100 to 0102', { country: 'GB' }),
      row(4, '415-555-0100'),
    ]);
    expect(records.map(summary)).toEqual([
      [2, 0, '+4930244999900', 'valid', ''],
      [3, 1, '+442079460100', 'valid', ''],
      [3, 2, '+442079460101', 'valid', ''],
      [3, 3, '+442079460102', 'valid', ''],
      [4, 4, '+14155550100', 'valid', ''],
    ]);
    expect(records[0]?.block).toEqual({
      start: '+4930244999900',
      end: '+4930244999999',
      size: 100,
      activationRanges: [
        { start: '+4930244999900', end: '+4930244999949' },
        { start: '+4930244999960', end: '+4930244999969' },
      ],
    });
    expect(records[1]?.inputNumber).toBe('0207 946 0100 to 0102');
  });

  it('reads a sheet whose only number columns are range_start/range_end (German headers "Von"/"Bis")', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'bulkport-range-cols-')), 'bloecke.csv');
    await writeFile(file, 'Von,Bis,country\n030 2449999 00,99,DE\n0207 946 0100,0101,GB\n');
    const source = await readInput(file, { sheet: undefined, headerMap: new Map(), displayName: 'bloecke.csv' });
    expect(source.columnHeaders).toMatchObject({ range_start: 'Von', range_end: 'Bis' });
    const records: NumberRecord[] = [];
    for await (const record of validateRows(source.rows, { defaultCountry: 'US', columnHeaders: source.columnHeaders })) records.push(record);
    expect(records.map((r) => [r.ref.row, r.e164, r.block?.size])).toEqual([
      [2, '+4930244999900', 100],
      [3, '+442079460100', undefined],
      [3, '+442079460101', undefined],
    ]);
  });

  it('reads range_start/range_end columns, with a short end', async () => {
    const records = await validate([row(2, '', { range_start: '030 2449999 00', range_end: '49', country: 'DE' })]);
    expect(records[0]?.block).toMatchObject({ start: '+4930244999900', end: '+4930244999949', size: 50 });
    expect(records[0]?.inputNumber).toBe('030 2449999 00 - 49');
  });

  it('refuses overlaps, ranges past --max-range, blocks past 1,000 and bad activation ranges, each with its code and the cell', async () => {
    const records = await validate(
      [
        row(2, '+49 30 2449999 00 - 99'),
        row(3, '+49 30 2449999 50 - 59'),
        row(4, '+49 30 2449999 50'),
        row(5, '415-555-0100 to 0120'),
        row(6, '+49 30 2449 0000 - 1999'),
        row(7, '+49 30 2449998 00 - 99', { activation_range: '00-49; 40-59' }),
        row(8, '+49 30 2449997 00 - 99', { activation_range: '+49 30 2449996 00 - 10' }),
        row(9, '+44 20 7946 0100 - 0101', { activation_range: '00-01' }),
        row(10, '+49 30 901820', { activation_range: '00-01' }),
      ],
      10,
    );
    expect(records.map((r) => [r.ref.row, r.status, r.issues[0]?.code])).toEqual([
      [2, 'valid', undefined],
      [3, 'invalid', 'RANGE_OVERLAP'],
      [4, 'duplicate', 'DUPLICATE_NUMBER'],
      [5, 'invalid', 'RANGE_TOO_LARGE'],
      [6, 'invalid', 'RANGE_TOO_LARGE'],
      [7, 'invalid', 'ACTIVATION_RANGE_INVALID'],
      [8, 'invalid', 'ACTIVATION_RANGE_INVALID'],
      [9, 'invalid', 'ACTIVATION_RANGE_INVALID'],
      [10, 'invalid', 'ACTIVATION_RANGE_INVALID'],
    ]);
    expect(records[1]?.issues[0]?.message).toBe(
      'numbers.csv [numbers] row 3, column "phone_number": expected a range apart from the numbers of earlier rows, got +4930244999950 to +4930244999959, which holds +4930244999950 of row 2',
    );
    expect(records[3]?.issues[0]?.message).toContain('expected at most 10 numbers in a range (--max-range), got +14155550100 to +14155550120 (21 numbers)');
    expect(records[4]?.issues[0]?.message).toContain('expected a German block of at most 1,000 numbers within one thousand');
    expect(records[5]?.issues[0]).toMatchObject({ column: 'activation_range', message: expect.stringContaining('do not overlap') as string });
  });

  it('reads an extension range behind a German number, and refuses one elsewhere or on a block', async () => {
    const records = await validate([
      row(2, '+49 30 901820', { extension_range: '100–199', extension_activation_range: '100-149' }),
      row(3, '415-555-0100', { extension_range: '1-99' }),
      row(4, '+49 30 2449999 00 - 99', { extension_range: '1-99' }),
      row(5, '+49 30 901821', { extension_range: '1999-01-01' }),
      row(6, '+49 30 901822', { extension_range: '1-99', extension_activation_range: '90-120' }),
    ]);
    expect(records[0]?.extensions).toEqual({ start: 100, end: 199, activationRanges: [{ start: 100, end: 149 }] });
    expect(records.slice(1).map((r) => [r.status, r.issues[0]?.code])).toEqual([
      ['invalid', 'EXTENSION_NOT_DE'],
      ['invalid', 'EXTENSION_RANGE_INVALID'],
      ['invalid', 'EXTENSION_RANGE_INVALID'],
      ['invalid', 'ACTIVATION_RANGE_INVALID'],
    ]);
    expect(records[3]?.issues[0]?.message).toContain('read "1-99" as a date');
  });
});
