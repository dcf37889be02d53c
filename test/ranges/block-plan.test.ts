import { describe, expect, it } from 'vitest';
import { blockProbes, foldBlockAnswers } from '../../src/check/block-probes.js';
import type { NumberBlock, NumberRecord } from '../../src/core/records.js';
import type { CanonicalColumn } from '../../src/input/columns.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { partSize } from '../../src/plan/plan-types.js';
import { createOrderBody } from '../../src/submit/create-order-body.js';

const BERLIN: Partial<Record<CanonicalColumn, string>> = {
  entity_name: 'Beispiel GmbH',
  auth_person_name: 'Erika Mustermann',
  billing_phone_number: '+49 30 901820',
  account_number: 'KD-4711',
  street_address: 'Unter den Linden 1',
  locality: 'Berlin',
  postal_code: '10117',
};

function hundred(start: string, size = 100): NumberBlock {
  const end = `+${String(Number(start.slice(1)) + size - 1)}`;
  return { start, end, size, activationRanges: [{ start, end }] };
}

function record(index: number, e164: string, block?: NumberBlock): NumberRecord {
  return {
    ref: { file: 'in.csv', sheet: 'in', row: index + 2 },
    index,
    inputNumber: e164,
    e164,
    country: 'DE',
    numberType: 'local',
    status: 'portable',
    issues: [],
    fields: BERLIN,
    passthrough: [],
    ...(block === undefined ? {} : { block }),
  };
}

describe('German blocks in the plan', () => {
  it('count as their size toward --max-per-order and are never split across parts', () => {
    const records = [
      record(0, '+4930244999900', hundred('+4930244999900')),
      record(1, '+4930244998900', hundred('+4930244998900', 60)),
      record(2, '+49309018201'),
      record(3, '+49309018202'),
    ];
    const plan = buildPlan({ campaign: 'c1', records, fastPortable: new Map(), documents: new Map(), existingParts: [] }, { maxPerOrder: 120, now: new Date('2026-11-24T10:00:00Z'), columnHeader: (c) => c });
    expect(plan.newParts.map((part) => [partSize(part), part.numbers, (part.blocks ?? []).map((b) => b.start)])).toEqual([
      [60, ['+4930244998900'], ['+4930244998900']],
      [102, ['+4930244999900', '+49309018201', '+49309018202'], ['+4930244999900']],
    ]);
    // The create body holds the block in phone_number_blocks and only the single numbers in phone_numbers.
    expect(createOrderBody(plan.newParts[1]!, 'c1')).toEqual({
      phone_numbers: ['+49309018201', '+49309018202'],
      customer_reference: plan.newParts[1]?.key,
      customer_group_reference: 'c1',
      phone_number_blocks: [{ phone_number_range: { start_at: '+4930244999900', end_at: '+4930244999999' }, activation_ranges: [{ start_at: '+4930244999900', end_at: '+4930244999999' }] }],
    });
  });

  it('a block larger than --max-per-order is a part of its own', () => {
    const records = [record(0, '+4930244999000', hundred('+4930244999000', 1000)), record(1, '+49309018201')];
    const plan = buildPlan({ campaign: 'c1', records, fastPortable: new Map(), documents: new Map(), existingParts: [] }, { maxPerOrder: 500, now: new Date('2026-11-24T10:00:00Z'), columnHeader: (c) => c });
    expect(plan.newParts.map((part) => partSize(part)).sort((a, b) => a - b)).toEqual([1, 1000]);
  });
});

describe('checking a block number by number', () => {
  const block = { ...record(0, '+4930244999900', hundred('+4930244999900', 3)), status: 'valid' as const };
  const probes = blockProbes(block);
  const answer = (probe: NumberRecord, portable: boolean, fastPortable = false, reason = '') => ({
    record: { ...probe, status: portable ? ('portable' as const) : ('not_portable' as const) },
    portability: { portable, fastPortable, notPortableReason: reason },
  });

  it('sends one probe per number, without the block', () => {
    expect(probes.map((p) => [p.e164, p.block])).toEqual([
      ['+4930244999900', undefined],
      ['+4930244999901', undefined],
      ['+4930244999902', undefined],
    ]);
  });

  it('is portable when every number is, FastPort only when every number is', () => {
    const folded = foldBlockAnswers(block, probes.map((p, i) => answer(p, true, i !== 1)));
    expect(folded?.record.status).toBe('portable');
    expect(folded?.portability).toEqual({ portable: true, fastPortable: false, notPortableReason: '' });
  });

  it('is not portable when a number is not, naming the numbers and reasons', () => {
    const folded = foldBlockAnswers(block, probes.map((p, i) => answer(p, i !== 2, false, 'No coverage')));
    expect(folded?.record.status).toBe('not_portable');
    expect(folded?.record.issues.at(-1)?.message).toBe(
      'Telnyx cannot port the block +4930244999900 to +4930244999902: 1 of 3 numbers of the block cannot be ported: +4930244999902 (No coverage)',
    );
  });

  it('fails when a number could not be checked, and stays unchecked when a stopped run left numbers unanswered', () => {
    const failed = { record: { ...probes[0]!, status: 'failed' as const, issues: [{ code: 'CHECK_FAILED' as const, ref: block.ref, message: 'timed out' }] }, portability: undefined };
    expect(foldBlockAnswers(block, [failed, answer(probes[1]!, true), answer(probes[2]!, true)])?.record.status).toBe('failed');
    expect(foldBlockAnswers(block, [answer(probes[0]!, true), undefined, undefined])).toBeUndefined();
  });
});
