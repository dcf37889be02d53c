import { describe, expect, it } from 'vitest';
import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../../src/campaign/journal-records.js';
import type { NumberRecord } from '../../src/core/records.js';
import type { CanonicalColumn } from '../../src/input/columns.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { DocumentInspection } from '../../src/plan/plan-types.js';
import { planFixes } from '../../src/track/plan-fixes.js';

/**
 * One table, every entry point: the same values go through plan's row reading (which `submit`
 * runs too: it applies the plan `plan` builds) and through fix's planning of an edited Exceptions
 * sheet, and must get the same verdict — the same codes on the same columns with the same words.
 * Before src/order-rules/, plan and fix kept their own lists and FOC parsers and disagreed on the
 * first three rows of this table.
 */

const NOW = new Date('2026-11-24T10:00:00Z');
const DOCUMENTS = new Map<string, DocumentInspection>([
  ['loa.pdf', { isReadable: true, document: { sha256: 'a'.repeat(64), path: '/in/loa.pdf', filename: 'loa.pdf', sizeBytes: 10 } }],
  ['invoice.pdf', { isReadable: true, document: { sha256: 'b'.repeat(64), path: '/in/invoice.pdf', filename: 'invoice.pdf', sizeBytes: 10 } }],
]);

type Fields = Partial<Record<CanonicalColumn, string>>;
const BASE: Record<'US' | 'GB', { e164: string; fields: Fields }> = {
  US: {
    e164: '+14155551001',
    fields: {
      entity_name: 'Acme Inc.', auth_person_name: 'Jane Doe', billing_phone_number: '+14155550100', account_number: 'ACC-1', pin_passcode: '1234',
      street_address: '1 Main St', locality: 'San Francisco', administrative_area: 'CA', postal_code: '94105', port_type: 'full',
    },
  },
  GB: {
    e164: '+442079460001',
    fields: {
      entity_name: 'Acme Ltd', auth_person_name: 'Jane Doe', billing_phone_number: '+442079460000', account_number: 'ACC-9', pin_passcode: '0729',
      street_address: '10 Downing St', locality: 'London', administrative_area: 'CA', postal_code: 'SW1A 2AA', port_type: 'full',
    },
  },
};

interface Verdict {
  readonly code: string;
  readonly column: string;
  readonly detail: string;
}

/** Plan's verdict on one row: [] when planned, its issues (place stripped) when blocked. */
function planVerdict(country: 'US' | 'GB', fields: Fields): { status: string; verdict: Verdict[] } {
  const base = BASE[country];
  const record: NumberRecord = {
    ref: { file: 'in.csv', sheet: 'in', row: 2 },
    index: 0,
    inputNumber: base.e164,
    e164: base.e164,
    country,
    numberType: 'local',
    status: 'portable',
    issues: [],
    fields: { loa_file: 'loa.pdf', invoice_file: 'invoice.pdf', ...base.fields, ...fields },
    passthrough: [],
  };
  const plan = buildPlan(
    { campaign: 'c', records: [record], fastPortable: new Map(), documents: DOCUMENTS, existingParts: [] },
    { maxPerOrder: 50, now: NOW, columnHeader: (column) => column },
  );
  const row = plan.rows[0];
  const verdict = (row?.issues ?? []).map((issue) => ({ code: issue.code, column: issue.column ?? '', detail: issue.message.replace(/^in\.csv \[in\] row 2, column "[a-z_]+": /, '') }));
  return { status: row?.status ?? '', verdict };
}

/** Fix's verdict on the same values typed into the Exceptions sheet of an order in exception. */
function fixVerdict(country: 'US' | 'GB', fields: Fields): { kind: string; verdict: Verdict[] } {
  const base = BASE[country];
  const current = Object.fromEntries(EDITABLE_ORDER_FIELDS.map((field) => [field, base.fields[field] ?? ''])) as Record<EditableOrderField, string>;
  current.foc_date = '2026-12-10T15:00:00.000Z';
  const sheet = Object.fromEntries(EDITABLE_ORDER_FIELDS.map((field) => [field, { ...current, ...fields }[field] ?? ''])) as Record<EditableOrderField, string>;
  const [step] = planFixes([{ ref: { file: 'ex.csv', sheet: 'ex', row: 2 }, orderId: 'o1', values: sheet, problems: [] }], {
    orderNow: () => ({ status: 'exception', values: current, countryCode: country }),
    valuesShown: () => current,
    countryOf: () => country,
    columnHeader: (field) => field,
    now: NOW,
  });
  const problems = step?.kind === 'failed' ? (step.problems ?? []) : [];
  return { kind: step?.kind ?? '', verdict: problems.map((p) => ({ code: p.code, column: p.column, detail: p.detail })) };
}

