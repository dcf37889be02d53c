import { InputFileError, UsageError } from '../core/errors.js';
import { CANONICAL_COLUMN_NAMES, INPUT_COLUMNS, headerKey, type CanonicalColumn } from './columns.js';

/** Which cell of a data row feeds which column (pure result of `mapHeaders`). */
export interface HeaderMapping {
  /** Canonical column → 0-based cell index. */
  readonly columnIndex: ReadonlyMap<CanonicalColumn, number>;
  /** Canonical column → the header text as written in the file (for messages). */
  readonly columnHeaders: Partial<Record<CanonicalColumn, string>>;
  /**
   * Every column of the header row, known ones included, in file order (an empty header shows as
   * `Column F`): the results carry them all as the user wrote them, after bulkport's own columns (docs/design.md §5).
   */
  readonly passthrough: readonly { readonly header: string; readonly index: number }[];
}

/** Where the headers were found, for messages. */
export interface HeaderOrigin {
  readonly file: string;
  readonly sheet: string;
  readonly row: number;
}

/** How many non-blank rows may sit above the header (titles, notes) before the sheet is refused. */
export const HEADER_SEARCH_ROWS = 20;

const ALIAS_TO_COLUMN: ReadonlyMap<string, CanonicalColumn> = buildAliasTable();

function buildAliasTable(): Map<string, CanonicalColumn> {
  const table = new Map<string, CanonicalColumn>();
  for (const spec of INPUT_COLUMNS) {
    for (const text of [spec.name, ...spec.aliases]) {
      const key = headerKey(text);
      const taken = table.get(key);
      // Two columns claiming one alias would make the mapping depend on list order: a bug in columns.ts.
      if (taken !== undefined && taken !== spec.name) {
        throw new Error(`columns.ts: alias "${text}" is claimed by both ${taken} and ${spec.name}`);
      }
      table.set(key, spec.name);
    }
  }
  return table;
}

/** The canonical column a header names by its name or an alias (no `--map`): for sheets read beside the input. */
export function columnOfHeader(header: string): CanonicalColumn | undefined {
  return ALIAS_TO_COLUMN.get(headerKey(header));
}

function isCanonicalColumn(name: string): name is CanonicalColumn {
  return (CANONICAL_COLUMN_NAMES as readonly string[]).includes(name);
}

/**
 * Checks `--map` once: every target must be a canonical column. Returns the map keyed by folded
 * header so that "Cust Phone" in the flag matches "cust. phone" in the file.
 */
export function resolveHeaderMap(headerMap: ReadonlyMap<string, string>): ReadonlyMap<string, { header: string; column: CanonicalColumn }> {
  const resolved = new Map<string, { header: string; column: CanonicalColumn }>();
  for (const [header, target] of headerMap) {
    const column = target.trim().toLowerCase();
    if (!isCanonicalColumn(column)) {
      throw new UsageError(
        `--map "${header}=${target}": expected a bulkport column name, got "${target}"`,
        `Columns: ${CANONICAL_COLUMN_NAMES.join(', ')}.`,
      );
    }
    resolved.set(headerKey(header), { header, column });
  }
  return resolved;
}

type ResolvedMap = ReturnType<typeof resolveHeaderMap>;

/** The canonical column one header stands for, by `--map` first, then by name or alias. */
function columnFor(header: string, resolved: ResolvedMap): CanonicalColumn | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  return resolved.get(key)?.column ?? ALIAS_TO_COLUMN.get(key);
}

/** A header row's texts, trimmed, without the trailing empty cells Excel leaves behind (no phantom columns). */
export function headerCells(cells: readonly string[]): string[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] ?? '').trim() === '') end -= 1;
  return cells.slice(0, end).map((cell) => cell.trim());
}

/** Whether a row of cell texts is a header: it names a phone_number (or range_start) column (by alias or `--map`). */
export function isHeaderRow(cells: readonly string[], resolved: ResolvedMap): boolean {
  return cells.some((cell) => {
    const column = columnFor(cell, resolved);
    return column === 'phone_number' || column === 'range_start';
  });
}

/**
 * Maps the header row's texts to canonical columns. Throws `InputFileError` when two headers claim
 * one column, when a `--map` header is not in the file, or when no column holds the phone number.
 */
