import {
  Metadata,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import type { IssueCode } from '../core/issue-codes.js';
import type { PhoneNumberType, RawCell } from '../core/records.js';
import { readNumericCell } from './read-numeric-cell.js';
import { readPhoneText, type TextReading } from './read-phone-text.js';
import { resolveCountry } from './resolve-country.js';
import { toTelnyxNumberType } from './to-telnyx-number-type.js';

export interface NormalizeNote {
  readonly code: 'EXTENSION_STRIPPED' | 'VANITY_CONVERTED';
  readonly detail: string;
}

export type NormalizeOutcome =
  | {
      readonly ok: true;
      readonly e164: string;
      /** ISO 3166 alpha-2 of the number itself (a Canadian number on a US row is CA). */
      readonly country: string;
      readonly numberType: PhoneNumberType | undefined;
      readonly notes: NormalizeNote[];
    }
  /** `detail` is the message without the location: the caller prefixes file, sheet, row and column. */
  | { readonly ok: false; readonly code: IssueCode; readonly detail: string };

/** What the normalizer needs to know about a country, computed once per country per run. */
interface Region {
  readonly country: CountryCode;
  readonly callingCode: string;
  readonly parseOptions: { readonly defaultCountry: CountryCode; readonly extract: false };
  /**
   * National numbers can begin with a significant 0 (Italy: 06 4881…), so a number cell that lost
   * its leading 0 has a second reading. Not so where 0 is the trunk prefix (GB, DE, FR…: the number
   * reads the same with or without it) or in North America (no number starts with 0). When unsure
   * (no prefix known), the reading is tried: an extra reading can only flag, never change a number.
   */
  readonly zeroCanLead: boolean;
}

interface ValidNumber {
  readonly phone: PhoneNumber;
  readonly type: NumberType;
}

/** `Metadata` has `nationalPrefix()` at run time; the typings leave it out. */
interface NumberingPlanWithPrefix {
  nationalPrefix?: () => string | undefined;
}

/** Memo per country; it never changes an answer, so `normalizeNumber` stays a pure function. */
const regions = new Map<CountryCode, Region>();

function regionFor(country: CountryCode): Region {
  let region = regions.get(country);
  if (region === undefined) {
    const callingCode = getCountryCallingCode(country);
    const metadata = new Metadata();
    metadata.selectNumberingPlan(country);
    const plan = metadata.numberingPlan as NumberingPlanWithPrefix | undefined;
    const nationalPrefix = plan?.nationalPrefix?.();
    region = {
      country,
      callingCode,
      parseOptions: { defaultCountry: country, extract: false },
      zeroCanLead: callingCode !== '1' && nationalPrefix !== '0',
    };
    regions.set(country, region);
  }
  return region;
}

/**
 * Parses digits (with `+` when international) and keeps the number only when valid. With full
 * metadata a number is valid exactly when it has a type, so `isValid()` is asked only when the type
 * is unknown: the common case runs the type patterns once instead of twice.
 */
function parseValid(dialable: string, region: Region): ValidNumber | undefined {
  const phone = parsePhoneNumberFromString(dialable, region.parseOptions);
  if (phone === undefined) return undefined;
  const type = phone.getType();
  if (type === undefined && !phone.isValid()) return undefined;
  return { phone, type };
}

/**
 * `00` and `011` are the international prefixes of most of the world and of North America. The
 * row's own country handles its prefix inside libphonenumber; this reads the other one, only for
 * numbers that are not valid as written (a US row with `0044 20 7946 0018`).
 */
function parseValidOrInternational(dialable: string, region: Region): ValidNumber | undefined {
  const valid = parseValid(dialable, region);
  if (valid !== undefined) return valid;
  if (dialable.startsWith('00')) return parseValid(`+${dialable.slice(2)}`, region);
  if (dialable.startsWith('011')) return parseValid(`+${dialable.slice(3)}`, region);
  return undefined;
}

function quote(value: string): string {
  const trimmed = value.trim();
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed);
}

