import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

export type ReportCsvInspection =
  | { readonly isUsable: true; readonly header: readonly string[]; readonly rowCount: number }
  | { readonly isUsable: false; readonly problem: string };

/**
 * Decides whether a downloaded report is a CSV a nightly job may hand on: valid UTF-8 text, no
 * binary NULs, a header row with a name in every column, and records that all have the header's
 * width. A header and no rows is a quiet night (usable, 0 rows); no bytes or no header is not.
 * Streams the file, so a large report costs one record of memory.
 */
export async function inspectReportCsv(file: string): Promise<ReportCsvInspection> {
  let header: string[] | undefined;
  let recordCount = 0;
  let byteCount = 0;
  const parser = parse({ bom: true, skip_empty_lines: true });
  try {
    await pipeline(
      createReadStream(file),
      async function* decodeUtf8(chunks: AsyncIterable<Buffer>) {
        // fatal: bytes that are not UTF-8 mean a damaged or binary document, not a CSV to pass on.
        const decoder = new TextDecoder('utf-8', { fatal: true });
        for await (const chunk of chunks) {
          byteCount += chunk.length;
          const text = decoder.decode(chunk, { stream: true });
          if (text.includes('\u0000')) throw new ReportContentError('contains NUL bytes (binary data, not CSV text)');
          yield text;
        }
        yield decoder.decode();
      },
      parser,
      async function countRecords(records: AsyncIterable<string[]>) {
        for await (const record of records) {
          if (header === undefined) header = record;
          recordCount += 1;
        }
      },
    );
  } catch (error) {
    return { isUsable: false, problem: describeParseFailure(error) };
  }
  if (byteCount === 0) return { isUsable: false, problem: 'is empty (0 bytes)' };
  if (header === undefined) return { isUsable: false, problem: `has no header row (${byteCount} bytes of blank lines)` };
  const blankAt = header.findIndex((name) => name.trim() === '');
  if (blankAt >= 0) {
    return { isUsable: false, problem: `has no usable header: column ${blankAt + 1} of the first line has no name` };
  }
  return { isUsable: true, header, rowCount: recordCount - 1 };
}

class ReportContentError extends Error {}

function describeParseFailure(error: unknown): string {
  if (error instanceof ReportContentError) return error.message;
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return 'is not UTF-8 text (damaged or binary data)';
  }
  if (error instanceof CsvError) return `does not parse as CSV: ${error.message}`;
  if (error instanceof Error && 'code' in error) return `cannot be read back (${String((error as NodeJS.ErrnoException).code)})`;
  throw error;
}
