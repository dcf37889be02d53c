import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { SimulatorHandle } from '../../src/sim/simulator.js';
import { findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { runBulkport } from '../submit/campaign-fixture.js';
import type { InProcessResult } from '../helpers/run-in-process.js';

export const AU_CAMPAIGN = 'au1';

const AU_COLUMNS = [
  'phone_number',
  'entity_name',
  'auth_person_name',
  'auth_person_first_name',
  'auth_person_last_name',
  'billing_phone_number',
  'account_number',
  'street_address',
  'locality',
  'administrative_area',
  'postal_code',
  'loa_file',
  'invoice_file',
] as const;

type AuRow = Partial<Record<(typeof AU_COLUMNS)[number], string>>;

/** An Australian end user with documents: rows built from it plan cleanly. */
const KOALA: AuRow = {
  entity_name: 'Koala Freight Pty Ltd',
  auth_person_name: 'Mary Ann Smith',
  billing_phone_number: '+61 2 9374 4000',
  account_number: 'KF-2040',
  street_address: '1 Harbour Street',
  locality: 'Sydney',
  administrative_area: 'NSW',
  postal_code: '2000',
  loa_file: 'docs/loa.pdf',
  invoice_file: 'docs/invoice.pdf',
};

export interface AuSetup {
  readonly t: TestSimulator;
  readonly dir: string;
  readonly sheet: string;
  readonly numbers: readonly string[];
  run(...args: string[]): Promise<InProcessResult>;
  callsTo(endpoint: string): number;
}

/** AU mobiles of one carrier (one order), in a campaign folder with a sheet and its documents. */
export async function auCampaign(count = 3, row: AuRow = {}): Promise<AuSetup> {
  const t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkport-verify-'));
  await mkdir(path.join(dir, 'docs'));
  await writeFile(path.join(dir, 'docs', 'loa.pdf'), '%PDF-1.4 Koala signed LOA');
  await writeFile(path.join(dir, 'docs', 'invoice.pdf'), '%PDF-1.4 Koala invoice');
  const numbers = findNumbers(t.sim, count, (p) => p.portable && p.phoneNumberType === 'mobile', '+6141255');
  const sheet = path.join(dir, 'au.csv');
  const quote = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [AU_COLUMNS.join(','), ...numbers.map((n) => AU_COLUMNS.map((c) => quote({ ...KOALA, ...row, phone_number: n }[c] ?? '')).join(','))];
  await writeFile(sheet, `${lines.join('\n')}\n`);
  const stateDir = path.join(dir, 'state');
  return {
    t,
    dir,
    sheet,
    numbers,
    run: (...args) => runBulkport([...args, '--state-dir', stateDir], t.sim, dir),
    callsTo: (endpoint) => t.sim.stats().calls[endpoint] ?? 0,
  };
}

/** What the numbers' holders received, read where a test (or the demo) reads it: the simulator's control route. */
export async function codesFromSim(sim: SimulatorHandle): Promise<Map<string, string>> {
  const response = await fetch(`${sim.origin}/_sim/verification_codes`);
  const body = (await response.json()) as { data: Array<{ phone_number: string; code: string }> };
  return new Map(body.data.map((c) => [c.phone_number, c.code]));
}

/** Types codes into verification.xlsx's Codes sheet as a person would (text cells); a number stores a numeric cell. */
export async function fillCodes(file: string, codeOf: (phoneNumber: string) => string | number | undefined): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Codes');
  if (sheet === undefined) throw new Error('no Codes sheet');
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const numberColumn = header.indexOf('phone_number');
  const codeColumn = header.indexOf('code');
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const code = codeOf(String(row.getCell(numberColumn).value));
    if (code !== undefined) row.getCell(codeColumn).value = code;
  });
  await workbook.xlsx.writeFile(file);
}

export async function readSheetRows(file: string, sheetName: string): Promise<Array<Record<string, string>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(sheetName);
  if (sheet === undefined) return [];
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Array<Record<string, string>> = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])]).filter(([h]) => h !== '')));
  });
  return rows;
}

export async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  return parse(await readFile(file), { columns: true, bom: true }) as Array<Record<string, string>>;
}
