import type { CanonicalColumn } from '../input/columns.js';
import type { ExtensionRange, InputRow, NumberBlock, NumberRecord } from '../core/records.js';
import type { Issue, IssueCode } from '../core/issue-codes.js';
import { describeRef } from '../core/row-ref.js';
import { EXCEL_MAX_CELL_CHARS } from '../core/excel-limits.js';
import { numbersOf, readPhoneCell, readRangeColumns, type NumberRange } from '../normalize/normalize-range.js';
import { readActivationRanges, readExtensionRange } from '../normalize/read-sub-ranges.js';

export interface ValidateOptions {
  readonly defaultCountry: string;
  /** Original header of each canonical column, so messages name the column as the file does. */
  readonly columnHeaders: Partial<Record<CanonicalColumn, string>>;
  /** `--max-range`: most numbers a range outside Germany is expanded into (default 1,000). */
  readonly maxRange?: number;
}

const DEFAULT_MAX_RANGE = 1000;
/** Telnyx's block guide: a block holds at most 1,000 numbers (0–999). */
const MAX_BLOCK_SIZE = 1000;
/** Block porting is "currently only available for Germany (DE) port orders". */
const BLOCK_COUNTRY = 'DE';

/**
 * Normalizes each row's number and marks later repeats of a number as duplicates (first row wins).
 * A range row (issue 15) becomes one record holding a German block, or one record per number of a
 * range elsewhere, each carrying the input row's reference; `index` counts records, in input order.
 * Streams: the only state kept across rows is the duplicate index, one entry per distinct number.
 */
export async function* validateRows(rows: AsyncIterable<InputRow>, options: ValidateOptions): AsyncGenerator<NumberRecord> {
  const context: RowContext = {
    defaultCountry: options.defaultCountry,
    maxRange: options.maxRange ?? DEFAULT_MAX_RANGE,
    header: (column) => options.columnHeaders[column] ?? column,
    seen: new DuplicateIndex(),
    nextIndex: 0,
  };
  for await (const row of rows) {
    yield* validateRow(row, context);
  }
}

interface RowContext {
  readonly defaultCountry: string;
  readonly maxRange: number;
  readonly header: (column: CanonicalColumn) => string;
  readonly seen: DuplicateIndex;
  nextIndex: number;
}

function issueAt(row: InputRow, code: IssueCode, column: string, detail: string): Issue {
  return { code, ref: row.ref, column, message: `${describeRef(row.ref, column)}: ${detail}` };
}

