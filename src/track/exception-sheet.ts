import type { CampaignState } from '../campaign/campaign-state.js';
import { EDITABLE_ORDER_FIELDS } from '../campaign/journal-records.js';
import { IDENTIFIER_COLUMNS } from '../input/columns.js';
import type { PeopleColumn, PeopleSheet } from '../output/people-sheet.js';
import { columnWidth } from '../output/xlsx-table.js';
import { guidanceFor } from './exception-guide.js';
import { exceptionCodes, maskedValues } from './tracked-order-view.js';

export const EXCEPTIONS_SHEET_NAME = 'Exceptions';
export const EXCEPTIONS_CSV = 'exceptions.csv';
export const EXCEPTIONS_XLSX = 'exceptions.xlsx';

/** Columns that say what happened; `fix` ignores edits to them. */
const EXCEPTION_INFO_COLUMNS = [
  'porting_order_id',
  'part_key',
  'support_key',
  'order_status',
  'exception_type',
  'meaning',
  'what_to_change',
  'fields_to_edit',
  'number_count',
  'last_comment',
] as const;

/** The Exceptions sheet: what happened, then the editable end-user columns holding the current values. */
export const EXCEPTION_SHEET_COLUMNS = [...EXCEPTION_INFO_COLUMNS, ...EDITABLE_ORDER_FIELDS] as const;

/**
 * The Exceptions sheet as a sheet people fill in: the order id and the identifier fields are
 * text-formatted over the whole column, the editable columns too (`0729` typed stays `0729`).
 */
const EXCEPTION_PEOPLE_COLUMNS: readonly PeopleColumn[] = EXCEPTION_SHEET_COLUMNS.map((header) => ({
  header,
  isIdentifier: header === 'porting_order_id' || IDENTIFIER_COLUMNS.has(header),
  isEditable: (EDITABLE_ORDER_FIELDS as readonly string[]).includes(header),
  width: columnWidth(header, header === 'porting_order_id' ? 38 : 16),
}));

/** The Exceptions sheet of exceptions.xlsx and results.xlsx, from the rows `buildExceptionRows` made. */
export function exceptionPeopleSheet(rows: readonly (readonly string[])[]): PeopleSheet {
  return { name: EXCEPTIONS_SHEET_NAME, columns: EXCEPTION_PEOPLE_COLUMNS, rows: rows.map((cells) => ({ cells })) };
}

/**
 * One row per order in `exception` (pure): its exception types in plain words and what to change
 * (EXCEPTION_GUIDE), and the order's current end-user values to edit and give to `bulkport fix`.
 */
export function buildExceptionRows(state: CampaignState): string[][] {
  const rows: string[][] = [];
  for (const [partKey, ids] of state.partOrders) {
    for (const id of ids) {
      if (state.orders.get(id)?.status !== 'exception') continue;
      const view = state.tracking.views.get(id);
      if (view === undefined) continue;
      const codes = exceptionCodes(view);
      const guides = codes.map(guidanceFor);
      const fields = [...new Set(guides.flatMap((g) => g.fields))];
      const info: Record<(typeof EXCEPTION_INFO_COLUMNS)[number], string> = {
        porting_order_id: id,
        part_key: partKey,
        support_key: view.supportKey,
        order_status: 'exception',
        exception_type: codes.join('; '),
        meaning: guides.map((g, i) => (codes.length > 1 ? `${codes[i]}: ${g.meaning}` : g.meaning)).join(' '),
        what_to_change: guides.map((g) => g.action).join(' '),
        fields_to_edit: fields.join(', '),
        number_count: String(view.count),
        last_comment: view.lastComment === undefined ? '' : `${view.lastComment.at} ${view.lastComment.userType}: ${view.lastComment.body}`,
      };
            // The PIN is shown masked (never the real one): a person types the corrected PIN over it.
      const values = maskedValues(view.values);
      rows.push([...EXCEPTION_INFO_COLUMNS.map((c) => info[c]), ...EDITABLE_ORDER_FIELDS.map((f) => values[f])]);
    }
  }
  return rows;
}
