import { SimApiError, type TelnyxErrorObject } from '../http.js';

/**
 * Phone number blocks and extensions of porting orders (Telnyx's block-porting guide and the spec's
 * `PortingPhoneNumberBlock` / `PortingPhoneNumberExtension`). The rules the simulator enforces, from
 * the guide where the spec is silent: block porting is for German (DE) orders only; a block holds at
 * most 1,000 numbers within one thousand (…000–…999); activation ranges lie inside their block (or
 * extension range) without overlapping; blocks and extensions are added or deleted only while the
 * order is draft, in-process or exception (src/sim/DIFFERENCES.md).
 */
export interface SimRange<T> {
  start_at: T;
  end_at: T;
}

export interface SimBlock {
  id: string;
  createdAtMs: number;
  range: SimRange<string>;
  activationRanges: SimRange<string>[];
}

export interface SimExtension {
  id: string;
  createdAtMs: number;
  portingPhoneNumberId: string;
  phoneNumber: string;
  range: SimRange<number>;
  activationRanges: SimRange<number>[];
}

export const BLOCK_COUNTRY = 'DE';
const MAX_BLOCK_NUMBERS = 1000;
/** Order statuses in which blocks and extensions may be added or deleted. */
export const RANGE_EDIT_STATUSES: readonly string[] = ['draft', 'in-process', 'exception'];

const E164 = /^\+\d{7,15}$/;

function invalid(pointer: string, detail: string): TelnyxErrorObject {
  return { code: '10015', title: 'Invalid value', detail, source: { pointer } };
}

/** Every number of a block, in order. */
export function blockNumbers(range: SimRange<string>): string[] {
  const width = range.start_at.length - 1;
  const numbers: string[] = [];
  for (let n = Number(range.start_at.slice(1)); n <= Number(range.end_at.slice(1)); n++) numbers.push(`+${String(n).padStart(width, '0')}`);
  return numbers;
}

function readRange(value: unknown, pointer: string, errors: TelnyxErrorObject[]): SimRange<string> | undefined {
  const range = value as { start_at?: unknown; end_at?: unknown } | null | undefined;
  if (typeof range !== 'object' || range === null) {
    errors.push(invalid(pointer, 'must be present: an object with start_at and end_at'));
    return undefined;
  }
  const { start_at: start, end_at: end } = range;
  if (typeof start !== 'string' || !E164.test(start)) errors.push(invalid(`${pointer}/start_at`, `expected a +E.164 number, got ${JSON.stringify(start)}`));
  if (typeof end !== 'string' || !E164.test(end)) errors.push(invalid(`${pointer}/end_at`, `expected a +E.164 number, got ${JSON.stringify(end)}`));
  if (typeof start !== 'string' || typeof end !== 'string' || !E164.test(start) || !E164.test(end)) return undefined;
  if (start.length !== end.length || start > end) {
    errors.push(invalid(pointer, `expected start_at before end_at with as many digits, got ${start} to ${end}`));
    return undefined;
  }
  return { start_at: start, end_at: end };
}

