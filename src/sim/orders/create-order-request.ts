import { SimApiError, type TelnyxErrorObject } from '../http.js';

export interface CreateRequest {
  readonly phoneNumbers: string[];
  readonly customerReference: string | null;
  readonly customerGroupReference: string | null;
}

/** Reads a `CreatePortingOrder` body; type problems are one 422 listing every field. */
export function parseCreateBody(body: unknown): CreateRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw SimApiError.invalid('/', 'expected a JSON object with phone_numbers');
  const { phone_numbers: numbers, customer_reference: reference, customer_group_reference: groupReference } = body as Record<string, unknown>;
  if (!Array.isArray(numbers) || numbers.length === 0) {
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
    customerReference: (reference as string | null | undefined) ?? null,
    customerGroupReference: (groupReference as string | null | undefined) ?? null,
  };
}
