import type { PeopleColumn, PeopleRow } from '../output/people-sheet.js';

/** The columns of loa-index.xlsx, as `loa attach` reads them back. */
export const LOA_INDEX_COLUMNS = ['porting_order_id', 'order_key', 'end_user', 'numbers', 'number_count', 'loa_template_file', 'signed_loa_file'] as const;
export type LoaIndexColumn = (typeof LOA_INDEX_COLUMNS)[number];

export const LOA_INDEX_SHEET = 'LOAs';
export const LOA_INDEX_FILE = 'loa-index.xlsx';

/** One downloaded LOA: a row of the index. */
export interface LoaIndexEntry {
  readonly orderId: string;
  readonly orderKey: string;
  readonly endUser: string;
  /** The order's numbers as known (Telnyx embeds the first 50; the journal may know all). */
  readonly numbers: readonly string[];
  readonly numberCount: number;
  readonly fileName: string;
}

/** Ids and numbers stay text; `signed_loa_file` is where a person types the signed file's path. */
export const LOA_INDEX_PEOPLE_COLUMNS: readonly PeopleColumn[] = [
  { header: 'porting_order_id', isIdentifier: true, width: 38 },
  { header: 'order_key', isIdentifier: true, width: 20 },
  { header: 'end_user', width: 30 },
  { header: 'numbers', isIdentifier: true, width: 40 },
  { header: 'number_count', width: 14 },
  { header: 'loa_template_file', width: 44 },
  { header: 'signed_loa_file', isEditable: true, width: 44 },
];

/** Numbers shown in the index cell; more are counted ("… and 12 more"). */
const SHOWN_NUMBERS = 50;

/** The index rows, by end user then order key (a person signs per end user). */
export function loaIndexRows(entries: readonly LoaIndexEntry[]): PeopleRow[] {
  return [...entries]
    .sort((a, b) => a.endUser.localeCompare(b.endUser) || a.orderKey.localeCompare(b.orderKey) || a.orderId.localeCompare(b.orderId))
    .map((entry) => {
      const shown = entry.numbers.slice(0, SHOWN_NUMBERS).join(', ');
      const more = entry.numberCount - Math.min(entry.numbers.length, SHOWN_NUMBERS);
      return { cells: [entry.orderId, entry.orderKey, entry.endUser, more > 0 ? `${shown} … and ${more} more` : shown, entry.numberCount, entry.fileName, ''] };
    });
}
