import { describe, expect, it } from 'vitest';
import type { NumberRecord } from '../../src/core/records.js';
import type { CanonicalColumn } from '../../src/input/columns.js';
import { buildPlan, type PlanOptions } from '../../src/plan/build-plan.js';
import type { DocumentInspection, ExistingPart, OrderPlan } from '../../src/plan/plan-types.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const LOA = { sha256: 'a'.repeat(64), path: '/in/loa.pdf', filename: 'loa.pdf', sizeBytes: 10 };
const INVOICE = { sha256: 'b'.repeat(64), path: '/in/invoice.pdf', filename: 'invoice.pdf', sizeBytes: 10 };
const DOCUMENTS = new Map<string, DocumentInspection>([
  ['loa.pdf', { isReadable: true, document: LOA }],
  ['LOA copy.pdf', { isReadable: true, document: LOA }],
  ['invoice.pdf', { isReadable: true, document: INVOICE }],
  ['other-invoice.pdf', { isReadable: true, document: { ...INVOICE, sha256: 'c'.repeat(64), filename: 'other-invoice.pdf' } }],
  ['gone.pdf', { isReadable: false, code: 'MISSING_DOCUMENT', path: '/in/gone.pdf', reason: 'file not found' }],
]);

const BASE: Partial<Record<CanonicalColumn, string>> = {
  entity_name: 'Acme Inc.',
  auth_person_name: 'Jane Doe',
  billing_phone_number: '(415) 555-0100',
  account_number: 'ACC-1',
  pin_passcode: '1234',
  street_address: '1 Main St',
  locality: 'San Francisco',
  administrative_area: 'CA',
  postal_code: '94105',
  loa_file: 'loa.pdf',
  invoice_file: 'invoice.pdf',
};

const OPTIONS: PlanOptions = { maxPerOrder: 50, now: NOW, columnHeader: (column) => column };

let nextIndex = 0;
function record(e164: string, fields: Partial<Record<CanonicalColumn, string>> = {}, extra: Partial<NumberRecord> = {}): NumberRecord {
  const index = nextIndex++;
  return {
    ref: { file: 'in.csv', sheet: 'in', row: index + 2 },
    index,
    inputNumber: e164,
    e164,
    country: 'US',
    numberType: 'local',
    status: 'portable',
    issues: [],
    fields: { ...BASE, ...fields },
    passthrough: [],
    ...extra,
  };
}

function plan(records: NumberRecord[], options: Partial<PlanOptions> = {}, existingParts: ExistingPart[] = [], fastPortable = new Map<string, boolean>()): OrderPlan {
  const reindexed = records.map((r, index) => ({ ...r, index, ref: { ...r.ref, row: index + 2 } }));
  return buildPlan({ campaign: 'c1', records: reindexed, fastPortable, documents: DOCUMENTS, existingParts }, { ...OPTIONS, ...options });
}

const n = (i: number): string => `+1415555${String(1000 + i)}`;

