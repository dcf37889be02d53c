import { describe, expect, it } from 'vitest';
import { InputFileError, UsageError } from '../../src/core/errors.js';
import { INPUT_COLUMNS } from '../../src/input/columns.js';
import { columnLetter, mapHeaders, missingPhoneColumnError, resolveHeaderMap } from '../../src/input/map-headers.js';
import { readFixture, refs } from './read-helpers.js';

const origin = { file: 'in.csv', sheet: 'in', row: 1 };
const noMap = resolveHeaderMap(new Map());

describe('header aliases (docs/design.md §3)', () => {
  it.each([
    ['Phone Number', 'phone_number'],
    ['TN', 'phone_number'],
    ['DID', 'phone_number'],
    ['Telephone', 'phone_number'],
    ['Number', 'phone_number'],
    ['phone #', 'phone_number'],
    ['  PHONE-NUMBER ', 'phone_number'],
    ['BTN', 'billing_phone_number'],
    ['Account #', 'account_number'],
    ['Acct. No.', 'account_number'],
    ['Zip', 'postal_code'],
    ['Postcode', 'postal_code'],
    ['City', 'locality'],
    ['State', 'administrative_area'],
    ['Province', 'administrative_area'],
    ['State/Province', 'administrative_area'],
    ['PIN', 'pin_passcode'],
    ['Losing Carrier', 'carrier'],
    ['LOA', 'loa_file'],
  ])('"%s" → %s', (header, column) => {
    const mapping = mapHeaders(column === 'phone_number' ? [header] : ['phone', header], noMap, origin);
    expect(mapping.columnIndex.has(column as never)).toBe(true);
    expect(mapping.columnHeaders[column as keyof typeof mapping.columnHeaders]).toBe(header);
  });

  it('every canonical name maps to itself, and no alias is claimed twice', () => {
    const headers = INPUT_COLUMNS.map((column) => column.name);
    const mapping = mapHeaders(headers, noMap, origin);
    expect([...mapping.columnIndex.keys()]).toEqual(headers);
    // Known columns come back in the results too (docs/design.md §5).
    expect(mapping.passthrough.map((column) => column.header)).toEqual(headers);
  });

  it('every column passes through in file order, known ones included; an empty header is named by its column letter', () => {
    const mapping = mapHeaders(['Notes', 'phone', '', 'Region Manager'], noMap, origin);
    expect(mapping.passthrough).toEqual([
      { header: 'Notes', index: 0 },
      { header: 'phone', index: 1 },
      { header: 'Column C', index: 2 },
      { header: 'Region Manager', index: 3 },
    ]);
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
  });

  it('a file with aliases of every kind', async () => {
    const { source, rows } = await readFixture('aliases.csv');
    expect(source.columnHeaders).toEqual({
      phone_number: 'TN',
      entity_name: 'Company Name',
      account_number: 'ACCOUNT #',
      billing_phone_number: 'btn',
      street_address: 'Street',
      postal_code: 'Zip',
      locality: 'City',
      administrative_area: 'State/Province',
    });
    expect(source.passthroughHeaders).toEqual(source.headers);
    expect(refs(rows)).toEqual([{ row: 2, sheet: 'aliases', phone: '+1 312 555 0142' }]);
    const cell = (header: string): string | undefined => rows[0]?.passthrough[source.passthroughHeaders.indexOf(header)];
    expect([cell('Postcode Area'), cell('Internal ID'), cell('Notes'), cell('Company Name'), cell('ACCOUNT #')]).toEqual(['North', 'X-9', 'keep me', rows[0]?.fields.entity_name, 'A-1']);
    expect(rows[0]?.fields).toMatchObject({ account_number: 'A-1', billing_phone_number: '+1 312 555 0100', administrative_area: 'IL' });
  });
});

