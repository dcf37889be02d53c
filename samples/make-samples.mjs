#!/usr/bin/env node
/**
 * Writes the sample campaign deterministically: campaign.csv, campaign.xlsx (same rows) and the
 * LOA/invoice PDFs in docs/. Run `npm run samples` (or `node samples/make-samples.mjs [DIR]`) after
 * changing it; samples/README.md documents what the files hold and the counts a test checks.
 *
 * Every number is fictional. NANP numbers use 555-0100…0199 (reserved for fiction), UK numbers
 * Ofcom's drama ranges (020 7946 0xxx, 0808 157 0xxx), Australian ones ACMA's (02 5550 xxxx).
 * Each is checked against libphonenumber-js (full metadata) here, so a sample meant to be valid
 * cannot quietly be invalid, and the other way round.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { writeInternational } from './make-international.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Headers as a customer writes them: bulkport maps each to its canonical column (docs/design.md §3). */
export const HEADERS = [
  'Phone Number',
  'Country',
  'Company',
  'Authorized Person',
  'BTN',
  'Account #',
  'PIN',
  'Tax ID',
  'Company Number',
  'Street Address',
  'Suite',
  'City',
  'State',
  'Zip',
  'Service Country',
  'Losing Carrier',
  'Requested FOC',
  'Port Type',
  'LOA',
  'Invoice',
  'Reference',
  'Site',
  'Notes',
];

/** One carrier account: everything a porting order needs about the end user. */
const ACCOUNTS = {
  acme: {
    entity: 'Acme Logistics Inc.',
    person: 'Dana Whitfield',
    btn: '(415) 555-0100',
    account: 'ACM-4410-2231',
    pin: '4417',
    taxId: '94-3021187',
    companyNumber: '',
    street: '500 Howard St',
    suite: 'Suite 300',
    city: 'San Francisco',
    state: 'CA',
    zip: '94105',
    serviceCountry: 'US',
    carrier: 'AT&T',
    foc: '2027-01-15',
    loa: 'docs/acme-loa.pdf',
    invoice: 'docs/acme-invoice.pdf',
    reference: 'ACME-2027Q1',
  },
  mapleleaf: {
    entity: 'Maple Leaf Dental Group Inc.',
    person: 'Élodie Tremblay',
    btn: '514.555.0100',
    account: '8830 1742 55',
    pin: '0729',
    taxId: '',
    companyNumber: '1173385524',
    street: '1250 boul. René-Lévesque O',
    suite: 'Bureau 1400',
    city: 'Montréal',
    state: 'QC',
    zip: 'H3B 4W8',
    serviceCountry: 'CA',
    carrier: 'Bell Canada',
    foc: '2027-01-22',
    loa: 'docs/mapleleaf-loa.pdf',
    invoice: 'docs/mapleleaf-invoice.pdf',
    reference: 'MLD-PORT-07',
  },
  brightwaterUk: {
    entity: 'Brightwater Studios Ltd',
    person: 'Zoë Hartley',
    btn: '020 7946 0100',
    account: 'BT-77120458',
    pin: '',
    taxId: 'GB 123 4567 89',
    companyNumber: '09876543',
    street: '14 Clerkenwell Road',
    suite: 'Floor 2',
    city: 'London',
    state: '',
    zip: 'EC1M 5PA',
    serviceCountry: 'GB',
    carrier: 'BT',
    foc: '2027-02-01',
    loa: 'docs/brightwater-uk-loa.pdf',
    invoice: 'docs/brightwater-uk-invoice.pdf',
    reference: 'BW-LDN',
  },
  brightwaterAu: {
    entity: 'Brightwater Studios Ltd',
    person: 'Zoë Hartley',
    btn: '(02) 5550 0100',
    account: '3009 4471 128',
    pin: '5512',
    taxId: '',
    companyNumber: '51 824 753 556',
    street: '1 Macquarie Place',
    suite: 'Level 12',
    city: 'Sydney',
    state: 'NSW',
    zip: '2000',
    serviceCountry: 'AU',
    carrier: 'Telstra',
    foc: '2027-02-08',
    loa: 'docs/brightwater-au-loa.pdf',
    invoice: 'docs/brightwater-au-invoice.pdf',
    reference: 'BW-SYD',
  },
};

