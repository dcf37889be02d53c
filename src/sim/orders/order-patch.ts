import type { DocumentStore } from '../documents-store.js';
import { SimApiError, type TelnyxErrorObject } from '../http.js';
import { allowedFocWindows, isWithinWindows } from './foc-windows.js';
import type { EndUserAdmin, EndUserLocation, PhoneNumberConfiguration } from './porting-order-json.js';
import { requirementTypeById } from './requirements.js';
import type { SimOrder } from './sim-order.js';

const ADMIN_FIELDS = ['account_number', 'auth_person_name', 'billing_phone_number', 'business_identifier', 'entity_name', 'pin_passcode', 'tax_identifier'] as const;
const LOCATION_FIELDS = ['administrative_area', 'country_code', 'extended_address', 'locality', 'postal_code', 'street_address'] as const;
const CONFIGURATION_FIELDS = ['billing_group_id', 'connection_id', 'emergency_address_id', 'messaging_profile_id'] as const;
/** Fields that may change whatever the order's status; the rest only in draft or exception. */
const ALWAYS_EDITABLE = new Set(['customer_reference', 'customer_group_reference', 'webhook_url', 'user_feedback']);

const POSTAL_CODES: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d$/,
  GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
};
const ANY_POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;
const PHONE_DIGITS = /^\+?[1-9]\d{6,14}$/;

export interface PatchDeps {
  readonly documents: DocumentStore;
  readonly nowMs: number;
}

type Json = Record<string, unknown>;

/**
 * Validates an `UpdatePortingOrder` body against the order and applies it: omitted fields keep
 * their value, explicit nulls clear. Every problem is reported at once as a 422 with
 * `source.pointer`; nothing changes unless the whole body is valid.
 */
