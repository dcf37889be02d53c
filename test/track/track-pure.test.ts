import { describe, expect, it } from 'vitest';
import { CampaignState } from '../../src/campaign/campaign-state.js';
import { EDITABLE_ORDER_FIELDS, type EditableOrderField, type JournalRow, type TrackedOrderView } from '../../src/campaign/journal-records.js';
import type { PlannedPart } from '../../src/plan/plan-types.js';
import { EXCEPTION_TYPES } from '../../src/sim/orders/exception-types.js';
import { buildTrackingRows, partsNeedingAttention } from '../../src/track/build-tracking-results.js';
import { describeChanges } from '../../src/track/describe-changes.js';
import { EXCEPTION_GUIDE, guidanceFor } from '../../src/track/exception-guide.js';
import { planCancel } from '../../src/track/plan-cancel.js';
import { planFixes, type FixContext } from '../../src/track/plan-fixes.js';
import type { FixSheetRow } from '../../src/track/read-fix-sheet.js';

const VALUES: Record<EditableOrderField, string> = {
  entity_name: 'Acme Widgets LLC',
  auth_person_name: 'Pat Porter',
  billing_phone_number: '+13035550199',
  account_number: 'ACCT-1',
  pin_passcode: '1234',
  street_address: '600 Congress Avenue',
  extended_address: '',
  locality: 'Austin',
  administrative_area: 'TX',
  postal_code: '78701',
  foc_date: '2026-12-10T15:00:00.000Z',
  port_type: 'full',
  remaining_numbers_action: '',
  new_billing_phone_number: '',
};

function view(status: string, extra: Partial<TrackedOrderView> = {}): TrackedOrderView {
  return { status, detailCodes: [], focRequested: '', focActual: '', requirementsMet: true, missingRequirements: [], supportKey: '', parentSupportKey: '', count: 2, values: VALUES, ...extra };
}

describe('exception guide', () => {
  it('has plain-words guidance for every exception type the spec documents, naming only editable columns', () => {
    expect(Object.keys(EXCEPTION_GUIDE).sort()).toEqual(EXCEPTION_TYPES.map((t) => t.code).sort());
    for (const guidance of Object.values(EXCEPTION_GUIDE)) {
      for (const field of guidance.fields) expect(EDITABLE_ORDER_FIELDS).toContain(field);
    }
    expect(guidanceFor('SOMETHING_NEW')).toBe(EXCEPTION_GUIDE.OTHER);
  });
});

describe('describeChanges', () => {
  it('counts orders per new status, new and cleared exceptions, splits and comments', () => {
    const changes = describeChanges(
      [
        { id: 'a', before: view('submitted'), after: view('foc-date-confirmed') },
        { id: 'b', before: view('submitted'), after: view('foc-date-confirmed', { lastComment: { at: '2026-11-25T10:00:00Z', userType: 'system', body: 'FOC' } }) },
        { id: 'c', before: view('submitted'), after: view('exception', { detailCodes: ['FOC_REJECTED'] }) },
        { id: 'd', before: view('exception', { detailCodes: ['FOC_REJECTED'] }), after: view('exception', { detailCodes: ['FOC_REJECTED', 'SV_CONFLICT'] }) },
        { id: 'e', before: view('exception', { detailCodes: ['OTHER'] }), after: view('in-process') },
        { id: 'f', before: undefined, after: view('submitted'), splitFrom: 'a' },
        { id: 'g', before: { status: 'draft', detailCodes: [] }, after: undefined },
      ],
      false,
    );
    expect(changes.lines).toEqual([
      '2 orders foc-date-confirmed',
      '1 order in-process',
      '2 new exceptions',
      '1 exception cleared',
      '1 order split into 2',
      '1 order gone (deleted)',
      '1 order with a new comment',
    ]);
    expect(describeChanges([{ id: 'a', before: view('ported'), after: view('ported') }], false).lines).toEqual(['nothing moved since the last refresh']);
  });
});

