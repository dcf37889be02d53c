import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { EXCEL_MAX_CELL_CHARS } from '../../../src/core/excel-limits.js';
import { createAtomicWriteStream, writeFileAtomic } from '../../../src/output/atomic-file.js';
import { protectInputPath } from '../../../src/output/protected-paths.js';
import { RESULT_COLUMNS, type ResultRow } from '../../../src/output/result-columns.js';
import { openResultsWriter } from '../../../src/output/results-writer.js';
import { SummaryCounter } from '../../../src/output/summary.js';
import { runCli } from '../../helpers/run-cli.js';
import { runInProcess } from '../../helpers/run-in-process.js';

// Issue 13 "Special files", "Never overwrite the input", "Cells over Excel's limits", and issue 12
// finding 5 (CSV row numbers). In-process where the exit code and message are the point; the binary
// is spawned only where a hang or a signal is (a FIFO).
const NO_SERVER = { baseURL: 'http://127.0.0.1:9/v2' };
const KEY = 'KEY0123456789ABCDEF_secret';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulkport-adv-files-'));
  await writeFile(path.join(dir, 'numbers.csv'), 'phone_number\n+14155550100\n');
});

function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n')[0]).toMatch(/^bulkport: /);
}

describe('special files as input or key file', () => {
  it('a FIFO as the input exits 2 at once instead of blocking forever (spawned binary)', async () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['validate', fifo, '-o', path.join(dir, 'out-fifo')], { timeoutMs: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('pipe.csv: cannot read the input file (it is a named pipe (FIFO), not a regular file)');
  });

  it('a directory or a device as the input', async () => {
    const run = await runInProcess(['validate', '/dev/zero', '-o', path.join(dir, 'out-dev')], NO_SERVER);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/dev/zero: cannot read the input file (it is a device, not a regular file)');
  });

  it('--api-key-file /dev/zero is refused, not read forever', async () => {
    const run = await runInProcess(['validate', path.join(dir, 'numbers.csv'), '--api-key-file', '/dev/zero', '-o', path.join(dir, 'out-zero')], NO_SERVER);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--api-key-file: cannot read /dev/zero (it is a device, not a regular file)');
  });

  it('a key file over 4 KiB is the wrong file', async () => {
    const file = path.join(dir, 'big.key');
    await writeFile(file, `${KEY}\n${'x'.repeat(8000)}`);
    const run = await runInProcess(['check', path.join(dir, 'numbers.csv'), '--api-key-file', file], NO_SERVER);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-key-file: cannot read \S+big\.key \(\d+ bytes, more than the 4096 bytes allowed\)/);
    expect(run.stderr).not.toContain(KEY);
  });

  it('a UTF-16 key file is an exit-2 message without the key, not a ByteString stack', async () => {
    const file = path.join(dir, 'utf16.key');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${KEY}\r\n`, 'utf16le')]));
    const run = await runInProcess(['check', path.join(dir, 'numbers.csv'), '--api-key-file', file], NO_SERVER);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(`--api-key-file: ${file} is UTF-16 text; expected the key as plain ASCII`);
    expect(run.stderr).not.toContain(KEY);
    // UTF-16 without a BOM shows as NUL bytes between the characters.
    await writeFile(file, Buffer.from(`${KEY}\n`, 'utf16le'));
    const noBom = await runInProcess(['check', path.join(dir, 'numbers.csv'), '--api-key-file', file], NO_SERVER);
    expect(noBom.code).toBe(2);
    expect(noBom.stderr).toContain('the API key has a NUL byte (UTF-16 text?) at position 2');
  });

  it('a key with a non-ASCII character (a typographic dash) names the position, never the key', async () => {
    const file = path.join(dir, 'dash.key');
    await writeFile(file, `KEY0123\u2013secret\n`);
    const run = await runInProcess(['check', path.join(dir, 'numbers.csv'), '--api-key-file', file], NO_SERVER);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('the API key has a non-ASCII character (U+2013) at position 8; an HTTP header can carry only visible ASCII characters');
    expect(run.stderr).not.toContain('secret');
    // The same rule for the environment variable.
    const fromEnv = await runInProcess(['check', path.join(dir, 'numbers.csv'), '--api-key', 'KEY\u00e9secret'], NO_SERVER);
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).not.toContain('secret');
  });
});

describe('never overwrite the input', () => {
  it('validate d/results.csv -o d is a usage error and leaves the sheet as it was', async () => {
    const d = path.join(dir, 'customer');
    await mkdir(d);
    const sheet = 'phone_number,Notes\n+14155550100,keep me\n';
    await writeFile(path.join(d, 'results.csv'), sheet);
    const run = await runInProcess(['validate', path.join(d, 'results.csv'), '-o', d], NO_SERVER);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(`-o: writing ${path.join(d, 'results.csv')} would replace ${path.join(d, 'results.csv')}, which this command reads`);
    expect(await readFile(path.join(d, 'results.csv'), 'utf8')).toBe(sheet);
    expect(existsSync(path.join(d, 'results.xlsx'))).toBe(false);
  });

  it('the same through a symlinked folder, and for an input named results.xlsx', async () => {
    const d = path.join(dir, 'real');
    await mkdir(d);
    execFileSync('ln', ['-s', d, path.join(dir, 'alias')]);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Numbers').addRow(['phone_number']);
    await book.xlsx.writeFile(path.join(d, 'results.xlsx'));
    const before = await readFile(path.join(d, 'results.xlsx'));
    const run = await runInProcess(['validate', path.join(d, 'results.xlsx'), '-o', path.join(dir, 'alias')], NO_SERVER);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('which this command reads');
    expect((await readFile(path.join(d, 'results.xlsx'))).equals(before)).toBe(true);
  });

  it('no writer replaces a file the run read, documents included (the rename-time backstop)', async () => {
    const loa = path.join(dir, 'loa.pdf');
    await writeFile(loa, '%PDF-1.4 signed');
    protectInputPath(loa, 'docs/loa.pdf');
    const error = await writeFileAtomic(loa, 'results').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`-o: writing ${loa} would replace docs/loa.pdf, which this command reads`);
    expect(() => createAtomicWriteStream(loa)).toThrow(UsageError);
    expect(await readFile(loa, 'utf8')).toBe('%PDF-1.4 signed');
  });
});

describe("cells over Excel's limit in results.xlsx", () => {
  it('are cut with a marker, and the Issues sheet says which cell', async () => {
    const outDir = path.join(dir, 'long-results');
    const writer = await openResultsWriter(outDir, { formats: new Set(['csv', 'xlsx']), passthroughHeaders: ['Notes'] });
    const base = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, ''])) as Record<(typeof RESULT_COLUMNS)[number], string>;
    const row: ResultRow = { ...base, row: '7', sheet: 'in', status: 'invalid', issue: 'x'.repeat(40_000), passthrough: ['short'] };
    await writer.writeRow(row);
    const counter = new SummaryCounter();
    counter.addRow(row);
    await writer.close({ summary: counter.finish({ command: 'validate', startedAt: new Date(0), finishedAt: new Date(1000) }), orders: [] });

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(outDir, 'results.xlsx'));
    const results = book.getWorksheet('Results');
    const issueColumn = RESULT_COLUMNS.indexOf('issue') + 1;
    const cell = String(results?.getRow(2).getCell(issueColumn).value ?? '');
    expect(cell.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    expect(cell).toMatch(/…\[cut: 40000 characters, Excel holds 32767\]$/);
    const issues = book.getWorksheet('Issues');
    const texts: string[] = [];
    issues?.eachRow((r) => texts.push((r.values as unknown[]).map(String).join('|')));
    expect(texts.some((t) => t.includes('CELL_CUT_IN_RESULTS') && t.includes('column "issue": 40000 characters cut'))).toBe(true);
    // The CSV keeps the whole text.
    const csv = parse(await readFile(path.join(outDir, 'results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(csv[0]?.issue).toHaveLength(40_000);
  });
});

describe('CSV row numbers are the rows a spreadsheet shows (issue 12 finding 5)', () => {
  it('address cells with line breaks: rows 2–7 as Excel shows them, blank lines counted', async () => {
    const rows = [
      '+14155550100,"600 Congress Ave\nSuite 200\nAustin"',
      '+14155550101,"1 Main St"',
      '+14155550102,"PO Box 7\r\nDenver"',
      '+14155550103,"Line one\n\nLine three"',
      '',
      '+14155550104,"x\ny"',
    ];
    const file = path.join(dir, 'addresses.csv');
    await writeFile(file, `phone_number,street_address\n${rows.join('\n')}\n`);
    const out = path.join(dir, 'out-rows');
    const run = await runInProcess(['validate', file, '-o', out, '--format', 'csv'], NO_SERVER);
    expect(run.code).toBe(0);
    const results = parse(await readFile(path.join(out, 'results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(results.map((r) => r.row)).toEqual(['2', '3', '4', '5', '7']);
  });
});