/** How people write North American numbers, cycled through so every format appears many times. */
const NANP_FORMATS = [
  (a, n) => `(${a}) 555-${n}`,
  (a, n) => `${a}.555.${n}`,
  (a, n) => `${a}-555-${n}`,
  (a, n) => `1-${a}-555-${n}`,
  (a, n) => `+1 ${a} 555 ${n}`,
  (a, n) => `${a}555${n}`,
  (a, n) => `1 (${a}) 555-${n}`,
  (a, n) => `+1 (${a}) 555-${n}`,
  (a, n) => `${a} 555 ${n}`,
  (a, n) => ` ${a}-555-${n} `,
  (a, n) => `1.${a}.555.${n}`,
  (a, n) => `+1${a}555${n}`,
];

const UK_FORMATS = [
  (a, b, n) => `0${a} ${b} ${n}`,
  (a, b, n) => `+44 ${a} ${b} ${n}`,
  (a, b, n) => `(0${a}) ${b} ${n}`,
  (a, b, n) => `+44 (0)${a} ${b} ${n}`,
  (a, b, n) => `0044 ${a} ${b} ${n}`,
  (a, b, n) => `0${a}${b}${n}`,
  (a, b, n) => `+44${a}${b}${n}`,
];

const AU_FORMATS = [(n) => `02 5550 ${n}`, (n) => `(02) 5550 ${n}`, (n) => `+61 2 5550 ${n}`, (n) => `025550${n}`];

/**
 * @typedef {{ phone: string, country: string, account: keyof typeof ACCOUNTS, site: string, notes?: string,
 *   expect: 'valid' | 'invalid' | 'duplicate', e164?: string, code?: string }} SampleRow
 */

