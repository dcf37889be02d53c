import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/core/records.js';
import { normalizeNumber } from '../../src/normalize/normalize-number.js';
import { resolveCountry } from '../../src/normalize/resolve-country.js';
import { toTelnyxNumberType } from '../../src/normalize/to-telnyx-number-type.js';

const text = (value: string): RawCell => ({ text: value });
const num = (value: number, shown = String(value), isScientific = false): RawCell => ({ text: shown, numeric: { value, isScientific } });

describe('normalizeNumber messages say what was expected and what was found', () => {
  it.each([
    [text('555-01'), undefined, 'TOO_SHORT', 'expected a phone number for US, got "555-01" (too short)'],
    [text('415 555 01322'), undefined, 'TOO_LONG', 'expected a phone number for US, got "415 555 01322" (too long)'],
    [text('+1 415 555 01'), 'GB', 'TOO_SHORT', 'expected an international phone number, got "+1 415 555 01" (too short)'],
    [text('415 555 0132'), 'GB', 'INVALID_NUMBER', 'expected a phone number for GB, got "415 555 0132" (no such number range)'],
    [text('1-800-CONTACTS'), undefined, 'TOO_LONG', 'expected a phone number for US, got "1-800-CONTACTS" (too long, reading letters by the phone keypad)'],
    [text('+999 1234 5678'), undefined, 'INVALID_NUMBER', 'expected an international phone number, got "+999 1234 5678" (no country has this calling code)'],
    [text('+800 1234 5678'), undefined, 'INVALID_NUMBER', 'expected a number that belongs to a country, got +80012345678 (+800 is a non-geographic calling code)'],
    [text('n/a'), 'gb', 'NOT_A_NUMBER', 'expected a phone number for GB, got "n/a" (no digits)'],
    [text('4155550132.5'), undefined, 'NOT_A_NUMBER', 'expected a phone number for US, got "4155550132.5" (a decimal number)'],
    [text(''), undefined, 'EMPTY_NUMBER', 'expected a phone number, got an empty cell'],
    [text('415 555 0132'), 'Narnia', 'INVALID_COUNTRY', 'expected a country as an ISO 3166 alpha-2 code (US, CA, GB…) or its English name, got "Narnia"'],
    [text('4.41632E+11'), 'GB', 'AMBIGUOUS_NUMBER', 'expected a phone number, got "4.41632E+11" (scientific notation: digits were lost on the way; export the column as text)'],
    [num(441632000000, '4.41632E+11', true), 'GB', 'AMBIGUOUS_NUMBER', 'expected a phone number, got "4.41632E+11" (a number in scientific format: its digits may have been rounded; format the column as text and enter the numbers again)'],
    [num(3123456789), 'IT', 'AMBIGUOUS_NUMBER', 'expected one phone number, got "3123456789" (could be +393123456789 or +3903123456789: a leading + or 0 was lost when the cell became a number; store phone numbers as text)'],
    [num(4155550132.5), undefined, 'NOT_A_NUMBER', 'expected a phone number, got "4155550132.5" (a number with a fraction)'],
    [{ text: '', problem: 'formula_without_result' }, undefined, 'FORMULA_WITHOUT_RESULT', 'expected a phone number, got a formula without a cached result (open the file in Excel or LibreOffice, recalculate and save)'],
    [{ text: '#N/A', problem: 'error_value' }, undefined, 'CELL_ERROR', 'expected a phone number, got the error value "#N/A"'],
  ] as const)('%j (country %s) → %s', (cell, country, code, detail) => {
    expect(normalizeNumber(cell, country, 'US')).toEqual({ ok: false, code, detail });
  });

  it('shortens a very long cell in the message', () => {
    const outcome = normalizeNumber(text(`call ${'x'.repeat(100)}`), undefined, 'US');
    expect(outcome).toEqual({ ok: false, code: 'NOT_A_NUMBER', detail: `expected a phone number for US, got "call ${'x'.repeat(52)}..." (no digits)` });
  });

  it('explains extensions and vanity conversions in notes', () => {
    expect(normalizeNumber(text('1-800-FLOWERS ext. 12'), undefined, 'US')).toEqual({
      ok: true,
      e164: '+18003569377',
      country: 'US',
      numberType: 'toll_free',
      notes: [
        { code: 'EXTENSION_STRIPPED', detail: 'removed extension 12 from "1-800-FLOWERS ext. 12"; the number ported is +18003569377' },
        { code: 'VANITY_CONVERTED', detail: 'read the letters of "1-800-FLOWERS ext. 12" by the phone keypad as +18003569377' },
      ],
    });
  });

  it('gives the same answer whatever was normalized before (per-country caches do not leak)', () => {
    const first = normalizeNumber(text('020 7946 0018'), 'GB', 'US');
    normalizeNumber(text('020 7946 0018'), 'United Kingdom', 'US');
    normalizeNumber(text('415 555 0132'), 'Narnia', 'US');
    expect(normalizeNumber(text('020 7946 0018'), 'GB', 'US')).toEqual(first);
    expect(normalizeNumber(text('020 7946 0018'), undefined, 'US')).toMatchObject({ ok: false, code: 'TOO_LONG' });
  });
});

describe('resolveCountry', () => {
  it.each([
    ['us', 'US'], ['CA', 'CA'], ['UK', 'GB'], ['Great Britain', 'GB'], ['u.s.', 'US'], ['Côte d’Ivoire', 'CI'],
    ['South Korea', 'KR'], ['GBR', 'GB'], ['Türkiye', 'TR'],
  ])('%s → %s', (value, country) => {
    expect(resolveCountry(value, 'US')).toEqual({ ok: true, country });
  });

  it('falls back to the default for a blank cell, and refuses unknown values', () => {
    expect(resolveCountry('   ', 'de')).toEqual({ ok: true, country: 'DE' });
    expect(resolveCountry(undefined, 'FR')).toEqual({ ok: true, country: 'FR' });
    expect(resolveCountry('Atlantis', 'US')).toMatchObject({ ok: false });
    expect(resolveCountry(undefined, 'XX')).toMatchObject({ ok: false });
  });
});

describe('toTelnyxNumberType', () => {
  it.each([
    ['FIXED_LINE_OR_MOBILE', 'local'], ['FIXED_LINE', 'local'], ['MOBILE', 'mobile'], ['TOLL_FREE', 'toll_free'],
    ['SHARED_COST', 'shared_cost'], ['UAN', 'national'], ['PERSONAL_NUMBER', 'national'], ['VOIP', 'national'],
    ['PAGER', 'national'], ['VOICEMAIL', 'national'], ['PREMIUM_RATE', 'national'], [undefined, undefined],
  ] as const)('%s → %s', (type, telnyx) => {
    expect(toTelnyxNumberType(type)).toBe(telnyx);
  });
});
