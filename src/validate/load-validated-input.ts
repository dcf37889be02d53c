import path from 'node:path';
import type { GlobalOptions } from '../config/global-options.js';
import { UsageError } from '../core/errors.js';
import type { NumberRecord } from '../core/records.js';
import { readInput, type InputSource } from '../input/read-input.js';
import { resolveCountry } from '../normalize/resolve-country.js';
import { validateRows } from './validate-rows.js';

export interface ValidatedInput {
  readonly source: InputSource;
  /** Every data row, in input order. This is the barrier of docs/design.md §4: grouping needs the whole set. */
  readonly records: NumberRecord[];
}

/** Opens the input sheet as the global options say (sheet, header map). */
export function openInput(inputPath: string, options: GlobalOptions, cwd: string): Promise<InputSource> {
  // A region libphonenumber does not know ("XX", "EU") would turn every row without a country cell
  // into an INVALID_COUNTRY row issue: it is the flag that is wrong, so refuse it before reading.
  const defaultCountry = resolveCountry(undefined, options.defaultCountry);
  if (!defaultCountry.ok) {
    return Promise.reject(
      new UsageError(`--default-country: expected a region code such as US, CA or GB, got "${options.defaultCountry}"`, 'Use the ISO 3166 alpha-2 code of the country the national-format numbers belong to.'),
    );
  }
  return readInput(path.resolve(cwd, inputPath), { sheet: options.sheet, headerMap: options.headerMap, displayName: inputPath, maxInflatedBytes: options.maxInflatedBytes });
}

/** Reads and validates the whole sheet, for the commands that need every row before they act. */
export async function loadValidatedInput(inputPath: string, options: GlobalOptions, cwd: string): Promise<ValidatedInput> {
  const source = await openInput(inputPath, options, cwd);
  const records: NumberRecord[] = [];
  for await (const record of validateRows(source.rows, { defaultCountry: options.defaultCountry, columnHeaders: source.columnHeaders, maxRange: options.maxRange })) {
    records.push(record);
  }
  return { source, records };
}