/** @returns {SampleRow[]} */
function sampleRows() {
  /** @type {SampleRow[]} */
  const rows = [];
  let cycle = 0;
  const nanp = (account, area, line, country, site, extra = {}) => {
    const format = NANP_FORMATS[cycle++ % NANP_FORMATS.length];
    rows.push({ phone: format(area, line), country, account, site, expect: 'valid', e164: `+1${area}555${line}`, ...extra });
  };
  const countryFor = (i, code) => (i % 9 === 4 ? code.toLowerCase() : i % 3 === 0 ? code : '');

  // Acme Logistics (US): local numbers in two area codes, then toll-free.
  for (let i = 0; i < 100; i += 1) nanp('acme', '415', String(100 + i).padStart(4, '0'), countryFor(i, 'US'), i < 60 ? 'HQ' : 'Warehouse 2');
  rows.push({ phone: '555-0199', country: 'US', account: 'acme', site: 'HQ', notes: 'number as the branch wrote it', expect: 'invalid', code: 'TOO_SHORT' });
  for (let i = 0; i < 40; i += 1) nanp('acme', '628', String(100 + i).padStart(4, '0'), countryFor(i, 'US'), 'Oakland depot');
  rows.push({ phone: '415-555-013', country: '', account: 'acme', site: 'HQ', notes: 'digit missing', expect: 'invalid', code: 'TOO_SHORT' });
  for (let i = 0; i < 10; i += 1) nanp('acme', '800', String(100 + i).padStart(4, '0'), '', 'Customer service');
  for (let i = 0; i < 4; i += 1) nanp('acme', '888', String(120 + i).padStart(4, '0'), '', 'Customer service');
  rows.push({ phone: '1-800-555-ACME', country: 'US', account: 'acme', site: 'Marketing', notes: 'vanity number', expect: 'valid', e164: '+18005552263', code: 'VANITY_CONVERTED' });
  for (let i = 0; i < 5; i += 1) nanp('acme', '877', String(150 + i).padStart(4, '0'), '', 'Customer service');
  rows.push({ phone: '+1 999 555 0100', country: '', account: 'acme', site: 'HQ', expect: 'invalid', code: 'INVALID_NUMBER' });
  rows.push({ phone: '4.15555E+11', country: '', account: 'acme', site: 'Warehouse 2', notes: 'came through a CSV export', expect: 'invalid', code: 'AMBIGUOUS_NUMBER' });
  // Rows the customer appended later: the same numbers again, written differently.
  rows.push({ phone: '+1 415-555-0100', country: '', account: 'acme', site: 'HQ', notes: 'main line (again)', expect: 'duplicate', e164: '+14155550100' });
  rows.push({ phone: '415 555 0150', country: 'US', account: 'acme', site: 'Warehouse 2', expect: 'duplicate', e164: '+14155550150' });
  rows.push({ phone: '1 (800) 555-0101', country: '', account: 'acme', site: 'Customer service', expect: 'duplicate', e164: '+18005550101' });

  // Maple Leaf Dental (CA): Montréal local numbers, then toll-free.
  for (let i = 0; i < 80; i += 1) nanp('mapleleaf', '514', String(100 + i).padStart(4, '0'), i % 4 === 1 ? '' : i % 4 === 2 ? 'ca' : 'CA', i < 40 ? 'Clinique Plateau' : 'Clinique Verdun');
  rows.push({ phone: 'N/A', country: 'CA', account: 'mapleleaf', site: 'Clinique Verdun', notes: 'line not installed yet', expect: 'invalid', code: 'NOT_A_NUMBER' });
  for (let i = 0; i < 10; i += 1) nanp('mapleleaf', '438', String(100 + i).padStart(4, '0'), 'CA', 'Clinique Laval');
  rows.push({ phone: '', country: 'CA', account: 'mapleleaf', site: 'Clinique Laval', notes: 'fax line: number to follow', expect: 'invalid', code: 'EMPTY_NUMBER' });
  for (let i = 0; i < 5; i += 1) nanp('mapleleaf', '866', String(100 + i).padStart(4, '0'), 'CA', 'Rendez-vous');
  for (let i = 0; i < 5; i += 1) nanp('mapleleaf', '855', String(100 + i).padStart(4, '0'), 'CA', 'Rendez-vous');
  rows.push({ phone: '514-555-0100', country: 'CA', account: 'mapleleaf', site: 'Clinique Plateau', notes: 'réception', expect: 'duplicate', e164: '+15145550100' });

  // Brightwater Studios, London (GB): national formats need the Country column.
  for (let i = 0; i < 45; i += 1) {
    const line = String(100 + i).padStart(4, '0');
    const format = UK_FORMATS[i % UK_FORMATS.length];
    rows.push({ phone: format('20', '7946', line), country: i % 5 === 2 ? 'gb' : 'GB', account: 'brightwaterUk', site: i < 30 ? 'Studio A' : 'Studio B', expect: 'valid', e164: `+44207946${line}` });
  }
  rows.push({ phone: '020 7946 012', country: 'GB', account: 'brightwaterUk', site: 'Studio B', expect: 'invalid', code: 'INVALID_NUMBER' });
  for (let i = 0; i < 5; i += 1) {
    const line = String(100 + i).padStart(4, '0');
    rows.push({ phone: i % 2 ? `+44 808 157 ${line}` : `0808 157 ${line}`, country: 'GB', account: 'brightwaterUk', site: 'Freephone', expect: 'valid', e164: `+44808157${line}` });
  }
  rows.push({ phone: '+44 7700 900123', country: 'GB', account: 'brightwaterUk', site: 'Mobile', notes: 'mobile, not in scope', expect: 'invalid', code: 'INVALID_NUMBER' });
  rows.push({ phone: '+44 20 7946 0110', country: '', account: 'brightwaterUk', site: 'Studio A', expect: 'duplicate', e164: '+442079460110' });

  // Brightwater Studios, Sydney (AU): the other country, with its own carrier account.
  for (let i = 0; i < 12; i += 1) {
    const line = String(100 + i).padStart(4, '0');
    rows.push({ phone: AU_FORMATS[i % AU_FORMATS.length](line), country: 'AU', account: 'brightwaterAu', site: 'Sydney office', expect: 'valid', e164: `+61255500${line.slice(1)}` });
  }
  rows.push({ phone: '+61 2 5550 0105', country: '', account: 'brightwaterAu', site: 'Sydney office', expect: 'duplicate', e164: '+61255500105' });

  // Extensions on a few lines people wrote with the desk extension: stripped and reported.
  const withExtension = [
    [12, ' x12'],
    [45, ' ext. 4'],
    [110, ' ext 201'],
    [190, ' x7'],
  ];
  for (const [index, extension] of withExtension) {
    const row = rows[index];
    if (row.expect !== 'valid' || row.code) throw new Error(`extension sample at index ${index} must be a plain valid row`);
    row.phone = `${row.phone.trim()}${extension}`;
    row.code = 'EXTENSION_STRIPPED';
  }
  rows[3].notes = 'Main line\nDo not disconnect before FOC';
  rows[7].notes = '=HYPERLINK("http://example.invalid","site map")';
  return rows;
}

