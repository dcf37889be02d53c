import { once } from 'node:events';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify, type Stringifier } from 'csv-stringify';
import type ExcelJS from 'exceljs';
import { EXCEL_MAX_CELL_CHARS } from '../core/excel-limits.js';
import type { Issue } from '../core/issue-codes.js';
import { createAtomicWriteStream, outputFileError, writeFileAtomic, type AtomicWriteStream } from './atomic-file.js';
import { ISSUE_SHEET_COLUMNS, IssueSpool } from './issue-spool.js';
import { makeOutDirectory } from './make-out-directory.js';
import { neutralizeFormula } from './neutralize-formula.js';
import { addPeopleSheet, type PeopleSheet } from './people-sheet.js';
import { ORDER_SHEET_COLUMNS, orderSheetValues, type OrderSheetRow } from './order-sheet.js';
import { RESULT_COLUMNS, type ResultColumn, type ResultRow } from './result-columns.js';
import { summarySheetRows, SUMMARY_SHEET_COLUMNS } from './summary-sheet.js';
import type { RunSummary } from './summary.js';
import { addTableRow, addTableSheet, columnWidth, type TableCell, type TableColumn } from './xlsx-table.js';

export type ResultFormat = 'csv' | 'xlsx';

const RESULTS_CSV = 'results.csv';
const RESULTS_XLSX = 'results.xlsx';
const SUMMARY_JSON = 'summary.json';

export interface ResultsWriterOptions {
  readonly formats: ReadonlySet<ResultFormat>;
  /** Headers of every input column, in the file's order; each row's `passthrough` follows them. */
  readonly passthroughHeaders: readonly string[];
}

export interface ResultsFinal {
  readonly summary: RunSummary;
  readonly orders?: readonly OrderSheetRow[];
  /** Additional sheets (e.g. Exceptions) written after the four standard ones: sheets people fill in. */
  readonly extraSheets?: readonly PeopleSheet[];
}

export interface ResultsWriter {
  /** Final paths this writer produces (results files and summary.json), known from the start. */
  readonly outputPaths: readonly string[];
  /**
   * Appends one result row; rows must come in input order. Returns a promise when the files
   * cannot take more yet: await it (backpressure), or memory grows with the row count.
   */
  writeRow(row: ResultRow): Promise<void> | void;
  /** Records a row problem for the Issues sheet. */
  addIssue(issue: Issue): void;
  /**
   * Writes the remaining sheets and summary.json, renames every temporary file to its final name
   * and returns the written paths. summary.json is renamed last, so its presence means the run's
   * files are complete. The summary is written with `outputs` extended by `outputPaths`.
   * On failure the temporary files are removed and the error (a DeliveryError for disk problems)
   * is rethrown.
   */
  close(final: ResultsFinal): Promise<string[]>;
  /** Stops writing and removes the temporary files; files already renamed stay. */
  abort(): Promise<void>;
}

/** Backpressure is checked every this many rows: often enough to bound memory, rarely enough to cost nothing. */
const CHECK_EVERY_ROWS = 256;
/** Bytes of sheet XML allowed to wait for compression before writeRow waits. */
const XLSX_BACKLOG_BYTES = 1 << 20;

const RESULT_COLUMN_WIDTHS: Readonly<Record<ResultColumn, number>> = {
  row: 7,
  sheet: 14,
  input_number: 22,
  e164: 17,
  country: 9,
  number_type: 13,
  status: 13,
  issue_code: 20,
  issue: 50,
  portable: 10,
  fast_portable: 14,
  not_portable_reason: 28,
  carrier: 22,
  order_key: 22,
  porting_order_id: 38,
  order_status: 18,
  customer_reference: 20,
  account_source: 30,
};

interface CsvPart {
  readonly file: AtomicWriteStream;
  readonly stringifier: Stringifier;
  readonly done: Promise<void>;
}

interface XlsxPart {
  readonly file: AtomicWriteStream;
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly results: ExcelJS.Worksheet;
  readonly spool: IssueSpool;
}