function* validateRow(row: InputRow, context: RowContext): Generator<NumberRecord> {
  const issues: Issue[] = [];
  const phoneColumn = context.header('phone_number');
  if (row.tooLongCells !== undefined) {
    for (const cell of row.tooLongCells) {
      issues.push({
        code: 'CELL_TOO_LONG',
        ref: row.ref,
        column: cell.column,
        message: `${describeRef(row.ref, cell.column)}: expected at most ${EXCEL_MAX_CELL_CHARS} characters (Excel's cell limit), got ${cell.length}; the cell is cut in the results`,
      });
    }
    yield recordOf(row, context, issues, 'invalid');
    return;
  }
  const rangeStart = row.fields.range_start ?? '';
  const rangeEnd = row.fields.range_end ?? '';
  const isRangeColumns = rangeStart !== '' || rangeEnd !== '';
  const where = isRangeColumns ? context.header(rangeStart === '' ? 'range_end' : 'range_start') : phoneColumn;
  if (isRangeColumns && row.phone.text.trim() !== '') {
    issues.push(issueAt(row, 'RANGE_MALFORMED', phoneColumn, `expected either a number in ${phoneColumn} or a range in ${context.header('range_start')}/${context.header('range_end')}, got both`));
    yield recordOf(row, context, issues, 'invalid');
    return;
  }
  const reading = isRangeColumns
    ? readRangeColumns(rangeStart, rangeEnd, row.fields.country, context.defaultCountry)
    : readPhoneCell(row.phone, row.fields.country, context.defaultCountry);
  const inputNumber = isRangeColumns ? `${rangeStart} - ${rangeEnd}` : row.phone.text;

  if (reading.kind === 'bad_range') {
    const column = reading.code === 'INVALID_COUNTRY' && row.fields.country ? context.header('country') : where;
    issues.push(issueAt(row, reading.code, column, reading.detail));
    yield recordOf(row, context, issues, 'invalid', inputNumber);
    return;
  }
  if (reading.kind === 'range') {
    for (const note of reading.notes) issues.push(issueAt(row, note.code, where, note.detail));
    yield* rangeRecords(row, context, reading.range, issues, where, inputNumber);
    return;
  }
  const outcome = reading.outcome;
  if (!outcome.ok) {
    const column = outcome.code === 'INVALID_COUNTRY' && row.fields.country ? context.header('country') : phoneColumn;
    issues.push(issueAt(row, outcome.code, column, outcome.detail));
    yield recordOf(row, context, issues, 'invalid');
    return;
  }
  for (const note of outcome.notes) issues.push(issueAt(row, note.code, phoneColumn, note.detail));
  if ((row.fields.activation_range ?? '').trim() !== '') {
    issues.push(issueAt(row, 'ACTIVATION_RANGE_INVALID', context.header('activation_range'), `expected activation ranges only on a German block (a range row), got one on the single number ${outcome.e164}`));
    yield recordOf(row, context, issues, 'invalid', inputNumber, outcome);
    return;
  }
  const extensions = readExtensions(row, context, outcome.country, issues);
  if (extensions === 'invalid') {
    yield recordOf(row, context, issues, 'invalid', inputNumber, outcome);
    return;
  }
  const firstRow = context.seen.firstRowOf(outcome.e164, row.ref.row);
  if (firstRow !== undefined) {
    issues.unshift(issueAt(row, 'DUPLICATE_NUMBER', phoneColumn, `${outcome.e164} already appears on row ${firstRow}`));
  }
  yield recordOf(row, context, issues, firstRow === undefined ? 'valid' : 'duplicate', inputNumber, { ...outcome, ...(extensions === undefined ? {} : { extensions }) });
}

/** The row's `extension_range` (German numbers only), or undefined when it has none. */
function readExtensions(row: InputRow, context: RowContext, country: string, issues: Issue[]): ExtensionRange | undefined | 'invalid' {
  const rangeText = row.fields.extension_range ?? '';
  const activationText = row.fields.extension_activation_range ?? '';
  if (rangeText.trim() === '') {
    if (activationText.trim() === '') return undefined;
    issues.push(issueAt(row, 'EXTENSION_RANGE_INVALID', context.header('extension_activation_range'), `expected an extension range in ${context.header('extension_range')} for these activation ranges, got an empty cell`));
    return 'invalid';
  }
  if (country !== BLOCK_COUNTRY) {
    issues.push(issueAt(row, 'EXTENSION_NOT_DE', context.header('extension_range'), `expected a German (DE) number for an extension range (Telnyx documents extensions for German orders), got a ${country} number`));
    return 'invalid';
  }
  const read = readExtensionRange(rangeText, activationText);
  if (!read.ok) {
    issues.push(issueAt(row, read.code, context.header(read.code === 'ACTIVATION_RANGE_INVALID' ? 'extension_activation_range' : 'extension_range'), read.detail));
    return 'invalid';
  }
  return read.value;
}

/**
 * A range: a German one is one block record; any other is expanded into one record per number (at
 * most `--max-range`). A range that overlaps an earlier row's numbers is one invalid record.
 */