export function applyOrderPatch(order: SimOrder, rawBody: unknown, deps: PatchDeps): void {
  if (!isObject(rawBody)) throw SimApiError.invalid('/', 'expected a JSON object with the fields to update');
  const body = rawBody;
  const errors: TelnyxErrorObject[] = [];
  const fail = (pointer: string, detail: string, code = '10015'): void => {
    errors.push({ code, title: 'Invalid value', detail, source: { pointer } });
  };

  const isEditable = order.status === 'draft' || order.status === 'exception';
  if (!isEditable) {
    for (const key of Object.keys(body)) {
      if (!ALWAYS_EDITABLE.has(key)) fail(`/${key}`, `cannot change ${key} while the order is ${order.status} (only in draft or exception)`);
    }
  }

  checkNullableString(body, 'customer_reference', '/customer_reference', fail);
  checkNullableString(body, 'customer_group_reference', '/customer_group_reference', fail);

  const endUser = body.end_user;
  const admin = isObject(endUser) && isObject(endUser.admin) ? endUser.admin : undefined;
  const location = isObject(endUser) && isObject(endUser.location) ? endUser.location : undefined;
  if (endUser !== undefined && !isObject(endUser)) fail('/end_user', 'expected an object with admin and/or location');
  if (admin) {
    for (const field of ADMIN_FIELDS) checkNullableString(admin, field, `/end_user/admin/${field}`, fail);
    const btn = admin.billing_phone_number;
    if (typeof btn === 'string' && !PHONE_DIGITS.test(btn.replace(/[\s().-]/g, ''))) {
      fail('/end_user/admin/billing_phone_number', `expected a phone number in E.164 digits, got "${btn}"`, '10016');
    }
  }
  if (location) {
    for (const field of LOCATION_FIELDS) checkNullableString(location, field, `/end_user/location/${field}`, fail);
    const country = location.country_code;
    if (typeof country === 'string' && !/^[A-Z]{2}$/.test(country)) {
      fail('/end_user/location/country_code', `expected an ISO 3166-1 alpha-2 code such as US, got "${country}"`);
    }
    const postal = location.postal_code;
    if (typeof postal === 'string') {
      const effectiveCountry = typeof country === 'string' ? country : (order.location.country_code ?? order.countryCode);
      const pattern = POSTAL_CODES[effectiveCountry] ?? ANY_POSTAL_CODE;
      if (!pattern.test(postal.trim())) fail('/end_user/location/postal_code', `"${postal}" is not a valid postal code for ${effectiveCountry}`);
    }
  }

  const documents = body.documents;
  if (documents !== undefined) {
    if (!isObject(documents)) fail('/documents', 'expected an object with loa and/or invoice document ids');
    else {
      for (const slot of ['loa', 'invoice'] as const) {
        const id = documents[slot];
        if (id === undefined || id === null) continue;
        if (typeof id !== 'string') fail(`/documents/${slot}`, 'expected a document id (string) or null');
        else checkDocument(id, `/documents/${slot}`, deps, fail);
      }
    }
  }

  const activation = body.activation_settings;
  if (activation !== undefined) {
    if (!isObject(activation)) fail('/activation_settings', 'expected an object');
    else if (activation.foc_datetime_requested !== undefined && activation.foc_datetime_requested !== null) {
      checkFoc(activation.foc_datetime_requested, order, deps.nowMs, fail);
    }
  }

  const misc = body.misc;
  if (misc !== undefined && misc !== null) {
    if (!isObject(misc)) fail('/misc', 'expected an object or null');
    else checkMisc(misc, order, fail);
  }

  const configuration = body.phone_number_configuration;
  if (configuration !== undefined) {
    if (!isObject(configuration)) fail('/phone_number_configuration', 'expected an object');
    else {
      for (const field of CONFIGURATION_FIELDS) checkNullableString(configuration, field, `/phone_number_configuration/${field}`, fail);
      const tags = configuration.tags;
      if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))) {
        fail('/phone_number_configuration/tags', 'expected a list of strings');
      }
    }
  }

  const requirements = body.requirements;
  if (requirements !== undefined) {
    if (!Array.isArray(requirements)) fail('/requirements', 'expected a list of {requirement_type_id, field_value}');
    else {
      requirements.forEach((item: unknown, index) => {
        if (!isObject(item)) return fail(`/requirements/${index}`, 'expected {requirement_type_id, field_value}');
        const typeId = item.requirement_type_id;
        if (typeof typeId !== 'string' || !requirementTypeById(typeId)) {
          fail(`/requirements/${index}/requirement_type_id`, `unknown requirement type "${String(typeId)}" (see GET /porting_orders/{id}/requirements)`);
        }
        if (typeof item.field_value !== 'string') fail(`/requirements/${index}/field_value`, 'expected a document id');
        else checkDocument(item.field_value, `/requirements/${index}/field_value`, deps, fail);
      });
    }
  }
  if (body.requirement_group_id !== undefined && body.requirement_group_id !== null) {
    fail('/requirement_group_id', `requirement group "${String(body.requirement_group_id)}" not found`);
  }

  const messaging = body.messaging;
  if (messaging !== undefined && (!isObject(messaging) || (messaging.enable_messaging !== undefined && typeof messaging.enable_messaging !== 'boolean'))) {
    fail('/messaging/enable_messaging', 'expected a boolean');
  }
  const webhook = body.webhook_url;
  if (webhook !== undefined && webhook !== null && (typeof webhook !== 'string' || !isHttpUrl(webhook))) {
    fail('/webhook_url', `expected an http(s) URL, got "${String(webhook)}"`);
  }
  const feedback = body.user_feedback;
  if (feedback !== undefined && feedback !== null) {
    if (!isObject(feedback)) fail('/user_feedback', 'expected an object');
    else {
      checkNullableString(feedback, 'user_comment', '/user_feedback/user_comment', fail);
      const rating = feedback.user_rating;
      if (rating !== undefined && rating !== null && !(Number.isInteger(rating) && (rating as number) >= 1 && (rating as number) <= 5)) {
        fail('/user_feedback/user_rating', 'expected a whole number from 1 to 5');
      }
    }
  }

  if (errors.length > 0) throw new SimApiError(422, errors);
  apply(order, body, deps);
}

