import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { planApplyStep } from '../../src/portouts/plan-apply-step.js';
import { isInFocRange, resolvePortoutFilters } from '../../src/portouts/portout-filters.js';
import { autoAuthorizeWindow } from '../../src/portouts/portout-list-row.js';
import type { JournalHistory, JournalResult } from '../../src/portouts/portout-journal.js';
import { parseEntries } from '../../src/portouts/portout-journal.js';
import type { ReviewSheet } from '../../src/portouts/read-review-sheet.js';
import type { ReviewColumn } from '../../src/portouts/review-sheet.js';
import { checkDecisionsWithServer, parseDecisions, type PortoutDecision } from '../../src/portouts/validate-decisions.js';

function sheet(rows: Array<Partial<Record<ReviewColumn, string>>>): ReviewSheet {
  return {
    file: 'review.csv',
    sheet: 'review',
    columnHeaders: new Map([['decision', 'Decision']]),
    rows: rows.map((values, i) => ({ ref: { file: 'review.csv', sheet: 'review', row: i + 2 }, values, problems: [] })),
  };
}

describe('parseDecisions', () => {
  test('reads valid rows, leaves blank decisions alone, accepts common spellings', () => {
    const parsed = parseDecisions(
      sheet([
        { portout_id: 'a', decision: 'Authorize', reason: 'ok', updated_at: '2026-01-01T00:00:00.000Z', status: 'pending' },
        { portout_id: 'b', decision: 'rejected', rejection_code: '1002', reason: 'bad PIN', host_messaging: 'yes' },
        { portout_id: 'c', decision: '', reason: 'not decided yet' },
      ]),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.undecided.map((r) => r.values.portout_id)).toEqual(['c']);
    expect(parsed.decisions).toEqual([
      expect.objectContaining({ portoutId: 'a', decision: 'authorize', rejectionCode: undefined, hostMessaging: undefined, reviewedUpdatedAt: '2026-01-01T00:00:00.000Z', reviewedStatus: 'pending' }),
      expect.objectContaining({ portoutId: 'b', decision: 'reject', rejectionCode: 1002, hostMessaging: true, reviewedUpdatedAt: '' }),
    ]);
  });

  test('collects every problem of every row, with row, column, code and an expected/got message', () => {
    const parsed = parseDecisions(
      sheet([
        { portout_id: 'a', decision: 'maybe', reason: 'x' },
        { portout_id: 'b', decision: 'reject', rejection_code: '', reason: '' },
        { portout_id: 'c', decision: 'reject', rejection_code: '10O2', reason: 'x', host_messaging: 'perhaps' },
        { portout_id: 'd', decision: 'authorize', rejection_code: '1002', reason: 'x' },
        { portout_id: '', decision: 'authorize', reason: 'x' },
        { portout_id: 'a', decision: 'authorize', reason: 'x' },
      ]),
    );
    expect(parsed.issues.map((i) => [i.ref.row, i.column, i.code])).toEqual([
      [2, 'Decision', 'DECISION_INVALID'],
      [3, 'reason', 'REASON_MISSING'],
      [3, 'rejection_code', 'REJECTION_CODE_INELIGIBLE'],
      [4, 'rejection_code', 'REJECTION_CODE_INELIGIBLE'],
      [4, 'host_messaging', 'DECISION_INVALID'],
      [5, 'rejection_code', 'DECISION_INVALID'],
      [6, 'portout_id', 'PORTOUT_UNKNOWN'],
      [7, 'portout_id', 'DECISION_DUPLICATE'],
    ]);
    expect(parsed.issues[0]?.message).toBe('expected authorize or reject, got "maybe"');
    expect(parsed.issues[3]?.message).toBe('expected a whole-number rejection code such as 1002, got "10O2"');
    expect(parsed.issues[7]?.message).toBe('expected one decision per port-out; a is already decided on row 2');
  });

  test('server checks: unknown id, and a code not eligible for that request (the eligible ones are listed)', () => {
    const decision = (id: string, code?: number): PortoutDecision => ({
      ref: { file: 'r.xlsx', sheet: 'Review', row: 2 },
      portoutId: id,
      decision: code === undefined ? 'authorize' : 'reject',
      rejectionCode: code,
      reason: 'x',
      hostMessaging: undefined,
      reviewedStatus: 'pending',
      reviewedUpdatedAt: '',
    });
    const issues = checkDecisionsWithServer(
      [decision('gone'), decision('p1', 1003), decision('p1', 1002)],
      new Map([['gone', undefined], ['p1', { id: 'p1', status: 'pending' as const }]]),
      new Map([['p1', [{ code: 1001, description: 'Other', isReasonRequired: true }, { code: 1002, description: 'Invalid PIN', isReasonRequired: false }]]]),
      new Map(),
    );
    expect(issues.map((i) => i.code)).toEqual(['PORTOUT_UNKNOWN', 'REJECTION_CODE_INELIGIBLE']);
    expect(issues[1]?.message).toBe('expected a rejection code eligible for port-out p1 (1001 Other (reason required); 1002 Invalid PIN), got 1003');
  });
});