export async function openResultsWriter(outDir: string, options: ResultsWriterOptions): Promise<ResultsWriter> {
  await makeOutDirectory(outDir);
  const header = resultsHeader(options.passthroughHeaders);
  const passthroughCount = options.passthroughHeaders.length;
  const csv = options.formats.has('csv') ? openCsv(path.join(outDir, RESULTS_CSV), header) : undefined;
  // exceljs loads only when an XLSX is asked for (start-up cost, issue 18: `--format csv` never pays for it).
  const xlsx = options.formats.has('xlsx') ? openXlsx((await import('exceljs')).default, path.join(outDir, RESULTS_XLSX), header, outDir) : undefined;
  const summaryPath = path.join(outDir, SUMMARY_JSON);
  const outputPaths = [csv?.file.path, xlsx?.file.path, summaryPath].filter((p): p is string => p !== undefined);
  const failures = firstFailure([csv?.done, csv?.file.failed, xlsx?.file.failed, xlsx?.spool.failed]);
  try {
    await Promise.all([csv?.file.opened, xlsx?.file.opened, xlsx?.spool.opened()]);
  } catch (error) {
    await abortParts(csv, xlsx);
    throw error;
  }
  let rowCount = 0;
  let state: 'open' | 'closing' | 'closed' = 'open';

  /** Waits until every file has taken what it was given (see XLSX_BACKLOG_BYTES). */
  async function relieve(): Promise<void> {
    // Let zlib and the file streams run: a loop that never yields would buffer the whole run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const waits: Promise<unknown>[] = [];
    // A stream that fails while we wait rejects `once`: report it as the file that could not be written.
    const drain = (stream: Writable, filePath: string): Promise<unknown> =>
      once(stream, 'drain').catch((error: unknown) => {
        throw outputFileError(filePath, error);
      });
    if (csv && csv.stringifier.writableNeedDrain) waits.push(drain(csv.stringifier, csv.file.path));
    if (xlsx) {
      const entry = zipEntryOf(xlsx.results);
      if (entry && writableBacklog(entry) > XLSX_BACKLOG_BYTES) waits.push(drain(entry, xlsx.file.path));
      if (xlsx.spool.needsDrain) waits.push(xlsx.spool.drained());
    }
    if (waits.length > 0) await Promise.race([Promise.all(waits), failures]);
  }

  async function abort(): Promise<void> {
    state = 'closed';
    await abortParts(csv, xlsx);
  }

  async function finish(final: ResultsFinal): Promise<string[]> {
    const summary: RunSummary = { ...final.summary, outputs: [...new Set([...final.summary.outputs, ...outputPaths])] };
    const sheetNames = new Set(['results', 'orders', 'summary', 'issues']);
    for (const extra of final.extraSheets ?? []) assertSheetName(extra.name, sheetNames);
    if (csv) {
      csv.stringifier.end();
      await csv.done;
      await csv.file.commit();
    }
    if (xlsx) {
      xlsx.results.commit();
      await writeOrdersSheet(xlsx.workbook, final.orders ?? [], relieveSheet);
      await writeTable(xlsx.workbook, 'Summary', SUMMARY_SHEET_COLUMNS, summarySheetRows(summary), relieveSheet);
      await writeTable(xlsx.workbook, 'Issues', ISSUE_SHEET_COLUMNS.map((c) => ({ header: c, width: ISSUE_COLUMN_WIDTHS[c] })), xlsx.spool.replay(), relieveSheet);
      for (const extra of final.extraSheets ?? []) {
        let count = 0;
        await addPeopleSheet(xlsx.workbook, extra, async (sheet) => {
          count += 1;
          if (count % CHECK_EVERY_ROWS === 0) await relieveSheet(sheet);
        });
      }
      await Promise.race([xlsx.workbook.commit(), xlsx.file.failed]);
      await xlsx.file.commit();
      await xlsx.spool.remove();
    }
    await writeFileAtomic(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    return [...outputPaths];
  }

  async function relieveSheet(sheet: ExcelJS.Worksheet): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const entry = zipEntryOf(sheet);
    if (xlsx && entry && writableBacklog(entry) > XLSX_BACKLOG_BYTES) await Promise.race([once(entry, 'drain'), xlsx.file.failed]);
  }

  return {
    outputPaths,
    writeRow(row) {
      if (state !== 'open') throw new Error(`writeRow after the results writer was ${state}`);
      const cells = resultCells(row, passthroughCount);
      let isBackedUp = false;
      if (csv) isBackedUp = !csv.stringifier.write(cells.map(neutralizeFormula));
      if (xlsx) {
        addTableRow(xlsx.results, xlsxResultCells(cells));
        reportCutCells(cells, header, rowCount + 2, row.row, (issue) => xlsx.spool.add(issue));
      }
      rowCount += 1;
      if (isBackedUp || rowCount % CHECK_EVERY_ROWS === 0) return relieve();
      return undefined;
    },
    addIssue(issue) {
      if (state !== 'open') throw new Error(`addIssue after the results writer was ${state}`);
      xlsx?.spool.add(issue);
    },
    async close(final) {
      if (state !== 'open') throw new Error(`close after the results writer was ${state}`);
      state = 'closing';
      try {
        const written = await finish(final);
        state = 'closed';
        return written;
      } catch (error) {
        // The first failure is the one to report; cleanup problems after it add nothing.
        await abort().catch(() => undefined);
        throw error;
      }
    },
    abort,
  };
}