function apply(order: SimOrder, body: Json, deps: PatchDeps): void {
  if (body.customer_reference !== undefined) order.customerReference = body.customer_reference as string | null;
  if (body.customer_group_reference !== undefined) order.customerGroupReference = body.customer_group_reference as string | null;
  const endUser = body.end_user;
  if (isObject(endUser)) {
    if (isObject(endUser.admin)) copyFields(endUser.admin, order.admin, ADMIN_FIELDS);
    if (isObject(endUser.location)) copyFields(endUser.location, order.location, LOCATION_FIELDS);
  }
  if (isObject(body.documents)) {
    for (const slot of ['loa', 'invoice'] as const) {
      const id = body.documents[slot];
      if (id === undefined) continue;
      order.documents[slot] = id as string | null;
      if (typeof id === 'string') deps.documents.link(id);
    }
  }
  if (Array.isArray(body.requirements)) {
    for (const item of body.requirements as Json[]) {
      const type = requirementTypeById(item.requirement_type_id as string);
      if (!type) continue;
      order.documents[type.documentSlot] = item.field_value as string;
      deps.documents.link(item.field_value as string);
    }
  }
  if (isObject(body.activation_settings) && body.activation_settings.foc_datetime_requested !== undefined) {
    const foc = body.activation_settings.foc_datetime_requested;
    order.focRequested = typeof foc === 'string' ? new Date(foc).toISOString() : null;
  }
  if (body.misc === null) order.misc = null;
  else if (isObject(body.misc)) {
    const current = order.misc ?? { type: 'full', remaining_numbers_action: null, new_billing_phone_number: null };
    order.misc = {
      type: (body.misc.type as 'full' | 'partial' | undefined) ?? current.type,
      remaining_numbers_action: body.misc.remaining_numbers_action === undefined ? current.remaining_numbers_action : (body.misc.remaining_numbers_action as 'keep' | 'disconnect' | null),
      new_billing_phone_number: body.misc.new_billing_phone_number === undefined ? current.new_billing_phone_number : (body.misc.new_billing_phone_number as string | null),
    };
  }
  if (isObject(body.phone_number_configuration)) {
    const configuration: PhoneNumberConfiguration = order.configuration;
    copyFields(body.phone_number_configuration, configuration, CONFIGURATION_FIELDS);
    if (Array.isArray(body.phone_number_configuration.tags)) configuration.tags = [...(body.phone_number_configuration.tags as string[])];
  }
  if (isObject(body.messaging) && typeof body.messaging.enable_messaging === 'boolean') order.enableMessaging = body.messaging.enable_messaging;
  if (body.webhook_url !== undefined) order.webhookUrl = body.webhook_url as string | null;
  if (isObject(body.user_feedback)) {
    if (body.user_feedback.user_comment !== undefined) order.userFeedback.user_comment = body.user_feedback.user_comment as string | null;
    if (body.user_feedback.user_rating !== undefined) order.userFeedback.user_rating = body.user_feedback.user_rating as number | null;
  }
  order.updatedAtMs = deps.nowMs;
}

function copyFields<T extends EndUserAdmin | EndUserLocation | PhoneNumberConfiguration>(source: Json, target: T, fields: readonly string[]): void {
  const record = target as unknown as Record<string, string | null>;
  for (const field of fields) {
    if (source[field] !== undefined) record[field] = source[field] as string | null;
  }
}

function checkFoc(value: unknown, order: SimOrder, nowMs: number, fail: (pointer: string, detail: string) => void): void {
  const pointer = '/activation_settings/foc_datetime_requested';
  const atMs = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(atMs)) {
    fail(pointer, `expected an ISO 8601 date-time such as 2026-03-19T15:00:00Z, got "${String(value)}"`);
  } else if (atMs <= nowMs) {
    fail(pointer, `FOC date ${String(value)} is in the past (now ${new Date(nowMs).toISOString()})`);
  } else if (!isWithinWindows(atMs, allowedFocWindows(nowMs, order.fastPortEligible))) {
    fail(pointer, `FOC date ${String(value)} is not within an allowed FOC window (see GET /porting_orders/${order.id}/allowed_foc_windows)`);
  }
}

function checkMisc(misc: Json, order: SimOrder, fail: (pointer: string, detail: string) => void): void {
  if (misc.type !== undefined && misc.type !== 'full' && misc.type !== 'partial') {
    fail('/misc/type', `expected "full" or "partial", got ${JSON.stringify(misc.type)}`);
  }
  const action = misc.remaining_numbers_action;
  if (action !== undefined && action !== null && action !== 'keep' && action !== 'disconnect') {
    fail('/misc/remaining_numbers_action', `expected "keep", "disconnect" or null, got ${JSON.stringify(action)}`);
  }
  const newBtn = misc.new_billing_phone_number;
  if (newBtn !== undefined && newBtn !== null && (typeof newBtn !== 'string' || !PHONE_DIGITS.test(newBtn))) {
    fail('/misc/new_billing_phone_number', `expected a phone number in E.164 digits, got ${JSON.stringify(newBtn)}`);
  }
  const type = misc.type ?? order.misc?.type ?? 'full';
  const effectiveAction = action === undefined ? order.misc?.remaining_numbers_action : action;
  const effectiveBtn = newBtn === undefined ? order.misc?.new_billing_phone_number : newBtn;
  if (type === 'partial' && effectiveAction === 'keep' && (effectiveBtn === null || effectiveBtn === undefined)) {
    fail('/misc/new_billing_phone_number', 'required when remaining_numbers_action is "keep"');
  }
}

function checkDocument(id: string, pointer: string, deps: PatchDeps, fail: (pointer: string, detail: string) => void): void {
  if (!deps.documents.has(id)) fail(pointer, `document ${id} not found (documents not linked within 30 minutes of upload are deleted)`);
  else if (deps.documents.isDenied(id)) fail(pointer, `document ${id} was denied (antivirus scan found it infected)`);
}

function checkNullableString(source: Json, field: string, pointer: string, fail: (pointer: string, detail: string) => void): void {
  const value = source[field];
  if (value !== undefined && value !== null && typeof value !== 'string') fail(pointer, `expected a string or null, got ${JSON.stringify(value)}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