function overlapping<T extends string | number>(ranges: readonly SimRange<T>[]): [SimRange<T>, SimRange<T>] | undefined {
  const sorted = [...ranges].sort((a, b) => (a.start_at < b.start_at ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const after = sorted[i];
    if (before !== undefined && after !== undefined && after.start_at <= before.end_at) return [before, after];
  }
  return undefined;
}

/**
 * Reads a `CreatePortingPhoneNumberBlock` body (also each entry of `phone_number_blocks` in a create):
 * the range and its activation ranges. Country, type and holder checks are the store's.
 */
export function parseBlockBody(body: unknown, pointer = ''): { range: SimRange<string>; activationRanges: SimRange<string>[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw SimApiError.invalid(pointer || '/', 'expected a JSON object with phone_number_range and activation_ranges');
  const { phone_number_range: rawRange, activation_ranges: rawActivation } = body as Record<string, unknown>;
  const errors: TelnyxErrorObject[] = [];
  const range = readRange(rawRange, `${pointer}/phone_number_range`, errors);
  if (!Array.isArray(rawActivation)) errors.push(invalid(`${pointer}/activation_ranges`, 'must be present: a list of {start_at, end_at}'));
  const activationRanges: SimRange<string>[] = [];
  if (Array.isArray(rawActivation)) {
    rawActivation.forEach((item: unknown, index) => {
      const activation = readRange(item, `${pointer}/activation_ranges/${index}`, errors);
      if (activation === undefined || range === undefined) return;
      if (activation.start_at.length !== range.start_at.length || activation.start_at < range.start_at || activation.end_at > range.end_at) {
        errors.push(invalid(`${pointer}/activation_ranges/${index}`, `the activation range ${activation.start_at} to ${activation.end_at} must lie inside the block ${range.start_at} to ${range.end_at}`));
        return;
      }
      activationRanges.push(activation);
    });
  }
  if (range !== undefined) {
    const size = Number(range.end_at.slice(1)) - Number(range.start_at.slice(1)) + 1;
    if (size > MAX_BLOCK_NUMBERS || range.start_at.slice(0, -3) !== range.end_at.slice(0, -3)) {
      errors.push(invalid(`${pointer}/phone_number_range`, `a block holds at most 1,000 numbers within one thousand (0-999), got ${range.start_at} to ${range.end_at}`));
    }
  }
  const overlap = overlapping(activationRanges);
  if (overlap !== undefined) errors.push(invalid(`${pointer}/activation_ranges`, `activation ranges must not overlap: ${overlap[0].start_at}-${overlap[0].end_at} and ${overlap[1].start_at}-${overlap[1].end_at}`));
  if (errors.length > 0 || range === undefined) throw new SimApiError(422, errors);
  return { range, activationRanges };
}

/** Reads a `CreatePortingPhoneNumberExtension` body. */
export function parseExtensionBody(body: unknown): { portingPhoneNumberId: string; range: SimRange<number>; activationRanges: SimRange<number>[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw SimApiError.invalid('/', 'expected a JSON object with porting_phone_number_id, extension_range and activation_ranges');
  const { porting_phone_number_id: id, extension_range: rawRange, activation_ranges: rawActivation } = body as Record<string, unknown>;
  const errors: TelnyxErrorObject[] = [];
  if (typeof id !== 'string' || id === '') errors.push(invalid('/porting_phone_number_id', 'must be present: the id of a porting phone number of this order'));
  const readInts = (value: unknown, pointer: string): SimRange<number> | undefined => {
    const range = value as { start_at?: unknown; end_at?: unknown } | null | undefined;
    const start = range?.start_at;
    const end = range?.end_at;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (start as number) > (end as number)) {
      errors.push(invalid(pointer, `expected whole numbers start_at <= end_at, got ${JSON.stringify(value)}`));
      return undefined;
    }
    return { start_at: start as number, end_at: end as number };
  };
  const range = readInts(rawRange, '/extension_range');
  if (!Array.isArray(rawActivation)) errors.push(invalid('/activation_ranges', 'must be present: a list of {start_at, end_at}'));
  const activationRanges: SimRange<number>[] = [];
  if (Array.isArray(rawActivation)) {
    rawActivation.forEach((item: unknown, index) => {
      const activation = readInts(item, `/activation_ranges/${index}`);
      if (activation === undefined || range === undefined) return;
      if (activation.start_at < range.start_at || activation.end_at > range.end_at) {
        errors.push(invalid(`/activation_ranges/${index}`, `the activation range ${activation.start_at}-${activation.end_at} must lie inside the extension range ${range.start_at}-${range.end_at}`));
        return;
      }
      activationRanges.push(activation);
    });
  }
  const overlap = overlapping(activationRanges);
  if (overlap !== undefined) errors.push(invalid('/activation_ranges', `activation ranges must not overlap: ${overlap[0].start_at}-${overlap[0].end_at} and ${overlap[1].start_at}-${overlap[1].end_at}`));
  if (errors.length > 0 || range === undefined) throw new SimApiError(422, errors);
  return { portingPhoneNumberId: id as string, range, activationRanges };
}

/** Whether two extension ranges share an extension. */
export function extensionsOverlap(a: SimRange<number>, b: SimRange<number>): boolean {
  return a.start_at <= b.end_at && b.start_at <= a.end_at;
}

export function renderBlock(block: SimBlock, order: { countryCode: string; phoneNumberType: string; updatedAtMs: number }): Record<string, unknown> {
  return {
    id: block.id,
    record_type: 'porting_phone_number_block',
    phone_number_range: { ...block.range },
    activation_ranges: block.activationRanges.map((range) => ({ ...range })),
    country_code: order.countryCode,
    phone_number_type: order.phoneNumberType,
    created_at: new Date(block.createdAtMs).toISOString(),
    updated_at: new Date(block.createdAtMs).toISOString(),
  };
}

export function renderExtension(extension: SimExtension): Record<string, unknown> {
  return {
    id: extension.id,
    record_type: 'porting_phone_number_extension',
    porting_phone_number_id: extension.portingPhoneNumberId,
    extension_range: { ...extension.range },
    activation_ranges: extension.activationRanges.map((range) => ({ ...range })),
    created_at: new Date(extension.createdAtMs).toISOString(),
    updated_at: new Date(extension.createdAtMs).toISOString(),
  };
}