function* rangeRecords(row: InputRow, context: RowContext, range: NumberRange, issues: Issue[], where: string, inputNumber: string): Generator<NumberRecord> {
  const invalid = (code: IssueCode, column: string, detail: string): NumberRecord => {
    issues.push(issueAt(row, code, column, detail));
    return recordOf(row, context, issues, 'invalid', inputNumber, range.country === BLOCK_COUNTRY ? undefined : { e164: range.start, country: range.country, numberType: range.numberType });
  };
  const isBlock = range.country === BLOCK_COUNTRY;
  if (isBlock) {
    if (range.size > MAX_BLOCK_SIZE || range.start.slice(0, -3) !== range.end.slice(0, -3)) {
      yield invalid('RANGE_TOO_LARGE', where, `expected a German block of at most 1,000 numbers within one thousand (…000 to …999), got ${range.start} to ${range.end} (${range.size.toLocaleString('en-US')} numbers)`);
      return;
    }
    if ((row.fields.extension_range ?? '').trim() !== '') {
      yield invalid('EXTENSION_RANGE_INVALID', context.header('extension_range'), 'expected an extension range behind a single number, got it on a block (put the main number on its own row with the extension range)');
      return;
    }
  } else {
    if (range.size > context.maxRange) {
      yield invalid('RANGE_TOO_LARGE', where, `expected at most ${context.maxRange.toLocaleString('en-US')} numbers in a range (--max-range), got ${range.start} to ${range.end} (${range.size.toLocaleString('en-US')} numbers); split it over rows or raise --max-range`);
      return;
    }
    if ((row.fields.activation_range ?? '').trim() !== '') {
      yield invalid('ACTIVATION_RANGE_INVALID', context.header('activation_range'), `expected activation ranges only on German (DE) blocks, got one on a ${range.country} range (its numbers are ported one by one)`);
      return;
    }
    if ((row.fields.extension_range ?? '').trim() !== '') {
      yield invalid('EXTENSION_NOT_DE', context.header('extension_range'), `expected a German (DE) number for an extension range, got a ${range.country} range`);
      return;
    }
  }
  const numbers = numbersOf(range);
  const overlap = context.seen.firstOverlap(numbers);
  if (overlap !== undefined) {
    yield invalid('RANGE_OVERLAP', where, `expected a range apart from the numbers of earlier rows, got ${range.start} to ${range.end}, which holds ${overlap.e164} of row ${overlap.row}`);
    return;
  }
  for (const e164 of numbers) context.seen.firstRowOf(e164, row.ref.row);
  if (isBlock) {
    const activation = readActivationRanges(row.fields.activation_range ?? '', range, row.fields.country, context.defaultCountry);
    if (!activation.ok) {
      issues.push(issueAt(row, activation.code, context.header('activation_range'), activation.detail));
      yield recordOf(row, context, issues, 'invalid', inputNumber);
      return;
    }
    const block: NumberBlock = { start: range.start, end: range.end, size: range.size, activationRanges: activation.value };
    yield recordOf(row, context, issues, 'valid', inputNumber, { e164: range.start, country: range.country, numberType: range.numberType, block });
    return;
  }
  for (const e164 of numbers) {
    yield recordOf(row, context, [...issues], 'valid', inputNumber, { e164, country: range.country, numberType: range.numberType });
  }
}

/** One allocation per row: this runs a million times in a large validate. */
function recordOf(
  row: InputRow,
  context: RowContext,
  issues: Issue[],
  status: NumberRecord['status'],
  inputNumber: string = row.phone.text,
  number?: {
    readonly e164: string;
    readonly country: string;
    readonly numberType: NumberRecord['numberType'];
    readonly block?: NumberBlock;
    readonly extensions?: ExtensionRange;
  },
): NumberRecord {
  return {
    ref: row.ref,
    index: context.nextIndex++,
    inputNumber,
    e164: number?.e164,
    country: number?.country,
    numberType: number?.numberType,
    ...(number?.block === undefined ? {} : { block: number.block }),
    ...(number?.extensions === undefined ? {} : { extensions: number.extensions }),
    status,
    issues,
    fields: row.fields,
    passthrough: row.passthrough,
  };
}

/**
 * E.164 → row of its first appearance. Keys are the digits as a number (15 digits fit a double
 * exactly), which keeps a million entries far smaller than a map of strings.
 */
class DuplicateIndex {
  readonly #firstRow = new Map<number, number>();

  /** The first of `numbers` an earlier row holds, without recording anything. */
  firstOverlap(numbers: readonly string[]): { readonly e164: string; readonly row: number } | undefined {
    for (const e164 of numbers) {
      const row = this.#firstRow.get(Number(e164.slice(1)));
      if (row !== undefined) return { e164, row };
    }
    return undefined;
  }

  /** Returns the earlier row holding `e164`, or records `row` as its first and returns undefined. */
  firstRowOf(e164: string, row: number): number | undefined {
    const key = Number(e164.slice(1));
    const first = this.#firstRow.get(key);
    if (first !== undefined) return first;
    this.#firstRow.set(key, row);
    return undefined;
  }
}
