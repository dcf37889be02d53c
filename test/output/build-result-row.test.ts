import { describe, expect, it } from 'vitest';
import type { NumberRecord } from '../../src/core/records.js';
import { buildResultRow } from '../../src/output/build-result-row.js';

const REF = { file: 'in.csv', sheet: 'in', row: 7 };

function record(overrides: Partial<NumberRecord>): NumberRecord {
  return { ref: REF, index: 5, inputNumber: '(415) 555-0132 x22', status: 'valid', issues: [], fields: {}, passthrough: ['HQ'], ...overrides };
}

describe('buildResultRow', () => {
  it('fills the columns validate knows and leaves the later ones empty', () => {
    const row = buildResultRow(
      record({ e164: '+14155550132', country: 'US', numberType: 'local', fields: { carrier: 'Verizon', customer_reference: 'PO-7' } }),
    );
    expect(row).toEqual({
      row: '7',
      sheet: 'in',
      input_number: '(415) 555-0132 x22',
      e164: '+14155550132',
      country: 'US',
      number_type: 'local',
      status: 'valid',
      issue_code: '',
      issue: '',
      portable: '',
      fast_portable: '',
      not_portable_reason: '',
      carrier: 'Verizon',
      order_key: '',
      porting_order_id: '',
      order_status: '',
      customer_reference: 'PO-7',
      account_source: '',
      passthrough: ['HQ'],
    });
  });

  it('shows the first error, else the first warning', () => {
    const warning = { code: 'EXTENSION_STRIPPED', ref: REF, message: 'extension "22" removed' } as const;
    const error = { code: 'DUPLICATE_NUMBER', ref: REF, message: 'same number as row 3' } as const;
    expect(buildResultRow(record({ status: 'duplicate', issues: [warning, error] }))).toMatchObject({ issue_code: 'DUPLICATE_NUMBER', issue: 'same number as row 3' });
    expect(buildResultRow(record({ issues: [warning] }))).toMatchObject({ issue_code: 'EXTENSION_STRIPPED', issue: 'extension "22" removed' });
  });

  it('lets a later stage fill its columns', () => {
    expect(buildResultRow(record({}), { status: 'planned', order_key: 'acme-us-local-1' })).toMatchObject({ status: 'planned', order_key: 'acme-us-local-1' });
  });
});
