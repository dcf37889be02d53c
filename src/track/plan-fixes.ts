import { createHash } from 'node:crypto';
import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../campaign/journal-records.js';
import { isMaskedPin } from '../core/mask-pin.js';
import { describeRef } from '../core/row-ref.js';
import { normalizeBillingNumber } from '../plan/normalize-field.js';
import type { FixSheetRow } from './read-fix-sheet.js';
import { FIELD_PATHS } from './tracked-order-view.js';

/** Fields an order cannot go without: a fix may change them but not empty them. */
const REQUIRED_FIELDS: ReadonlySet<EditableOrderField> = new Set([
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'account_number',
  'street_address',
  'locality',
  'administrative_area',
  'postal_code',
]);

const PHONE_FIELDS: ReadonlySet<EditableOrderField> = new Set(['billing_phone_number', 'new_billing_phone_number']);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** What one order looks like now, for the comparison. */
export interface OrderNow {
  readonly status: string;
  readonly values: Readonly<Record<EditableOrderField, string>>;
}

export interface FixContext {
  /** The campaign's orders as the server has them now (undefined: not an order of the campaign). */
  readonly orderNow: (id: string) => OrderNow | undefined;
  /** The values the last `status` wrote into the sheet (what the person saw), when the journal has them. */
  readonly valuesShown: (id: string) => Readonly<Record<EditableOrderField, string>> | undefined;
  /** Country of the order's numbers, for reading national-format phone numbers. */
  readonly countryOf: (id: string) => string;
  readonly columnHeader: (field: EditableOrderField) => string;
  readonly now: Date;
}

/** The PATCH body of a fix: only the fields that changed. */
export interface FixPatchBody {
  end_user?: { admin?: Record<string, string>; location?: Record<string, string | null> };
  activation_settings?: { foc_datetime_requested: string };
  misc?: { type: 'full' | 'partial'; remaining_numbers_action: 'keep' | 'disconnect' | null; new_billing_phone_number: string | null };
}

export type FixStep =
  | { readonly kind: 'patch'; readonly row: FixSheetRow; readonly orderId: string; readonly body: FixPatchBody; readonly values: Partial<Record<EditableOrderField, string>>; readonly bodyHash: string }
  | { readonly kind: 'unchanged' | 'skipped' | 'failed'; readonly row: FixSheetRow; readonly orderId: string; readonly message: string };

/**
 * Decides, for every row of an edited Exceptions sheet, what `fix` does (pure, docs/architecture.md §8.2): a PATCH
 * with the fields the person changed, nothing for a row that changes nothing (or whose order left
 * `exception`), or a row problem saying what was expected, what was found and where. A field counts
 * as changed only if it differs from the order's current value AND from the value the sheet was
 * written with: a value changed on the server after the sheet was written is never put back.
 */
export function planFixes(rows: readonly FixSheetRow[], context: FixContext): FixStep[] {
  const seen = new Map<string, number>();
  return rows.map((row): FixStep => {
    const orderId = row.orderId;
    const fail = (message: string): FixStep => ({ kind: 'failed', row, orderId, message });
    // A cell that cannot be trusted (an identifier Excel stored as a number) keeps the whole row back.
    if (row.problems.length > 0) return fail(row.problems.map((p) => `${p.code}: ${describeRef(p.ref, p.column)}: ${p.message}`).join('; '));
    if (orderId === '') return fail(`${describeRef(row.ref, 'porting_order_id')}: expected a porting order id, got an empty cell`);
    const now = context.orderNow(orderId);
    if (now === undefined) return fail(`${describeRef(row.ref, 'porting_order_id')}: expected a porting order of this campaign, got "${orderId}"`);
    const earlier = seen.get(orderId);
    if (earlier !== undefined) return fail(`${describeRef(row.ref, 'porting_order_id')}: porting order ${orderId} is already on row ${earlier}; one row per order`);
    seen.set(orderId, row.ref.row);

    const problems: string[] = [];
    const edited: Partial<Record<EditableOrderField, string>> = {};
    for (const field of EDITABLE_ORDER_FIELDS) {
      const text = row.values[field];
      if (text === undefined) continue;
      // The sheet shows the PIN masked: left as shown (or blank), it is not a correction.
      if (field === 'pin_passcode' && (text === '' || isMaskedPin(text))) continue;
      const where = describeRef(row.ref, context.columnHeader(field));
      const read = readValue(field, text, context.countryOf(orderId), context.now);
      if ('problem' in read) problems.push(`${where}: ${read.problem}`);
      else edited[field] = read.value;
    }
    const portType = edited.port_type ?? now.values.port_type;
    const remaining = edited.remaining_numbers_action ?? now.values.remaining_numbers_action;
    if (portType === 'partial' && remaining === '') {
      problems.push(`${describeRef(row.ref, context.columnHeader('remaining_numbers_action'))}: expected keep or disconnect for a partial port, got an empty cell`);
    }
    if (problems.length > 0) return fail(problems.join('; '));
    if (now.status !== 'exception') return { kind: 'skipped', row, orderId, message: `order is now ${now.status}` };

    const shown = context.valuesShown(orderId);
    const changes: Partial<Record<EditableOrderField, string>> = {};
    for (const [field, value] of Object.entries(edited) as [EditableOrderField, string][]) {
      const current = comparable(field, now.values[field], context.countryOf(orderId));
      const wasShown = shown === undefined ? undefined : comparable(field, shown[field], context.countryOf(orderId));
      if (value !== current && value !== wasShown) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) return { kind: 'unchanged', row, orderId, message: 'no value differs from the order' };
    const body = patchBody(changes, now.values);
    return { kind: 'patch', row, orderId, body, values: changes, bodyHash: createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16) };
  });
}