describe('grouping: what goes into one order', () => {
  const cases: Array<{ name: string; second: Partial<Record<CanonicalColumn, string>>; secondExtra?: Partial<NumberRecord>; parts: number }> = [
    { name: 'identical rows', second: {}, parts: 1 },
    { name: 'entity name differs only in case and punctuation', second: { entity_name: 'ACME, inc' }, parts: 1 },
    { name: 'BTN written another way', second: { billing_phone_number: '+1 415 555 0100' }, parts: 1 },
    { name: 'account number with spaces', second: { account_number: 'acc 1' }, parts: 1 },
    { name: 'address with different spacing', second: { street_address: '1  MAIN st.' }, parts: 1 },
    { name: 'blank PIN takes the account PIN', second: { pin_passcode: '' }, parts: 1 },
    { name: 'same LOA content under another name', second: { loa_file: 'LOA copy.pdf' }, parts: 1 },
    { name: 'another service address', second: { street_address: '2 Main St' }, parts: 2 },
    { name: 'another country', second: {}, secondExtra: { country: 'CA' }, parts: 2 },
    { name: 'toll-free vs local', second: {}, secondExtra: { numberType: 'toll_free' }, parts: 2 },
    { name: 'another carrier', second: { carrier: 'Verizon' }, parts: 2 },
    { name: 'another FOC date', second: { foc_date: '2026-12-15' }, parts: 2 },
    { name: 'partial vs full', second: { port_type: 'partial', remaining_numbers_action: 'disconnect' }, parts: 2 },
    { name: 'another invoice file content', second: { invoice_file: 'other-invoice.pdf' }, parts: 2 },
    { name: 'another connection', second: { connection_id: '123' }, parts: 2 },
    { name: 'another messaging profile', second: { messaging_profile_id: 'mp-1' }, parts: 2 },
    { name: 'another account', second: { account_number: 'ACC-2' }, parts: 2 },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.parts} part(s)`, () => {
      const result = plan([record(n(1)), record(n(2), testCase.second, testCase.secondExtra)]);
      expect(result.newParts).toHaveLength(testCase.parts);
      expect(result.rows.map((r) => r.status)).toEqual(['planned', 'planned']);
      expect(result.newParts.flatMap((p) => p.numbers).sort()).toEqual([n(1), n(2)]);
    });
  }

  it('splits by FastPort eligibility from the check', () => {
    const result = plan([record(n(1)), record(n(2))], {}, [], new Map([[n(1), true]]));
    expect(result.newParts.map((p) => p.isFastPortable).sort()).toEqual([false, true]);
  });

  it('cuts a group into parts of at most --max-per-order numbers, sorted by number', () => {
    const result = plan([5, 3, 1, 4, 2].map((i) => record(n(i))), { maxPerOrder: 2 });
    expect(result.newParts.map((p) => p.numbers)).toEqual([[n(1), n(2)], [n(3), n(4)], [n(5)]]);
  });

  it('sends the BTN in E.164 and the values as the first row wrote them', () => {
    const result = plan([record(n(1), { pin_passcode: '' }), record(n(2))]);
    const part = result.newParts[0];
    expect(part?.endUser.admin).toMatchObject({ entity_name: 'Acme Inc.', billing_phone_number: '+14155550100', pin_passcode: '1234' });
    expect(part?.endUser.location.country_code).toBe('US');
    expect(part?.settings.loa?.sha256).toBe(LOA.sha256);
  });

  it('keeps the sheet\'s own customer_reference for the Orders sheet, not as the order key', () => {
    const result = plan([record(n(1), { customer_reference: 'PO-7' }), record(n(2), { customer_reference: 'PO-8' })]);
    expect(result.newParts[0]?.customerReferences).toEqual(['PO-7', 'PO-8']);
    expect(result.newParts[0]?.key).toMatch(/^bp-[0-9a-f]{16}$/);
  });
});

describe('grouping: part keys come from content', () => {
  it('the same sheet in another row order yields the same keys', () => {
    const rows = [1, 2, 3, 4, 5].map((i) => [n(i), i % 2 === 0 ? { carrier: 'AT&T' } : {}] as const);
    const a = plan(rows.map(([e164, fields]) => record(e164, fields)), { maxPerOrder: 2 });
    const b = plan([...rows].reverse().map(([e164, fields]) => record(e164, fields)), { maxPerOrder: 2 });
    expect(new Set(a.newParts.map((p) => p.key))).toEqual(new Set(b.newParts.map((p) => p.key)));
  });

  it('a changed detail changes the key', () => {
    const a = plan([record(n(1))]);
    const b = plan([record(n(1), { locality: 'Oakland' })]);
    expect(a.newParts[0]?.key).not.toBe(b.newParts[0]?.key);
  });
});

describe('end user conflicts', () => {
  it('blocks every row of an account with two PINs, naming the values and rows', () => {
    const result = plan([record(n(1)), record(n(2), { pin_passcode: '9999' }), record(n(3)), record(n(4), { account_number: 'OTHER' })]);
    expect(result.rows.map((r) => r.status)).toEqual(['blocked', 'blocked', 'blocked', 'planned']);
    const issue = result.rows[0]?.issues[0];
    expect(issue?.code).toBe('END_USER_CONFLICT');
    expect(issue?.column).toBe('pin_passcode');
    expect(issue?.message).toBe('in.csv [in] row 2, column "pin_passcode": account "ACC-1": expected one value per account, found pin_passcode: •••• (4 digits) (rows 2, 4), •••• (4 digits) (row 3); not merged, correct the sheet so the rows agree');
    // The PINs themselves are never shown (docs/design.md §9).
    expect(issue?.message).not.toMatch(/1234|9999/);
  });

  it('blocks an account whose BTN really differs', () => {
    const result = plan([record(n(1)), record(n(2), { billing_phone_number: '415-555-0199' })]);
    expect(result.rows.map((r) => r.issues[0]?.code)).toEqual(['END_USER_CONFLICT', 'END_USER_CONFLICT']);
  });

  it('names the file\'s own header in issues', () => {
    const result = plan([record(n(1)), record(n(2), { entity_name: 'Other Corp' })], { columnHeader: (c) => (c === 'entity_name' ? 'Company' : c) });
    expect(result.rows[0]?.issues[0]?.column).toBe('Company');
    expect(result.rows[0]?.issues[0]?.message).toContain('Company: "Acme Inc." (row 2), "Other Corp" (row 3)');
  });
});

describe('plan checks', () => {
  const cases: Array<{ name: string; fields: Partial<Record<CanonicalColumn, string>>; code: string; column: string; message: string }> = [
    { name: 'invoice file missing', fields: { invoice_file: 'gone.pdf' }, code: 'MISSING_DOCUMENT', column: 'invoice_file', message: 'in.csv [in] row 2, column "invoice_file": expected a readable invoice file, got "gone.pdf" (file not found at /in/gone.pdf)' },
    { name: 'account field missing', fields: { postal_code: '' }, code: 'MISSING_FIELD', column: 'postal_code', message: 'in.csv [in] row 2, column "postal_code": expected a value (the porting order needs postal_code), got an empty cell' },
    { name: 'FOC date in the past', fields: { foc_date: '2026-11-23' }, code: 'FOC_IN_PAST', column: 'foc_date', message: 'in.csv [in] row 2, column "foc_date": expected a FOC date from 2026-11-24 on, got "2026-11-23" (in the past)' },
    { name: 'FOC date-time in the past', fields: { foc_date: '2026-11-24T09:00:00Z' }, code: 'FOC_IN_PAST', column: 'foc_date', message: 'in.csv [in] row 2, column "foc_date": expected a FOC date-time after 2026-11-24T10:00:00.000Z, got "2026-11-24T09:00:00Z" (in the past)' },
    { name: 'FOC not a date', fields: { foc_date: '12/01/2026' }, code: 'INVALID_FIELD', column: 'foc_date', message: 'in.csv [in] row 2, column "foc_date": expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "12/01/2026"' },
    { name: 'partial port without remaining_numbers_action', fields: { port_type: 'Partial' }, code: 'PARTIAL_PORT_INCOMPLETE', column: 'remaining_numbers_action', message: 'in.csv [in] row 2, column "remaining_numbers_action": a partial port must say what happens to the numbers left on the account (keep or disconnect), got an empty cell' },
    { name: 'partial port keeping the rest without a new BTN', fields: { port_type: 'partial', remaining_numbers_action: 'keep' }, code: 'PARTIAL_PORT_INCOMPLETE', column: 'new_billing_phone_number', message: 'in.csv [in] row 2, column "new_billing_phone_number": a partial port that keeps the remaining numbers needs the account\'s new billing number, got an empty cell' },
    { name: 'FOC in words', fields: { foc_date: 'next tuesday' }, code: 'INVALID_FIELD', column: 'foc_date', message: 'in.csv [in] row 2, column "foc_date": expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "next tuesday"' },
    { name: 'unknown port type', fields: { port_type: 'half' }, code: 'INVALID_FIELD', column: 'port_type', message: 'in.csv [in] row 2, column "port_type": expected full or partial, got "half"' },
    { name: 'BTN not a number', fields: { billing_phone_number: '12' }, code: 'INVALID_FIELD', column: 'billing_phone_number', message: 'in.csv [in] row 2, column "billing_phone_number": expected a billing phone number for US, got "12"' },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} → blocked ${testCase.code}`, () => {
      const result = plan([record(n(1), testCase.fields), record(n(2), { account_number: 'ACC-2' })]);
      expect(result.rows[0]?.status).toBe('blocked');
      expect(result.rows[0]?.issues).toEqual([{ code: testCase.code, ref: { file: 'in.csv', sheet: 'in', row: 2 }, column: testCase.column, message: testCase.message }]);
      expect(result.rows[1]?.status).toBe('planned');
    });
  }

  it('orders a row without an LOA or invoice as a draft, with what --confirm will need (docs/design.md §9)', () => {
    const result = plan([record(n(1), { loa_file: '', invoice_file: '' }), record(n(2), { account_number: 'ACC-2' })]);
    expect(result.rows[0]?.status).toBe('planned');
    expect(result.rows[0]?.issues).toEqual([
      { code: 'LOA_MISSING', ref: { file: 'in.csv', sheet: 'in', row: 2 }, column: 'loa_file', message: 'in.csv [in] row 2, column "loa_file": no LOA yet: the order stays a draft; attach a signed LOA before --confirm' },
      { code: 'INVOICE_MISSING', ref: { file: 'in.csv', sheet: 'in', row: 2 }, column: 'invoice_file', message: 'in.csv [in] row 2, column "invoice_file": no invoice yet: the order stays a draft; attach a recent invoice before --confirm' },
    ]);
    expect(result.newParts[0]?.settings.loa).toBeUndefined();
    expect(result.rows[1]?.issues).toEqual([]);
  });

  it('gives a draft part its LOA once the sheet names one for every row of it', () => {
    const draft = plan([record(n(1), { loa_file: '' }), record(n(2), { loa_file: '' })]);
    const part = draft.newParts[0];
    if (part === undefined) throw new Error('fixture: no part');
    const existing: ExistingPart[] = [{ key: part.key, numbers: part.numbers, part, orderIds: ['order-1'] }];
    expect(plan([record(n(1), { loa_file: '' }), record(n(2))], {}, existing).existingParts[0]?.part?.settings.loa).toBeUndefined();
    const again = plan([record(n(1)), record(n(2), { loa_file: 'LOA copy.pdf' })], {}, existing);
    expect(again.rows.map((r) => r.status)).toEqual(['ordered', 'ordered']);
    expect(again.existingParts[0]?.part?.settings.loa).toEqual(LOA);
    expect(again.existingParts[0]?.part?.key).toBe(part.key);
  });

  it('accepts today\'s date as FOC (it is not over yet)', () => {
    expect(plan([record(n(1), { foc_date: '2026-11-24' })]).newParts[0]?.settings.focDatetimeRequested).toBe('2026-11-24T00:00:00.000Z');
  });

  it('leaves rows the check did not pass as they were', () => {
    const result = plan([record(n(1), {}, { status: 'not_portable' }), record(n(2), {}, { status: 'invalid', e164: undefined }), record(n(3))]);
    expect(result.rows.map((r) => r.status)).toEqual(['not_portable', 'invalid', 'planned']);
    expect(result.newParts.flatMap((p) => p.numbers)).toEqual([n(3)]);
  });

  it('uses --connection-id where the column is blank, the column where given', () => {
    const result = plan([record(n(1)), record(n(2), { connection_id: 'col-conn' })], { connectionId: 'flag-conn', messagingProfileId: 'flag-mp' });
    expect(result.newParts.map((p) => p.settings.connectionId).sort()).toEqual(['col-conn', 'flag-conn']);
    expect(result.newParts.map((p) => p.settings.messagingProfileId)).toEqual(['flag-mp', 'flag-mp']);
  });
});

