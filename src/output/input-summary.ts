import type { InputSource } from '../input/read-input.js';
import type { InputSummary } from './summary.js';

/** What the summary says about the input that was read. */
export function inputSummary(source: InputSource, rowCount: number): InputSummary {
  return {
    file: source.file,
    format: source.format,
    sheet: source.sheet,
    headerRow: source.headerRow,
    rowCount,
    sheetsNotRead: source.sheetsNotRead,
  };
}
