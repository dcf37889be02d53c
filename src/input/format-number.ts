import ssf from 'ssf';

/** Whether an Excel number format shows numbers in scientific notation (`0.00E+00`, `##0.0E-0`). */
export function isScientificFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined) return false;
  return /e[+-]/i.test(stripLiterals(numFmt));
}

/** Whether an Excel number format shows a date or time (serial numbers are days since 1900). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined) return false;
  const code = stripLiterals(numFmt).toLowerCase();
  if (code === 'general') return false;
  return /[ymdhs]/.test(code);
}

/** Removes quoted literals, `\x` escapes and `[...]` sections (colours, locales), which never decide the kind of format. */
function stripLiterals(numFmt: string): string {
  return numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

/**
 * The text Excel shows for a number in its cell format: custom formats through `ssf` (zip codes in
 * `00000` keep their leading zero), `General` and text formats without exponent or float noise.
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  if (numFmt !== undefined && !isGeneralFormat(numFmt)) {
    try {
      return ssf.format(numFmt, value);
    } catch {
      // A format ssf cannot render still has a value worth showing: fall back to the plain digits.
    }
  }
  return formatPlainNumber(value);
}

function isGeneralFormat(numFmt: string): boolean {
  const code = numFmt.trim().toLowerCase();
  return code === '' || code === 'general' || code === '@';
}

/**
 * A number as plain digits: integers exactly (14155550132 → "14155550132", 1e15 →
 * "1000000000000000"), fractions rounded to Excel's 15 significant digits (0.1 + 0.2 → "0.3").
 */
export function formatPlainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return BigInt(value).toString();
  const rounded = Number(value.toPrecision(15));
  if (Number.isInteger(rounded)) return BigInt(rounded).toString();
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  // Very small fractions: String() switches to an exponent below 1e-6; Excel's digits do not.
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
