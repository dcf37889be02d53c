import type { Issue } from '../core/issue-codes.js';
import { describeRef, type RowRef } from '../core/row-ref.js';
import type { EditedSheetRow } from '../input/read-edited-sheet.js';
import type { VerificationColumn } from './read-verification-sheet.js';

/** A code to verify: the row it came from, its order and number. */
export interface CodeToVerify {
  readonly ref: RowRef;
  readonly orderId: string;
  readonly phoneNumber: string;
  readonly code: string;
}

/** A row without a code: left for later (not a problem). */
export interface RowWithoutCode {
  readonly ref: RowRef;
  readonly orderId: string;
  readonly phoneNumber: string;
}

export interface CheckedVerificationRows {
  readonly codes: readonly CodeToVerify[];
  readonly withoutCode: readonly RowWithoutCode[];
  /** Every problem of every row: when there is one, nothing is sent. */
  readonly issues: readonly Issue[];
}

/** Codes are digits (Telnyx's examples have 5; some carriers send up to 8). */
const CODE_PATTERN = /^\d{4,8}$/;

/**
 * Checks every row of an edited verification sheet before anything is sent (pure): identifier cells Excel
 * stored as numbers (from the reader), a missing or malformed number, a number that is not in one of the
 * campaign's orders awaiting codes (or not in the order the row names), a number on two rows, a code that
 * is not 4 to 8 digits. A row with an empty code is left for later.
 */
export function checkVerificationRows(
  rows: readonly EditedSheetRow<VerificationColumn>[],
  awaiting: ReadonlyMap<string, readonly string[]>,
  columnHeader: (column: VerificationColumn) => string,
  campaign: string,
): CheckedVerificationRows {
  const orderOfNumber = new Map<string, string>();
  for (const [orderId, numbers] of awaiting) for (const n of numbers) orderOfNumber.set(n, orderId);
  const codes: CodeToVerify[] = [];
  const withoutCode: RowWithoutCode[] = [];
  const issues: Issue[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const rowIssues: Issue[] = [...row.problems.map((p) => ({ ...p, message: `${describeRef(p.ref, p.column)}: ${p.message}` }))];
    const problem = (column: VerificationColumn, detail: string): void => {
      const header = columnHeader(column);
      rowIssues.push({ code: 'VERIFICATION_ROW_INVALID', ref: row.ref, column: header, message: `${describeRef(row.ref, header)}: ${detail}` });
    };
    const written = row.values.phone_number ?? '';
    const phoneNumber = written.replace(/[\s().-]/g, '');
    const givenOrder = row.values.porting_order_id ?? '';
    const code = (row.values.code ?? '').replace(/\s/g, '');
    let orderId = '';
    if (row.problems.some((p) => p.column === columnHeader('phone_number'))) {
      // Already reported: Excel turned the number into a number.
    } else if (phoneNumber === '') {
      problem('phone_number', 'expected the +E.164 number the code was sent to, got an empty cell');
    } else if (!/^\+[1-9]\d{5,14}$/.test(phoneNumber)) {
      problem('phone_number', `expected a +E.164 number such as +61412345678, got "${written}"`);
    } else {
      const holder = orderOfNumber.get(phoneNumber);
      if (holder === undefined) {
        problem('phone_number', `${phoneNumber} is not a number of a draft order of campaign ${campaign} that awaits verification codes (already submitted, or not in this campaign)`);
      } else if (givenOrder !== '' && givenOrder !== holder) {
        problem('porting_order_id', `${phoneNumber} is in porting order ${holder}, not ${givenOrder}`);
      } else if (firstRowOf.has(phoneNumber)) {
        problem('phone_number', `${phoneNumber} already has a row (row ${firstRowOf.get(phoneNumber)}); give each number once`);
      } else {
        orderId = holder;
        firstRowOf.set(phoneNumber, row.ref.row);
      }
    }
    if (code !== '' && !CODE_PATTERN.test(code) && !row.problems.some((p) => p.column === columnHeader('code'))) {
      problem('code', `expected the 4 to 8 digits the holder received, got "${row.values.code ?? ''}"`);
    }
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    if (code === '') withoutCode.push({ ref: row.ref, orderId, phoneNumber });
    else codes.push({ ref: row.ref, orderId, phoneNumber, code });
  }
  return { codes, withoutCode, issues };
}
