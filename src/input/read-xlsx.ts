import ExcelJS from 'exceljs';
import { InputFileError } from '../core/errors.js';
import type { InputRow, RawCell } from '../core/records.js';
import { HEADER_SEARCH_ROWS, headerCells, isHeaderRow, mapHeaders, missingPhoneColumnError, type resolveHeaderMap } from './map-headers.js';
import type { InputSource } from './read-input.js';
import { rawCellFromExcel, type ExcelCellContext } from './raw-cell-from-excel.js';
import { readZipEntry, ZipEntryTooLargeError } from './read-zip-entry.js';
import { checkXlsxBudget, overBudget } from './xlsx-budget.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../core/excel-limits.js';
import { isBlankRecord, toInputRow } from './to-input-row.js';
import { parseNumberFormats } from './xlsx-number-formats.js';
import { parseSharedStrings } from './xlsx-shared-strings.js';
import { parseRelationships, parseWorkbookXml, type WorkbookRelationship, type WorkbookSheet } from './xlsx-workbook-xml.js';

/**
 * The parts of exceljs's streaming reader used here. Its published typings declare neither the sheet
 * name nor the workbook model, which the reader does set (lib/stream/xlsx/workbook-reader.js).
 */
interface StreamCell {
  readonly type: number;
  readonly value: unknown;
  /** The formula value's own model: `value` drops a falsy cached result (0, '', an error read as NaN). */
  readonly model: { readonly formula?: string; readonly result?: unknown };
  readonly numFmt?: unknown;
}
interface StreamRow {
  readonly number: number;
  eachCell(callback: (cell: StreamCell, column: number) => void): void;
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  readonly name: string;
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  model?: { sheets?: readonly WorkbookSheet[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: readonly WorkbookRelationship[];
  styles: StyleTable;
  sharedStrings: readonly string[];
  stream?: { destroy(): void };
}

/** The workbook-wide parts, read from the zip before streaming any sheet. */
interface WorkbookParts {
  /** Sheets in tab order. */
  readonly sheets: readonly WorkbookSheet[];
  readonly relationships: readonly WorkbookRelationship[];
  readonly isDate1904: boolean;
  readonly styles: StyleTable;
  readonly sharedStrings: readonly string[];
}

/** What exceljs's worksheet reader asks of the workbook's styles: the style model of a cell's `s` index. */
interface StyleTable {
  getStyleModel(id: number): { numFmt: string } | null;
}

interface SheetSurvey {
  readonly name: string;
  readonly header?: { readonly row: number; readonly cells: string[] };
  /** The first non-blank row, shown when no header is found. */
  readonly firstRow?: { readonly row: number; readonly cells: string[] };
  /** Non-blank rows; undefined when the survey stopped at the header of the sheet that will be read. */
  readonly rowCount: number | undefined;
}

export interface ReadXlsxRequest {
  readonly file: string;
  readonly shownAs: string;
  readonly headerMap: ReturnType<typeof resolveHeaderMap>;
  readonly sheet: string | undefined;
  /** `--max-inflated`: what all parts of the workbook may unpack to together. */
  readonly maxInflatedBytes: number;
}

/**
 * Reads an XLSX in two streaming passes: the first surveys the sheets (which has the header, how many
 * rows the others hold), the second streams the chosen sheet's data rows. Neither keeps the rows.
 */
export async function readXlsx(request: ReadXlsxRequest): Promise<InputSource> {
  const { file, shownAs, headerMap } = request;
  await checkXlsxBudget(file, shownAs, request.maxInflatedBytes);
  const parts = await loadWorkbookParts(file, shownAs, request.maxInflatedBytes);
  const survey = await surveyWorkbook(file, shownAs, headerMap, request.sheet, parts);
  const chosen = chooseSheet(survey.sheets, survey.tabOrder, visibleSheetNames(parts), request, headerMap);
  const header = chosen.header;
  if (header === undefined) {
    throw missingPhoneColumnError(chosen.firstRow?.cells ?? [], { file: shownAs, sheet: chosen.name, row: chosen.firstRow?.row ?? 1 }, headerMap);
  }
  const headers = headerCells(header.cells);
  const mapping = mapHeaders(headers, headerMap, { file: shownAs, sheet: chosen.name, row: header.row });
  const origin = { file: shownAs, sheet: chosen.name };
  const headerRow = header.row;

  async function* rows(): AsyncGenerator<InputRow> {
    let index = 0;
    for await (const record of sheetRows(file, shownAs, chosen.name, parts, headerRow)) {
      if (isBlankRecord(record.cells)) continue;
      yield toInputRow(record, mapping, origin, index);
      index += 1;
    }
  }

  return {
    file: shownAs,
    format: 'xlsx',
    sheet: chosen.name,
    headerRow,
    headers,
    columnHeaders: mapping.columnHeaders,
    passthroughHeaders: mapping.passthrough.map((column) => column.header),
    sheetsNotRead: survey.tabOrder
      .filter((name) => name !== chosen.name)
      .map((name) => ({ name, rowCount: survey.sheets.get(name)?.rowCount ?? 0 })),
    rows: rows(),
  };
}

/**
 * The parts every sheet depends on (sheet list, relationships, date system, number formats, shared
 * strings) are read straight from their zip entries and handed to exceljs, so that it streams each
 * worksheet as it arrives instead of deferring it to a temp file until those parts have been seen
 * (exceljs writes them after the sheets), and so that it cannot lose them (see `readZipEntry`).
 */
async function loadWorkbookParts(file: string, shownAs: string, maxInflatedBytes: number): Promise<WorkbookParts> {
  const entry = async (name: string): Promise<string> => (await readZipEntry(file, name, maxInflatedBytes))?.toString('utf8') ?? '';
  try {
    const workbook = parseWorkbookXml(await entry('xl/workbook.xml'));
    const relationships = parseRelationships(await entry('xl/_rels/workbook.xml.rels'));
    const models = parseNumberFormats(await entry('xl/styles.xml')).map((numFmt) => (numFmt === undefined ? null : { numFmt }));
    const sharedStrings = parseSharedStrings(await entry('xl/sharedStrings.xml'));
    return {
      sheets: workbook.sheets,
      relationships,
      isDate1904: workbook.isDate1904,
      styles: { getStyleModel: (id) => models[id] ?? null },
      sharedStrings,
    };
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) throw overBudget(shownAs, error.entryName, maxInflatedBytes);
    throw unreadableWorkbook(error, shownAs);
  }
}

function openWorkbook(file: string, parts: WorkbookParts): StreamWorkbook {
  // 'ignore' for styles and shared strings: exceljs then keeps the tables set below. Hyperlinks are not
  // needed: a hyperlink cell already stores the text it shows.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'ignore',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as StreamWorkbook;
  reader.styles = parts.styles;
  reader.sharedStrings = parts.sharedStrings;
  reader.model = { sheets: parts.sheets };
  reader.properties = { model: { date1904: parts.isDate1904 } };
  // exceljs re-reads the relationships when it meets them and matches sheet paths literally; ours have
  // absolute targets made relative, so they stay in place.
  Object.defineProperty(reader, 'workbookRels', { get: () => parts.relationships, set: () => undefined });
  return reader;
}

function cellContext(cell: StreamCell, isDate1904: boolean): ExcelCellContext {
  return { numFmt: typeof cell.numFmt === 'string' ? cell.numFmt : undefined, isDate1904 };
}

/**
 * A row's cells by column. A row or column past Excel's grid cannot come from Excel or LibreOffice and
 * would make us write a results sheet no spreadsheet opens: the file is refused (exit 2).
 */
function rowCells(row: StreamRow, isDate1904: boolean, shownAs: string, sheet: string): RawCell[] {
  if (row.number > EXCEL_MAX_ROWS) {
    throw new InputFileError(`${shownAs} [${sheet}]: row ${row.number} is past Excel's last row (${EXCEL_MAX_ROWS}); not read`, 'Split the sheet into workbooks of at most 1,048,576 rows.');
  }
  const cells: RawCell[] = [];
  row.eachCell((cell, column) => {
    if (column > EXCEL_MAX_COLUMNS) {
      throw new InputFileError(`${shownAs} [${sheet}] row ${row.number}: a cell in column ${column}, past Excel's last column (${EXCEL_MAX_COLUMNS}); not read`, 'Remove the columns beyond XFD and save the workbook again.');
    }
    const value = cell.type === ExcelJS.ValueType.Formula ? { formula: cell.model.formula ?? '', result: cell.model.result } : cell.value;
    cells[column - 1] = rawCellFromExcel(value, cellContext(cell, isDate1904));
  });
  // eachCell skips empty cells: fill the holes so that indexes are column positions.
  for (let i = 0; i < cells.length; i += 1) cells[i] ??= { text: '' };
  return cells;
}

/** Pass 1: each sheet's header (if any) and non-blank row count, plus the tab order and the styles. */
async function surveyWorkbook(
  file: string,
  shownAs: string,
  headerMap: ReturnType<typeof resolveHeaderMap>,
  requestedSheet: string | undefined,
  parts: WorkbookParts,
): Promise<{ sheets: Map<string, SheetSurvey>; tabOrder: string[] }> {
  const workbook = openWorkbook(file, parts);
  const tabOrder = parts.sheets.map((sheet) => sheet.name);
  const visibleOrder = visibleSheetNames(parts);
  const sheets = new Map<string, SheetSurvey>();
  try {
    for await (const worksheet of workbook) {
      let header: SheetSurvey['header'];
      let firstRow: SheetSurvey['firstRow'];
      let rowCount = 0;
      let isStopped = false;
      for await (const row of worksheet) {
        const cells = rowCells(row, parts.isDate1904, shownAs, worksheet.name);
        if (isBlankRecord(cells)) continue;
        rowCount += 1;
        if (header === undefined && rowCount <= HEADER_SEARCH_ROWS) {
          const texts = cells.map((cell) => cell.text);
          firstRow ??= { row: row.number, cells: texts };
          if (isHeaderRow(texts, headerMap)) {
            header = { row: row.number, cells: texts };
            // The sheet that will be read needs no row count: its rows are streamed in pass 2.
            if (isCertainlyChosen(worksheet.name, visibleOrder, sheets, requestedSheet)) {
              isStopped = true;
              break;
            }
          }
        }
      }
      sheets.set(worksheet.name, { name: worksheet.name, header, firstRow, rowCount: isStopped ? undefined : rowCount });
      // Every sheet is known: the rest of the zip (the chosen sheet's rows, typically) is pass 2's business.
      if (tabOrder.every((name) => sheets.has(name))) break;
    }
  } catch (error) {
    throw unreadableWorkbook(error, shownAs);
  } finally {
    workbook.stream?.destroy();
  }
  return { sheets, tabOrder };
}

/** A sheet with a header is read for sure when it is the one named, or no earlier tab can claim it. */
function isCertainlyChosen(name: string, tabOrder: readonly string[], surveyed: ReadonlyMap<string, SheetSurvey>, requested: string | undefined): boolean {
  if (requested !== undefined) return sheetNameMatches(name, requested);
  const position = tabOrder.indexOf(name);
  if (position < 0) return false;
  return tabOrder.slice(0, position).every((earlier) => surveyed.has(earlier) && surveyed.get(earlier)?.header === undefined);
}

function sheetNameMatches(name: string, requested: string): boolean {
  return name === requested || name.trim().toLowerCase() === requested.trim().toLowerCase();
}

/** Sheets a person sees, in tab order: a hidden sheet (a lookup table, say) is read only when named. */
function visibleSheetNames(parts: WorkbookParts): string[] {
  return parts.sheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden').map((sheet) => sheet.name);
}

function chooseSheet(
  sheets: ReadonlyMap<string, SheetSurvey>,
  tabOrder: readonly string[],
  visibleOrder: readonly string[],
  request: ReadXlsxRequest,
  headerMap: ReturnType<typeof resolveHeaderMap>,
): SheetSurvey {
  const { sheet: requested, shownAs } = request;
  const names = tabOrder.filter((name) => sheets.has(name));
  if (requested !== undefined) {
    const name = names.find((candidate) => candidate === requested) ?? names.find((candidate) => sheetNameMatches(candidate, requested));
    const sheet = name === undefined ? undefined : sheets.get(name);
    if (sheet === undefined) {
      throw new InputFileError(
        `${shownAs}: --sheet "${requested}" not found; sheets: ${names.map((n) => `"${n}"`).join(', ')}`,
        'Give one of the sheet names listed, or leave --sheet out to read the first sheet with a phone column.',
      );
    }
    return sheet;
  }
  for (const name of visibleOrder) {
    const sheet = sheets.get(name);
    if (sheet?.header !== undefined) return sheet;
  }
  const first = names.map((name) => sheets.get(name)).find((sheet) => sheet?.firstRow !== undefined);
  if (first === undefined) {
    throw new InputFileError(`${shownAs}: expected a sheet with a header row and data, found ${names.length === 0 ? 'no sheets' : 'only empty sheets'}`);
  }
  const error = missingPhoneColumnError(first.firstRow?.cells ?? [], { file: shownAs, sheet: first.name, row: first.firstRow?.row ?? 1 }, headerMap);
  if (names.length <= 1) throw error;
  throw new InputFileError(`${error.message} (no sheet of ${names.map((n) => `"${n}"`).join(', ')} has one)`, error.hint);
}

/** Pass 2: the chosen sheet's rows below the header, as source records. */
async function* sheetRows(file: string, shownAs: string, sheetName: string, parts: WorkbookParts, headerRow: number): AsyncGenerator<{ row: number; cells: RawCell[] }> {
  const workbook = openWorkbook(file, parts);
  try {
    for await (const worksheet of workbook) {
      if (worksheet.name !== sheetName) continue;
      for await (const row of worksheet) {
        if (row.number <= headerRow) continue;
        yield { row: row.number, cells: rowCells(row, parts.isDate1904, shownAs, sheetName) };
      }
      return;
    }
  } catch (error) {
    throw unreadableWorkbook(error, shownAs);
  } finally {
    workbook.stream?.destroy();
  }
}

function unreadableWorkbook(error: unknown, shownAs: string): unknown {
  if (error instanceof InputFileError) return error;
  const reason = error instanceof Error ? error.message : 'unknown error';
  return new InputFileError(`${shownAs}: cannot read the XLSX workbook (${reason})`, 'Open it in Excel or LibreOffice and save it again as .xlsx.');
}
