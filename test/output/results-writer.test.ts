import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/issue-codes.js';
import { restoreFormula } from '../../src/output/neutralize-formula.js';
import type { OrderSheetRow } from '../../src/output/order-sheet.js';
import { RESULT_COLUMNS, type ResultRow } from '../../src/output/result-columns.js';
import { openResultsWriter, resultsHeader } from '../../src/output/results-writer.js';
import { SummaryCounter, type RunSummary } from '../../src/output/summary.js';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'bulkport-results-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const PASSTHROUGH = ['Site', 'Notes', '=Formula Header'];

function resultRow(row: number, overrides: Partial<ResultRow> = {}, passthrough: readonly string[] = ['', '', '']): ResultRow {
  const base = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, ''])) as Record<(typeof RESULT_COLUMNS)[number], string>;
  return { ...base, row: String(row), sheet: 'campaign', status: 'valid', ...overrides, passthrough };
}

/** Rows chosen to break naive writers: formulas, signs, leading zeros, newlines, unicode, a valid +E.164. */
const AWKWARD_ROWS: ResultRow[] = [
  resultRow(2, { input_number: '+14155550132', e164: '+14155550132', country: 'US', number_type: 'local' }, ['HQ', 'plain', 'x']),
  resultRow(3, { input_number: '=SUM(1)', status: 'invalid', issue_code: 'NOT_A_NUMBER', issue: 'expected a phone number, got "=SUM(1)"' }, ['=HYPERLINK("http://evil")', '+ add', '@x']),
  resultRow(4, { input_number: '-5', status: 'invalid' }, ['-5', '00123', 'tab\tinside']),
  resultRow(5, { input_number: '00123', status: 'invalid' }, ['multi\nline\ntext', 'Zürich — 東京 ☎', "'=already quoted"]),
  resultRow(6, { input_number: '+1 415 555 0133', e164: '+14155550133', country: 'US' }, ['\tleading tab', 'carriage\rreturn', '"quoted", with comma']),
  resultRow(8, { input_number: '4.41632E+11', status: 'invalid', issue_code: 'AMBIGUOUS_NUMBER' }, ['', '', '']),
];

const ISSUES: Issue[] = [
  { code: 'NOT_A_NUMBER', ref: { file: 'in.csv', sheet: 'in', row: 3 }, column: 'Phone', message: 'in.csv [in] row 3, column "Phone": expected a phone number, got "=SUM(1)"' },
  { code: 'EXTENSION_STRIPPED', ref: { file: 'in.csv', sheet: 'in', row: 6 }, message: 'extension "22" removed' },
];

const ORDERS: OrderSheetRow[] = [
  {
    part_key: 'acme-us-local-1',
    porting_order_id: 'f1e2d3c4-0000-4000-8000-000000000001',
    end_user: 'Acme Corp',
    country: 'US',
    number_type: 'local',
    carrier: 'Verizon',
    number_count: 42,
    order_status: 'draft',
    requested_foc: '2027-01-15',
    confirmed_foc: '',
    documents: 'loa.pdf; invoice.pdf',
    requirements_met: 'no',
    exception_type: '',
    last_comment: '=cmd|calc',
    support_key: 'sr_123',
    customer_reference: 'PO-7',
  },
];

function summaryFor(rows: readonly ResultRow[], issues: readonly Issue[]): RunSummary {
  const counter = new SummaryCounter();
  for (const row of rows) counter.addRow(row);
  for (const issue of issues) counter.addIssue(issue);
  return counter.finish({ command: 'validate', startedAt: new Date('2026-11-24T10:00:00Z'), finishedAt: new Date('2026-11-24T10:00:01.500Z') });
}

async function writeAll(rows: readonly ResultRow[], formats: Array<'csv' | 'xlsx'> = ['csv', 'xlsx']): Promise<string[]> {
  const writer = await openResultsWriter(outDir, { formats: new Set(formats), passthroughHeaders: PASSTHROUGH });
  for (const row of rows) await writer.writeRow(row);
  for (const issue of ISSUES) writer.addIssue(issue);
  return writer.close({ summary: summaryFor(rows, ISSUES), orders: ORDERS });
}

function readCsv(text: string): string[][] {
  return parse(text, { relax_column_count: false }) as string[][];
}