describe('planApplyStep (the journal rule)', () => {
  const reviewed = '2026-11-24T08:00:00.000Z';
  const decision = (kind: 'authorize' | 'reject'): PortoutDecision => ({
    ref: { file: 'r.xlsx', sheet: 'Review', row: 2 },
    portoutId: 'p1',
    decision: kind,
    rejectionCode: kind === 'reject' ? 1002 : undefined,
    reason: 'x',
    hostMessaging: undefined,
    reviewedStatus: 'pending',
    reviewedUpdatedAt: reviewed,
  });
  const applied: JournalResult = { type: 'result', at: '2026-11-24T09:00:00.000Z', runId: 'r', portoutId: 'p1', reviewedUpdatedAt: reviewed, outcome: 'applied' };
  const none: JournalHistory = { hasIntent: false, lastResult: undefined };
  const intentOnly: JournalHistory = { hasIntent: true, lastResult: undefined };

  test.each([
    ['pending as reviewed → send', 'authorize', 'pending', reviewed, none, 'send'],
    ['same instant written differently → send', 'authorize', 'pending', '2026-11-24T08:00:00Z', none, 'send'],
    ['intent without result, still pending as reviewed → the call never landed: send', 'reject', 'pending', reviewed, intentOnly, 'send'],
    ['already authorized by someone else', 'authorize', 'authorized', '2026-11-24T09:00:00.000Z', none, 'skipped: already authorized'],
    ['authorized by our earlier run (intent journaled, result lost)', 'authorize', 'authorized', '2026-11-24T09:00:00.000Z', intentOnly, 'applied (by an earlier run; now authorized)'],
    ['a rejection Porting Ops confirmed counts as done', 'reject', 'rejected', '2026-11-24T09:00:00.000Z', none, 'skipped: already rejected'],
    ['auto-authorized before a reject could be sent', 'reject', 'authorized', '2026-11-25T08:00:00.000Z', none, 'skipped: no longer pending (status authorized)'],
    ['changed since review', 'authorize', 'pending', '2026-11-24T08:30:00.000Z', none, 'skipped: changed since review (updated_at 2026-11-24T08:00:00.000Z → 2026-11-24T08:30:00.000Z); review it again'],
    [
      'moved back to pending after our decision: not re-sent from the old sheet',
      'reject',
      'pending',
      '2026-11-24T10:00:00.000Z',
      { hasIntent: true, lastResult: applied },
      'skipped: applied on 2026-11-24T09:00:00.000Z but pending again since 2026-11-24T10:00:00.000Z; review it again to decide',
    ],
  ] as const)('%s', (_name, kind, status, updatedAt, history, expected) => {
    const step = planApplyStep(decision(kind), { id: 'p1', status, updated_at: updatedAt }, history);
    expect(step.action === 'send' ? 'send' : step.outcome.text).toBe(expected);
  });
});

describe('filters and deadlines', () => {
  test('flags become API filters; a FOC range stays local; bad values are usage errors', () => {
    expect(resolvePortoutFilters({ status: ['pending,authorized'], carrier: 'Verizon Wireless', country: 'us', 'foc-from': '2026-12-01' })).toEqual({
      api: { status_in: ['pending', 'authorized'], carrier_name: 'Verizon Wireless', country_code: 'US' },
      focRange: { from: '2026-12-01', to: undefined },
    });
    expect(resolvePortoutFilters({ status: ['pending'], 'phone-number': '+13035551212', pon: 'P1', spid: '6529' }).api).toEqual({
      status: 'pending',
      phone_number: '+13035551212',
      pon: 'P1',
      spid: '6529',
    });
    expect(() => resolvePortoutFilters({ status: ['approved'] })).toThrow(UsageError);
    expect(() => resolvePortoutFilters({ 'foc-from': '2026-02-30' })).toThrow('--foc-from: expected a date as YYYY-MM-DD, got "2026-02-30"');
    expect(() => resolvePortoutFilters({ 'foc-from': '2026-12-02', 'foc-to': '2026-12-01' })).toThrow(UsageError);
    expect(() => resolvePortoutFilters({ 'phone-number': '3035551212' })).toThrow(UsageError);
  });

  test('FOC range is inclusive and by UTC calendar day', () => {
    const range = { from: '2026-12-01', to: '2026-12-03' };
    expect(isInFocRange({ foc_date: '2026-12-01T00:00:00.000Z' }, range)).toBe(true);
    expect(isInFocRange({ foc_date: '2026-12-03T23:59:59.000Z' }, range)).toBe(true);
    expect(isInFocRange({ foc_date: '2026-12-04T00:00:00.000Z' }, range)).toBe(false);
    expect(isInFocRange({}, range)).toBe(false);
    expect(isInFocRange({}, { from: undefined, to: undefined })).toBe(true);
  });

  test('hours left before auto-authorization: both bounds, only for pending, never negative', () => {
    const now = new Date('2026-11-24T12:00:00.000Z');
    expect(autoAuthorizeWindow({ status: 'pending', created_at: '2026-11-24T02:00:00.000Z' }, now)).toEqual({ earliestHours: 14, latestHours: 38 });
    expect(autoAuthorizeWindow({ status: 'pending', created_at: '2026-11-22T00:00:00.000Z' }, now)).toEqual({ earliestHours: 0, latestHours: 0 });
    expect(autoAuthorizeWindow({ status: 'authorized', created_at: '2026-11-24T02:00:00.000Z' }, now)).toBeUndefined();
  });

  test('a torn last journal line (killed mid-write) is ignored', () => {
    const text = `${JSON.stringify({ type: 'intent', portoutId: 'p1', reviewedUpdatedAt: '' })}\n{"type":"resu`;
    expect(parseEntries(text)).toHaveLength(1);
  });
});
