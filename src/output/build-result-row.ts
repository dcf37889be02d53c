import { ISSUE_CODES, type Issue } from '../core/issue-codes.js';
import type { NumberRecord } from '../core/records.js';
import { describeRef } from '../core/row-ref.js';
import type { ResultRow } from './result-columns.js';

/**
 * A normalized record as a results row. The row shows one issue: the first error, else the first
 * warning; every issue of the row is in the Issues sheet. Columns later stages own (portability,
 * order) are empty unless `extra` fills them.
 */
export function buildResultRow(record: NumberRecord, extra: Partial<ResultRow> = {}): ResultRow {
  const shown = firstIssue(record.issues);
  return {
    row: String(record.ref.row),
    sheet: record.ref.sheet,
    input_number: record.inputNumber,
    e164: record.e164 ?? '',
    country: record.country ?? '',
    number_type: record.numberType ?? '',
    status: record.status,
    issue_code: shown?.code ?? '',
    issue: shown?.message ?? '',
    portable: '',
    fast_portable: '',
    not_portable_reason: '',
    carrier: record.fields.carrier ?? '',
    order_key: '',
    porting_order_id: '',
    order_status: '',
    customer_reference: record.fields.customer_reference ?? '',
    account_source: record.accountSource === undefined ? '' : describeRef(record.accountSource),
    passthrough: record.passthrough,
    ...extra,
  };
}

function firstIssue(issues: readonly Issue[]): Issue | undefined {
  return issues.find((issue) => ISSUE_CODES[issue.code].severity === 'error') ?? issues[0];
}
