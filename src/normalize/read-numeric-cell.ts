import type { RawCell } from '../core/records.js';

export type NumericCellDigits =
  | { readonly kind: 'digits'; readonly digits: string }
  /** The cell's number format is scientific: the value went through a lossy text step. */
  | { readonly kind: 'scientific' }
  /** More digits than a spreadsheet keeps exactly (Excel keeps 15 significant digits). */
  | { readonly kind: 'imprecise' }
  | { readonly kind: 'not_a_number'; readonly why: string };

/** Excel stores 15 significant digits; a longer integer has already lost its tail. */
const MAX_EXACT_DIGITS = 15;

/**
 * The digits of a number that a spreadsheet stored as a number (docs/design.md §3). The stored value is
 * exact, so an integer is read from it, never from the displayed text (which may be `4.16E+11`).
 * A value with a fraction is not a phone number that lost something: it is a different kind of
 * value (a sum, a price), so it is NOT_A_NUMBER rather than AMBIGUOUS_NUMBER.
 */
export function readNumericCell(numeric: NonNullable<RawCell['numeric']>): NumericCellDigits {
  if (numeric.isScientific) return { kind: 'scientific' };
  const { value } = numeric;
  if (!Number.isFinite(value) || value <= 0) return { kind: 'not_a_number', why: 'not a positive number' };
  if (!Number.isInteger(value)) return { kind: 'not_a_number', why: 'a number with a fraction' };
  if (!Number.isSafeInteger(value)) return { kind: 'imprecise' };
  const digits = String(value);
  return digits.length > MAX_EXACT_DIGITS ? { kind: 'imprecise' } : { kind: 'digits', digits };
}
