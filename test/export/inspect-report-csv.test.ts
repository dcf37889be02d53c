import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectReportCsv } from '../../src/export/inspect-report-csv.js';
import { withTempDir } from './export-harness.js';

async function inspect(content: string | Buffer): Promise<Awaited<ReturnType<typeof inspectReportCsv>>> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'report.csv');
    await writeFile(file, content);
    return inspectReportCsv(file);
  });
}

describe('inspectReportCsv', () => {
  it.each([
    ['rows with a quoted multi-line cell and CRLF', 'id,status,note\r\na,ported,"two\r\nlines"\r\nb,draft,\r\n', 2],
    ['a UTF-8 BOM and no final newline', '\uFEFFid,status\na,ported', 1],
    ['a header and no rows (a quiet night)', 'id,status\n', 0],
    ['a header, then blank lines', 'id,status\n\n\n', 0],
  ])('accepts %s', async (_name, content, rowCount) => {
    expect(await inspect(content)).toMatchObject({ isUsable: true, header: ['id', 'status', ...(content.includes('note') ? ['note'] : [])], rowCount });
  });

  it.each([
    ['zero bytes', '', 'is empty (0 bytes)'],
    ['only blank lines', '\n\n', 'has no header row (2 bytes of blank lines)'],
    ['bytes that are not UTF-8', Buffer.from([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x0a]), 'is not UTF-8 text (damaged or binary data)'],
    ['NUL bytes', 'id,status\na\u0000b,ported\n', 'contains NUL bytes (binary data, not CSV text)'],
    ['an unclosed quote', 'id,status\na,"ported\n', 'does not parse as CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
    ['a row wider than the header', 'id,status\na,ported,extra\n', 'does not parse as CSV: Invalid Record Length: expect 2, got 3 on line 2'],
    ['a header with an unnamed column', 'id,,status\na,b,c\n', 'has no usable header: column 2 of the first line has no name'],
  ])('refuses %s', async (_name, content, problem) => {
    expect(await inspect(content)).toEqual({ isUsable: false, problem });
  });
});