describe('planFixes', () => {
  const row = (values: Partial<Record<EditableOrderField, string>>, orderId = 'o1', line = 2): FixSheetRow => ({ ref: { file: 'ex.csv', sheet: 'ex', row: line }, orderId, values, problems: [] });
  const context = (status = 'exception', shown: Record<EditableOrderField, string> | undefined = VALUES): FixContext => ({
    orderNow: (id) => (id === 'o1' || id === 'o2' ? { status, values: VALUES } : undefined),
    valuesShown: () => shown,
    countryOf: () => 'US',
    columnHeader: (field) => field,
    now: new Date('2026-11-24T10:00:00Z'),
  });

  it('sends only the changed fields, in the PATCH body shape, with phone numbers in E.164', () => {
    const [step] = planFixes([row({ ...VALUES, account_number: 'ACCT-2', billing_phone_number: '(303) 555-0198', extended_address: 'Suite 4' })], context());
    expect(step).toMatchObject({
      kind: 'patch',
      values: { account_number: 'ACCT-2', billing_phone_number: '+13035550198', extended_address: 'Suite 4' },
      body: { end_user: { admin: { account_number: 'ACCT-2', billing_phone_number: '+13035550198' }, location: { extended_address: 'Suite 4' } } },
    });
  });

  it('treats the same number in another format, and values changed on the server since the sheet, as unchanged', () => {
    const shown = { ...VALUES, account_number: 'ACCT-OLD' };
    const [step] = planFixes([row({ billing_phone_number: '303-555-0199', account_number: 'ACCT-OLD' })], context('exception', shown));
    expect(step?.kind).toBe('unchanged');
  });

  it('sends misc whole when the port type changes, and requires remaining_numbers_action for a partial port', () => {
    const [bad, good] = planFixes([row({ port_type: 'partial' }), row({ port_type: 'partial', remaining_numbers_action: 'keep', new_billing_phone_number: '3035550100' }, 'o2', 3)], context());
    expect(bad).toMatchObject({ kind: 'failed', message: 'ex.csv [ex] row 2, column "remaining_numbers_action": a partial port must say what happens to the numbers left on the account (keep or disconnect), got an empty cell' });
    expect(good).toMatchObject({ kind: 'patch', body: { misc: { type: 'partial', remaining_numbers_action: 'keep', new_billing_phone_number: '+13035550100' } } });
  });

  it('skips orders no longer in exception and refuses unknown or repeated orders', () => {
    expect(planFixes([row({ account_number: 'X' })], context('in-process'))[0]).toMatchObject({ kind: 'skipped', message: 'order is now in-process' });
    const steps = planFixes([row({ account_number: 'X' }), row({ account_number: 'Y' }, 'o1', 3), row({ account_number: 'Z' }, 'zz', 4), row({ account_number: 'Z' }, '', 5)], context());
    expect(steps.map((s) => s.kind)).toEqual(['patch', 'failed', 'failed', 'failed']);
    expect(steps[1]).toMatchObject({ message: 'ex.csv [ex] row 3, column "porting_order_id": porting order o1 is already on row 2; one row per order' });
  });
});

describe('planCancel', () => {
  it('deletes drafts, cancels submitted orders, leaves settled ones and reports ported ones', () => {
    const steps = planCancel(['draft', 'in-process', 'exception', 'foc-date-confirmed', 'cancel-pending', 'cancelled', 'deleted', 'ported'].map((status, i) => ({ id: `o${i}`, partKey: 'p', status })));
    expect(steps.map((s) => s.action)).toEqual(['delete', 'cancel', 'cancel', 'cancel', 'none', 'none', 'none', 'none']);
    expect(steps.map((s) => s.isSettled)).toEqual([false, false, false, false, true, true, true, false]);
    expect(steps[7]?.reason).toBe('cannot be cancelled: the numbers are already ported');
  });
});

describe('buildTrackingRows', () => {
  const AT = '2026-11-24T10:00:00.000Z';
  const row = (n: number, e164: string): JournalRow => [n, 'in', e164, e164, 'US', 'local', 'planned', '', '', 'true', 'false', '', 'AT&T', '', 'bp-1', []];

  function campaignWithRejectedCreate(): CampaignState {
    const state = new CampaignState();
    state.apply({ t: 'input', at: AT, file: 'in.csv', path: '/in/in.csv', sha256: 'x', passthroughHeaders: [], rows: [row(2, '+14155550100'), row(3, '+14155550101')] });
    state.apply({ t: 'part', at: AT, part: { key: 'bp-1', numbers: ['+14155550100', '+14155550101'] } as unknown as PlannedPart });
    state.apply({ t: 'intent', at: AT, op: 'create', part: 'bp-1' });
    state.apply({ t: 'failed', at: AT, op: 'create', part: 'bp-1', code: 'ORDER_REJECTED', message: 'Telnyx rejected the porting order: +14155550100 is already in porting order o9' });
    return state;
  }

  it('keeps the rows of a part whose order could not be created failed, with the reason, until a submit creates it', () => {
    const state = campaignWithRejectedCreate();
    const rows = buildTrackingRows(state);
    expect(rows.map((r) => [r.row.status, r.row.issue_code])).toEqual([['failed', 'ORDER_REJECTED'], ['failed', 'ORDER_REJECTED']]);
    expect(rows[1]?.row.issue).toBe('in.csv [in] row 3: Telnyx rejected the porting order: +14155550100 is already in porting order o9');
    expect(partsNeedingAttention(state)).toEqual(['bp-1']);

    state.apply({ t: 'created', at: AT, part: 'bp-1', orders: [{ id: 'o1', numbers: ['+14155550100', '+14155550101'], count: 2, status: 'draft' }], via: 'response' });
    expect(buildTrackingRows(state).map((r) => [r.row.status, r.row.porting_order_id])).toEqual([['draft', 'o1'], ['draft', 'o1']]);
    expect(partsNeedingAttention(state)).toEqual([]);
  });
});
