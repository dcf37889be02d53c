import path from 'node:path';
import type { DataValidation } from 'exceljs';
import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { UsageError } from '../core/errors.js';
import type { RejectionCode } from './fetch-portouts.js';
import { buildPortoutListRow, PORTOUT_REQUEST_COLUMNS, type PortoutExtras } from './portout-list-row.js';
import { writeCsvTable, writeXlsxTables, type TableCell } from './write-table.js';

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
  'eligible_rejection_codes',
  ...DECISION_COLUMNS,
] as const;

export type ReviewColumn = (typeof REVIEW_COLUMNS)[number];

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
      eligible_rejection_codes: codes.map(describeCode).join('; '),
      decision: '',
      rejection_code: '',
      reason: '',
      host_messaging: '',
    };
    return REVIEW_COLUMNS.map((column) => row[column]);
  });
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
  const codeRanges: Array<{ first: number; last: number } | undefined> = [];
  for (const entry of entries) {
    const first = codeRows.length + 2;
    for (const code of entry.codes) {
      codeRows.push([entry.portout.id ?? '', code.code, code.description, code.isReasonRequired ? 'yes' : 'no']);
    }
    codeRanges.push(entry.codes.length === 0 ? undefined : { first, last: codeRows.length + 1 });
  }
  const column = (name: ReviewColumn): number => REVIEW_COLUMNS.indexOf(name) + 1;
  await writeXlsxTables(file, [
    {
      name: REVIEW_SHEET_NAME,
      headers: REVIEW_COLUMNS,
      rows,
      decorate: (worksheet) => {
        codeRanges.forEach((range, index) => {
          const row = worksheet.getRow(index + 2);
          row.getCell(column('decision')).dataValidation = listValidation(`"${DECISION_VALUES.join(',')}"`, 'decision', 'authorize or reject');
          row.getCell(column('host_messaging')).dataValidation = listValidation('"true,false"', 'host_messaging', 'true or false (blank: false)');
          if (range !== undefined) {
            row.getCell(column('rejection_code')).dataValidation = listValidation(
              `'${CODES_SHEET_NAME}'!$B$${range.first}:$B$${range.last}`,
              'rejection_code',
              'one of the codes eligible for this request (see the Rejection codes sheet)',
            );
          }
        });
      },
    },
    { name: CODES_SHEET_NAME, headers: ['portout_id', 'code', 'description', 'reason_required'], rows: codeRows },
  ]);
}

function listValidation(formula: string, column: string, expected: string): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `Invalid ${column}`,
    error: `Expected ${expected}.`,
  };
}