/** A sheet's rows as the text a person sees, one array per row; empty cells as ''. */
function sheetRows(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      cells.push(cellText(row.getCell(c).value));
    }
    rows.push(cells);
  });
  return rows;
}

/** What a person sees in the cell: rich text joined, as every reader of these files must do. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  return String(value as string | number);
}

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe('openResultsWriter', () => {
  it('writes results.csv, results.xlsx and summary.json and returns their paths', async () => {
    const written = await writeAll(AWKWARD_ROWS);
    expect(written).toEqual([path.join(outDir, 'results.csv'), path.join(outDir, 'results.xlsx'), path.join(outDir, 'summary.json')]);
    expect((await readdir(outDir)).sort()).toEqual(['results.csv', 'results.xlsx', 'summary.json']);
  });

  it('writes the CSV header as RESULT_COLUMNS then the pass-through headers, neutralized', async () => {
    await writeAll(AWKWARD_ROWS);
    const [header] = readCsv(await readFile(path.join(outDir, 'results.csv'), 'utf8'));
    expect(header).toEqual([...RESULT_COLUMNS, 'Site', 'Notes', "'=Formula Header"]);
  });

  it('neutralizes formula starts in the CSV but leaves a valid +E.164 as written', async () => {
    await writeAll(AWKWARD_ROWS);
    const text = await readFile(path.join(outDir, 'results.csv'), 'utf8');
    const rows = readCsv(text);
    const inputNumbers = rows.slice(1).map((r) => r[2]);
    expect(inputNumbers).toEqual(['+14155550132', "'=SUM(1)", "'-5", '00123', "'+1 415 555 0133", '4.41632E+11']);
    expect(rows[1]?.[3]).toBe('+14155550132');
    expect(rows[2]?.slice(-3)).toEqual([`'=HYPERLINK("http://evil")`, "'+ add", "'@x"]);
    expect(rows[4]?.slice(-1)).toEqual(["''=already quoted"]);
    expect(rows[5]?.slice(-3)).toEqual(["'\tleading tab", 'carriage\rreturn', '"quoted", with comma']);
    // A lone CR is quoted, so no reader splits the record there.
    expect(text).toContain('"carriage\rreturn"');
  });

  it('round trip: results.xlsx holds the same rows as results.csv once the CSV escaping is undone', async () => {
    await writeAll(AWKWARD_ROWS);
    const csvRows = readCsv(await readFile(path.join(outDir, 'results.csv'), 'utf8')).map((r) => r.map(restoreFormula));
    const workbook = await readXlsx(path.join(outDir, 'results.xlsx'));
    const results = workbook.getWorksheet('Results');
    expect(results).toBeDefined();
    const width = RESULT_COLUMNS.length + PASSTHROUGH.length;
    // The one deliberate difference: a cell's CR is written as Excel's line break, LF.
    expect(sheetRows(results!, width)).toEqual(csvRows.map((r) => r.map((cell) => cell.replace(/\r\n?/g, '\n'))));
    // And both hold exactly what was written.
    expect(csvRows.slice(1)).toEqual(AWKWARD_ROWS.map((r) => [...RESULT_COLUMNS.map((c) => r[c]), ...r.passthrough]));
  });

  it('writes phone numbers and every input-derived value as text cells, never formulas or numbers', async () => {
    await writeAll(AWKWARD_ROWS);
    const results = (await readXlsx(path.join(outDir, 'results.xlsx'))).getWorksheet('Results')!;
    const column = (name: string): number => RESULT_COLUMNS.indexOf(name as (typeof RESULT_COLUMNS)[number]) + 1;
    for (let r = 2; r <= AWKWARD_ROWS.length + 1; r += 1) {
      const row = results.getRow(r);
      expect(row.getCell(column('input_number')).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(column('row')).type).toBe(ExcelJS.ValueType.Number);
    }
    expect(results.getRow(2).getCell(column('e164')).type).toBe(ExcelJS.ValueType.String);
    const formulaLike = results.getRow(3);
    expect(formulaLike.getCell(column('input_number')).value).toBe('=SUM(1)');
    expect(formulaLike.getCell(column('input_number')).formula).toBeUndefined();
    expect(formulaLike.getCell(RESULT_COLUMNS.length + 1).type).toBe(ExcelJS.ValueType.String);
    expect(results.getRow(4).getCell(column('input_number')).type).toBe(ExcelJS.ValueType.String);
    expect(results.getRow(5).getCell(RESULT_COLUMNS.length + 2).value).toBe('Zürich — 東京 ☎');
    // Spaces around a value survive: an inline string with xml:space="preserve", still text.
    expect(cellText(results.getRow(6).getCell(RESULT_COLUMNS.length + 1).value)).toBe('\tleading tab');
  });

  it('lays out four sheets with a frozen header, an autofilter and column widths', async () => {
    await writeAll(AWKWARD_ROWS);
    const workbook = await readXlsx(path.join(outDir, 'results.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Results', 'Orders', 'Summary', 'Issues']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }
    expect(workbook.getWorksheet('Results')!.autoFilter).toBe('A1:U1');
  });

  it('fills the Issues, Orders and Summary sheets', async () => {
    await writeAll(AWKWARD_ROWS);
    const workbook = await readXlsx(path.join(outDir, 'results.xlsx'));
    expect(sheetRows(workbook.getWorksheet('Issues')!, 7)).toEqual([
      ['file', 'sheet', 'row', 'column', 'code', 'severity', 'message'],
      ['in.csv', 'in', '3', 'Phone', 'NOT_A_NUMBER', 'error', 'in.csv [in] row 3, column "Phone": expected a phone number, got "=SUM(1)"'],
      ['in.csv', 'in', '6', '', 'EXTENSION_STRIPPED', 'warning', 'extension "22" removed'],
    ]);
    const orders = sheetRows(workbook.getWorksheet('Orders')!, 16);
    expect(orders[0]).toEqual(['part_key', 'porting_order_id', 'end_user', 'country', 'number_type', 'carrier', 'number_count', 'order_status', 'requested_foc', 'confirmed_foc', 'documents', 'requirements_met', 'exception_type', 'last_comment', 'support_key', 'customer_reference']);
    expect(orders[1]).toEqual(['acme-us-local-1', 'f1e2d3c4-0000-4000-8000-000000000001', 'Acme Corp', 'US', 'local', 'Verizon', '42', 'draft', '2027-01-15', '', 'loa.pdf; invoice.pdf', 'no', '', '=cmd|calc', 'sr_123', 'PO-7']);
    expect(workbook.getWorksheet('Orders')!.getRow(2).getCell(14).type).toBe(ExcelJS.ValueType.String);
    const summary = sheetRows(workbook.getWorksheet('Summary')!, 4);
    expect(summary).toContainEqual(['status', 'invalid', '4', '']);
    expect(summary).toContainEqual(['status', 'ported', '0', '']);
    expect(summary).toContainEqual(['issue', 'NOT_A_NUMBER', '1', 'error: Not a phone number']);
    expect(summary).toContainEqual(['output', 'file', path.join(outDir, 'results.xlsx'), '']);
  });

  it('writes summary.json: the summary with the written files added to outputs', async () => {
    await writeAll(AWKWARD_ROWS);
    const json = JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8')) as RunSummary;
    expect(json).toEqual({
      ...summaryFor(AWKWARD_ROWS, ISSUES),
      outputs: ['results.csv', 'results.xlsx', 'summary.json'].map((f) => path.join(outDir, f)),
    });
    expect(json.byStatus).toMatchObject({ valid: 2, invalid: 4, duplicate: 0 });
    expect(json.exitCode).toBe(1);
  });

  it('writes only the formats asked for, and no Issues spool without XLSX', async () => {
    const written = await writeAll(AWKWARD_ROWS, ['csv']);
    expect(written.map((p) => path.basename(p))).toEqual(['results.csv', 'summary.json']);
    expect((await readdir(outDir)).sort()).toEqual(['results.csv', 'summary.json']);
  });

  it('keeps results under temporary names until close, and abort removes them', async () => {
    const writer = await openResultsWriter(outDir, { formats: new Set(['csv', 'xlsx']), passthroughHeaders: PASSTHROUGH });
    for (const row of AWKWARD_ROWS) await writer.writeRow(row);
    writer.addIssue(ISSUES[0]!);
    const during = await readdir(outDir);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((name) => name.endsWith('.tmp'))).toBe(true);
    await writer.abort();
    expect(await readdir(outDir)).toEqual([]);
  });

  it('removes its temporary files when close fails', async () => {
    const writer = await openResultsWriter(outDir, { formats: new Set(['csv', 'xlsx']), passthroughHeaders: [] });
    await writer.writeRow(resultRow(2));
    async function* failingRows(): AsyncGenerator<{ cells: string[] }> {
      yield { cells: ['a'] };
      throw new Error('the exceptions sheet could not be built');
    }
    const extraSheets = [{ name: 'Exceptions', columns: [{ header: 'x' }], rows: failingRows() }];
    await expect(writer.close({ summary: summaryFor([], []), extraSheets })).rejects.toThrow('could not be built');
    expect((await readdir(outDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await readdir(outDir)).not.toContain('results.xlsx');
  });

  it('refuses a repeated sheet name before writing a broken workbook', async () => {
    const writer = await openResultsWriter(outDir, { formats: new Set(['xlsx']), passthroughHeaders: [] });
    await expect(writer.close({ summary: summaryFor([], []), extraSheets: [{ name: 'results', columns: [{ header: 'x' }], rows: [] }] })).rejects.toThrow(
      'sheet name "results"',
    );
    expect(await readdir(outDir)).toEqual([]);
  });

  it('fails at open, with the path named, when -o is a file or lies under one (a usage error, exit 2)', async () => {
    const blocker = path.join(outDir, 'a-file');
    await writeFile(blocker, 'not a directory');
    for (const target of [blocker, path.join(blocker, 'out')]) {
      await expect(openResultsWriter(target, { formats: new Set(['csv']), passthroughHeaders: [] })).rejects.toThrow(
        expect.objectContaining({ name: 'UsageError', exitCode: 2, message: expect.stringMatching(/^-o: expected .*directory/) }),
      );
      await expect(openResultsWriter(target, { formats: new Set(['csv']), passthroughHeaders: [] })).rejects.toThrow(target);
    }
    expect(await readFile(blocker, 'utf8')).toBe('not a directory');
  });

  it('streams 20,000 rows into both files in input order', async () => {
    const writer = await openResultsWriter(outDir, { formats: new Set(['csv', 'xlsx']), passthroughHeaders: ['Site'] });
    const counter = new SummaryCounter();
    const count = 20_000;
    for (let i = 0; i < count; i += 1) {
      const n = String(i % 10_000).padStart(4, '0');
      const row = resultRow(i + 2, { input_number: `(415) 555-${n}`, e164: `+1415555${n}`, country: 'US', number_type: 'local', carrier: i % 2 ? 'Verizon' : 'AT&T' }, [`site ${i}`]);
      counter.addRow(row);
      writer.addIssue({ code: 'EXTENSION_STRIPPED', ref: { file: 'big.csv', sheet: 'big', row: i + 2 }, message: `row ${i + 2}` });
      await writer.writeRow(row);
    }
    const summary = counter.finish({ command: 'validate', startedAt: new Date(0), finishedAt: new Date(1000) });
    await writer.close({ summary });
    const csvRows = readCsv(await readFile(path.join(outDir, 'results.csv'), 'utf8'));
    expect(csvRows).toHaveLength(count + 1);
    expect(csvRows[count]?.[0]).toBe(String(count + 1));
    const workbook = await readXlsx(path.join(outDir, 'results.xlsx'));
    const results = workbook.getWorksheet('Results')!;
    expect(results.rowCount).toBe(count + 1);
    expect(results.getRow(count + 1).getCell(1).value).toBe(count + 1);
    expect(results.getRow(count + 1).getCell(RESULT_COLUMNS.length + 1).value).toBe(`site ${count - 1}`);
    expect(workbook.getWorksheet('Issues')!.rowCount).toBe(count + 1);
    expect(summary.byCarrier).toEqual({ 'AT&T': 10_000, Verizon: 10_000 });
  });
});

describe('resultsHeader', () => {
  it('prefixes input headers that would repeat a column name with input:', () => {
    expect(resultsHeader(['Status', 'Site', 'site', '', 'Notes', 'country']).slice(RESULT_COLUMNS.length)).toEqual([
      'input:Status',
      'Site',
      'input:site',
      'column 22',
      'Notes',
      'input:country',
    ]);
  });
});
