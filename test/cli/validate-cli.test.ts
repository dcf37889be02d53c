import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

let dir: string;

function sheet(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function readResults(outDir: string): Record<string, string>[] {
  return parse(readFileSync(path.join(outDir, 'results.csv')), { columns: true }) as Record<string, string>[];
}

function expectOneLineError(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  expect(stderr).toMatch(/^bulkport: /);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bulkport-validate-cli-'));
});

describe('bulkport validate (built CLI)', () => {
  it('exits 0 and writes all three files when every row is valid', async () => {
    const input = sheet('good.csv', 'Phone Number,Company Notes\n(415) 555-0132,Acme\n+44 20 7946 0018,Acme UK\n');
    const out = path.join(dir, 'out-good');
    const result = await runCli(['validate', input, '-o', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['results.csv', 'results.xlsx', 'summary.json']);
    const rows = readResults(out);
    expect(rows.map((r) => [r.row, r.e164, r.status, r['Company Notes']])).toEqual([
      ['2', '+14155550132', 'valid', 'Acme'],
      ['3', '+442079460018', 'valid', 'Acme UK'],
    ]);
    expect(result.stdout).toContain('valid 2');
  });

  it('exits 1 when rows need a person, keeping every row in input order with its reason', async () => {
    const input = sheet('mixed.csv', 'TN,Notes\n415 555 0132,first\n555-01,short\n\n1 (415) 555-0132,again\n');
    const out = path.join(dir, 'out-mixed');
    const result = await runCli(['validate', input, '-o', out, '--format', 'csv']);
    expect(result.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['results.csv', 'summary.json']);
    const rows = readResults(out);
    expect(rows.map((r) => [r.row, r.input_number, r.status, r.issue_code])).toEqual([
      ['2', '415 555 0132', 'valid', ''],
      ['3', '555-01', 'invalid', 'TOO_SHORT'],
      ['5', '1 (415) 555-0132', 'duplicate', 'DUPLICATE_NUMBER'],
    ]);
    expect(rows[1]?.issue).toContain('mixed.csv');
    expect(rows[1]?.issue).toContain('row 3, column "TN"');
    expect(rows[2]?.issue).toContain('row 2');
  });

  it('prints the summary as JSON with --json', async () => {
    const input = sheet('json.csv', 'phone_number\n+14155550132\n');
    const result = await runCli(['validate', input, '-o', path.join(dir, 'out-json'), '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { command: string; rowCount: number; byStatus: Record<string, number> };
    expect(summary.command).toBe('validate');
    expect(summary.rowCount).toBe(1);
    expect(summary.byStatus.valid).toBe(1);
  });

  it('exits 2 with one line naming the headers found when no phone column exists', async () => {
    const input = sheet('nophone.csv', 'Name,Fone\nAcme,4155550132\n');
    const result = await runCli(['validate', input, '-o', path.join(dir, 'out-nophone')]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain('Fone');
    expect(existsSync(path.join(dir, 'out-nophone', 'results.csv'))).toBe(false);
  });

  it('exits 2 for a file that does not exist', async () => {
    const result = await runCli(['validate', path.join(dir, 'missing.csv')]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain('missing.csv');
  });

  it.each([
    [['validate', 'x.csv', '--concurrency', '0'], '--concurrency'],
    [['validate', 'x.csv', '--default-country', 'Narnia'], '--default-country'],
    // Two letters but no such region: refused up front, not turned into an INVALID_COUNTRY issue on every row.
    [['validate', 'x.csv', '--default-country', 'XX'], '--default-country: expected a region code'],
    [['validate', 'x.csv', '--format', 'pdf'], '--format'],
    [['validate', 'x.csv', '--map', 'nonsense'], '--map'],
    [['frobnicate'], 'Unknown'],
    [['validate'], 'arguments'],
  ])('exits 2 with a one-line usage error for %j', async (args, mention) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain(mention);
    expect(result.stdout).toBe('');
  });

  it('exits 2, naming the path, when -o is an existing file, and leaves that file alone', async () => {
    const input = sheet('to-file.csv', 'phone_number\n+14155550132\n');
    const taken = sheet('taken.txt', 'keep me\n');
    const result = await runCli(['validate', input, '-o', taken]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toMatch(/^bulkport: -o: expected .*directory/);
    expect(result.stderr).toContain(taken);
    expect(readFileSync(taken, 'utf8')).toBe('keep me\n');
  });

  it('exits 2 when --sheet names a sheet a CSV cannot have', async () => {
    const input = sheet('plain.csv', 'phone_number\n+14155550132\n');
    const result = await runCli(['validate', input, '--sheet', 'Porting', '-o', path.join(dir, 'out-sheet')]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain('--sheet "Porting"');
    expect(existsSync(path.join(dir, 'out-sheet'))).toBe(false);
  });

  it('an unclosed quote deep in the file exits 2 naming the row and line where it starts', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `N${i},+1415555${String(i).padStart(4, '0')}`);
    const input = sheet('quote.csv', `Name,Phone\n${lines.join('\n')}\n"Broken,+14165550000\nM,+14165550001\n`);
    const result = await runCli(['validate', input, '-o', path.join(dir, 'out-quote')]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr);
    expect(result.stderr).toContain('quote.csv: cannot read as CSV at row 2002, line 2002: a quoted cell starting there is never closed');
  });

  it('documents the exit codes in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes');
    for (const code of ['0 ', '1 ', '2 ', '3 ']) expect(result.stdout).toContain(`\n${code}`);
    expect(result.stdout).toContain('validate');
  });
});
