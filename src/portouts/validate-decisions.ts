import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import type { Issue, IssueCode } from '../core/issue-codes.js';
import type { RowRef } from '../core/row-ref.js';
import type { RejectionCode } from './fetch-portouts.js';
import type { ReviewSheet, ReviewSheetRow } from './read-review-sheet.js';
import { describeCode, type ReviewColumn } from './review-sheet.js';

export type DecisionKind = 'authorize' | 'reject';

/** A decided row of the review sheet, checked for form. */
export interface PortoutDecision {
  readonly ref: RowRef;
  readonly portoutId: string;
  readonly decision: DecisionKind;
  readonly rejectionCode: number | undefined;
  readonly reason: string;
  /** Undefined when the cell is blank: Telnyx's default (false) applies. */
  readonly hostMessaging: boolean | undefined;
  /** `status` / `updated_at` as the review saw them ('' when the sheet lacks the column). */
  readonly reviewedStatus: string;
  readonly reviewedUpdatedAt: string;
}

export interface ParsedDecisions {
  readonly decisions: readonly PortoutDecision[];
  /** Rows whose `decision` is blank: left alone. */
  readonly undecided: readonly ReviewSheetRow[];
  readonly issues: readonly Issue[];
}

const DECISION_WORDS: ReadonlyMap<string, DecisionKind> = new Map([
  ['authorize', 'authorize'],
  ['authorized', 'authorize'],
  ['authorise', 'authorize'],
  ['reject', 'reject'],
  ['rejected', 'reject'],
]);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * Checks every decided row for form, without the API: a decision word, a port-out id, a reason (Telnyx
 * requires one for both decisions), a whole-number rejection code exactly when rejecting, a yes/no
 * `host_messaging`, one decision per port-out. Every problem is collected; nothing stops at the first.
 */
export function parseDecisions(sheet: ReviewSheet): ParsedDecisions {
  const decisions: PortoutDecision[] = [];
  const undecided: ReviewSheetRow[] = [];
  const issues: Issue[] = [];
  const firstRowOf = new Map<string, RowRef>();
  const header = (column: ReviewColumn): string => sheet.columnHeaders.get(column) ?? column;

  for (const row of sheet.rows) {
    const { values, ref } = row;
    const issue = (code: IssueCode, column: ReviewColumn, message: string): void => {
      issues.push({ code, ref, column: header(column), message });
    };
    const rawDecision = values.decision ?? '';
    // A cell that cannot be trusted (an identifier Excel stored as a number): the row's decision is not sent.
    if (row.problems.length > 0) {
      issues.push(...row.problems);
      continue;
    }
    if (rawDecision === '') {
      undecided.push(row);
      continue;
    }
    const decision = DECISION_WORDS.get(rawDecision.toLowerCase());
    if (decision === undefined) issue('DECISION_INVALID', 'decision', `expected authorize or reject, got "${rawDecision}"`);

    const portoutId = values.portout_id ?? '';
    if (portoutId === '') {
      issue('PORTOUT_UNKNOWN', 'portout_id', 'expected the id of the port-out this decision is for, got an empty cell');
    } else {
      const first = firstRowOf.get(portoutId);
      if (first !== undefined) issue('DECISION_DUPLICATE', 'portout_id', `expected one decision per port-out; ${portoutId} is already decided on row ${first.row}`);
      else firstRowOf.set(portoutId, ref);
    }

    const reason = values.reason ?? '';
    if (reason === '') issue('REASON_MISSING', 'reason', `expected a reason (Telnyx requires one to ${decision === 'reject' ? 'reject' : 'authorize'}), got an empty cell`);

    const rawCode = values.rejection_code ?? '';
    let rejectionCode: number | undefined;
    if (decision === 'reject') {
      if (rawCode === '') issue('REJECTION_CODE_INELIGIBLE', 'rejection_code', 'expected a rejection code to reject with, got an empty cell');
      else if (!/^\d+$/.test(rawCode)) issue('REJECTION_CODE_INELIGIBLE', 'rejection_code', `expected a whole-number rejection code such as 1002, got "${rawCode}"`);
      else rejectionCode = Number(rawCode);
    } else if (decision === 'authorize' && rawCode !== '') {
      issue('DECISION_INVALID', 'rejection_code', `expected no rejection code when authorizing, got "${rawCode}" (reject instead, or clear the cell)`);
    }

    const rawHost = (values.host_messaging ?? '').toLowerCase();
    const hostMessaging = rawHost === '' ? undefined : TRUE_WORDS.has(rawHost) ? true : FALSE_WORDS.has(rawHost) ? false : null;
    if (hostMessaging === null) issue('DECISION_INVALID', 'host_messaging', `expected true or false, got "${values.host_messaging ?? ''}"`);

    if (decision !== undefined && portoutId !== '' && hostMessaging !== null) {
      decisions.push({
        ref,
        portoutId,
        decision,
        rejectionCode,
        reason,
        hostMessaging,
        reviewedStatus: values.status ?? '',
        reviewedUpdatedAt: values.updated_at ?? '',
      });
    }
  }
  return { decisions, undecided, issues };
}

/**
 * Checks decisions against what Telnyx says now: the port-out exists, and a rejection uses a code
 * eligible for that request (with a reason where the code asks for one). `portouts` maps each id to
 * the request, or undefined when Telnyx answered 404; `codes` holds the eligible codes of rejected ones.
 */
export function checkDecisionsWithServer(
  decisions: readonly PortoutDecision[],
  portouts: ReadonlyMap<string, PortoutDetails | undefined>,
  codes: ReadonlyMap<string, readonly RejectionCode[]>,
  columnHeaders: ReadonlyMap<ReviewColumn, string>,
): Issue[] {
  const header = (column: ReviewColumn): string => columnHeaders.get(column) ?? column;
  const issues: Issue[] = [];
  for (const decision of decisions) {
    if (portouts.get(decision.portoutId) === undefined) {
      issues.push({ code: 'PORTOUT_UNKNOWN', ref: decision.ref, column: header('portout_id'), message: `expected the id of a port-out on this account, got "${decision.portoutId}" (Telnyx: not found)` });
      continue;
    }
    if (decision.decision !== 'reject' || decision.rejectionCode === undefined) continue;
    const eligible = codes.get(decision.portoutId) ?? [];
    const code = eligible.find((c) => c.code === decision.rejectionCode);
    if (code === undefined) {
      const list = eligible.length === 0 ? 'none' : eligible.map(describeCode).join('; ');
      issues.push({
        code: 'REJECTION_CODE_INELIGIBLE',
        ref: decision.ref,
        column: header('rejection_code'),
        message: `expected a rejection code eligible for port-out ${decision.portoutId} (${list}), got ${decision.rejectionCode}`,
      });
    }
  }
  return issues;
}
