import type { NumberRecord } from '../../src/core/records.js';

/** US numbers the simulator knows (valid for libphonenumber), one per index. */
export function usNumber(index: number): string {
  return `+1312${String(2_000_000 + index).padStart(7, '0')}`;
}

/**
 * Records as the validate stage hands them on: `count` valid numbers, then invalid and duplicate
 * rows interleaved every `everyNth` row when asked.
 */
export function numberRecords(count: number, extras: { invalidEvery?: number; duplicateEvery?: number; carrierEvery?: number } = {}): NumberRecord[] {
  const records: NumberRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = records.length;
    const ref = { file: 'numbers.csv', sheet: 'numbers.csv', row: index + 2 };
    if (extras.invalidEvery && i % extras.invalidEvery === extras.invalidEvery - 1) {
      records.push({ ref, index, inputNumber: '555-01', status: 'invalid', issues: [{ code: 'TOO_SHORT', ref, message: 'too short' }], fields: {}, passthrough: [] });
      continue;
    }
    if (extras.duplicateEvery && i % extras.duplicateEvery === extras.duplicateEvery - 1 && index > 0) {
      const first = records.find((r) => r.status === 'valid');
      records.push({
        ref, index, inputNumber: first?.inputNumber ?? '', e164: first?.e164, country: 'US', status: 'duplicate',
        issues: [{ code: 'DUPLICATE_NUMBER', ref, message: 'duplicate' }], fields: {}, passthrough: [],
      });
      continue;
    }
    const e164 = usNumber(i);
    const fields = extras.carrierEvery && i % extras.carrierEvery === 0 ? { carrier: 'Sheet Carrier' } : {};
    records.push({ ref, index, inputNumber: e164, e164, country: 'US', numberType: 'local', status: 'valid', issues: [], fields, passthrough: [] });
  }
  return records;
}
