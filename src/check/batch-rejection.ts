import type { ApiRejectedError } from '../api/api-errors.js';

/** What a 422 on a portability check means for the batch that was sent. */
export type BatchRejection =
  /** The server refused the batch as a whole (its size): send it again in smaller batches. */
  | { readonly type: 'size' }
  /** The server pointed at numbers of the batch (`/phone_numbers/<i>`): those fail, the rest go again. */
  | { readonly type: 'numbers'; readonly reasons: ReadonlyMap<number, string> }
  /** Anything else: the batch fails with the server's words. */
  | { readonly type: 'other' };

const ELEMENT_POINTER = /^\/phone_numbers\/(\d+)$/;

/**
 * Sorts a rejection by its structure, never its text (docs/architecture.md §8.7): Telnyx documents no maximum
 * batch size, so a 422 that points at no single number of a batch of several is taken as the
 * batch being too big.
 */
export function classifyBatchRejection(error: ApiRejectedError, batchSize: number): BatchRejection {
  if (error.status !== 422 && error.status !== 413) return { type: 'other' };
  const reasons = new Map<number, string>();
  for (const detail of error.errors) {
    const index = detail.pointer === undefined ? undefined : ELEMENT_POINTER.exec(detail.pointer)?.[1];
    if (index !== undefined && Number(index) < batchSize) {
      reasons.set(Number(index), detail.detail !== '' ? detail.detail : detail.title);
    }
  }
  if (reasons.size > 0) return { type: 'numbers', reasons };
  return batchSize > 1 ? { type: 'size' } : { type: 'other' };
}
