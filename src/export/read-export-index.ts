import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { ExportIndex } from './diff-exports.js';
import type { ExportKindSpec } from './export-kind.js';

export type ExportIndexResult =
  | { readonly isReadable: true; readonly index: ExportIndex; readonly idColumn: string; readonly statusColumn: string | undefined }
  | { readonly isReadable: false; readonly problem: string };

/**
 * Reads an export CSV down to id → status for `--diff`. The report's columns are not documented,
 * so the id and status columns are found by name (ExportKindSpec); without an id column there is
 * nothing to key a comparison on, and that is returned as a problem, not guessed.
 */
export async function readExportIndex(file: string, spec: ExportKindSpec): Promise<ExportIndexResult> {
  const index = new Map<string, string>();
  let idAt = -1;
  let statusAt = -1;
  let header: string[] | undefined;
  const source = createReadStream(file);
  const records = source.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
  // pipe() does not forward a read error; the parser must see it to end the loop.
  source.on('error', (error) => records.destroy(error));
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      if (header === undefined) {
        header = record.map((name) => name.trim().toLowerCase());
        idAt = findColumn(header, spec.idColumns);
        statusAt = findColumn(header, spec.statusColumns);
        if (idAt < 0) {
          return {
            isReadable: false,
            problem: `expected a ${spec.rowNoun} id column (${spec.idColumns.join(' or ')}), found columns ${header.join(', ')}`,
          };
        }
        continue;
      }
      const id = record[idAt]?.trim() ?? '';
      if (id !== '') index.set(id, statusAt >= 0 ? (record[statusAt]?.trim() ?? '') : '');
    }
  } catch (error) {
    return { isReadable: false, problem: `cannot be read as CSV (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    source.destroy();
    records.destroy();
  }
  if (header === undefined) return { isReadable: false, problem: 'has no header row' };
  return { isReadable: true, index, idColumn: header[idAt] ?? '', statusColumn: statusAt >= 0 ? header[statusAt] : undefined };
}

function findColumn(header: readonly string[], candidates: readonly string[]): number {
  for (const candidate of candidates) {
    const at = header.indexOf(candidate);
    if (at >= 0) return at;
  }
  return -1;
}
