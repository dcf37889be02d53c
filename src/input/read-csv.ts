import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Transform, pipeline } from 'node:stream';
import { parse, CsvError, type Options } from 'csv-parse';
import { InputFileError } from '../core/errors.js';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../core/excel-limits.js';
import type { InputRow, RawCell } from '../core/records.js';
import { detectDelimiter } from './detect-delimiter.js';
import { detectEncoding, type TextEncoding } from './detect-encoding.js';
import { HEADER_SEARCH_ROWS, headerCells, isHeaderRow, mapHeaders, missingPhoneColumnError, type HeaderMapping, type resolveHeaderMap } from './map-headers.js';
import type { InputSource } from './read-input.js';
import { isBlankRecord, toInputRow } from './to-input-row.js';

/** A record longer than this is a quote that never closes, not a cell: stop instead of buffering the file. */
const MAX_RECORD_BYTES = 1024 * 1024;

interface CsvRecord {
  /**
   * The row a spreadsheet program shows (docs/design.md §5): records are counted, so a quoted cell that spans
   * lines is still one row, and blank lines count as rows.
   */
  readonly row: number;
  /** Text line where the record starts (a quoted cell may span lines), for parse messages. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface ReadCsvRequest {
  readonly file: string;
  readonly shownAs: string;
  readonly headerMap: ReturnType<typeof resolveHeaderMap>;
  readonly head: Buffer;
}

/** Streams a CSV: decodes, detects the delimiter, finds the header, then yields data rows lazily. */
export async function readCsv(request: ReadCsvRequest): Promise<InputSource> {
  const { file, shownAs, headerMap, head } = request;
  const encoding = await detectEncoding(file, head);
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && head.includes(0)) {
    throw new InputFileError(`${shownAs}: expected a CSV text file or XLSX workbook, found binary content`);
  }
  const delimiter = detectDelimiter(new TextDecoder(encoding).decode(head));
  const sheet = path.basename(file, path.extname(file));
  const records = csvRecords(file, shownAs, encoding, delimiter)[Symbol.asyncIterator]();

  const origin = { file: shownAs, sheet };
  let header: { record: CsvRecord; headers: string[]; mapping: HeaderMapping };
  try {
    header = await findHeader(records, headerMap, origin);
  } catch (error) {
    await records.return?.(undefined);
    throw error;
  }
  const { mapping, headers } = header;

  async function* rows(): AsyncGenerator<InputRow> {
    let index = 0;
    try {
      for (let next = await records.next(); next.done !== true; next = await records.next()) {
        const cells: RawCell[] = next.value.cells.map((text) => ({ text }));
        if (isBlankRecord(cells)) continue;
        yield toInputRow({ row: next.value.row, cells }, mapping, origin, index);
        index += 1;
      }
    } finally {
      // A consumer that stops early (an error downstream) still closes the file.
      await records.return?.(undefined);
    }
  }

  return {
    file: shownAs,
    format: 'csv',
    sheet,
    headerRow: header.record.row,
    headers,
    columnHeaders: mapping.columnHeaders,
    passthroughHeaders: mapping.passthrough.map((column) => column.header),
    sheetsNotRead: [],
    encoding,
    delimiter,
    rows: rows(),
  };
}

/** Reads records up to the header (title rows above it are allowed) and maps its columns. */
async function findHeader(
  records: AsyncIterator<CsvRecord>,
  headerMap: ReturnType<typeof resolveHeaderMap>,
  origin: { file: string; sheet: string },
): Promise<{ record: CsvRecord; headers: string[]; mapping: HeaderMapping }> {
  let firstRow: CsvRecord | undefined;
  for (let nonBlank = 0; nonBlank < HEADER_SEARCH_ROWS; ) {
    const next = await records.next();
    if (next.done === true) break;
    const record = next.value;
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    nonBlank += 1;
    firstRow ??= record;
    if (isHeaderRow(record.cells, headerMap)) {
      const headers = headerCells(record.cells);
      return { record, headers, mapping: mapHeaders(headers, headerMap, { ...origin, row: record.row }) };
    }
  }
  if (firstRow === undefined) {
    throw new InputFileError(`${origin.file}: expected a header row and data, found no text`, 'See `bulkport template` for the expected layout.');
  }
  throw missingPhoneColumnError(headerCells(firstRow.cells), { ...origin, row: firstRow.row }, headerMap);
}

/**
 * Every record of the file with the line it starts on. Empty lines come through as records so that
 * line numbers stay true; csv-parse's own `info.lines` counts a CRLF inside quotes twice, so lines
 * are counted here from each record's raw text.
 */
async function* csvRecords(file: string, shownAs: string, encoding: TextEncoding, delimiter: string): AsyncGenerator<CsvRecord> {
  // Counted as the parser produces records, not as they are consumed: on a parse error the stream
  // drops the records still buffered, and the message must name where the bad record starts.
  let nextLine = 1;
  let nextRow = 1;
  const options: Options<CsvRecord, { record: string[]; raw: string }> = {
    delimiter,
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
    on_record: ({ record, raw }) => {
      const line = nextLine;
      const row = nextRow;
      nextLine += countLineBreaks(raw);
      nextRow += 1;
      return { row, line, cells: record };
    },
  };
  // csv-parse's overloads type `on_record` for plain string[] records only; with `raw` it receives { record, raw }.
  const parser = parse(options as unknown as Options);
  const source = createReadStream(file);
  // csv-parse reads UTF-8; other encodings are decoded to text first (Node has no UTF-16BE Buffer encoding).
  // Errors reach the parser (pipeline destroys it with the error) and surface in the loop below.
  const settled = (): void => undefined;
  if (encoding === 'utf-8') pipeline(source, parser, settled);
  else pipeline(source, textDecoderStream(encoding), parser, settled);

  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) {
      // Excel's grid is the limit of what we read and write back: beyond it, stop (exit 2) rather than
      // build results no spreadsheet opens (a 20,000-column row used to end in an exceljs stack).
      if (record.cells.length > EXCEL_MAX_COLUMNS) {
        throw new InputFileError(
          `${shownAs}: row ${record.row} (line ${record.line}) has ${record.cells.length} cells, past Excel's last column (${EXCEL_MAX_COLUMNS}); not read`,
          `Check the delimiter on that line, or remove the extra columns.`,
        );
      }
      if (record.row > EXCEL_MAX_ROWS) {
        throw new InputFileError(`${shownAs}: more than ${EXCEL_MAX_ROWS} rows (Excel's last row); not read`, 'Split the file into parts of at most 1,048,576 rows.');
      }
      yield record;
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    if (error instanceof CsvError) {
      throw new InputFileError(`${shownAs}: cannot read as CSV at row ${nextRow}, line ${nextLine}: ${describeCsvError(error)}`, 'Check the quotes on that line.');
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new InputFileError(`${shownAs}: cannot read the input file (${code})`);
    throw error;
  } finally {
    source.destroy();
  }
}

function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_MAX_RECORD_SIZE') return `a record longer than ${MAX_RECORD_BYTES} bytes (a quote that never closes?)`;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted cell starting there is never closed';
  return error.message;
}

function countLineBreaks(raw: string): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw.charCodeAt(i);
    if (char === 10) count += 1;
    else if (char === 13) {
      count += 1;
      if (raw.charCodeAt(i + 1) === 10) i += 1;
    }
  }
  return count;
}

function textDecoderStream(encoding: TextEncoding): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
}