export function mapHeaders(headers: readonly string[], resolved: ResolvedMap, origin: HeaderOrigin): HeaderMapping {
  const explicitColumns = new Set([...resolved.values()].map((entry) => entry.column));
  const columnIndex = new Map<CanonicalColumn, number>();
  const columnHeaders: Partial<Record<CanonicalColumn, string>> = {};
  const passthrough: { header: string; index: number }[] = [];
  const where = `${origin.file} [${origin.sheet}] row ${origin.row}`;

  for (const [key, entry] of resolved) {
    if (!headers.some((header) => headerKey(header) === key)) {
      throw new InputFileError(
        `${where}: --map names the header "${entry.header}", which is not in the file; headers found: ${listHeaders(headers)}`,
        'Copy the header text as the file shows it into --map "Header=column".',
      );
    }
  }

  headers.forEach((header, index) => {
    const key = headerKey(header);
    const explicit = resolved.get(key);
    // A column the user mapped explicitly wins over headers that only match it by alias.
    const alias = ALIAS_TO_COLUMN.get(key);
    const column = explicit?.column ?? (alias !== undefined && !explicitColumns.has(alias) ? alias : undefined);
    passthrough.push({ header: header.trim() === '' ? `Column ${columnLetter(index)}` : header, index });
    if (column === undefined) return;
    const earlier = columnHeaders[column];
    if (earlier !== undefined) {
      throw new InputFileError(
        `${where}: headers "${earlier}" and "${header}" both map to ${column}; expected one column per field`,
        `Choose one with --map "${earlier}=${column}" (the other is then passed through), or rename a header.`,
      );
    }
    columnIndex.set(column, index);
    columnHeaders[column] = header;
  });

  // A sheet of ranges may name them in range_start/range_end only (issue 15).
  if (!columnIndex.has('phone_number') && !columnIndex.has('range_start')) throw missingPhoneColumnError(headers, origin, resolved);
  return { columnIndex, columnHeaders, passthrough };
}

/**
 * The input error for a sheet without a phone column: lists the headers found and the one closest to a
 * phone-number alias, so the fix (`--map`) can be typed straight from the message.
 */
export function missingPhoneColumnError(headers: readonly string[], origin: HeaderOrigin, resolved: ResolvedMap): InputFileError {
  const shown = headers.filter((header) => header.trim() !== '');
  const where = `${origin.file} [${origin.sheet}]`;
  const mappedPhone = [...resolved.values()].find((entry) => entry.column === 'phone_number');
  if (mappedPhone !== undefined) {
    return new InputFileError(
      `${where} row ${origin.row}: --map names the header "${mappedPhone.header}" for phone_number, which is not in the file; headers found: ${listHeaders(shown)}`,
      'Copy the header text as the file shows it into --map "Header=phone_number".',
    );
  }
  if (shown.length === 0) {
    return new InputFileError(
      `${where}: expected a header row with a phone_number column, found no headers`,
      'Put a header row such as "phone_number" above the data, or see `bulkport template`.',
    );
  }
  const closest = closestPhoneHeader(shown);
  const phoneAliases = ['phone_number', ...INPUT_COLUMNS[0].aliases].slice(0, 6).map((a) => `"${a}"`).join(', ');
  const expected = `${where} row ${origin.row}: expected a phone_number column (${phoneAliases}…), found headers ${listHeaders(shown)}`;
  if (closest === undefined) {
    return new InputFileError(expected, 'Name the phone column with --map "Their Header=phone_number", or check that this is the right file.');
  }
  return new InputFileError(
    `${expected}; closest: "${closest.header}" (like "${closest.alias}")`,
    `Name the phone column with --map "${closest.header}=phone_number".`,
  );
}

function listHeaders(headers: readonly string[]): string {
  const shown = headers.filter((header) => header.trim() !== '');
  const limit = 15;
  const list = shown.slice(0, limit).map((header) => `"${header}"`).join(', ');
  return shown.length > limit ? `${list} and ${shown.length - limit} more` : list;
}

/**
 * Past this relative edit distance a header is not a misspelt phone header ("Name" is half of
 * "number"): suggesting it would have the user map names to phone_number, so nothing is suggested.
 */
const MAX_SUGGESTION_DISTANCE = 0.45;

function closestPhoneHeader(headers: readonly string[]): { header: string; alias: string } | undefined {
  const aliases = ['phone_number', ...INPUT_COLUMNS[0].aliases];
  let best = { header: headers[0] ?? '', alias: 'phone_number', distance: Number.POSITIVE_INFINITY };
  for (const header of headers) {
    const key = headerKey(header);
    for (const alias of aliases) {
      const aliasKey = headerKey(alias);
      // Relative distance, so a long header is not punished for its length against a short alias.
      const distance = editDistance(key, aliasKey) / Math.max(key.length, aliasKey.length, 1);
      if (distance < best.distance) best = { header, alias, distance };
    }
  }
  return best.distance <= MAX_SUGGESTION_DISTANCE ? { header: best.header, alias: best.alias } : undefined;
}

/** Levenshtein distance (two rows; headers are short). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Spreadsheet column letter for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
