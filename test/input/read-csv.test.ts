import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { readInput } from '../../src/input/read-input.js';
import { collect, readFixture, refs } from './read-helpers.js';

describe('CSV reader: encodings', () => {
  it('UTF-8 with BOM: BOM not part of the first header', async () => {
    const { source, rows } = await readFixture('utf8-bom.csv');
    expect(source).toMatchObject({ format: 'csv', sheet: 'utf8-bom', encoding: 'utf-8', delimiter: ',', headerRow: 1 });
    expect(source.headers).toEqual(['Phone Number', 'Company', 'City']);
    expect(source.columnHeaders).toEqual({ phone_number: 'Phone Number', entity_name: 'Company', locality: 'City' });
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'utf8-bom', phone: '+1 415 555 0132' },
      { row: 3, sheet: 'utf8-bom', phone: '(212) 555-0188' },
    ]);
    expect(rows.map((r) => r.fields.entity_name)).toEqual(['Café Zoë', 'Ñandú SA']);
    expect(rows[0]?.ref.file).toBe('utf8-bom.csv');
    expect(rows.map((r) => r.index)).toEqual([0, 1]);
  });

  it.each([
    ['utf16le-unicode-text.txt', 'utf-16le', 'utf16le-unicode-text'],
    ['utf16be-unicode-text.txt', 'utf-16be', 'utf16be-unicode-text'],
  ])('Excel "Unicode Text" %s: %s, tab-delimited, CRLF', async (name, encoding, sheet) => {
    const { source, rows } = await readFixture(name);
    expect(source).toMatchObject({ encoding, delimiter: '\t', headerRow: 1 });
    expect(source.headers).toEqual(['Phone', 'Name', 'City']);
    expect(source.passthroughHeaders).toEqual(['Phone', 'Name', 'City']);
    expect(refs(rows)).toEqual([
      { row: 2, sheet, phone: '+44 20 7946 0958' },
      { row: 3, sheet, phone: '0161 496 0000' },
    ]);
    expect(rows.map((r) => r.passthrough[1])).toEqual(['José Núñez', 'Renée Ø']);
    expect(rows.map((r) => r.fields.locality)).toEqual(['London', 'Manchester']);
  });

  it('Windows-1252 ("CSV (Comma delimited)" from Windows Excel): accented names intact', async () => {
    const { source, rows } = await readFixture('windows-1252.csv');
    expect(source).toMatchObject({ encoding: 'windows-1252', delimiter: ',' });
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'windows-1252', phone: '4155550132' },
      { row: 3, sheet: 'windows-1252', phone: '6045550199' },
    ]);
    expect(rows.map((r) => [r.fields.entity_name, r.fields.locality])).toEqual([
      ['Société Générale', 'Montréal'],
      ['Peña y Muñoz', 'Córdoba'],
    ]);
  });
});

describe('CSV reader: delimiters and layout', () => {
  it('semicolon-delimited with commas inside unquoted text', async () => {
    const { source, rows } = await readFixture('semicolon.csv');
    expect(source.delimiter).toBe(';');
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'semicolon', phone: '+49 30 901820' },
      { row: 3, sheet: 'semicolon', phone: '+49 89 1234567' },
    ]);
    expect(rows[0]?.fields).toMatchObject({ entity_name: 'Müller, Schmidt & Co', street_address: 'Unter den Linden 5, Berlin' });
    expect(rows[0]?.passthrough).toContain('1.234,50');
  });

  it('tab-delimited UTF-8 without BOM', async () => {
    const { source, rows } = await readFixture('tab-delimited.tsv');
    expect(source).toMatchObject({ delimiter: '\t', encoding: 'utf-8' });
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'tab-delimited', phone: '+1 212 555 0100' },
      { row: 3, sheet: 'tab-delimited', phone: '+1 212 555 0101' },
    ]);
    expect(rows[0]?.fields).toMatchObject({ account_number: 'A-100', postal_code: '10001' });
  });

  it('CRLF, quoted multi-line cells and blank lines: rows are the rows a spreadsheet shows (one per record, blank lines count)', async () => {
    const { rows } = await readFixture('multiline-crlf.csv');
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'multiline-crlf', phone: '+1 415 555 0101' },
      { row: 4, sheet: 'multiline-crlf', phone: '+1 415 555 0102' },
      { row: 5, sheet: 'multiline-crlf', phone: '+1 415 555 0103' },
      { row: 8, sheet: 'multiline-crlf', phone: '+1 415 555 0104' },
    ]);
    expect(rows.map((r) => r.fields.street_address)).toEqual(['Line one\r\nLine two\r\nLine three', '123 Main St', 'Suite 4\nFloor 2', 'He said "hi"']);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });

  it('title rows above the header, trailing empty columns and ragged rows', async () => {
    const { source, rows } = await readFixture('title-rows.csv');
    expect(source.headerRow).toBe(4);
    expect(source.headers).toEqual(['Telephone', 'Customer Name', 'Account #', 'BTN']);
    expect(source.passthroughHeaders).toEqual(source.headers);
    expect(refs(rows)).toEqual([
      { row: 5, sheet: 'title-rows', phone: '+1 646 555 0199' },
      { row: 6, sheet: 'title-rows', phone: '+1 646 555 0198' },
      { row: 7, sheet: 'title-rows', phone: '+1 646 555 0197' },
    ]);
    expect(rows.map((r) => r.fields)).toEqual([
      { phone_number: '+1 646 555 0199', entity_name: 'Acme Inc', account_number: '778899', billing_phone_number: '+1 646 555 0100' },
      { phone_number: '+1 646 555 0198', entity_name: 'Acme Inc', account_number: '', billing_phone_number: '' },
      { phone_number: '+1 646 555 0197', entity_name: 'Acme Inc', account_number: '778899', billing_phone_number: '' },
    ]);
  });

  it('scientific-notation text stays text: CSV cells never carry a numeric value', async () => {
    const { rows } = await readFixture('numbers-as-text.csv');
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'numbers-as-text', phone: '4.41632E+11' },
      { row: 3, sheet: 'numbers-as-text', phone: '14155550132.0' },
      { row: 4, sheet: 'numbers-as-text', phone: '1.4E10' },
    ]);
    expect(rows.every((r) => r.phone.numeric === undefined && r.phone.problem === undefined)).toBe(true);
  });
});

