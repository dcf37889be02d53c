import type { NumberRecord } from '../core/records.js';
import { withOutcome, type Portability } from './checked-number.js';

/** One entry of `data` in Telnyx's answer, as the SDK types it (every field optional). */
export interface RawPortabilityAnswer {
  readonly phone_number?: string | undefined;
  readonly portable?: boolean | undefined;
  readonly fast_portable?: boolean | undefined;
  readonly not_portable_reason?: string | undefined;
}

export interface JoinedAnswer {
  readonly record: NumberRecord;
  readonly portability: Portability | undefined;
}

/**
 * Joins Telnyx's answers onto the batch that was sent, by E.164 (the answer's order is not
 * promised). A number the answer leaves out, or answers without a verdict, ends `failed` with
 * CHECK_FAILED: every number sent ends with an answer or an explicit reason.
 */
export function joinPortabilityAnswers(batch: readonly NumberRecord[], answers: readonly RawPortabilityAnswer[]): JoinedAnswer[] {
  const byNumber = new Map<string, RawPortabilityAnswer>();
  for (const answer of answers) if (answer.phone_number !== undefined) byNumber.set(answer.phone_number, answer);
  return batch.map((record) => {
    const answer = record.e164 === undefined ? undefined : byNumber.get(record.e164);
    if (answer === undefined || typeof answer.portable !== 'boolean') {
      const found = answer === undefined ? 'the answer did not include this number' : 'the answer had no portable flag for this number';
      return {
        record: withOutcome(record, 'failed', {
          code: 'CHECK_FAILED',
          ref: record.ref,
          message: `portability check of ${record.e164 ?? record.inputNumber}: expected a verdict from Telnyx, but ${found}`,
        }),
        portability: undefined,
      };
    }
    const portability: Portability = {
      portable: answer.portable,
      fastPortable: answer.fast_portable === true,
      notPortableReason: answer.portable ? '' : (answer.not_portable_reason ?? ''),
    };
    if (portability.portable) return { record: withOutcome(record, 'portable'), portability };
    const reason = portability.notPortableReason === '' ? 'no reason given' : portability.notPortableReason;
    return {
      record: withOutcome(record, 'not_portable', { code: 'NOT_PORTABLE', ref: record.ref, message: `Telnyx cannot port ${record.e164 ?? ''}: ${reason}` }),
      portability,
    };
  });
}