/** Rejects with the first of the watched promises to reject; never resolves. Waits race against it. */
function firstFailure(watched: readonly (Promise<unknown> | undefined)[]): Promise<never> {
  const failure = new Promise<never>((_resolve, reject) => {
    for (const promise of watched) promise?.catch(reject);
  });
  // Observed by whoever races against it; until then an early failure must not count as unhandled.
  failure.catch(() => undefined);
  return failure;
}

async function abortParts(csv: CsvPart | undefined, xlsx: XlsxPart | undefined): Promise<void> {
  if (csv) {
    csv.stringifier.destroy();
    await csv.done.catch(() => undefined);
    await csv.file.abort();
  }
  if (xlsx) {
    await xlsx.file.abort();
    await xlsx.spool.remove();
  }
}

function openCsv(filePath: string, header: readonly string[]): CsvPart {
  const file = createAtomicWriteStream(filePath);
  // escape_formulas is off: it would turn `+14155550132` into `'+14155550132` (see neutralize-formula.ts).
  // A lone CR is quoted too, or a reader that accepts CR line ends would split the row there.
  const stringifier = stringify({ record_delimiter: 'unix', quoted_match: /\r/ });
  const done = pipeline(stringifier, file.stream).catch((error: unknown) => {
    throw outputFileError(filePath, error);
  });
  done.catch(() => undefined);
  stringifier.write(header.map(neutralizeFormula));
  return { file, stringifier, done };
}

function openXlsx(excel: typeof ExcelJS, filePath: string, header: readonly string[], outDir: string): XlsxPart {
  const file = createAtomicWriteStream(filePath);
  // Inline strings: a shared-strings table holds every distinct string in memory (gigabytes at a
  // million rows). Styles only for cells that carry a number format (the text columns of sheets
  // people fill in): exceljs otherwise looks up a style for every cell, which doubles the time.
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: file.stream, useSharedStrings: false, useStyles: true });
  onlyNumberFormatStyles(workbook);
  workbook.creator = 'bulkport';
  const columns: TableColumn[] = header.map((name, index) => ({
    header: name,
    width: index < RESULT_COLUMNS.length ? RESULT_COLUMN_WIDTHS[RESULT_COLUMNS[index] as ResultColumn] : columnWidth(name, 16),
  }));
  const results = addTableSheet(workbook, 'Results', columns);
  return { file, workbook, results, spool: new IssueSpool(outDir) };
}

/**
 * RESULT_COLUMNS then every input column's header, as written. An input header equal to a result
 * column (the customer's own "status", or the canonical `country`) gets an `input:` prefix, so no
 * two columns share a name (every reader that maps by header would break); a header repeated in the
 * input gets a number as well.
 */
export function resultsHeader(passthroughHeaders: readonly string[]): string[] {
  const taken = new Set<string>(RESULT_COLUMNS.map((c) => c.toLowerCase()));
  const header: string[] = [...RESULT_COLUMNS];
  for (const [index, original] of passthroughHeaders.entries()) {
    const base = original.trim() === '' ? `column ${RESULT_COLUMNS.length + index + 1}` : original;
    let name = taken.has(base.toLowerCase()) ? `input:${base}` : base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `input:${base} (${n})`;
    taken.add(name.toLowerCase());
    header.push(name);
  }
  return header;
}

/** The row's cells in header order; pass-through values padded or cut to the header's count. */
function resultCells(row: ResultRow, passthroughCount: number): string[] {
  const cells = RESULT_COLUMNS.map((column) => row[column]);
  for (let i = 0; i < passthroughCount; i += 1) cells.push(row.passthrough[i] ?? '');
  return cells;
}

/**
 * A cell longer than Excel allows is cut by the table writer (Excel would otherwise repair the file);
 * the Issues sheet says which cell, so nobody takes the cut text for the whole.
 */