describe('re-submitting an edited sheet', () => {
  const first = plan([1, 2, 3, 4, 5].map((i) => record(n(i))), { maxPerOrder: 2 });
  const orderedPart = first.newParts[0];
  if (orderedPart === undefined) throw new Error('fixture: no part');
  const existing: ExistingPart[] = [{ key: orderedPart.key, numbers: orderedPart.numbers, part: orderedPart, orderIds: ['order-1'] }];

  it('leaves numbers already ordered alone and keeps the other parts\' keys', () => {
    const again = plan([1, 2, 3, 4, 5].map((i) => record(n(i))), { maxPerOrder: 2 }, existing);
    expect(again.rows.slice(0, 2).map((r) => [r.status, r.partKey])).toEqual([['ordered', orderedPart.key], ['ordered', orderedPart.key]]);
    expect(again.newParts.map((p) => p.key)).toEqual(first.newParts.slice(1).map((p) => p.key));
  });

  it('adds new numbers as new parts', () => {
    const again = plan([1, 2, 3, 4, 5, 6].map((i) => record(n(i))), { maxPerOrder: 2 }, existing);
    expect(again.newParts.flatMap((p) => p.numbers).sort()).toEqual([n(3), n(4), n(5), n(6)]);
    expect(again.newParts.some((p) => p.key === orderedPart.key)).toBe(false);
  });

  it('reports numbers of the campaign the sheet no longer lists', () => {
    const again = plan([2, 3].map((i) => record(n(i))), { maxPerOrder: 2 }, existing);
    expect(again.removedNumbers).toEqual([{ e164: n(1), partKey: orderedPart.key }]);
  });

  it('a number already ordered stays ordered even if a new check calls it not portable', () => {
    const again = plan([record(n(1), {}, { status: 'not_portable' })], { maxPerOrder: 2 }, existing);
    expect(again.rows[0]?.status).toBe('ordered');
  });

  it('orders a blocked row once it is corrected', () => {
    const blocked = plan([record(n(7)), record(n(8), { pin_passcode: '0000' })], {}, existing);
    expect(blocked.rows.map((r) => r.status)).toEqual(['blocked', 'blocked']);
    const corrected = plan([record(n(7)), record(n(8))], {}, existing);
    expect(corrected.rows.map((r) => r.status)).toEqual(['planned', 'planned']);
  });

  it('blocks a new row that contradicts an ordered row of the same account, leaving the ordered row alone', () => {
    const again = plan([record(n(1)), record(n(9), { pin_passcode: '5555' })], {}, existing);
    expect(again.rows.map((r) => r.status)).toEqual(['ordered', 'blocked']);
  });
});