function failure(code: IssueCode, detail: string): NormalizeOutcome {
  return { ok: false, code, detail };
}

function expectedFor(region: Region, dialable: string): string {
  return dialable.startsWith('+') ? 'expected an international phone number' : `expected a phone number for ${region.country}`;
}

/** Why digits are not a valid number, from libphonenumber's length check (only run on failure). */
function invalidNumber(reading: TextReading, region: Region, shown: string): NormalizeOutcome {
  const lettersNote = reading.isVanity ? ', reading letters by the phone keypad' : '';
  const got = `${expectedFor(region, reading.dialable)}, got ${shown}`;
  switch (validatePhoneNumberLength(reading.dialable, region.parseOptions)) {
    case 'TOO_SHORT':
      return failure('TOO_SHORT', `${got} (too short${lettersNote})`);
    case 'TOO_LONG':
      return failure('TOO_LONG', `${got} (too long${lettersNote})`);
    case 'NOT_A_NUMBER':
      return failure('NOT_A_NUMBER', `${got} (not a phone number)`);
    case 'INVALID_COUNTRY':
      return failure('INVALID_NUMBER', `${got} (no country has this calling code)`);
    case 'INVALID_LENGTH':
      return failure('INVALID_NUMBER', `${got} (no number of this length exists there${lettersNote})`);
    default:
      return failure('INVALID_NUMBER', `${got} (no such number range${lettersNote})`);
  }
}

function ambiguous(shown: string, numbers: readonly string[], why: string): NormalizeOutcome {
  return failure('AMBIGUOUS_NUMBER', `expected one phone number, got ${shown} (could be ${numbers.join(' or ')}: ${why})`);
}

function success(valid: ValidNumber, notes: NormalizeNote[]): NormalizeOutcome {
  const { phone, type } = valid;
  if (phone.country === undefined) {
    // +800, +808, +870…: valid, but they belong to no country and no porting order can hold them.
    return failure('INVALID_NUMBER', `expected a number that belongs to a country, got ${phone.number} (+${phone.countryCallingCode} is a non-geographic calling code)`);
  }
  return { ok: true, e164: phone.number, country: phone.country, numberType: toTelnyxNumberType(type), notes };
}

function normalizeText(text: string, region: Region): NormalizeOutcome {
  const read = readPhoneText(text);
  switch (read.kind) {
    case 'empty':
      return failure('EMPTY_NUMBER', 'expected a phone number, got an empty cell');
    case 'scientific':
      return failure('AMBIGUOUS_NUMBER', `expected a phone number, got ${quote(text)} (scientific notation: digits were lost on the way; export the column as text)`);
    case 'not_a_number':
      return failure('NOT_A_NUMBER', `expected a phone number for ${region.country}, got ${quote(text)} (${read.why})`);
    case 'number':
      break;
  }
  let found: ValidNumber | undefined;
  let foundReading: TextReading | undefined;
  for (const reading of read.readings) {
    const valid = parseValidOrInternational(reading.dialable, region);
    if (valid === undefined) continue;
    if (found !== undefined && found.phone.number !== valid.phone.number) {
      return ambiguous(quote(text), [found.phone.number, valid.phone.number], 'the letters may be a label or a vanity word');
    }
    found ??= valid;
    foundReading ??= reading;
  }
  if (found === undefined || foundReading === undefined) return invalidNumber(read.reported, region, quote(text));

  const notes: NormalizeNote[] = [];
  if (read.extension !== undefined) {
    notes.push({ code: 'EXTENSION_STRIPPED', detail: `removed extension ${read.extension} from ${quote(text)}; the number ported is ${found.phone.number}` });
  }
  if (foundReading.isVanity) {
    notes.push({ code: 'VANITY_CONVERTED', detail: `read the letters of ${quote(text)} by the phone keypad as ${found.phone.number}` });
  }
  return success(found, notes);
}

