import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import type { PhoneNumberType, RawCell } from '../core/records.js';
import { normalizeNumber, type NormalizeNote, type NormalizeOutcome } from './normalize-number.js';
import { digitsOfEnd, splitRangeText } from './split-range-text.js';

/** A range of numbers after normalization: both ends E.164, same country and length, start ≤ end. */
export interface NumberRange {
  readonly start: string;
  readonly end: string;
  readonly country: string;
  readonly numberType: PhoneNumberType | undefined;
  /** How many numbers it holds (end − start + 1). */
  readonly size: number;
}

export type RangeCode = 'RANGE_MALFORMED' | 'RANGE_MISMATCH' | 'RANGE_REVERSED';

export interface RangeNote {
  readonly code: 'RANGE_FROM_FORMULA' | NormalizeNote['code'];
  readonly detail: string;
}

/**
 * What a phone cell (or the two range columns) holds: one number (the usual outcome, exactly what
 * `normalizeNumber` says), a range, or a range that cannot be used (a row issue with a code).
 */
export type CellReading =
  | { readonly kind: 'number'; readonly outcome: NormalizeOutcome }
  | { readonly kind: 'range'; readonly range: NumberRange; readonly notes: readonly RangeNote[] }
  | { readonly kind: 'bad_range'; readonly code: RangeCode | NormalizeCode; readonly detail: string };

type NormalizeCode = Extract<NormalizeOutcome, { ok: false }>['code'];

/** A plain subtraction of two whole numbers: what Excel makes of `+4930244999900-99` typed into a cell. */
const SUBTRACTION = /^\s*=?\s*(\+?)(\d{6,})\s*-\s*(\d{1,15})\s*$/u;

function quote(value: string): string {
  const trimmed = value.trim();
  return JSON.stringify(trimmed.length > 60 ? `${trimmed.slice(0, 57)}...` : trimmed);
}

/**
 * Reads a phone cell that may hold a range (issue 15). A cell that is not written as a range is left
 * to `normalizeNumber` unchanged, so single numbers read exactly as before. `formula` is the XLSX
 * formula text, when the cell has one: a range Excel computed as a subtraction is recognized from it
 * (in CSV the formula is gone and only the difference remains: it cannot be recognized there).
 */
export function readPhoneCell(cell: RawCell, rowCountry: string | undefined, defaultCountry: string): CellReading {
  if (cell.formula !== undefined) {
    const subtraction = SUBTRACTION.exec(cell.formula);
    if (subtraction?.[2] !== undefined && subtraction[3] !== undefined) {
      const text = `${subtraction[1] ?? ''}${subtraction[2]} - ${subtraction[3]}`;
      const reading = readRangeText(text, text, rowCountry, defaultCountry, true);
      if (reading.kind === 'range') {
        const note: RangeNote = {
          code: 'RANGE_FROM_FORMULA',
          detail: `read the formula ${quote(`=${cell.formula.replace(/^=/u, '')}`)} (Excel computed ${quote(cell.text)}) as the range ${reading.range.start} to ${reading.range.end}; type ranges into a text-formatted cell`,
        };
        return { ...reading, notes: [note, ...reading.notes] };
      }
    }
  }
  if (cell.numeric !== undefined || cell.problem !== undefined) return { kind: 'number', outcome: normalizeNumber(cell, rowCountry, defaultCountry) };
  return readRangeText(cell.text, cell.text, rowCountry, defaultCountry, false);
}

/** `range_start` and `range_end` columns: the end may be short (`99`) or a full number. */
export function readRangeColumns(startText: string, endText: string, rowCountry: string | undefined, defaultCountry: string): CellReading {
  if (startText.trim() === '' || endText.trim() === '') {
    const missing = startText.trim() === '' ? 'range_start' : 'range_end';
    return { kind: 'bad_range', code: 'RANGE_MALFORMED', detail: `expected both range_start and range_end, got an empty ${missing}` };
  }
  return rangeFrom(startText, endText, `${quote(startText)} to ${quote(endText)}`, rowCountry, defaultCountry, false);
}