function reportCutCells(cells: readonly string[], header: readonly string[], sheetRow: number, inputRow: string, add: (issue: Issue) => void): void {
  cells.forEach((cell, at) => {
    if (cell.length <= EXCEL_MAX_CELL_CHARS) return;
    const column = header[at] ?? `column ${at + 1}`;
    add({
      code: 'CELL_CUT_IN_RESULTS',
      ref: { file: RESULTS_XLSX, sheet: 'Results', row: sheetRow },
      column,
      message: `${RESULTS_XLSX} [Results] row ${sheetRow} (input row ${inputRow}), column "${column}": ${cell.length} characters cut to Excel's ${EXCEL_MAX_CELL_CHARS}; results.csv has the whole text`,
    });
  });
}

/** `row` is a number so that sorting and filtering work; everything else stays text. */
function xlsxResultCells(cells: readonly string[]): TableCell[] {
  const [rowNumber = '', ...rest] = cells;
  return [/^\d{1,15}$/.test(rowNumber) ? Number(rowNumber) : rowNumber, ...rest];
}

/**
 * exceljs's style registry (internal to exceljs 4.x: `workbook.styles.addStyleModel`) is asked for a
 * style id for every cell written. A cell without a number format gets the default style 0 at once,
 * so only the text-formatted columns of people sheets pay for a lookup; the Results sheet's million
 * cells cost what they cost without styles.
 */
function onlyNumberFormatStyles(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (workbook as unknown as { styles?: { addStyleModel?: (model: { numFmt?: string } | undefined, cellType?: number) => number } }).styles;
  const original = styles?.addStyleModel;
  if (styles === undefined || original === undefined) return;
  styles.addStyleModel = (model, cellType) => (model?.numFmt === undefined ? 0 : original.call(styles, model, cellType));
}

/** Excel refuses a workbook whose sheet names repeat (case-insensitively), exceed 31 characters or use []:*?/\\. */
function assertSheetName(name: string, taken: Set<string>): void {
  if (name === '' || name.length > 31 || /[[\]:*?/\\]/.test(name) || taken.has(name.toLowerCase())) {
    throw new Error(`results.xlsx: sheet name "${name}" is empty, repeated, longer than 31 characters or uses []:*?/\\`);
  }
  taken.add(name.toLowerCase());
}

const ISSUE_COLUMN_WIDTHS: Readonly<Record<(typeof ISSUE_SHEET_COLUMNS)[number], number>> = {
  file: 28,
  sheet: 14,
  row: 7,
  column: 18,
  code: 22,
  severity: 9,
  message: 80,
};

async function writeOrdersSheet(workbook: ExcelJS.Workbook, orders: readonly OrderSheetRow[], relieve: (sheet: ExcelJS.Worksheet) => Promise<void>): Promise<void> {
  const columns = ORDER_SHEET_COLUMNS.map((c) => ({ header: c, width: columnWidth(c, c === 'last_comment' ? 40 : 16) }));
  await writeTable(workbook, 'Orders', columns, orders.map(orderSheetValues), relieve);
}

async function writeTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly TableColumn[],
  rows: Iterable<readonly TableCell[]> | AsyncIterable<readonly TableCell[]>,
  relieve: (sheet: ExcelJS.Worksheet) => Promise<void>,
): Promise<void> {
  const sheet = addTableSheet(workbook, name, columns);
  let count = 0;
  for await (const cells of rows) {
    addTableRow(sheet, cells);
    count += 1;
    if (count % CHECK_EVERY_ROWS === 0) await relieve(sheet);
  }
  sheet.commit();
}

/**
 * exceljs feeds each sheet's XML into its zip entry without looking at `write()`'s return value, so
 * nothing slows the producer when compression falls behind and the backlog grows without bound
 * (measured: 140 MB of XML waiting after 150,000 rows). The entry stream is the first pipe of the
 * sheet's internal StreamBuf; its backlog is what writeRow waits on. Internal to exceljs 4.x: when
 * the shape is not there, backpressure falls back to yielding to the event loop.
 */
function zipEntryOf(sheet: ExcelJS.Worksheet): Writable | undefined {
  const buffer = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const entry = buffer?.pipes?.[0];
  return entry !== null && typeof entry === 'object' && 'once' in entry ? (entry as Writable) : undefined;
}

function writableBacklog(stream: Writable): number {
  // archiver's streams come from readable-stream 2/3, which lack `writableLength`.
  return stream.writableLength ?? (stream as unknown as { _writableState?: { length?: number } })._writableState?.length ?? 0;
}
