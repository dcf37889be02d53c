import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CommandContext } from '../../src/commands/command.js';
import { normalizeNumber } from '../../src/normalize/normalize-number.js';
import type { RunSummary } from '../../src/output/summary.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const XLSX_HEADER_ROW = 3;

interface Expected {
  rows: number;
  valid: number;
  invalid: number;
  duplicate: number;
  warnings: Record<string, number>;
  invalidCodes: [string, string][];
}

async function csvRows(file: string): Promise<string[][]> {
  return parse(await readFile(file), { bom: true, relax_column_count: false }) as string[][];
}

/** The Numbers sheet from its header row down, every cell as its text ('' when empty). */
async function xlsxRows(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Numbers')!;
  const width = sheet.getRow(XLSX_HEADER_ROW).cellCount;
  const rows: string[][] = [];
  for (let r = XLSX_HEADER_ROW; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    rows.push(
      Array.from({ length: width }, (_, c) => {
        const value = row.getCell(c + 1).value;
        if (value !== null && typeof value !== 'string') throw new Error(`row ${r} column ${c + 1}: expected text, got ${typeof value}`);
        return value ?? '';
      }),
    );
  }
  return rows;
}

let expected: Expected;
let csv: string[][];
beforeAll(async () => {
  expected = JSON.parse(await readFile(path.join(SAMPLES, 'expected.json'), 'utf8')) as Expected;
  csv = await csvRows(path.join(SAMPLES, 'campaign.csv'));
});

describe('samples/', () => {
  it('holds the campaign as CSV and XLSX, the PDFs, the generator and the README', async () => {
    expect((await readdir(SAMPLES)).sort()).toEqual([
      'README.md',
      'campaign.csv',
      'campaign.xlsx',
      'docs',
      'expected.json',
      'international-expected.json',
      'international.csv',
      'international.xlsx',
      'make-international.mjs',
      'make-samples.mjs',
    ]);
    expect((await readdir(path.join(SAMPLES, 'docs'))).length).toBe(18);
  });

  it('campaign.xlsx holds the same rows as campaign.csv, all as text, below two title rows', async () => {
    const xlsx = await xlsxRows(path.join(SAMPLES, 'campaign.xlsx'));
    expect(xlsx).toEqual(csv);
    expect(csv).toHaveLength(expected.rows + 1);
  });

  it('is what make-samples.mjs writes (the files are generated, not edited by hand)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-samples-'));
    try {
      await promisify(execFile)(process.execPath, [path.join(SAMPLES, 'make-samples.mjs'), dir]);
      for (const file of ['campaign.csv', 'expected.json', 'international.csv', 'international-expected.json', ...(await readdir(path.join(SAMPLES, 'docs'))).map((f) => `docs/${f}`)]) {
        expect((await readFile(path.join(dir, file))).equals(await readFile(path.join(SAMPLES, file))), file).toBe(true);
      }
      expect(await xlsxRows(path.join(dir, 'campaign.xlsx'))).toEqual(csv);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has the documented counts: valid, invalid (with their codes), duplicate, warnings', () => {
    const [header = [], ...rows] = csv;
    const phone = header.indexOf('Phone Number');
    const country = header.indexOf('Country');
    const seen = new Set<string>();
    const counts = { valid: 0, invalid: 0, duplicate: 0 };
    const warnings: Record<string, number> = {};
    const invalidCodes: [string, string][] = [];
    for (const row of rows) {
      const outcome = normalizeNumber({ text: row[phone] ?? '' }, row[country], 'US');
      if (!outcome.ok) {
        counts.invalid += 1;
        invalidCodes.push([row[phone] ?? '', outcome.code]);
      } else if (seen.has(outcome.e164)) {
        counts.duplicate += 1;
      } else {
        seen.add(outcome.e164);
        counts.valid += 1;
        for (const note of outcome.notes) warnings[note.code] = (warnings[note.code] ?? 0) + 1;
      }
    }
    expect(counts).toEqual({ valid: expected.valid, invalid: expected.invalid, duplicate: expected.duplicate });
    expect(warnings).toEqual(expected.warnings);
    expect(invalidCodes).toEqual(expected.invalidCodes);
  });

  it('covers what later stages need: 3 customers, US/CA/GB/AU, toll-free, future FOC dates, full ports', () => {
    const [header = [], ...rows] = csv;
    const column = (name: string): string[] => rows.map((row) => row[header.indexOf(name)] ?? '');
    expect(new Set(column('Company'))).toEqual(new Set(['Acme Logistics Inc.', 'Maple Leaf Dental Group Inc.', 'Brightwater Studios Ltd']));
    expect(new Set(column('Service Country'))).toEqual(new Set(['US', 'CA', 'GB', 'AU']));
    const types = rows.map((row) => {
      const outcome = normalizeNumber({ text: row[header.indexOf('Phone Number')] ?? '' }, row[header.indexOf('Country')], 'US');
      return outcome.ok ? `${outcome.e164.slice(0, 2)} ${outcome.numberType ?? ''}` : 'invalid';
    });
    expect(types.filter((t) => t === '+1 toll_free').length).toBe(30 + 1);
    expect(types.filter((t) => t === '+4 toll_free').length).toBe(5);
    expect(column('Requested FOC').every((date) => date > '2026-11-24')).toBe(true);
    expect(new Set(column('Port Type'))).toEqual(new Set(['full']));
  });

  it('points every LOA and invoice at a well-formed PDF next to the sheet', async () => {
    const [header = [], ...rows] = csv;
    const files = new Set(rows.flatMap((row) => [row[header.indexOf('LOA')] ?? '', row[header.indexOf('Invoice')] ?? '']));
    expect(files.size).toBe(8);
    for (const file of files) {
      const pdf = (await readFile(path.join(SAMPLES, file))).toString('latin1');
      expect(pdf.startsWith('%PDF-1.4\n'), file).toBe(true);
      expect(pdf.endsWith('%%EOF\n'), file).toBe(true);
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
      expect(pdf.slice(startxref, startxref + 5), file).toBe('xref\n');
      const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
      expect(offsets.length, file).toBe(5);
      offsets.forEach((offset, index) => expect(pdf.slice(offset, offset + 8), file).toBe(`${index + 1} 0 obj\n`));
    }
  });

  it('states the counts in README.md', async () => {
    const readme = await readFile(path.join(SAMPLES, 'README.md'), 'utf8');
    for (const fact of [`${expected.rows} rows`, `${expected.valid} valid`, `${expected.invalid} invalid`, `${expected.duplicate} duplicate`]) expect(readme).toContain(fact);
  });
});

describe('bulkport validate on the samples', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'bulkport-samples-validate-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  function context(): CommandContext {
    return {
      env: {},
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      isTTY: false,
      isInteractive: false,
      signal: new AbortController().signal,
      now: () => new Date('2026-11-24T10:00:00Z'),
      cwd: REPO_ROOT,
    };
  }

  it.each(['campaign.csv', 'campaign.xlsx'])('%s gives the documented statuses and exit code 1', async (file) => {
    const dir = path.join(out, file);
    expect(await runCli(['validate', `samples/${file}`, '-o', dir, '--format', 'csv'], context())).toBe(1);
    const summary = JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.rowCount).toBe(expected.rows);
    expect(summary.byStatus).toMatchObject({ valid: expected.valid, invalid: expected.invalid, duplicate: expected.duplicate });
    expect(summary.byCountry).toEqual({ US: 173, CA: 91, GB: 51, AU: 13 });
  });
});