/** Fails the generation if a row would not mean what the README says it means. */
function checkRows(rows) {
  const seen = new Set();
  for (const row of rows) {
    const text = row.phone.replace(/\s*(x|ext\.?)\s*\d+$/i, '').replace(/[A-Z]{4}$/, (letters) => keypad(letters));
    const parsed = text.trim() === '' ? undefined : parsePhoneNumberFromString(text, (row.country || 'US').toUpperCase());
    const isValid = parsed?.isValid() === true;
    if (row.expect === 'invalid') {
      if (isValid && row.code !== 'AMBIGUOUS_NUMBER') throw new Error(`meant invalid but valid: ${row.phone}`);
      continue;
    }
    if (!isValid || parsed.number !== row.e164) throw new Error(`meant ${row.expect} ${row.e164} but got ${parsed?.number} (valid ${isValid}): ${row.phone}`);
    if (row.expect === 'valid' && seen.has(row.e164)) throw new Error(`meant valid but repeats ${row.e164}`);
    if (row.expect === 'duplicate' && !seen.has(row.e164)) throw new Error(`meant duplicate but first: ${row.e164}`);
    seen.add(row.e164);
  }
}

function keypad(letters) {
  const keys = { ABC: '2', DEF: '3', GHI: '4', JKL: '5', MNO: '6', PQRS: '7', TUV: '8', WXYZ: '9' };
  return [...letters].map((l) => Object.entries(keys).find(([k]) => k.includes(l))[1]).join('');
}

function sheetValues(row) {
  const a = ACCOUNTS[row.account];
  return [
    row.phone,
    row.country,
    a.entity,
    a.person,
    a.btn,
    a.account,
    a.pin,
    a.taxId,
    a.companyNumber,
    a.street,
    a.suite,
    a.city,
    a.state,
    a.zip,
    a.serviceCountry,
    a.carrier,
    a.foc,
    'full',
    a.loa,
    a.invoice,
    a.reference,
    row.site,
    row.notes ?? '',
  ];
}

/** Excel's "CSV UTF-8" as Windows writes it: BOM, CRLF, line breaks inside a cell quoted. */
function campaignCsv(rows) {
  // csv-stringify quotes a cell holding the record delimiter (CRLF), not one holding a bare LF.
  return `\uFEFF${stringify([HEADERS, ...rows.map(sheetValues)], { record_delimiter: 'windows', quoted_match: /[\r\n]/ })}`;
}

const TITLE = 'Porting campaign 2027-Q1: Acme Logistics, Maple Leaf Dental, Brightwater Studios (fictional sample data)';

