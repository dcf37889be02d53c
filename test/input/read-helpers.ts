import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputRow } from '../../src/core/records.js';
import { readInput, type InputSource } from '../../src/input/read-input.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/input');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export async function collect(rows: AsyncIterable<InputRow>): Promise<InputRow[]> {
  const all: InputRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** Opens a fixture with no --map/--sheet unless given, and reads all its rows. */
export async function readFixture(
  name: string,
  options: { sheet?: string; map?: Record<string, string> } = {},
): Promise<{ source: InputSource; rows: InputRow[] }> {
  const source = await readInput(fixture(name), {
    sheet: options.sheet,
    headerMap: new Map(Object.entries(options.map ?? {})),
    displayName: name,
  });
  return { source, rows: await collect(source.rows) };
}

/** What every reader test asserts per row: the row number, sheet and phone text of the source cell. */
export function refs(rows: readonly InputRow[]): { row: number; sheet: string; phone: string }[] {
  return rows.map((row) => ({ row: row.ref.row, sheet: row.ref.sheet, phone: row.phone.text }));
}