function readRangeText(text: string, shown: string, rowCountry: string | undefined, defaultCountry: string, isFormula: boolean): CellReading {
  const split = splitRangeText(text);
  if (split.kind === 'single') return { kind: 'number', outcome: normalizeNumber({ text }, rowCountry, defaultCountry) };
  const whole = (): NormalizeOutcome => normalizeNumber({ text }, rowCountry, defaultCountry);
  if (split.kind === 'ambiguous') {
    const outcome = whole();
    if (outcome.ok) return { kind: 'number', outcome };
    return { kind: 'bad_range', code: 'RANGE_MALFORMED', detail: `expected a phone number or one range, got ${quote(shown)} (${split.why})` };
  }
  if (split.isWeak) {
    const range = rangeFrom(split.start, split.end, quote(shown), rowCountry, defaultCountry, isFormula);
    // A weak separator that does not give a valid range: the cell was meant as one number.
    return range.kind === 'range' ? range : { kind: 'number', outcome: whole() };
  }
  return rangeFrom(split.start, split.end, quote(shown), rowCountry, defaultCountry, isFormula);
}

function rangeFrom(startText: string, endText: string, shown: string, rowCountry: string | undefined, defaultCountry: string, isFormula: boolean): CellReading {
  let start = normalizeNumber({ text: startText }, rowCountry, defaultCountry);
  // Excel drops the `+` of a formula it computed only when it was never typed; a formula's digits
  // that begin with the calling code are read as international when the national reading fails.
  if (!start.ok && isFormula && !startText.startsWith('+')) start = normalizeNumber({ text: `+${startText}` }, rowCountry, defaultCountry);
  if (!start.ok) {
    if (start.code === 'INVALID_COUNTRY' || start.code === 'EMPTY_NUMBER') return { kind: 'bad_range', code: start.code, detail: start.detail };
    return { kind: 'bad_range', code: 'RANGE_MALFORMED', detail: `expected a range of phone numbers, got ${shown} (its start: ${start.detail})` };
  }
  if (start.notes.some((note) => note.code === 'EXTENSION_STRIPPED')) {
    return { kind: 'bad_range', code: 'RANGE_MALFORMED', detail: `expected a range of phone numbers, got ${shown} (its start has an extension: a range of extensions goes in the extension_range column)` };
  }
  const startDigits = start.e164.slice(1);
  const endDigits = endText.includes('+') ? undefined : digitsOfEnd(endText);
  let end: NormalizeOutcome;
  if (endDigits !== undefined && endDigits.length < nationalLength(start.e164, start.country)) {
    // A short end replaces the start's last N digits: `+49 30 2449999 00 - 99` ends at …99.
    end = normalizeNumber({ text: `+${startDigits.slice(0, startDigits.length - endDigits.length)}${endDigits}` }, undefined, defaultCountry);
  } else {
    end = normalizeNumber({ text: endText }, rowCountry ?? start.country, defaultCountry);
  }
  if (!end.ok) {
    return { kind: 'bad_range', code: 'RANGE_MALFORMED', detail: `expected a range of phone numbers, got ${shown} (its end: ${end.detail})` };
  }
  if (end.country !== start.country) {
    return { kind: 'bad_range', code: 'RANGE_MISMATCH', detail: `expected both ends of the range in one country, got ${shown} (${start.e164} is ${start.country}, ${end.e164} is ${end.country})` };
  }
  if (end.e164.length !== start.e164.length) {
    return { kind: 'bad_range', code: 'RANGE_MISMATCH', detail: `expected both ends of the range to have the same number of digits, got ${shown} (${start.e164} and ${end.e164})` };
  }
  if (end.e164 < start.e164) {
    return { kind: 'bad_range', code: 'RANGE_REVERSED', detail: `expected the range's start before its end, got ${shown} (${start.e164} is after ${end.e164})` };
  }
  const notes: RangeNote[] = [...start.notes, ...end.notes];
  return {
    kind: 'range',
    range: { start: start.e164, end: end.e164, country: start.country, numberType: start.numberType, size: Number(end.e164.slice(1)) - Number(startDigits) + 1 },
    notes,
  };
}

/** Digits after the calling code: an end this long or longer is a full number, shorter is a suffix. */
function nationalLength(e164: string, country: string): number {
  return e164.length - 1 - getCountryCallingCode(country as CountryCode).length;
}

/** Every number of a range, in order (the caller caps the size first). */
export function numbersOf(range: Pick<NumberRange, 'start' | 'end'>): string[] {
  const width = range.start.length - 1;
  const first = Number(range.start.slice(1));
  const last = Number(range.end.slice(1));
  const numbers: string[] = [];
  for (let n = first; n <= last; n++) numbers.push(`+${String(n).padStart(width, '0')}`);
  return numbers;
}
