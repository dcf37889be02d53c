/**
 * Excel's own specification limits (Excel "Specifications and limits"). A sheet beyond them cannot
 * have come from Excel or LibreOffice, and a cell beyond them makes Excel repair the file we write;
 * holding such input whole is also how a small hostile file turns into gigabytes of work.
 */
export const EXCEL_MAX_CELL_CHARS = 32_767;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * Default cap on what the parts of one XLSX may inflate to, all parts together (`--max-inflated`).
 * A full sheet of a million rows and a dozen columns inflates to about 150–250 MB; 512 MB leaves room
 * for that and still stops a zip bomb (deflate reaches about 1000:1) long before memory runs out.
 */
export const DEFAULT_MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/**
 * A cell text that fits Excel: longer text is cut and ends with a marker saying how long it was, so
 * nobody mistakes the cut text for the whole value.
 */
export function fitCellText(text: string): { readonly text: string; readonly isTruncated: boolean } {
  if (text.length <= EXCEL_MAX_CELL_CHARS) return { text, isTruncated: false };
  const marker = ` …[cut: ${text.length} characters, Excel holds ${EXCEL_MAX_CELL_CHARS}]`;
  return { text: text.slice(0, EXCEL_MAX_CELL_CHARS - marker.length) + marker, isTruncated: true };
}
