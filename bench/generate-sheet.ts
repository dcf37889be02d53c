import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Deterministic porting sheets for benchmarks: a realistic mix of number formats (US/CA local and
 * toll-free, UK, extensions, a few invalid and duplicate rows) with account columns.
 */
export const BENCH_HEADERS = [
  'Phone Number', 'Country', 'Entity Name', 'Auth Person Name', 'BTN', 'Account #', 'PIN',
  'Street Address', 'City', 'State', 'Zip', 'Carrier', 'Notes',
];

const US_AREAS = ['212', '312', '415', '503', '617', '702', '713', '303', '404', '206'];
const CA_AREAS = ['416', '604', '514', '403'];
const ACCOUNTS = Array.from({ length: 50 }, (_, i) => ({
  entity: `Bench Customer ${i} LLC`, person: `Pat Person ${i}`, btn: `+1212555${String(1000 + i).slice(-4)}`,
  account: `ACC-${100000 + i}`, pin: String(1000 + (i * 37) % 9000), street: `${100 + i} Main St`, city: 'New York', state: 'NY', zip: '10001',
  carrier: ['Verizon', 'AT&T', 'Lumen', 'Bandwidth'][i % 4] ?? 'Verizon',
}));

/** Row i of the benchmark sheet (pure, so CSV and XLSX cases get the same data). */
export function benchRow(i: number): string[] {
  const account = ACCOUNTS[i % ACCOUNTS.length]!;
  const line = String(i % 10000).padStart(4, '0');
  const exchange = String(200 + (Math.floor(i / 10000) % 700));
  const area = US_AREAS[Math.floor(i / 7_000_000) % US_AREAS.length]!;
  let phone: string;
  let country = '';
  const kind = i % 20;
  if (kind === 19) phone = '555-01';                                  // invalid: too short
  else if (kind === 18) phone = benchRow(i - 3)[0]!;                  // duplicate of an earlier (Canadian) row
  else if (kind === 17) { phone = `020 7${exchange} ${line}`; country = 'GB'; } // UK national format
  else if (kind === 16) phone = `1-800-${exchange}-${line}`;           // toll-free
  else if (kind === 15) phone = `(${CA_AREAS[i % CA_AREAS.length]}) ${exchange}-${line}`;
  else if (kind === 14) phone = `${area}.${exchange}.${line} x${i % 900}`; // extension
  else if (kind % 3 === 0) phone = `+1 ${area} ${exchange} ${line}`;
  else if (kind % 3 === 1) phone = `(${area}) ${exchange}-${line}`;
  else phone = `1${area}${exchange}${line}`;
  return [phone, country, account.entity, account.person, account.btn, account.account, account.pin,
    account.street, account.city, account.state, account.zip, account.carrier, `row ${i}`];
}

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export async function writeBenchCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${csvLine(BENCH_HEADERS)}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${csvLine(benchRow(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function writeBenchXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Numbers');
  sheet.addRow(BENCH_HEADERS).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(benchRow(i)).commit();
  sheet.commit();
  await workbook.commit();
}
