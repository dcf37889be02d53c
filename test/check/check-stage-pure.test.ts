import { describe, expect, it } from 'vitest';
import { ApiRejectedError } from '../../src/api/api-errors.js';
import { BatchQueue } from '../../src/check/batch-queue.js';
import { classifyBatchRejection } from '../../src/check/batch-rejection.js';
import { carrierFromLookup } from '../../src/check/carrier-from-lookup.js';
import { checkResultColumns } from '../../src/check/checked-number.js';
import { joinPortabilityAnswers } from '../../src/check/portability-answers.js';
import { numberRecords } from './number-records.js';

const rejection = (status: number, pointers: Array<string | undefined>) =>
  new ApiRejectedError('check', status, pointers.map((pointer, i) => ({ code: '10015', title: 'Invalid', detail: `bad ${i}`, pointer, parameter: undefined })));

describe('BatchQueue', () => {
  it('cuts batches lazily, halves on a size refusal, and sends returned pieces first', () => {
    const records = numberRecords(25);
    const queue = new BatchQueue(records, 10);
    const first = queue.next()!;
    expect(first.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    queue.shrinkAndReturn(first);
    expect(queue.batchSize).toBe(5);
    expect(queue.next()!.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(queue.next()!.map((r) => r.index)).toEqual([5, 6, 7, 8, 9]);
    expect(queue.next()!.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    queue.giveBack([records[20]!]);
    expect(queue.remainingCount).toBe(11);
    expect(queue.next()!.map((r) => r.index)).toEqual([20]);
    expect([queue.next(), queue.next(), queue.next()].map((b) => b?.length)).toEqual([5, 5, undefined]);
  });

  it('never shrinks below one', () => {
    const queue = new BatchQueue(numberRecords(3), 1);
    queue.shrinkAndReturn(queue.next()!);
    expect(queue.batchSize).toBe(1);
  });
});

describe('classifyBatchRejection', () => {
  it.each([
    ['a 422 on the whole list of a batch of several is about its size', rejection(422, ['/phone_numbers']), 5, { type: 'size' }],
    ['a 422 without a pointer is about its size', rejection(422, [undefined]), 5, { type: 'size' }],
    ['a 422 pointing at numbers names them', rejection(422, ['/phone_numbers/1', '/phone_numbers/3']), 5, { type: 'numbers', reasons: new Map([[1, 'bad 0'], [3, 'bad 1']]) }],
    ['a pointer past the batch is ignored', rejection(422, ['/phone_numbers/9']), 5, { type: 'size' }],
    ['a batch of one cannot shrink', rejection(422, ['/phone_numbers']), 1, { type: 'other' }],
    ['other statuses are not about size', rejection(400, [undefined]), 5, { type: 'other' }],
  ])('%s', (_name, error, size, expected) => {
    expect(classifyBatchRejection(error, size)).toEqual(expected);
  });
});

describe('joinPortabilityAnswers', () => {
  it('joins by number whatever the order, and fails numbers the answer leaves out', () => {
    const batch = numberRecords(3);
    const [a, b, c] = batch.map((r) => r.e164!);
    const joined = joinPortabilityAnswers(batch, [
      { phone_number: c, portable: false, fast_portable: false, not_portable_reason: 'No coverage' },
      { phone_number: a, portable: true, fast_portable: true, not_portable_reason: '' },
    ]);
    expect(joined.map((j) => j.record.status)).toEqual(['portable', 'failed', 'not_portable']);
    expect(joined[0]!.portability).toEqual({ portable: true, fastPortable: true, notPortableReason: '' });
    expect(joined[1]!.record.issues).toEqual([
      { code: 'CHECK_FAILED', ref: batch[1]!.ref, message: `portability check of ${b}: expected a verdict from Telnyx, but the answer did not include this number` },
    ]);
    expect(joined[2]!.record.issues).toEqual([{ code: 'NOT_PORTABLE', ref: batch[2]!.ref, message: `Telnyx cannot port ${c}: No coverage` }]);
    expect(batch.map((r) => r.status)).toEqual(['valid', 'valid', 'valid']);
    expect(checkResultColumns({ record: joined[2]!.record, portability: joined[2]!.portability, carrier: 'AT&T', carrierSource: 'sheet' })).toEqual({
      portable: 'false', fast_portable: 'false', not_portable_reason: 'No coverage', carrier: 'AT&T',
    });
  });
});

describe('carrierFromLookup', () => {
  it.each([
    [{ carrier: { name: 'Original' }, portability: { spid_carrier_name: 'Current Holder' } }, 'Current Holder'],
    [{ carrier: { name: 'Original' }, portability: { spid_carrier_name: ' ' } }, 'Original'],
    [{ carrier: null, portability: null }, ''],
    [undefined, ''],
  ])('%j → %s', (data, expected) => {
    expect(carrierFromLookup(data)).toBe(expected);
  });
});
