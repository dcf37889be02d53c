import { SimApiError, type TelnyxErrorObject } from '../http.js';
import { seededUnit, seededUuid } from '../seeded-hash.js';
import { additionalSteps } from './additional-steps.js';
import type { SimOrder } from './sim-order.js';

/**
 * AU ownership checks on a porting order (issue 15): phone-number verification codes and ID-verification
 * action requirements. What Telnyx documents: `additional_steps` may include
 * `phone_number_verification_codes` ("we may require additional steps to be taken before submitting the
 * porting order"), codes are sent to at most 100 numbers a call by sms or call and verified 100 at a time,
 * and an action requirement (`au_id_verification`) is initiated with the first and last name of the person
 * who will complete the flow at its `action_url`. What the simulator decides where the docs are silent is
 * in DIFFERENCES.md ("AU ownership").
 */

const VERIFICATION_STEP = 'phone_number_verification_codes';
/** The one action type the spec's filter enumerates. */
const AU_ID_VERIFICATION = 'au_id_verification';
/** Fixed so a client may cache it, like the document requirement types. */
const AU_ID_REQUIREMENT_TYPE_ID = '8c7f1b0e-4d2a-4a63-9f2e-1b5a6c0d7e11';
/** Simulated time between initiating an ID verification and the end user finishing it at its action_url. */
const ID_VERIFICATION_COMPLETES_AFTER_MS = 10 * 60 * 1000;
/** Most numbers per send or verify request (the spec's maxItems). */
const MAX_NUMBERS_PER_CALL = 100;

