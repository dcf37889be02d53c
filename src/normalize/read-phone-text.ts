import { keypadDigit } from './keypad-digit.js';
import { splitExtension } from './split-extension.js';

/** One way to read the digits of a cell, ready for libphonenumber. */
export interface TextReading {
  /** ASCII digits, with a leading `+` when the number was written with one. */
  readonly dialable: string;
  /** The letters were converted by the phone keypad to get these digits. */
  readonly isVanity: boolean;
}

export type PhoneText =
  | {
      readonly kind: 'number';
      /** Candidate readings in order of preference; usually exactly one. */
      readonly readings: readonly TextReading[];
      /** The reading whose failure is reported when no reading is a valid number. */
      readonly reported: TextReading;
      readonly extension: string | undefined;
    }
  | { readonly kind: 'empty' }
  /** Scientific notation (`4.41632E+11`): the digits after the sixth or so are gone. */
  | { readonly kind: 'scientific' }
  | { readonly kind: 'not_a_number'; readonly why: string };

/**
 * Characters people put between digits: spaces of every width (NBSP from web pages, U+3000 from
 * Japanese input), dashes and minus signs, brackets, slashes, quotes and `=` (from `="0123"`, the
 * trick that keeps leading zeros in CSV), line breaks of multi-line cells. Dots are counted apart.
 */
function isSeparator(code: number): boolean {
  if (code <= 0x7f) {
    return (
      code === 0x20 || code === 0x2d || code === 0x28 || code === 0x29 || code === 0x2f || code === 0x09 ||
      code === 0x0a || code === 0x0d || code === 0x5b || code === 0x5d || code === 0x22 || code === 0x27 ||
      code === 0x3d || code === 0x5f
    );
  }
  return (
    code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || (code >= 0x2010 && code <= 0x2015) ||
    code === 0x202f || code === 0x205f || code === 0x2212 || code === 0x3000 || code === 0xfeff ||
    code === 0xff08 || code === 0xff09 || code === 0xff0d || code === 0xff0e || code === 0xff0f
  );
}

/** Separators that set a word apart from the digits before it (a label), unlike `-` and `.` (vanity). */
function isWordGap(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x28 || code === 0x2c || code === 0x3b ||
    code === 0x3a || code === 0x0a || code === 0x0d || code === 0x3000 || code === 0x5b || code === 0xff08;
}

/** ASCII digit for `0`–`9` and their full-width forms (U+FF10…), else -1. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

function isPlus(code: number): boolean {
  return code === 0x2b || code === 0xff0b;
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
/** A whole number written with a zero fraction, as spreadsheets export numbers: `14155550132.0`. */
const ZERO_FRACTION = /^(\d+)[.,]0+$/;
const FRACTION = /^\d+\.\d{1,2}$/;

/**
 * Reads the text of a phone cell into digits. A single pass handles the usual cell (digits,
 * separators, a leading `+`); anything else — letters, extension markers, labels such as "Tel:" —
 * goes to a slower path that only rare cells take.
 */
export function readPhoneText(text: string): PhoneText {
  let digits = '';
  let hasPlus = false;
  let dotCount = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = digitValue(code);
    if (digit >= 0) {
      digits += String.fromCharCode(0x30 + digit);
    } else if (code === 0x2e) {
      dotCount++;
    } else if (isPlus(code) && digits === '' && !hasPlus) {
      hasPlus = true;
    } else if (!isSeparator(code)) {
      return readUnusualText(text);
    }
  }
  if (dotCount === 1) {
    const fraction = readFraction(text.trim());
    if (fraction !== undefined) return fraction;
  }
  if (digits === '') {
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'not_a_number', why: 'no digits' };
  }
  const reading = { dialable: hasPlus ? `+${digits}` : digits, isVanity: false };
  return { kind: 'number', readings: [reading], reported: reading, extension: undefined };
}

/** `14155550132.0` is the whole number; `4155550132.5` is a measurement, not a phone number. */
function readFraction(trimmed: string): PhoneText | undefined {
  const whole = ZERO_FRACTION.exec(trimmed);
  if (whole?.[1] !== undefined) {
    const reading = { dialable: whole[1], isVanity: false };
    return { kind: 'number', readings: [reading], reported: reading, extension: undefined };
  }
  if (FRACTION.test(trimmed)) return { kind: 'not_a_number', why: 'a decimal number' };
  return undefined;
}

function readUnusualText(text: string): PhoneText {
  const trimmed = text.trim();
  if (SCIENTIFIC.test(trimmed)) return { kind: 'scientific' };
  const fraction = readFraction(trimmed.replace(',', '.'));
  if (fraction !== undefined && fraction.kind === 'number') return fraction;

  const { main, extension } = splitExtension(trimmed);
  // Whatever precedes the first digit or `+` is a label ("Tel:", "Mobile -", "Ph."), not the number.
  let start = 0;
  while (start < main.length) {
    const code = main.charCodeAt(start);
    if (digitValue(code) >= 0 || isPlus(code)) break;
    start++;
  }

  let plain = '';
  let vanity = '';
  let hasPlus = false;
  let hasLetters = false;
  let hasOtherWordChars = false;
  let isInterleaved = false;
  let isDetached = false;
  let gapBeforeWord = false;
  for (let i = start; i < main.length; i++) {
    const code = main.charCodeAt(i);
    const digit = digitValue(code);
    if (digit >= 0) {
      if (hasLetters || hasOtherWordChars) isInterleaved = true;
      const ascii = String.fromCharCode(0x30 + digit);
      plain += ascii;
      vanity += ascii;
      gapBeforeWord = false;
      continue;
    }
    if (isPlus(code)) {
      if (plain !== '' || hasPlus) return { kind: 'not_a_number', why: 'more than one number or a misplaced +' };
      hasPlus = true;
      continue;
    }
    if (code === 0x2e || isSeparator(code) || isWordGap(code)) {
      if (isWordGap(code)) gapBeforeWord = true;
      continue;
    }
    if (!hasLetters && !hasOtherWordChars) isDetached = gapBeforeWord;
    const letterDigit = keypadDigit(code);
    if (letterDigit === undefined) {
      hasOtherWordChars = true;
    } else {
      hasLetters = true;
      vanity += letterDigit;
    }
  }

  if (plain === '') return { kind: 'not_a_number', why: 'no digits' };
  const prefix = hasPlus ? '+' : '';
  const plainReading: TextReading = { dialable: prefix + plain, isVanity: false };
  if (!hasLetters && !hasOtherWordChars) {
    return { kind: 'number', readings: [plainReading], reported: plainReading, extension };
  }
  if (isInterleaved) {
    // Words between digit groups: only a vanity number ("1-800-GO-FEDEX-2") can be read that way.
    if (hasOtherWordChars) return { kind: 'not_a_number', why: 'words between the digits' };
    const vanityReading = { dialable: prefix + vanity, isVanity: true };
    return { kind: 'number', readings: [vanityReading], reported: vanityReading, extension };
  }
  // Letters only after the digits: a label ("… (home)") or a vanity word ("1 800 FLOWERS"). Both
  // readings are tried; the caller flags the cell when both give valid, different numbers.
  if (hasOtherWordChars) {
    return { kind: 'number', readings: [plainReading], reported: plainReading, extension };
  }
  const vanityReading = { dialable: prefix + vanity, isVanity: true };
  return {
    kind: 'number',
    readings: [plainReading, vanityReading],
    reported: isDetached ? plainReading : vanityReading,
    extension,
  };
}
