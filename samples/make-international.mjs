/**
 * The international sample (issue 15): international.csv and international.xlsx (same rows), their
 * LOA/invoice PDFs in docs/, and international-expected.json (each row's status after the demo's
 * flow). Written by make-samples.mjs (`npm run samples`); samples/README.md explains the rows.
 *
 * Fictional numbers: German ones in Berlin blocks no real customer holds, UK ones in Ofcom's drama
 * range (020 7946 0xxx), Australian mobiles in ACMA's fiction range (0491 570 xxx), Dutch ones made
 * up; companies, people and accounts are made up.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export const INTERNATIONAL_HEADERS = [
  'phone_number',
  'country',
  'entity_name',
  'auth_person_name',
  'auth_person_first_name',
  'auth_person_last_name',
  'billing_phone_number',
  'account_number',
  'street_address',
  'locality',
  'postal_code',
  'country_code',
  'carrier',
  'port_type',
  'action',
  'extension_range',
  'user_bundle_id',
  'loa_file',
  'invoice_file',
  'notes',
];

const ACCOUNTS = {
  spree: {
    entity: 'Spree Logistik GmbH', person: 'Jonas Becker', btn: '+49 30 2449998 0', account: 'DT-5521-0097',
    street: 'Friedrichstraße 120', city: 'Berlin', zip: '10117', country: 'DE', carrier: 'Deutsche Telekom', portType: 'full',
    loa: 'docs/spree-loa.pdf', invoice: 'docs/spree-invoice.pdf',
  },
  thames: {
    entity: 'Thames Design Partners Ltd', person: 'Priya Shah', btn: '020 7946 0200', account: 'VM-88120045',
    street: '22 Bankside', city: 'London', zip: 'SE1 9DT', country: 'GB', carrier: 'Virgin Media', portType: 'partial',
    loa: 'docs/thames-loa.pdf', invoice: 'docs/thames-invoice.pdf',
  },
  camden: {
    entity: 'Camden Bakery Ltd', person: 'Tom Okafor', btn: '020 7946 0400', account: 'AT-11902',
    street: '8 Parkway', city: 'London', zip: 'NW1 7AA', country: 'GB', carrier: 'Acme Telecom', portType: 'full',
    loa: 'docs/camden-loa.pdf', invoice: 'docs/camden-invoice.pdf',
  },
  koala: {
    entity: 'Koala Freight Pty Ltd', person: 'Mary Ann Smith', first: 'Mary Ann', last: 'Smith', btn: '(02) 5550 0200', account: 'TLS-3310-442',
    street: '1 Macquarie Place', city: 'Sydney', zip: '2000', country: 'AU', carrier: '', portType: 'full',
    loa: 'docs/koala-loa.pdf', invoice: 'docs/koala-invoice.pdf',
  },
  grachten: {
    entity: 'Grachten Media B.V.', person: 'Sanne de Vries', btn: '+31 20 794 0100', account: 'KPN-7781203',
    street: 'Herengracht 500', city: 'Amsterdam', zip: '1017 CB', country: 'NL', carrier: '', portType: 'full',
    loa: 'docs/grachten-loa.pdf', invoice: 'docs/grachten-invoice.pdf',
  },
};

/** The regulatory bundle the Dutch number needs (a made-up Telnyx user bundle id). */
const NL_BUNDLE = '4f5c1c84-5b0e-4b8f-9a61-1c2d3e4f5a6b';

/**
 * Each row with the status it ends in after the demo's flow (submit --confirm, verify send, verify apply,
 * submit --confirm) and the issue code it shows, if any.
 */
function internationalRows() {
  return [
    { account: 'spree', phone: '+49 30 2449999 00 - 99', country: 'DE', notes: 'DID block of 100 behind the switchboard', status: 'submitted' },
    { account: 'spree', phone: '+49 30 2449998 0', country: 'DE', extension: '100-199', notes: 'main number with its extension range', status: 'submitted' },
    { account: 'spree', phone: '030 2449997 00 bis bis 99', country: 'DE', notes: 'typed twice over', status: 'invalid', code: 'RANGE_MALFORMED' },
    { account: 'thames', phone: '020 7946 0200', country: 'GB', action: 'port', notes: 'reception', status: 'submitted' },
    { account: 'thames', phone: '020 7946 0201', country: 'GB', action: 'port', notes: 'studio', status: 'submitted' },
    { account: 'thames', phone: '020 7946 0250', country: 'GB', action: 'keep', notes: 'fax line stays with Virgin Media', status: 'associated' },
    { account: 'thames', phone: '020 7946 0260 to 0269', country: 'GB', action: 'disconnect', notes: 'old ISDN block', status: 'associated' },
    { account: 'camden', phone: '020 7946 0400', country: 'GB', notes: 'carrier name from an old bill', status: 'blocked', code: 'UNKNOWN_UK_CARRIER' },
    { account: 'koala', phone: '0491 570 156', country: 'AU', notes: 'warehouse mobile: its holder gets a code', status: 'submitted' },
    { account: 'koala', phone: '0491 570 157', country: 'AU', notes: 'driver mobile: its holder gets a code', status: 'submitted' },
    { account: 'grachten', phone: '+31 20 794 0101', country: 'NL', bundle: NL_BUNDLE, notes: 'needs a regulatory bundle', status: 'submitted' },
  ];
}

function values(row) {
  const a = ACCOUNTS[row.account];
  return [
    row.phone, row.country, a.entity, a.person, a.first ?? '', a.last ?? '', a.btn, a.account, a.street, a.city, a.zip, a.country,
    a.carrier, a.portType, row.action ?? '', row.extension ?? '', row.bundle ?? '', a.loa, a.invoice, row.notes ?? '',
  ];
}

async function internationalXlsx(rows) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bulkport samples';
  workbook.created = new Date('2026-11-24T00:00:00Z');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Numbers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.getRow(1).values = INTERNATIONAL_HEADERS;
  sheet.getRow(1).font = { bold: true };
  INTERNATIONAL_HEADERS.forEach((header, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(12, header.length + 4);
    // Text: ranges and extension ranges stay as typed (Excel would make 100-199 a date, a range a subtraction).
    column.numFmt = '@';
  });
  rows.forEach((row, index) => {
    sheet.getRow(2 + index).values = values(row).map((value) => (value === '' ? null : value));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes the international sheet, its documents and its expected statuses into `dir`. */
export async function writeInternational(dir, minimalPdf) {
  const rows = internationalRows();
  await writeFile(path.join(dir, 'international.csv'), stringify([INTERNATIONAL_HEADERS, ...rows.map(values)]));
  await writeFile(path.join(dir, 'international.xlsx'), await internationalXlsx(rows));
  const ascii = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss');
  for (const a of Object.values(ACCOUNTS)) {
    await writeFile(path.join(dir, a.loa), minimalPdf(['LETTER OF AUTHORIZATION (fictional sample)', `Customer: ${ascii(a.entity)}`, `Authorized person: ${ascii(a.person)}`, `Account ${a.account}`]));
    await writeFile(path.join(dir, a.invoice), minimalPdf([`INVOICE (fictional sample)`, `Bill to: ${ascii(a.entity)}, account ${a.account}`, `Billing telephone number: ${a.btn}`]));
  }
  const expected = rows.map((row, index) => ({ row: index + 2, phone_number: row.phone, status: row.status, issue_code: row.code ?? '' }));
  await writeFile(path.join(dir, 'international-expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return expected;
}