describe('--map', () => {
  it('maps headers no alias reaches, matched with the same folding', async () => {
    const { source, rows } = await readFixture('custom-headers.csv', { map: { 'cust. phone': 'phone_number', 'Acct Ref': 'account_number' } });
    expect(source.columnHeaders).toEqual({ phone_number: 'Cust Phone', account_number: 'Acct Ref' });
    expect(refs(rows)).toEqual([
      { row: 2, sheet: 'custom-headers', phone: '+1 503 555 0111' },
      { row: 3, sheet: 'custom-headers', phone: '+1 503 555 0112' },
    ]);
    expect(rows.map((row) => row.fields.account_number)).toEqual(['R-1', 'R-2']);
  });

  it('an explicit mapping settles two headers that alias one column; the other passes through', async () => {
    const { source, rows } = await readFixture('duplicate-phone-columns.csv', { map: { Telephone: 'phone_number' } });
    expect(source.columnHeaders.phone_number).toBe('Telephone');
    expect(source.passthroughHeaders).toEqual(['Phone', 'Company', 'Telephone']);
    expect(refs(rows)).toEqual([{ row: 2, sheet: 'duplicate-phone-columns', phone: '+1 415 555 0101' }]);
    expect(rows[0]?.passthrough[0]).toEqual('+1 415 555 0100');
  });

  it('an unknown target column is a usage error listing the canonical names', () => {
    const run = (): unknown => resolveHeaderMap(new Map([['Cust Phone', 'phone']]));
    expect(run).toThrow(UsageError);
    expect(run).toThrow('--map "Cust Phone=phone": expected a bulkport column name, got "phone"');
    try {
      run();
    } catch (error) {
      expect((error as UsageError).hint).toContain('phone_number, country, entity_name');
    }
  });

  it('a --map header for another column that is not in the file is an input error too', async () => {
    await expect(readFixture('custom-headers.csv', { map: { 'Cust Phone': 'phone_number', 'Account': 'account_number' } })).rejects.toThrow(
      'custom-headers.csv [custom-headers] row 1: --map names the header "Account", which is not in the file; headers found: "Cust Phone", "Acct Ref"',
    );
  });

  it('a --map phone header that is not in the file is an input error listing the headers', async () => {
    await expect(readFixture('custom-headers.csv', { map: { 'Customer Phone': 'phone_number' } })).rejects.toThrow(
      'custom-headers.csv [custom-headers] row 1: --map names the header "Customer Phone" for phone_number, which is not in the file; headers found: "Cust Phone", "Acct Ref"',
    );
  });
});

describe('header errors', () => {
  it('a missing phone column lists the headers found and the closest alias, with a --map hint', async () => {
    const error = (await readFixture('missing-phone.csv').catch((e: unknown) => e)) as InputFileError;
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.message).toMatch(/^missing-phone\.csv \[missing-phone\] row 1: expected a phone_number column \(.*\), found headers "Name", "Phone Nmber", "City"; closest: "Phone Nmber" \(like "phone_number"\)$/);
    expect(error.hint).toBe('Name the phone column with --map "Phone Nmber=phone_number".');
  });

  it('a header that is nothing like a phone header is not suggested for --map', () => {
    const accounts = { file: 'accounts.csv', sheet: 'accounts', row: 1 };
    const error = missingPhoneColumnError(['Name', 'Account', 'b'], accounts, noMap);
    expect(error.message).toBe(
      'accounts.csv [accounts] row 1: expected a phone_number column ("phone_number", "phone", "phone number", "phone no", "number", "tn"…), found headers "Name", "Account", "b"',
    );
    expect(error.hint).toBe('Name the phone column with --map "Their Header=phone_number", or check that this is the right file.');
  });

  it('without --map, a header only --map can reach is refused with that hint', async () => {
    const error = (await readFixture('custom-headers.csv').catch((e: unknown) => e)) as InputFileError;
    expect(error.message).toContain('closest: "Cust Phone" (like "phone")');
    expect(error.hint).toBe('Name the phone column with --map "Cust Phone=phone_number".');
  });

  it('two headers mapping to one column is an error naming both', async () => {
    const error = (await readFixture('duplicate-phone-columns.csv').catch((e: unknown) => e)) as InputFileError;
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.message).toBe(
      'duplicate-phone-columns.csv [duplicate-phone-columns] row 1: headers "Phone" and "Telephone" both map to phone_number; expected one column per field',
    );
    expect(error.hint).toContain('--map "Phone=phone_number"');
  });
});
