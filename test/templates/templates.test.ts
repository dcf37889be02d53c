import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/command.js';
import { templateTargets } from '../../src/commands/template.js';
import { UsageError } from '../../src/core/errors.js';
import { CANONICAL_COLUMN_NAMES, INPUT_COLUMNS } from '../../src/input/columns.js';
import { TEMPLATE_NOTES_COLUMNS, templateNotes, writeTemplate } from '../../src/output/write-template.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const TEMPLATES = path.join(REPO_ROOT, 'templates');
const PHONE_COLUMNS = ['phone_number', 'billing_phone_number', 'new_billing_phone_number'];

async function csvHeader(file: string): Promise<string[]> {
  const rows = parse(await readFile(file, 'utf8')) as string[][];
  expect(rows).toHaveLength(1);
  return rows[0] ?? [];
}

function cellText(sheet: ExcelJS.Worksheet, row: number, width: number): string[] {
  return Array.from({ length: width }, (_, i) => String(sheet.getRow(row).getCell(i + 1).value ?? ''));
}

async function expectXlsxTemplate(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Numbers', 'Notes']);
  const numbers = workbook.getWorksheet('Numbers')!;
  expect(numbers.rowCount).toBe(1);
  expect(cellText(numbers, 1, CANONICAL_COLUMN_NAMES.length + 1)).toEqual([...CANONICAL_COLUMN_NAMES, '']);
  expect(numbers.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  for (const name of PHONE_COLUMNS) {
    const column = numbers.getColumn(CANONICAL_COLUMN_NAMES.indexOf(name as never) + 1);
    expect(column.numFmt, name).toBe('@');
  }
  const notes = workbook.getWorksheet('Notes')!;
  expect(cellText(notes, 1, 4)).toEqual([...TEMPLATE_NOTES_COLUMNS]);
  const noteRows = Array.from({ length: INPUT_COLUMNS.length }, (_, i) => cellText(notes, i + 2, 4));
  expect(noteRows).toEqual(templateNotes());
  expect(noteRows.map((r) => r[0])).toEqual(CANONICAL_COLUMN_NAMES);
  expect(noteRows[0]?.[1]).toMatch(/^yes/);
}

describe('templates/', () => {
  it('bulkport-input.csv is the canonical header row, in order', async () => {
    expect(await csvHeader(path.join(TEMPLATES, 'bulkport-input.csv'))).toEqual(CANONICAL_COLUMN_NAMES);
  });

  it('bulkport-input.xlsx has the canonical header, text-formatted phone columns and a Notes sheet for every column', async () => {
    await expectXlsxTemplate(path.join(TEMPLATES, 'bulkport-input.xlsx'));
  });
});

describe('bulkport template', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'bulkport-template-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  function context(): CommandContext & { output: () => string } {
    const stdout = new PassThrough();
    let text = '';
    stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    return {
      env: {},
      stdout,
      stderr: new PassThrough(),
      isTTY: false,
      isInteractive: false,
      signal: new AbortController().signal,
      now: () => new Date('2026-11-24T10:00:00Z'),
      cwd,
      output: () => text,
    };
  }

  it('writes both templates into the working directory by default, equal to templates/', async () => {
    const ctx = context();
    expect(await runCli(['template'], ctx)).toBe(0);
    expect((await readdir(cwd)).sort()).toEqual(['bulkport-input.csv', 'bulkport-input.xlsx']);
    expect(await readFile(path.join(cwd, 'bulkport-input.csv'), 'utf8')).toBe(await readFile(path.join(TEMPLATES, 'bulkport-input.csv'), 'utf8'));
    await expectXlsxTemplate(path.join(cwd, 'bulkport-input.xlsx'));
    expect(ctx.output()).toContain('wrote bulkport-input.csv\nwrote bulkport-input.xlsx\n');
  });

  it('writes one format under the name -o gives', async () => {
    expect(await runCli(['template', '--format', 'xlsx', '-o', 'acme.xlsx'], context())).toBe(0);
    expect(await readdir(cwd)).toEqual(['acme.xlsx']);
    await expectXlsxTemplate(path.join(cwd, 'acme.xlsx'));
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    await writeFile(path.join(cwd, 'bulkport-input.csv'), 'mine\n');
    const error = await runCli(['template', '--format', 'csv'], context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`${path.join(cwd, 'bulkport-input.csv')} already exists`);
    expect((error as UsageError).hint).toContain('--force');
    expect(await readFile(path.join(cwd, 'bulkport-input.csv'), 'utf8')).toBe('mine\n');
    expect(await runCli(['template', '--format', 'csv', '--force'], context())).toBe(0);
    expect(await csvHeader(path.join(cwd, 'bulkport-input.csv'))).toEqual(CANONICAL_COLUMN_NAMES);
  });

  it('-o FILE in a directory that does not exist yet creates the directory', async () => {
    expect(await runCli(['template', '-o', 'new/dir/acme.csv'], context())).toBe(0);
    expect(await csvHeader(path.join(cwd, 'new', 'dir', 'acme.csv'))).toEqual(CANONICAL_COLUMN_NAMES);
  });

  it('-o FILE under a file is a usage error naming the path, not a crash', async () => {
    await writeFile(path.join(cwd, 'taken'), 'mine\n');
    const error = await runCli(['template', '-o', 'taken/acme.csv'], context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(path.join(cwd, 'taken'));
    expect(await readdir(cwd)).toEqual(['taken']);
  });

  it('writeTemplate leaves no temporary file behind', async () => {
    await writeTemplate(path.join(cwd, 'a.csv'), 'csv');
    expect(await readdir(cwd)).toEqual(['a.csv']);
  });
});

describe('templateTargets', () => {
  const both = new Set(['csv', 'xlsx'] as const);
  const csv = new Set(['csv'] as const);

  it.each([
    [undefined, both, false, [['/w/bulkport-input.csv', 'csv'], ['/w/bulkport-input.xlsx', 'xlsx']]],
    [undefined, csv, false, [['/w/bulkport-input.csv', 'csv']]],
    ['t', both, true, [['/w/t/bulkport-input.csv', 'csv'], ['/w/t/bulkport-input.xlsx', 'xlsx']]],
    ['x.XLSX', both, false, [['/w/x.XLSX', 'xlsx']]],
    ['x.csv', csv, false, [['/w/x.csv', 'csv']]],
    ['sheet.txt', csv, false, [['/w/sheet.txt', 'csv']]],
  ] as const)('-o %s, formats %o', (out, formats, isDirectory, expected) => {
    expect(templateTargets(out, formats, '/w', isDirectory).map((t) => [t.path, t.format])).toEqual(expected);
  });

  it('refuses a file name and a format that disagree, or a name without a format', () => {
    expect(() => templateTargets('x.xlsx', csv, '/w', false)).toThrow('-o x.xlsx names a .xlsx file but --format asks for csv');
    expect(() => templateTargets('x.txt', both, '/w', false)).toThrow('-o x.txt: cannot tell the format from the file name');
  });
});
