import type { RawCell } from '../core/records.js';
import { formatNumber, isDateFormat, isScientificFormat } from './format-number.js';

const SUBTRACTION = /^\s*=?\s*\+?\d{6,}\s*-\s*\d{1,15}\s*$/u;

/** The context a cell value needs to be shown as Excel shows it. */
export interface ExcelCellContext {
  /** The cell's number format code (`General`, `00000`, `0.00E+00`…), when the workbook's styles say. */
  readonly numFmt: string | undefined;
  /** The workbook counts dates from 1904 (old Mac Excel). */
  readonly isDate1904: boolean;
}

/**
 * Turns any exceljs cell value into the text a person sees (docs/design.md §3), never `String(value)`:
 * rich text and hyperlinks to their text, formulas to their cached result, errors and formulas
 * without a result to a `problem`, dates to ISO, booleans to TRUE/FALSE, numbers without exponent.
 */
export function rawCellFromExcel(value: unknown, context: ExcelCellContext): RawCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return numberCell(value, context);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: formatDate(value) };
  if (typeof value !== 'object') throw new Error(`unexpected exceljs cell value of type ${typeof value}`);

  if ('richText' in value && Array.isArray(value.richText)) {
    return { text: value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('') };
  }
  if ('error' in value) {
    return { text: typeof value.error === 'string' ? value.error : '#ERROR', problem: 'error_value' };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const cell = formulaCell('result' in value ? value.result : undefined, context);
    const formula = 'formula' in value && typeof value.formula === 'string' ? value.formula : undefined;
    // A range typed as `+4930244999900-99` is a subtraction to Excel: its text lets validation read the range.
    return formula !== undefined && SUBTRACTION.test(formula) ? { ...cell, formula } : cell;
  }
  if ('hyperlink' in value && 'text' in value) {
    // The link target is not what the cell shows; its text may itself be rich text.
    return { text: rawCellFromExcel(value.text, context).text };
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text };
  throw new Error(`unexpected exceljs cell value with keys ${Object.keys(value).join(', ')}`);
}

function formulaCell(result: unknown, context: ExcelCellContext): RawCell {
  if (result === undefined || result === null) {
    return { text: '', problem: 'formula_without_result' };
  }
  // The streaming reader parses a cached error (`<v>#N/A</v>`) as a number: NaN. The error text is lost there.
  if (typeof result === 'number' && Number.isNaN(result)) return { text: '#ERROR', problem: 'error_value' };
  // exceljs turns plain date cells into Date objects but leaves formula results as serial numbers.
  if (typeof result === 'number' && isDateFormat(context.numFmt)) {
    return { text: formatDate(excelSerialToDate(result, context.isDate1904)) };
  }
  return rawCellFromExcel(result, context);
}

function numberCell(value: number, context: ExcelCellContext): RawCell {
  if (isDateFormat(context.numFmt)) return { text: formatDate(excelSerialToDate(value, context.isDate1904)) };
  return {
    text: formatNumber(value, context.numFmt),
    numeric: { value, isScientific: isScientificFormat(context.numFmt) },
  };
}

/** Excel serial day number → UTC date (serials count from 1899-12-30, or 1904-01-01). */
function excelSerialToDate(serial: number, isDate1904: boolean): Date {
  const epochDays = isDate1904 ? 24107 : 25569;
  return new Date(Math.round((serial - epochDays) * 86_400_000));
}

/** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when the value has a time of day. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}
