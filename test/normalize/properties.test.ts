import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/core/issue-codes.js';
import { normalizeNumber } from '../../src/normalize/normalize-number.js';

/**
 * libphonenumber's example mobile number of every country, when valid and read back as that country
 * (Christmas Island's example is an Australian range, Western Sahara's a Moroccan one).
 */
const EXAMPLES: readonly PhoneNumber[] = getCountries().flatMap((country) => {
  const example = getExampleNumber(country, examples);
  if (example === undefined || !example.isValid()) return [];
  return parsePhoneNumberFromString(example.number)?.country === country ? [example] : [];
});

/** Separators people type between digits; dots are left out (a lone dot before two digits reads as a decimal). */
const separator = fc.constantFrom('', ' ', '-', '(', ')', '\u00a0', '/', ' - ', '\u2013');
const label = fc.constantFrom('', 'Tel: ', 'Mobile ', 'Ph. ', ' ', '\u00a0');
const example = fc.constantFrom(...EXAMPLES);

/** Rewrites the digits of `written` with a random separator after each digit. */
function respace(written: string, separators: readonly string[]): string {
  let i = 0;
  return written.replace(/\d/g, (d) => d + (separators[i++ % separators.length] ?? ''));
}

function toFullWidth(written: string): string {
  return written.replace(/[0-9+]/g, (c) => String.fromCharCode(c === '+' ? 0xff0b : c.charCodeAt(0) - 0x30 + 0xff10));
}

describe('normalizer properties', () => {
  it('uses many countries', () => {
    expect(EXAMPLES.length).toBeGreaterThan(200);
  });

  it('reads any valid number back to itself, written internationally with any spacing, label or width', () => {
    fc.assert(
      fc.property(example, fc.array(separator, { minLength: 1, maxLength: 6 }), label, fc.boolean(), fc.constantFrom('US', 'GB', 'DE', 'JP'), (phone, separators, prefix, isFullWidth, rowCountry) => {
        const written = respace(phone.formatInternational(), separators);
        const cell = { text: prefix + (isFullWidth ? toFullWidth(written) : written) };
        const outcome = normalizeNumber(cell, rowCountry, 'US');
        expect(outcome).toMatchObject({ ok: true, e164: phone.number, country: phone.country });
      }),
      { numRuns: 400 },
    );
  });

  it('reads any valid number back to itself, written nationally on a row of its country', () => {
    fc.assert(
      fc.property(example, fc.array(separator, { minLength: 1, maxLength: 6 }), fc.boolean(), (phone, separators, isLowerCase) => {
        const country = phone.country ?? '';
        const cell = { text: respace(phone.formatNational(), separators) };
        const outcome = normalizeNumber(cell, isLowerCase ? country.toLowerCase() : country, 'US');
        expect(outcome).toMatchObject({ ok: true, e164: phone.number, country });
      }),
      { numRuns: 400 },
    );
  });

  it('never turns an Excel number cell into a different number: the same E.164 or AMBIGUOUS_NUMBER', () => {
    fc.assert(
      fc.property(example, fc.boolean(), (phone, hasCallingCode) => {
        const digits = hasCallingCode ? phone.number.slice(1) : phone.formatNational().replace(/\D/g, '');
        const cell = { text: '', numeric: { value: Number(digits), isScientific: false } };
        const outcome = normalizeNumber(cell, phone.country, 'US');
        if (outcome.ok) expect(outcome.e164).toBe(phone.number);
        else expect(outcome.code).toBe('AMBIGUOUS_NUMBER');
      }),
    );
  });

  it('never throws on arbitrary text, and answers with E.164 or a known issue code', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.stringMatching(/^[+0-9 ().xX#A-Za-z-]{0,30}$/));
    fc.assert(
      fc.property(anyText, fc.option(fc.constantFrom('US', 'gb', 'Germany', 'Narnia', '')), (text, country) => {
        const outcome = normalizeNumber({ text }, country ?? undefined, 'US');
        if (outcome.ok) expect(outcome.e164).toMatch(/^\+[1-9]\d{6,14}$/);
        else expect(Object.keys(ISSUE_CODES)).toContain(outcome.code);
      }),
      { numRuns: 1000 },
    );
  });
});