async function campaignXlsx(rows) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bulkport samples';
  workbook.created = new Date('2026-11-24T00:00:00Z');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Numbers', { views: [{ state: 'frozen', ySplit: 3 }] });
  // Title rows above the header, as customers' sheets have them: the reader must find row 3.
  sheet.getCell('A1').value = TITLE;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = 'Prepared for Telnyx number porting. One row per number.';
  sheet.getRow(3).values = HEADERS;
  sheet.getRow(3).font = { bold: true };
  HEADERS.forEach((header, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(12, header.length + 4);
    // Text format: what is typed stays as typed (no lost `+`, leading zeros or exponents).
    column.numFmt = '@';
  });
  sheet.getColumn(1).width = 22;
  rows.forEach((row, index) => {
    sheet.getRow(4 + index).values = sheetValues(row).map((value) => (value === '' ? null : value));
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: HEADERS.length } };

  const accounts = workbook.addWorksheet('Accounts');
  accounts.addRow(['Customer', 'Site', 'Carrier', 'Carrier account', 'Requested FOC', 'Rows in Numbers']);
  accounts.getRow(1).font = { bold: true };
  for (const [key, a] of Object.entries(ACCOUNTS)) {
    accounts.addRow([a.entity, `${a.city}, ${a.serviceCountry}`, a.carrier, a.account, a.foc, rows.filter((r) => r.account === key).length]);
  }
  accounts.columns.forEach((column) => (column.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A minimal, valid one-page PDF: enough for an upload, an LOA viewer and a content hash. */
export function minimalPdf(lines) {
  const escape = (text) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 12 Tf 72 720 Td 16 TL ${lines.map((line) => `(${escape(line)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function documents() {
  const files = {};
  for (const a of Object.values(ACCOUNTS)) {
    // The PDF's standard font is used without an encoding table: keep its text plain ASCII.
    const ascii = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    files[a.loa] = minimalPdf([
      'LETTER OF AUTHORIZATION (fictional sample)',
      `Customer: ${ascii(a.entity)}`,
      `Authorized person: ${ascii(a.person)}`,
      `Carrier: ${a.carrier}, account ${a.account}`,
      `Service address: ${ascii([a.street, a.suite, [a.city, a.state, a.zip].filter(Boolean).join(' '), a.serviceCountry].filter(Boolean).join(', '))}`,
      'I authorize Telnyx to port the numbers listed in the attached campaign sheet.',
    ]);
    files[a.invoice] = minimalPdf([
      `INVOICE (fictional sample) - ${a.carrier}`,
      `Bill to: ${ascii(a.entity)}, account ${a.account}`,
      `Billing telephone number: ${a.btn}`,
      'Period: 2026-10-01 to 2026-10-31',
    ]);
  }
  return files;
}

export async function writeSamples(dir) {
  const rows = sampleRows();
  checkRows(rows);
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  await writeFile(path.join(dir, 'campaign.csv'), campaignCsv(rows));
  await writeFile(path.join(dir, 'campaign.xlsx'), await campaignXlsx(rows));
  for (const [file, data] of Object.entries(documents())) await writeFile(path.join(dir, file), data);
  // What the README promises, for the sample test to hold the files to.
  const count = (kind) => rows.filter((r) => r.expect === kind).length;
  const expected = {
    rows: rows.length,
    valid: count('valid'),
    invalid: count('invalid'),
    duplicate: count('duplicate'),
    warnings: Object.fromEntries(['EXTENSION_STRIPPED', 'VANITY_CONVERTED'].map((code) => [code, rows.filter((r) => r.code === code).length])),
    invalidCodes: rows.filter((r) => r.expect === 'invalid').map((r) => [r.phone, r.code]),
  };
  await writeFile(path.join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  // The international sheet (issue 15): blocks, extensions, a UK partial port, AU codes, an EU bundle.
  await writeInternational(dir, minimalPdf);
  return expected;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const expected = await writeSamples(path.resolve(process.argv[2] ?? HERE));
  console.log(`wrote ${expected.rows} rows: ${expected.valid} valid, ${expected.invalid} invalid, ${expected.duplicate} duplicate`);
}