/**
 * A number the spreadsheet stored as a number. Its value is exact, but a leading `+` or `0` that was
 * typed is gone, so every reading the country allows is tried: as written (national), with the
 * `+` back when it starts with the country's calling code, with the `0` back where national numbers
 * may start with one. One valid number is the answer; two different valid numbers are flagged.
 */
function normalizeNumeric(text: string, numeric: NonNullable<RawCell['numeric']>, region: Region): NormalizeOutcome {
  const shown = quote(text.trim() === '' ? String(numeric.value) : text);
  const read = readNumericCell(numeric);
  switch (read.kind) {
    case 'scientific':
      return failure('AMBIGUOUS_NUMBER', `expected a phone number, got ${shown} (a number in scientific format: its digits may have been rounded; format the column as text and enter the numbers again)`);
    case 'imprecise':
      return failure('AMBIGUOUS_NUMBER', `expected a phone number, got ${shown} (more digits than a spreadsheet number keeps exactly)`);
    case 'not_a_number':
      return failure('NOT_A_NUMBER', `expected a phone number, got ${shown} (${read.why})`);
    case 'digits':
      break;
  }
  const { digits } = read;
  const national: TextReading = { dialable: digits, isVanity: false };
  // A display format such as "+"0 shows the plus the person typed: then that is the reading.
  const displayed = text.trim();
  if (displayed.startsWith('+') && displayed.replace(/\D/g, '') === digits) {
    const international: TextReading = { dialable: `+${digits}`, isVanity: false };
    const valid = parseValid(international.dialable, region);
    return valid === undefined ? invalidNumber(international, region, shown) : success(valid, []);
  }

  const candidates: ValidNumber[] = [];
  const consider = (dialable: string): void => {
    const valid = parseValid(dialable, region);
    if (valid !== undefined && !candidates.some((c) => c.phone.number === valid.phone.number)) candidates.push(valid);
  };
  consider(digits);
  if (digits.startsWith(region.callingCode) && candidates[0]?.phone.number !== `+${digits}`) consider(`+${digits}`);
  if (region.zeroCanLead) consider(`0${digits}`);

  const [first, second] = candidates;
  if (first === undefined) return invalidNumber(national, region, shown);
  if (second !== undefined) {
    return ambiguous(shown, candidates.map((c) => c.phone.number), `a leading + or 0 was lost when the cell became a number; store phone numbers as text`);
  }
  return success(first, []);
}

/**
 * Normalizes one phone cell to E.164 (pure; docs/design.md §3). National formats use the row's country,
 * else the run's default; a number written with `+`, `00` or `011` carries its own. Extensions are
 * removed and vanity letters converted, each reported as a note. Anything that cannot be read
 * with certainty is a row issue, never a guess: a wrong number is worse than a flagged row.
 */
export function normalizeNumber(cell: RawCell, rowCountry: string | undefined, defaultCountry: string): NormalizeOutcome {
  if (cell.problem === 'formula_without_result') {
    return failure('FORMULA_WITHOUT_RESULT', 'expected a phone number, got a formula without a cached result (open the file in Excel or LibreOffice, recalculate and save)');
  }
  if (cell.problem === 'error_value') {
    return failure('CELL_ERROR', `expected a phone number, got the error value ${quote(cell.text === '' ? '#ERROR' : cell.text)}`);
  }
  if (cell.numeric === undefined && cell.text.trim() === '') {
    return failure('EMPTY_NUMBER', 'expected a phone number, got an empty cell');
  }
  const country = resolveCountry(rowCountry, defaultCountry);
  if (!country.ok) return failure('INVALID_COUNTRY', country.detail);
  const region = regionFor(country.country);
  return cell.numeric === undefined ? normalizeText(cell.text, region) : normalizeNumeric(cell.text, cell.numeric, region);
}
