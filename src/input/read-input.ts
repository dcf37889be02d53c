import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { DEFAULT_MAX_INFLATED_BYTES } from '../core/excel-limits.js';
import type { InputRow } from '../core/records.js';
import type { CanonicalColumn } from './columns.js';
import { readCsv } from './read-csv.js';
import { resolveHeaderMap } from './map-headers.js';
import { sniffFile } from './sniff-file.js';

/** An opened input sheet: where the header is, how columns map, and its data rows as a stream. */
export interface InputSource {
  /** The path as the user gave it (or `displayName`): used in `RowRef.file` and messages. */
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  /** The XLSX sheet read; for CSV the file's base name without extension (as Excel names it). */
  readonly sheet: string;
  /** Spreadsheet row number of the header (title rows may sit above it). */
  readonly headerRow: number;
  /** Header texts as in the file, trailing empty cells removed. */
  readonly headers: readonly string[];
  /** Canonical column → original header text, for messages. */
  readonly columnHeaders: Partial<Record<CanonicalColumn, string>>;
  /** Every column's header, in file order (an empty header shows as `Column F`); `InputRow.passthrough` follows this order. */
  readonly passthroughHeaders: readonly string[];
  /** XLSX sheets not read, with their non-blank row counts; empty for CSV. */
  readonly sheetsNotRead: readonly { readonly name: string; readonly rowCount: number }[];
  /** CSV only: `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`. */
  readonly encoding?: string;
  /** CSV only: `,`, `;` or a tab. */
  readonly delimiter?: string;
  /**
   * Data rows after the header, in file order, produced lazily from a stream (never the whole file
   * in memory). Blank rows are skipped but row numbers stay those the spreadsheet shows. Iterate once.
   */
  readonly rows: AsyncIterable<InputRow>;
}

export interface ReadInputOptions {
  /** XLSX sheet to read (`--sheet`); default: the first sheet in tab order with a recognizable header. */
  readonly sheet?: string | undefined;
  /** `--map` pairs: header as written → canonical column. */
  readonly headerMap: ReadonlyMap<string, string>;
  /** Name to show in row references and messages instead of `file`. */
  readonly displayName?: string;
  /** `--max-inflated`: what an XLSX's parts may unpack to together (default 512 MB). */
  readonly maxInflatedBytes?: number | undefined;
}

/**
 * Opens a CSV or XLSX porting sheet, finds its header and maps the columns. Run problems (unreadable
 * file, no phone column, unknown sheet, bad `--map`) are thrown here, before any row is yielded, as
 * `InputFileError` or `UsageError`.
 */
export async function readInput(file: string, options: ReadInputOptions): Promise<InputSource> {
  const shownAs = options.displayName ?? file;
  const headerMap = resolveHeaderMap(options.headerMap);
  const sniffed = await sniffFile(file, shownAs);
  if (sniffed.format === 'xlsx') {
    // The XLSX reader (and exceljs) loads only for a workbook: a CSV run never pays for it (issue 18).
    const { readXlsx } = await import('./read-xlsx.js');
    return readXlsx({ file, shownAs, headerMap, sheet: options.sheet, maxInflatedBytes: options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES });
  }
  // A CSV has one sheet, named after the file; a --sheet naming another was meant for a workbook
  // (often the .xlsx next to this CSV), and reading the CSV anyway would validate the wrong data.
  const csvSheet = path.basename(file, path.extname(file));
  if (options.sheet !== undefined && options.sheet.toLowerCase() !== csvSheet.toLowerCase()) {
    throw new UsageError(
      `--sheet "${options.sheet}": ${shownAs} is a CSV file, which has one sheet ("${csvSheet}")`,
      'Leave --sheet out for a CSV, or give the .xlsx workbook that has that sheet.',
    );
  }
  return readCsv({ file, shownAs, headerMap, head: sniffed.head });
}
