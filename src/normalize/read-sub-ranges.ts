import type { E164Range, ExtensionRange } from '../core/records.js';
import { readPhoneCell } from './normalize-range.js';

export type SubRangeReading<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'ACTIVATION_RANGE_INVALID' | 'EXTENSION_RANGE_INVALID'; readonly detail: string };

/** Several ranges in one cell: `00-49; 60-69` (semicolon, comma or line break between them). */
function pieces(text: string): string[] {
  return text.split(/[;,\n]/u).map((piece) => piece.trim()).filter((piece) => piece !== '');
}

/** `00-49`, `00 – 49`, `1 to 99`: two digit groups of at most `maxDigits`, or one group (a range of one). */
function shortPair(text: string, maxDigits: number): readonly [string, string] | undefined {
  const normalized = text.normalize('NFKC');
  const pair = new RegExp(`^(\\d{1,${maxDigits}})\\s*(?:[-\u2010-\u2015\u2212~]|\\s(?:to|bis|à|a|through|thru)\\s)\\s*(\\d{1,${maxDigits}})$`, 'iu').exec(normalized);
  if (pair?.[1] !== undefined && pair[2] !== undefined) return [pair[1], pair[2]];
  const one = new RegExp(`^(\\d{1,${maxDigits}})$`, 'u').exec(normalized);
  return one?.[1] === undefined ? undefined : [one[1], one[1]];
}

function withSuffix(e164: string, suffix: string): string {
  return `${e164.slice(0, e164.length - suffix.length)}${suffix}`;
}

/** Ranges must be in order and apart: sorted by start, each starts after the previous one's end. */
function findOverlap<T extends { start: string | number; end: string | number }>(ranges: readonly T[]): readonly [T, T] | undefined {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const after = sorted[i];
    if (before !== undefined && after !== undefined && after.start <= before.end) return [before, after];
  }
  return undefined;
}

/**
 * A German block's `activation_range` cell: the numbers to activate, as short ends relative to the
 * block's start (`00-49`) or as full numbers and ranges, several separated by `;`. Empty: the whole
 * block. Each must lie inside the block and none may overlap another (Telnyx's block guide). Pure.
 */
export function readActivationRanges(text: string, block: E164Range, rowCountry: string | undefined, defaultCountry: string): SubRangeReading<readonly E164Range[]> {
  if (text.trim() === '') return { ok: true, value: [{ start: block.start, end: block.end }] };
  const ranges: E164Range[] = [];
  for (const piece of pieces(text)) {
    const short = shortPair(piece, Math.min(4, block.start.length - 4));
    let range: E164Range;
    if (short !== undefined) {
      range = { start: withSuffix(block.start, short[0]), end: withSuffix(block.start, short[1]) };
    } else {
      const reading = readPhoneCell({ text: piece }, rowCountry, defaultCountry);
      if (reading.kind === 'range') range = { start: reading.range.start, end: reading.range.end };
      else if (reading.kind === 'number' && reading.outcome.ok) range = { start: reading.outcome.e164, end: reading.outcome.e164 };
      else return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected activation ranges such as "00-49" or "${block.start} - ${block.end.slice(-2)}", got ${JSON.stringify(piece)}` };
    }
    if (range.start.length !== block.start.length || range.start < block.start || range.end > block.end || range.start > range.end) {
      return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected activation ranges inside the block ${block.start} to ${block.end}, got ${JSON.stringify(piece)} (${range.start} to ${range.end})` };
    }
    ranges.push(range);
  }
  const overlap = findOverlap(ranges);
  if (overlap !== undefined) {
    return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected activation ranges that do not overlap, got ${overlap[0].start} to ${overlap[0].end} and ${overlap[1].start} to ${overlap[1].end}` };
  }
  return { ok: true, value: [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1)) };
}

/** Spreadsheets turn `1-99` typed into a General cell into a date: the digits are gone. */
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:]+)?$/u;

/**
 * `extension_range` (`1-99`, `100–199`, or one extension) and `extension_activation_range` (inside it,
 * not overlapping; empty: the whole range) → the extensions behind a porting phone number. Pure.
 */
export function readExtensionRange(rangeText: string, activationText: string): SubRangeReading<ExtensionRange> {
  const text = rangeText.trim();
  if (LOOKS_LIKE_DATE.test(text)) {
    return { ok: false, code: 'EXTENSION_RANGE_INVALID', detail: `expected an extension range such as "1-99", got the date ${text} (the spreadsheet read "1-99" as a date: format the column as text and type the range again)` };
  }
  const pair = shortPair(text, 9);
  if (pair === undefined) return { ok: false, code: 'EXTENSION_RANGE_INVALID', detail: `expected an extension range such as "1-99" or "100–199", got ${JSON.stringify(text)}` };
  const start = Number(pair[0]);
  const end = Number(pair[1]);
  if (start > end) return { ok: false, code: 'EXTENSION_RANGE_INVALID', detail: `expected the extension range's start before its end, got ${JSON.stringify(text)}` };
  if (activationText.trim() === '') return { ok: true, value: { start, end, activationRanges: [{ start, end }] } };
  const activation: { start: number; end: number }[] = [];
  for (const piece of pieces(activationText)) {
    const inner = shortPair(piece, 9);
    if (inner === undefined) return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected extension activation ranges such as "1-49", got ${JSON.stringify(piece)}` };
    const range = { start: Number(inner[0]), end: Number(inner[1]) };
    if (range.start > range.end || range.start < start || range.end > end) {
      return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected extension activation ranges inside ${start}-${end}, got ${JSON.stringify(piece)}` };
    }
    activation.push(range);
  }
  const overlap = findOverlap(activation);
  if (overlap !== undefined) return { ok: false, code: 'ACTIVATION_RANGE_INVALID', detail: `expected extension activation ranges that do not overlap, got ${overlap[0].start}-${overlap[0].end} and ${overlap[1].start}-${overlap[1].end}` };
  return { ok: true, value: { start, end, activationRanges: activation.sort((a, b) => a.start - b.start) } };
}