describe('CSV reader: generated files', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  async function tempFile(name: string, data: Buffer | string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-input-'));
    dirs.push(dir);
    const file = path.join(dir, name);
    await writeFile(file, data);
    return file;
  }

  it('Windows-1252 bytes first seen far past the first 64 KiB still decode (whole-file UTF-8 check)', async () => {
    const lines = ['phone_number,entity_name'];
    for (let i = 0; i < 3000; i += 1) lines.push(`+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')},Plain Name ${i}`);
    lines.push('+1 415 555 9999,Crème Brûlée Ltd');
    const file = await tempFile('late-accents.csv', Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
    const source = await readInput(file, { headerMap: new Map() });
    const rows = await collect(source.rows);
    expect(source.encoding).toBe('windows-1252');
    expect(rows).toHaveLength(3001);
    expect(rows.at(-1)?.ref.row).toBe(3002);
    expect(rows.at(-1)?.fields.entity_name).toBe('Crème Brûlée Ltd');
  });

  it('a UTF-8 character split across read chunks is still UTF-8', async () => {
    // 'é' is two bytes; the rows put its first byte last in the 1 MiB read chunk of the UTF-8 check.
    const row = `+1 415 555 0100,${'x'.repeat(983)}\n`;
    let text = 'phone_number,entity_name\n';
    while (text.length + row.length < (1 << 20) - 100) text += row;
    const lastCell = 'y'.repeat((1 << 20) - 1 - text.length - '+1 415 555 0199,'.length);
    text += `+1 415 555 0199,${lastCell}é\n`;
    expect(Buffer.from(text).indexOf(Buffer.from('é'))).toBe((1 << 20) - 1);
    const file = await tempFile('split.csv', text);
    const source = await readInput(file, { headerMap: new Map() });
    const rows = await collect(source.rows);
    expect(source.encoding).toBe('utf-8');
    expect(rows.at(-1)?.fields.entity_name?.endsWith('yé')).toBe(true);
    expect(rows.at(-1)?.ref.row).toBe(rows.length + 1);
  });

  it('an unclosed quote is an input error naming the line', async () => {
    const file = await tempFile('unclosed.csv', 'phone_number,note\n+1 415 555 0100,ok\n+1 415 555 0101,"never closed\n');
    const source = await readInput(file, { headerMap: new Map(), displayName: 'unclosed.csv' });
    await expect(collect(source.rows)).rejects.toThrow(/^unclosed\.csv: cannot read as CSV at row 3, line 3: a quoted cell starting there is never closed$/);
  });

  it('--sheet on a CSV is refused unless it names the one sheet the CSV has', async () => {
    const file = await tempFile('numbers.csv', 'phone_number\n+1 415 555 0100\n');
    const error = await readInput(file, { headerMap: new Map(), sheet: 'Porting', displayName: 'numbers.csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('--sheet "Porting": numbers.csv is a CSV file, which has one sheet ("numbers")');
    const source = await readInput(file, { headerMap: new Map(), sheet: 'Numbers' });
    expect((await collect(source.rows)).map((row) => row.phone.text)).toEqual(['+1 415 555 0100']);
  });

  it('the unclosed quote is located where its record starts, even with good records buffered before it', async () => {
    // Rows 2-4 are parsed in the same chunk as the bad record: the line must not come from what was consumed.
    const file = await tempFile('late-quote.csv', 'Name,Phone\nA\nB,4155550132,extra\n\nC,"4155550133\nD,4155550134\n');
    const source = await readInput(file, { headerMap: new Map(), displayName: 'late-quote.csv' });
    await expect(collect(source.rows)).rejects.toThrow(/^late-quote\.csv: cannot read as CSV at row 5, line 5: a quoted cell starting there is never closed$/);
  });
});
