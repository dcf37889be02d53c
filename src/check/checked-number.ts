import type { Issue } from '../core/issue-codes.js';
import type { NumberRecord } from '../core/records.js';
import type { ResultRow } from '../output/result-columns.js';

/** Telnyx's portability verdict for one number (`POST /portability_checks`). */
export interface Portability {
  readonly portable: boolean;
  readonly fastPortable: boolean;
  /** Telnyx's reason; '' when portable. */
  readonly notPortableReason: string;
}

/**
 * A record after the portability check (docs/architecture.md §8.11: NumberRecord → CheckedNumber). `record` is a
 * copy with the check's status and issues: `portable`, `not_portable` or `failed` for numbers that
 * were sent; unchanged for invalid and duplicate rows, and `valid` for numbers a stopped run never
 * reached.
 */
export interface CheckedNumber {
  readonly record: NumberRecord;
  readonly portability: Portability | undefined;
  /** The losing carrier: from the sheet, else from the number lookup when asked; '' when unknown. */
  readonly carrier: string;
  readonly carrierSource: 'sheet' | 'lookup' | 'none';
}

/** The record with one more status and issue; the input record is left as it was. */
export function withOutcome(record: NumberRecord, status: NumberRecord['status'], issue?: Issue): NumberRecord {
  return { ...record, status, issues: issue === undefined ? [...record.issues] : [...record.issues, issue] };
}

/** The result columns the check owns, for every command that writes checked numbers. */
export function checkResultColumns(checked: CheckedNumber): Partial<ResultRow> {
  const portability = checked.portability;
  return {
    portable: portability === undefined ? '' : String(portability.portable),
    fast_portable: portability === undefined ? '' : String(portability.fastPortable),
    not_portable_reason: portability?.notPortableReason ?? '',
    carrier: checked.carrier,
  };
}
