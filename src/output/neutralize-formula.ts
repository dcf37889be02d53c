/**
 * CSV formula-injection defence (docs/architecture.md §8.12). A spreadsheet opening results.csv runs any cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR as a formula; such cells get a leading apostrophe.
 *
 * Two differences from csv-stringify's `escape_formulas`, which is therefore not used:
 * - a valid E.164 number (`+14155550132`) stays as written: it is the tool's main output, Excel
 *   shows it as a number rather than running it, and `'+1…` would break every script reading it;
 * - a value that already starts with apostrophes before a trigger (`'=x`) gets one more, so that
 *   `restoreFormula` is an exact inverse and a person (or a test) can recover every input value.
 */

const E164 = /^\+[1-9]\d{6,14}$/;
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  if (!NEEDS_QUOTE.test(value) || E164.test(value)) return value;
  return `'${value}`;
}

/** The inverse of `neutralizeFormula`: `restoreFormula(neutralizeFormula(v)) === v` for every string. */
export function restoreFormula(value: string): string {
  return QUOTED.test(value) ? value.slice(1) : value;
}
