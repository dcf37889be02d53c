import path from 'node:path';
import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { UsageError } from '../core/errors.js';
import type { RejectionCode } from './fetch-portouts.js';
import { buildPortoutListRow, PORTOUT_REQUEST_COLUMNS, type PortoutExtras } from './portout-list-row.js';
import { writePeopleWorkbook, type Dropdown, type PeopleColumn, type PeopleRow } from '../output/people-sheet.js';
import { writeCsvTable, type TableCell } from '../output/xlsx-table.js';

/** The columns a person fills in; `apply` reads these back. */
const DECISION_COLUMNS = ['decision', 'rejection_code', 'reason', 'host_messaging'] as const;

/**
 * Columns of the review sheet. `status` and `updated_at` record what the request looked like at review
 * time: `apply` skips a request that changed since, and keys its journal on them.
 */
export const REVIEW_COLUMNS = [
  'portout_id',
  'support_key',
  'status',
  'updated_at',
  ...PORTOUT_REQUEST_COLUMNS,
  'created_at',
  'auto_authorize_earliest_in_hours',
  'auto_authorize_latest_in_hours',
  'comments_count',
  'last_comment',
  'comments',
  'supporting_documents',
  'eligible_rejection_codes',
  ...DECISION_COLUMNS,
] as const;

export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];

/** Review columns holding identifiers (text over the whole column; a numeric cell is refused on read). */
export const REVIEW_IDENTIFIER_COLUMNS: ReadonlySet<ReviewColumn> = new Set(['portout_id', 'phone_numbers', 'spid', 'pon', 'zip']);

const REVIEW_PEOPLE_COLUMNS: readonly PeopleColumn[] = REVIEW_COLUMNS.map((header) => ({
  header,
  isIdentifier: REVIEW_IDENTIFIER_COLUMNS.has(header),
  isEditable: (DECISION_COLUMNS as readonly string[]).includes(header),
}));

export const REVIEW_SHEET_NAME = 'Review';
export const CODES_SHEET_NAME = 'Rejection codes';
const DECISION_VALUES = ['authorize', 'reject'] as const;

export type ReviewFormat = 'csv' | 'xlsx';

export interface ReviewEntry {
  readonly portout: PortoutDetails;
  readonly extras: PortoutExtras;
  readonly codes: readonly RejectionCode[];
}

/** `-o FILE` names the review sheet; its extension says the format. */
export function reviewFormatOf(file: string): ReviewFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new UsageError(`-o ${file}: expected a review file ending in .xlsx or .csv, got "${extension || 'no extension'}"`);
}

/** One row per pending request, decision cells empty. Pure. */
function buildReviewRows(entries: readonly ReviewEntry[], now: Date): TableCell[][] {
  return entries.map(({ portout, extras, codes }) => {
    const listed = buildPortoutListRow(portout, extras, now);
    // The review shows the list's cells for the columns both have; the decision cells start empty.
    const row: Record<ReviewColumn, TableCell> = {
      ...listed,
      comments: describeComments(extras),
      eligible_rejection_codes: codes.map(describeCode).join('; '),
      decision: '',
      rejection_code: '',
      reason: '',
      host_messaging: '',
    };
    return REVIEW_COLUMNS.map((column) => row[column]);
  });
}

/** Longest comments cell: Excel's cell limit (32,767) less room for the marker. */
const MAX_COMMENTS_CHARS = 32_000;

/**
 * Every comment of the request, oldest first, one per line: `2026-11-24T10:00:00Z (user 5f3…): text`
 * (Telnyx's own have no user). A history longer than a cell holds keeps its newest comments.
 */
function describeComments(extras: PortoutExtras): string {
  const lines = [...extras.comments]
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((c) => `${c.created_at}${c.user_id ? ` (user ${c.user_id})` : ' (Telnyx)'}: ${c.body}`);
  const text = lines.join('\n');
  return text.length <= MAX_COMMENTS_CHARS ? text : `[older comments cut] …${text.slice(text.length - MAX_COMMENTS_CHARS)}`;
}

/** `1002 Invalid PIN`, `1001 Other (reason required)`. */
export function describeCode(code: RejectionCode): string {
  return `${code.code} ${code.description}${code.isReasonRequired ? ' (reason required)' : ''}`;
}

/**
 * Writes the review sheet. In XLSX each request's `rejection_code` cell is a dropdown of the codes
 * eligible for that request (a range on the `Rejection codes` sheet, which also explains them), and
 * `decision` / `host_messaging` are dropdowns too. CSV carries the codes as text in
 * `eligible_rejection_codes`.
 */
export async function writeReviewSheet(file: string, entries: readonly ReviewEntry[], now: Date): Promise<void> {
  const rows = buildReviewRows(entries, now);
  if (reviewFormatOf(file) === 'csv') {
    await writeCsvTable(file, REVIEW_COLUMNS, rows);
    return;
  }
  const codeRows: TableCell[][] = [];
  const peopleRows: PeopleRow[] = entries.map((entry, index) => {
    const first = codeRows.length + 2;
    for (const code of entry.codes) {
      codeRows.push([entry.portout.id ?? '', code.code, code.description, code.isReasonRequired ? 'yes' : 'no']);
    }
    const codes: Dropdown | undefined =
      entry.codes.length === 0
        ? undefined
        : { range: `'${CODES_SHEET_NAME}'!$B$${first}:$B$${codeRows.length + 1}`, expected: 'one of the codes eligible for this request (see the Rejection codes sheet)' };
    return {
      cells: rows[index] ?? [],
      dropdowns: {
        decision: { values: DECISION_VALUES, expected: 'authorize or reject' },
        host_messaging: { values: ['true', 'false'], expected: 'true or false (blank: false)' },
        ...(codes === undefined ? {} : { rejection_code: codes }),
      },
    };
  });
  await writePeopleWorkbook(file, [
    { name: REVIEW_SHEET_NAME, columns: REVIEW_PEOPLE_COLUMNS, rows: peopleRows },
    { name: CODES_SHEET_NAME, columns: ['portout_id', 'code', 'description', 'reason_required'].map((header) => ({ header })), rows: codeRows.map((cells) => ({ cells })) },
  ]);
}

