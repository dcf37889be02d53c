import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/core/errors.js';
import { readInput } from '../../src/input/read-input.js';
import { fixture } from './read-helpers.js';

async function failure(name: string, path = fixture(name)): Promise<InputFileError> {
  const error = await readInput(path, { headerMap: new Map(), displayName: name }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputFileError);
  return error as InputFileError;
}

describe('files that are not porting sheets: one clear line each', () => {
  it.each([
    ['zero-bytes.csv', 'zero-bytes.csv: the file is empty (0 bytes); expected a CSV or XLSX sheet with a header row'],
    ['binary.csv', 'binary.csv: expected a CSV text file or XLSX workbook, found binary content'],
    ['old-excel.xls', 'old-excel.xls: this is an Excel 97-2003 (.xls) workbook; expected .xlsx or CSV'],
    ['not-a-zip.xlsx', 'not-a-zip.xlsx: expected an XLSX workbook (a zip file), found other content'],
  ])('%s', async (name, message) => {
    const error = await failure(name);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });

  it('a missing file', async () => {
    const error = await failure('nowhere.csv', fixture('nowhere.csv'));
    expect(error.message).toBe('nowhere.csv: cannot open the input file (no such file)');
  });

  it('a directory', async () => {
    const error = await failure('input', fixture('.'));
    expect(error.message).toBe('input: cannot read the input file (it is a directory)');
  });

  it('text with no header row anywhere in its first rows', async () => {
    const error = await failure('prose.csv');
    expect(error.message).toMatch(/^prose\.csv \[prose\] row 1: expected a phone_number column .*found headers "Dear team"$/);
    // Nothing like a phone header: suggesting "Dear team" would have the user map prose to phone_number.
    expect(error.hint).toBe('Name the phone column with --map "Their Header=phone_number", or check that this is the right file.');
  });
});