/** One number's current verification code (a resend replaces the code and the id). */
export interface VerificationCodeRecord {
  id: string;
  phoneNumber: string;
  code: string;
  verified: boolean;
  method: 'sms' | 'call';
  sendCount: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ActionRequirementRecord {
  id: string;
  actionType: string;
  requirementTypeId: string;
  status: 'created' | 'pending' | 'completed' | 'cancelled' | 'failed';
  actionUrl: string | null;
  firstName: string | null;
  lastName: string | null;
  initiatedAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

/** Whether the order's additional steps ask for verification codes (AU mobile numbers: additional-steps.ts). */
function needsCodes(order: SimOrder): boolean {
  return additionalSteps(order).includes(VERIFICATION_STEP);
}

/** Every AU order carries one ID-verification action requirement from its creation. */
export function initialActionRequirements(order: Pick<SimOrder, 'id' | 'countryCode'>, seed: string, nowMs: number): ActionRequirementRecord[] {
  if (order.countryCode !== 'AU') return [];
  return [
    {
      id: seededUuid(seed, 'action-requirement', order.id),
      actionType: AU_ID_VERIFICATION,
      requirementTypeId: AU_ID_REQUIREMENT_TYPE_ID,
      status: 'created',
      actionUrl: null,
      firstName: null,
      lastName: null,
      initiatedAtMs: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    },
  ];
}

/** The code sent to a number on its n-th send: 6 digits from the seed (a test reads it at `/_sim/verification_codes`). */
function verificationCodeFor(seed: string, orderId: string, phoneNumber: string, sendCount: number): string {
  return String(Math.floor(seededUnit(seed, 'verification-code', orderId, phoneNumber, sendCount) * 1_000_000)).padStart(6, '0');
}

function codesOf(order: SimOrder): VerificationCodeRecord[] {
  order.verificationCodes ??= [];
  return order.verificationCodes;
}

/** A record's updated_at moves forward on every change, even twice in one millisecond (clients compare it). */
function touch(record: { updatedAtMs: number }, nowMs: number): void {
  record.updatedAtMs = Math.max(nowMs, record.updatedAtMs + 1);
}

function requireStep(order: SimOrder): void {
  if (!needsCodes(order)) {
    throw SimApiError.unprocessable(`porting order ${order.id} does not need verification codes (its additional_steps do not include ${VERIFICATION_STEP})`);
  }
  if (order.status !== 'draft') {
    throw SimApiError.unprocessable(`porting order ${order.id} is ${order.status}; verification codes are for draft orders`, '10015', 'Invalid status');
  }
}

/**
 * `POST …/verification_codes/send`: a new code for each listed number (all the order's numbers when the
 * body lists none). A number already verified keeps its verification and gets nothing.
 */
export function sendVerificationCodes(order: SimOrder, body: unknown, seed: string, nowMs: number): void {
  requireStep(order);
  const request = (body ?? {}) as { phone_numbers?: unknown; verification_method?: unknown };
  const method = request.verification_method ?? 'sms';
  if (method !== 'sms' && method !== 'call') throw SimApiError.invalid('/verification_method', `expected sms or call, got ${JSON.stringify(method)}`);
  let numbers: string[];
  if (request.phone_numbers === undefined) {
    numbers = [...order.phoneNumbers];
  } else {
    if (!Array.isArray(request.phone_numbers)) throw SimApiError.invalid('/phone_numbers', 'expected a list of +E.164 numbers of the order');
    if (request.phone_numbers.length > MAX_NUMBERS_PER_CALL) {
      throw SimApiError.invalid('/phone_numbers', `at most ${MAX_NUMBERS_PER_CALL} numbers per request, got ${request.phone_numbers.length}`);
    }
    const errors: TelnyxErrorObject[] = [];
    request.phone_numbers.forEach((number: unknown, index) => {
      if (typeof number !== 'string' || !order.phoneNumbers.includes(number)) {
        errors.push({ code: '10015', title: 'Invalid value', detail: `${JSON.stringify(number)} is not a phone number of porting order ${order.id}`, source: { pointer: `/phone_numbers/${index}` } });
      }
    });
    if (errors.length > 0) throw new SimApiError(422, errors);
    numbers = request.phone_numbers as string[];
  }
  const codes = codesOf(order);
  for (const phoneNumber of new Set(numbers)) {
    const existing = codes.find((c) => c.phoneNumber === phoneNumber);
    if (existing?.verified === true) continue;
    const sendCount = (existing?.sendCount ?? 0) + 1;
    const code = verificationCodeFor(seed, order.id, phoneNumber, sendCount);
    const id = seededUuid(seed, 'verification-code-id', order.id, phoneNumber, sendCount);
    if (existing === undefined) {
      codes.push({ id, phoneNumber, code, verified: false, method, sendCount, createdAtMs: nowMs, updatedAtMs: nowMs });
    } else {
      Object.assign(existing, { id, code, method, sendCount });
      touch(existing, nowMs);
    }
  }
}

/**
 * `POST …/verification_codes/verify`: each number with its code. A right code verifies the number; a wrong
 * one is refused (the number stays unverified, its updated_at moves). A number no code was sent to, or not
 * in the order, makes the whole request a 422.
 */
export function verifyVerificationCodes(order: SimOrder, body: unknown, nowMs: number): VerificationCodeRecord[] {
  requireStep(order);
  const items = (body as { verification_codes?: unknown } | undefined)?.verification_codes;
  if (!Array.isArray(items) || items.length === 0) throw SimApiError.invalid('/verification_codes', 'must be present: a list of {phone_number, code}');
  if (items.length > MAX_NUMBERS_PER_CALL) throw SimApiError.invalid('/verification_codes', `at most ${MAX_NUMBERS_PER_CALL} codes per request, got ${items.length}`);
  const codes = codesOf(order);
  const errors: TelnyxErrorObject[] = [];
  const pairs: Array<{ record: VerificationCodeRecord; code: string }> = [];
  items.forEach((item: { phone_number?: unknown; code?: unknown } | null, index) => {
    const phoneNumber = item?.phone_number;
    const code = item?.code;
    const record = typeof phoneNumber === 'string' ? codes.find((c) => c.phoneNumber === phoneNumber) : undefined;
    if (typeof phoneNumber !== 'string' || !order.phoneNumbers.includes(phoneNumber)) {
      errors.push({ code: '10015', title: 'Invalid value', detail: `${JSON.stringify(phoneNumber)} is not a phone number of porting order ${order.id}`, source: { pointer: `/verification_codes/${index}/phone_number` } });
    } else if (record === undefined) {
      errors.push({ code: '10015', title: 'Invalid value', detail: `no verification code was sent to ${phoneNumber} yet`, source: { pointer: `/verification_codes/${index}/phone_number` } });
    } else if (typeof code !== 'string' || code.trim() === '') {
      errors.push({ code: '10015', title: 'Invalid value', detail: 'expected the code as a string', source: { pointer: `/verification_codes/${index}/code` } });
    } else {
      pairs.push({ record, code: code.trim() });
    }
  });
  if (errors.length > 0) throw new SimApiError(422, errors);
  for (const { record, code } of pairs) {
    if (!record.verified && record.code === code) record.verified = true;
    touch(record, nowMs);
  }
  return pairs.map((p) => p.record);
}

/** Whether every number of the order is verified (confirming needs it when the step applies). */
function unverifiedNumbers(order: SimOrder): string[] {
  if (!needsCodes(order)) return [];
  const verified = new Set((order.verificationCodes ?? []).filter((c) => c.verified).map((c) => c.phoneNumber));
  return order.phoneNumbers.filter((n) => !verified.has(n));
}

/** The confirm refusals for unverified numbers, one per number, pointing at it. */
export function ownershipErrors(order: SimOrder): TelnyxErrorObject[] {
  return unverifiedNumbers(order).map((number) => ({
    code: '10015',
    title: 'Additional step required',
    detail: `${number} has not been verified with its verification code (${VERIFICATION_STEP})`,
    source: { pointer: `/phone_numbers/${order.phoneNumbers.indexOf(number)}` },
  }));
}

export function renderVerificationCode(order: SimOrder, record: VerificationCodeRecord): Record<string, unknown> {
  return {
    id: record.id,
    phone_number: record.phoneNumber,
    porting_order_id: order.id,
    verified: record.verified,
    created_at: new Date(record.createdAtMs).toISOString(),
    updated_at: new Date(record.updatedAtMs).toISOString(),
    record_type: 'porting_verification_code',
  };
}

/** The order's verification codes (of numbers it still holds). */
export function verificationCodesOf(order: SimOrder): VerificationCodeRecord[] {
  return (order.verificationCodes ?? []).filter((c) => order.phoneNumbers.includes(c.phoneNumber));
}

/** A pending ID verification is finished by the end user a fixed simulated time after it was initiated. */
function settle(record: ActionRequirementRecord, nowMs: number): void {
  if (record.status === 'pending' && record.initiatedAtMs !== null && nowMs >= record.initiatedAtMs + ID_VERIFICATION_COMPLETES_AFTER_MS) {
    record.status = 'completed';
    record.updatedAtMs = record.initiatedAtMs + ID_VERIFICATION_COMPLETES_AFTER_MS;
  }
}

export function actionRequirementsOf(order: SimOrder, nowMs: number): ActionRequirementRecord[] {
  const records = order.actionRequirements ?? [];
  for (const record of records) settle(record, nowMs);
  return records;
}

/** `POST …/action_requirements/{id}/initiate` with `params.first_name`/`last_name`: created → pending with an action_url. */
export function initiateActionRequirement(order: SimOrder, id: string, body: unknown, nowMs: number): ActionRequirementRecord {
  const record = actionRequirementsOf(order, nowMs).find((r) => r.id === id);
  if (record === undefined) throw SimApiError.notFound(`action requirement ${id} of porting order ${order.id}`);
  const params = (body as { params?: { first_name?: unknown; last_name?: unknown } } | undefined)?.params;
  if (params === undefined || typeof params !== 'object' || params === null) throw SimApiError.invalid('/params', 'must be present: {first_name, last_name}');
  const errors: TelnyxErrorObject[] = [];
  for (const field of ['first_name', 'last_name'] as const) {
    const value = params[field];
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push({ code: '10015', title: 'Invalid value', detail: `params.${field} must be a non-empty string`, source: { pointer: `/params/${field}` } });
    }
  }
  if (errors.length > 0) throw new SimApiError(422, errors);
  if (record.status !== 'created') {
    throw SimApiError.unprocessable(`action requirement ${id} is ${record.status}; only a created requirement can be initiated`, '10015', 'Invalid status');
  }
  record.status = 'pending';
  record.firstName = String(params.first_name).trim();
  record.lastName = String(params.last_name).trim();
  record.initiatedAtMs = nowMs;
  record.actionUrl = `https://id-verification.sim.bulkport.invalid/au/${record.id}`;
  touch(record, nowMs);
  return record;
}

export function renderActionRequirement(order: SimOrder, record: ActionRequirementRecord): Record<string, unknown> {
  return {
    id: record.id,
    porting_order_id: order.id,
    action_type: record.actionType,
    action_url: record.actionUrl,
    cancel_reason: null,
    requirement_type_id: record.requirementTypeId,
    status: record.status,
    created_at: new Date(record.createdAtMs).toISOString(),
    updated_at: new Date(record.updatedAtMs).toISOString(),
    record_type: 'porting_action_requirement',
  };
}
