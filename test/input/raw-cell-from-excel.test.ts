import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/core/records.js';
import { formatPlainNumber, isScientificFormat } from '../../src/input/format-number.js';
import { rawCellFromExcel } from '../../src/input/raw-cell-from-excel.js';

const general = { numFmt: undefined, isDate1904: false };
const fmt = (numFmt: string): { numFmt: string; isDate1904: boolean } => ({ numFmt, isDate1904: false });

describe('exceljs cell values → the text a person sees', () => {
  it.each<[string, unknown, { numFmt: string | undefined; isDate1904: boolean }, RawCell]>([
    ['empty', null, general, { text: '' }],
    ['string', ' +1 415 555 0100 ', general, { text: ' +1 415 555 0100 ' }],
    ['integer stored as number', 14155550132, general, { text: '14155550132', numeric: { value: 14155550132, isScientific: false } }],
    ['1e15 without exponent', 1e15, general, { text: '1000000000000000', numeric: { value: 1e15, isScientific: false } }],
    ['float noise removed', 0.1 + 0.2, general, { text: '0.3', numeric: { value: 0.1 + 0.2, isScientific: false } }],
    ['scientific format', 441632000000, fmt('0.00E+00'), { text: '4.42E+11', numeric: { value: 441632000000, isScientific: true } }],
    ['zip code format', 2134, fmt('00000'), { text: '02134', numeric: { value: 2134, isScientific: false } }],
    ['phone format', 4155550132, fmt('[<=9999999]###-####;(###) ###-####'), { text: '(415) 555-0132', numeric: { value: 4155550132, isScientific: false } }],
    ['text format', 14155550132, fmt('@'), { text: '14155550132', numeric: { value: 14155550132, isScientific: false } }],
    ['boolean true', true, general, { text: 'TRUE' }],
    ['boolean false', false, general, { text: 'FALSE' }],
    ['date', new Date(Date.UTC(2026, 2, 1)), general, { text: '2026-03-01' }],
    ['date-time', new Date(Date.UTC(2026, 2, 1, 9, 30, 5)), general, { text: '2026-03-01T09:30:05' }],
    ['date serial in a date format', 46082, fmt('yyyy-mm-dd'), { text: '2026-03-01' }],
    ['date serial, 1904 system', 44620, { numFmt: 'm/d/yy', isDate1904: true }, { text: '2026-03-01' }],
    ['rich text', { richText: [{ text: '+1 415 ' }, { font: { bold: true }, text: '555 0100' }] }, general, { text: '+1 415 555 0100' }],
    ['hyperlink', { text: '+1 646 555 0101', hyperlink: 'tel:+16465550101' }, general, { text: '+1 646 555 0101' }],
    ['hyperlink with rich text', { text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'https://x' }, general, { text: 'ab' }],
    ['error value', { error: '#N/A' }, general, { text: '#N/A', problem: 'error_value' }],
    ['formula with string result', { formula: 'A1', result: '+1 212 555 0100' }, general, { text: '+1 212 555 0100' }],
    ['formula with numeric result', { formula: 'A1+1', result: 12125550101 }, general, { text: '12125550101', numeric: { value: 12125550101, isScientific: false } }],
    ['formula with zero result', { formula: 'A1*0', result: 0 }, general, { text: '0', numeric: { value: 0, isScientific: false } }],
    ['formula with empty string result', { formula: 'IF(A1="","",A1)', result: '' }, general, { text: '' }],
    ['formula without cached result', { formula: 'A1' }, general, { text: '', problem: 'formula_without_result' }],
    ['shared formula without cached result', { sharedFormula: 'A2' }, general, { text: '', problem: 'formula_without_result' }],
    ['formula with cached error', { formula: 'NA()', result: { error: '#N/A' } }, general, { text: '#N/A', problem: 'error_value' }],
    ['formula with date result', { formula: 'TODAY()', result: 46082 }, fmt('d-mmm-yy'), { text: '2026-03-01' }],
  ])('%s', (_name, value, context, expected) => {
    expect(rawCellFromExcel(value, context)).toEqual(expected);
  });

  it('an unknown value shape is a bug, not "[object Object]"', () => {
    expect(() => rawCellFromExcel({ surprise: 1 }, general)).toThrow('unexpected exceljs cell value with keys surprise');
  });

  it('plain number formatting', () => {
    expect(formatPlainNumber(12.5)).toBe('12.5');
    expect(formatPlainNumber(-7)).toBe('-7');
    expect(formatPlainNumber(1e-7)).toBe('0.0000001');
    expect(formatPlainNumber(2 ** 60)).toBe('1152921504606846976');
  });

  it.each([
    ['0.00E+00', true],
    ['##0.0E-0', true],
    ['0.00e+00', true],
    ['"E+"0', false],
    ['General', false],
    ['00000', false],
  ])('isScientificFormat(%s) = %s', (format, expected) => {
    expect(isScientificFormat(format)).toBe(expected);
  });
});