const CASES: Array<{ name: string; country: 'US' | 'GB'; fields: Fields; expected: Verdict[] }> = [
  { name: 'GB service address without administrative_area', country: 'GB', fields: { administrative_area: '' }, expected: [] },
  { name: 'date-only FOC for today', country: 'US', fields: { foc_date: '2026-11-24' }, expected: [] },
  {
    name: 'partial port keeping the rest, no new_billing_phone_number',
    country: 'US',
    fields: { port_type: 'partial', remaining_numbers_action: 'keep', new_billing_phone_number: '' },
    expected: [{ code: 'PARTIAL_PORT_INCOMPLETE', column: 'new_billing_phone_number', detail: "a partial port that keeps the remaining numbers needs the account's new billing number, got an empty cell" }],
  },
  {
    name: 'US service address without administrative_area',
    country: 'US',
    fields: { administrative_area: '' },
    expected: [{ code: 'MISSING_FIELD', column: 'administrative_area', detail: 'expected a state or province for a US service address, got an empty cell' }],
  },
  {
    // (A GB partial port lists the numbers that stay behind as keep/disconnect rows instead: test/submit/uk-partial-port.test.ts.)
    name: 'partial port without remaining_numbers_action',
    country: 'US',
    fields: { port_type: 'Partial' },
    expected: [{ code: 'PARTIAL_PORT_INCOMPLETE', column: 'remaining_numbers_action', detail: 'a partial port must say what happens to the numbers left on the account (keep or disconnect), got an empty cell' }],
  },
  { name: 'partial port, any case, keeping the rest with a new BTN', country: 'US', fields: { port_type: 'Partial', remaining_numbers_action: 'KEEP', new_billing_phone_number: '(415) 555-0111' }, expected: [] },
  { name: 'FOC date-time later today', country: 'US', fields: { foc_date: '2026-11-24T18:00:00Z' }, expected: [] },
  {
    name: 'FOC date in the past',
    country: 'US',
    fields: { foc_date: '2026-11-23' },
    expected: [{ code: 'FOC_IN_PAST', column: 'foc_date', detail: 'expected a FOC date from 2026-11-24 on, got "2026-11-23" (in the past)' }],
  },
  {
    name: 'FOC date-time earlier today',
    country: 'US',
    fields: { foc_date: '2026-11-24 09:00' },
    expected: [{ code: 'FOC_IN_PAST', column: 'foc_date', detail: 'expected a FOC date-time after 2026-11-24T10:00:00.000Z, got "2026-11-24 09:00" (in the past)' }],
  },
  {
    name: 'FOC in another date format',
    country: 'GB',
    fields: { foc_date: '01/12/2026' },
    expected: [{ code: 'INVALID_FIELD', column: 'foc_date', detail: 'expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "01/12/2026"' }],
  },
  {
    name: 'FOC on a day that does not exist',
    country: 'US',
    fields: { foc_date: '2026-02-30' },
    expected: [{ code: 'INVALID_FIELD', column: 'foc_date', detail: 'expected a date as YYYY-MM-DD, got "2026-02-30" (no such day)' }],
  },
  {
    name: 'empty postal_code',
    country: 'GB',
    fields: { postal_code: '' },
    expected: [{ code: 'MISSING_FIELD', column: 'postal_code', detail: 'expected a value (the porting order needs postal_code), got an empty cell' }],
  },
  {
    name: 'BTN that is not a number of the country',
    country: 'US',
    fields: { billing_phone_number: '12' },
    expected: [{ code: 'INVALID_FIELD', column: 'billing_phone_number', detail: 'expected a billing phone number for US, got "12"' }],
  },
  {
    name: 'unknown port type',
    country: 'US',
    fields: { port_type: 'half' },
    expected: [{ code: 'INVALID_FIELD', column: 'port_type', detail: 'expected full or partial, got "half"' }],
  },
];

describe('plan, submit and fix give the same verdict on the same values', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const plan = planVerdict(testCase.country, testCase.fields);
      const fix = fixVerdict(testCase.country, testCase.fields);
      expect(plan.verdict).toEqual(testCase.expected);
      expect(fix.verdict).toEqual(testCase.expected);
      expect(plan.status).toBe(testCase.expected.length === 0 ? 'planned' : 'blocked');
      expect(fix.kind).toBe(testCase.expected.length === 0 ? 'patch' : 'failed');
    });
  }
});

describe('documents are a confirmation rule', () => {
  it('a row without loa_file is planned (a draft) with LOA_MISSING, not blocked', () => {
    const { status, verdict } = planVerdict('US', { loa_file: '' });
    expect(status).toBe('planned');
    expect(verdict).toEqual([{ code: 'LOA_MISSING', column: 'loa_file', detail: 'no LOA yet: the order stays a draft; attach a signed LOA before --confirm' }]);
  });

  it('a loa_file naming a file that is not there blocks the row (the sheet promised a document)', () => {
    const { status, verdict } = planVerdict('US', { loa_file: 'missing.pdf' });
    expect(status).toBe('blocked');
    expect(verdict[0]?.code).toBe('MISSING_DOCUMENT');
  });
});
