import { SimApiError, type TelnyxErrorObject } from '../http.js';
import { parseBlockBody, type SimRange } from './number-blocks.js';

export interface CreateRequest {
  readonly phoneNumbers: string[];
  /**
   * `phone_number_blocks`: not in the spec's `CreatePortingOrder`, but how Telnyx's block-porting
   * guide creates an order with DID blocks (DIFFERENCES.md). With blocks, `phone_numbers` may be empty.
   */
  readonly blocks: { range: SimRange<string>; activationRanges: SimRange<string>[] }[];
  readonly customerReference: string | null;
  readonly customerGroupReference: string | null;
}

/** Reads a `CreatePortingOrder` body; type problems are one 422 listing every field. */
export function parseCreateBody(body: unknown): CreateRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw SimApiError.invalid('/', 'expected a JSON object with phone_numbers');
  const { phone_numbers: rawNumbers, customer_reference: reference, customer_group_reference: groupReference, phone_number_blocks: rawBlocks } = body as Record<string, unknown>;
  if (rawBlocks !== undefined && (!Array.isArray(rawBlocks) || rawBlocks.length === 0)) {
    throw SimApiError.invalid('/phone_number_blocks', 'expected a non-empty list of {phone_number_range, activation_ranges}');
  }
  const blocks = Array.isArray(rawBlocks) ? rawBlocks.map((block: unknown, index) => parseBlockBody(block, `/phone_number_blocks/${index}`)) : [];
  const numbers = rawNumbers === undefined && blocks.length > 0 ? [] : rawNumbers;
  if (!Array.isArray(numbers) || (numbers.length === 0 && blocks.length === 0)) {
    throw SimApiError.invalid('/phone_numbers', 'must be present: a non-empty list of +E.164 phone numbers', '10015', 'Bad Request');
  }
  const errors: TelnyxErrorObject[] = [];
  numbers.forEach((n: unknown, index) => {
    if (typeof n !== 'string') errors.push({ code: '10016', title: 'Phone number must be in +E.164 format', detail: `expected a string, got ${JSON.stringify(n)}`, source: { pointer: `/phone_numbers/${index}` } });
  });
  if (reference !== undefined && reference !== null && typeof reference !== 'string') {
    errors.push({ code: '10015', title: 'Invalid value', detail: 'expected a string or null', source: { pointer: '/customer_reference' } });
  }
  if (groupReference !== undefined && groupReference !== null && typeof groupReference !== 'string') {
    errors.push({ code: '10015', title: 'Invalid value', detail: 'expected a string', source: { pointer: '/customer_group_reference' } });
  }
  if (errors.length > 0) throw new SimApiError(422, errors);
  return {
    phoneNumbers: numbers as string[],
    blocks,
    customerReference: (reference as string | null | undefined) ?? null,
    customerGroupReference: (groupReference as string | null | undefined) ?? null,
  };
}
