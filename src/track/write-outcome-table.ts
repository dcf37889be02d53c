import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFormat } from '../config/global-options.js';
import { outputFileError } from '../output/atomic-file.js';
import { writeCsvTable, writeXlsxTables, type TableCell } from '../output/xlsx-table.js';

/**
 * Writes `<name>.csv` / `<name>.xlsx` (as --format asks) with one row per thing a command acted on
 * and its outcome, creating `outDir` if needed; returns the paths written. Each file is written
 * whole under a temporary name and renamed (docs/architecture.md §8.12).
 */
export async function writeOutcomeTable(
  outDir: string,
  name: string,
  formats: ReadonlySet<OutputFormat>,
  headers: readonly string[],
  rows: ReadonlyArray<readonly TableCell[]>,
): Promise<string[]> {
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw outputFileError(outDir, error);
  }
  const written: string[] = [];
  if (formats.has('csv')) {
    const file = path.join(outDir, `${name}.csv`);
    await writeCsvTable(file, headers, rows);
    written.push(file);
  }
  if (formats.has('xlsx')) {
    const file = path.join(outDir, `${name}.xlsx`);
    const sheetName = name.replace(/(^|-)(\w)/g, (_m, _dash: string, letter: string) => letter.toUpperCase()).slice(0, 31);
    await writeXlsxTables(file, [{ name: sheetName, headers, rows }]);
    written.push(file);
  }
  return written;
}
