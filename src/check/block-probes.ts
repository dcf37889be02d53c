import type { NumberRecord } from '../core/records.js';
import { numbersOf } from '../normalize/normalize-range.js';
import { withOutcome, type Portability } from './checked-number.js';
import type { JoinedAnswer } from './portability-answers.js';

/**
 * A German block is checked number by number (issue 15), in the same batches as single numbers: each
 * of its numbers goes out as a probe, a copy of the block's record holding that one number. The
 * block's verdict is the fold of its probes' (`foldBlockAnswers`). Pure.
 */
export function blockProbes(block: NumberRecord): NumberRecord[] {
  if (block.block === undefined) return [block];
  const { block: _block, ...single } = block;
  return numbersOf(block.block).map((e164) => ({ ...single, e164 }));
}

/** How many numbers of a block a not-portable message lists before "and N more". */
const LISTED = 5;

/**
 * A block is portable when every number is; FastPort only when every number is. A number that could
 * not be checked makes the block `failed`; numbers Telnyx cannot port make it `not_portable`,
 * naming them and their reasons. A block with probes still unanswered (a stopped run) stays as it was.
 */
export function foldBlockAnswers(block: NumberRecord, answers: readonly (JoinedAnswer | undefined)[]): JoinedAnswer | undefined {
  if (answers.length === 0 || answers.some((answer) => answer === undefined)) return undefined;
  const settled = answers as readonly JoinedAnswer[];
  const range = `${block.block?.start ?? block.e164 ?? ''} to ${block.block?.end ?? ''}`;
  const failed = settled.filter((answer) => answer.record.status === 'failed');
  if (failed.length > 0) {
    const first = failed[0]?.record.issues.at(-1)?.message ?? 'no answer';
    return { record: withOutcome(block, 'failed', { code: 'CHECK_FAILED', ref: block.ref, message: `portability check of the block ${range}: ${failed.length} of ${settled.length} numbers could not be checked (first: ${first})` }), portability: undefined };
  }
  const refused = settled.filter((answer) => answer.portability?.portable !== true);
  const fastPortable = settled.every((answer) => answer.portability?.fastPortable === true);
  if (refused.length === 0) return { record: withOutcome(block, 'portable'), portability: { portable: true, fastPortable, notPortableReason: '' } };
  const listed = refused.slice(0, LISTED).map((answer) => `${answer.record.e164 ?? ''} (${answer.portability?.notPortableReason || 'no reason given'})`);
  const more = refused.length > LISTED ? ` and ${refused.length - LISTED} more` : '';
  const reason = `${refused.length} of ${settled.length} numbers of the block cannot be ported: ${listed.join(', ')}${more}`;
  const portability: Portability = { portable: false, fastPortable: false, notPortableReason: reason };
  return { record: withOutcome(block, 'not_portable', { code: 'NOT_PORTABLE', ref: block.ref, message: `Telnyx cannot port the block ${range}: ${reason}` }), portability };
}
