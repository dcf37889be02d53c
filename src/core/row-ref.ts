/** Where a row came from, so a person can find it in the original file (docs/architecture.md §8.10). */
export interface RowRef {
  /** The input file's path as the user gave it. */
  readonly file: string;
  /** XLSX sheet name; for CSV the file's base name. */
  readonly sheet: string;
  /** The row number a spreadsheet program shows: XLSX row number; CSV record number (blank lines count, a multi-line cell does not add rows). */
  readonly row: number;
}

export function describeRef(ref: RowRef, column?: string): string {
  const where = `${ref.file} [${ref.sheet}] row ${ref.row}`;
  return column === undefined ? where : `${where}, column "${column}"`;
}