/** A cell as the value the order would hold, or what is wrong with it. */
function readValue(field: EditableOrderField, text: string, country: string, now: Date): { value: string } | { problem: string } {
  if (text === '') {
    if (REQUIRED_FIELDS.has(field)) return { problem: `expected a value (the order needs ${field}), got an empty cell` };
    return { value: '' };
  }
  if (PHONE_FIELDS.has(field)) {
    const e164 = normalizeBillingNumber(text, country);
    return e164 === undefined ? { problem: `expected a phone number for ${country}, got "${text}"` } : { value: e164 };
  }
  if (field === 'port_type') return text === 'full' || text === 'partial' ? { value: text } : { problem: `expected full or partial, got "${text}"` };
  if (field === 'remaining_numbers_action') return text === 'keep' || text === 'disconnect' ? { value: text } : { problem: `expected keep or disconnect, got "${text}"` };
  if (field === 'foc_date') return readFoc(text, now);
  return { value: text };
}

function readFoc(text: string, now: Date): { value: string } | { problem: string } {
  let at: Date | undefined;
  if (DATE_ONLY.test(text)) {
    at = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) return { problem: `expected a date as YYYY-MM-DD, got "${text}" (no such day)` };
  } else if (DATE_TIME.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
    at = new Date(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
  }
  if (at === undefined || Number.isNaN(at.getTime())) return { problem: `expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "${text}"` };
  if (at.getTime() < now.getTime()) return { problem: `expected a FOC date after ${now.toISOString()}, got "${text}" (in the past)` };
  return { value: at.toISOString() };
}

/** The order's value in the form a sheet value is compared in. */
function comparable(field: EditableOrderField, value: string, country: string): string {
  if (value === '') return '';
  if (PHONE_FIELDS.has(field)) return normalizeBillingNumber(value, country) ?? value;
  if (field === 'foc_date') {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : at.toISOString();
  }
  return value;
}

function patchBody(changes: Partial<Record<EditableOrderField, string>>, current: Readonly<Record<EditableOrderField, string>>): FixPatchBody {
  const body: FixPatchBody = {};
  let isMiscChanged = false;
  for (const [field, value] of Object.entries(changes) as [EditableOrderField, string][]) {
    const [group, key] = FIELD_PATHS[field];
    if (group === 'admin') {
      body.end_user = { ...body.end_user, admin: { ...body.end_user?.admin, [key]: value } };
    } else if (group === 'location') {
      // An emptied optional line (extended_address) is cleared with null: an omitted key means "unchanged".
      body.end_user = { ...body.end_user, location: { ...body.end_user?.location, [key]: value === '' ? null : value } };
    } else if (group === 'activation_settings') {
      body.activation_settings = { foc_datetime_requested: value };
    } else {
      isMiscChanged = true;
    }
  }
  if (isMiscChanged) {
    // misc is sent whole: its type is part of what the API checks the other two against.
    const merged = { ...current, ...changes };
    body.misc = {
      type: merged.port_type === 'partial' ? 'partial' : 'full',
      remaining_numbers_action: merged.remaining_numbers_action === 'keep' || merged.remaining_numbers_action === 'disconnect' ? merged.remaining_numbers_action : null,
      new_billing_phone_number: merged.new_billing_phone_number === '' ? null : merged.new_billing_phone_number,
    };
  }
  return body;
}
