import { createHash } from 'node:crypto';
import { EDITABLE_ORDER_FIELDS, type EditableOrderField } from '../campaign/journal-records.js';
import { isMaskedPin } from '../core/mask-pin.js';
import { describeRef } from '../core/row-ref.js';
import type { CanonicalColumn } from '../input/columns.js';
import { isFocRequestMet } from '../order-rules/foc-request.js';
import { checkOrderValues, readOrderField, type FieldProblem } from '../order-rules/order-field-rules.js';
import { normalizeBillingNumber } from '../plan/normalize-field.js';
import type { FixSheetRow } from './read-fix-sheet.js';
import { FIELD_PATHS } from './tracked-order-view.js';

/** What one order looks like now, for the comparison. */
export interface OrderNow {
  readonly status: string;
  readonly values: Readonly<Record<EditableOrderField, string>>;
  /** The service address country (`end_user.location.country_code`); else the numbers' country. */
  readonly countryCode?: string;
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
  | { readonly kind: 'unchanged' | 'skipped'; readonly row: FixSheetRow; readonly orderId: string; readonly message: string }
  | { readonly kind: 'failed'; readonly row: FixSheetRow; readonly orderId: string; readonly message: string; readonly problems?: readonly FieldProblem[] };

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

    // The same order-field rules as plan and submit (src/order-rules/): each cell's format, then what
    // the order would be after the fix (its values now, the sheet's over them) must still have.
    const problems: FieldProblem[] = [];
    const edited: Partial<Record<EditableOrderField, string>> = {};
    const country = context.countryOf(orderId);
    for (const field of EDITABLE_ORDER_FIELDS) {
      const text = row.values[field];
      if (text === undefined) continue;
      // The sheet shows the PIN masked: left as shown (or blank), it is not a correction.
      if (field === 'pin_passcode' && (text === '' || isMaskedPin(text))) continue;
      const read = readOrderField(field, text, { country, now: context.now });
      if ('problem' in read) problems.push(read.problem);
      else edited[field] = read.value;
    }
    const merged: Partial<Record<CanonicalColumn, string>> = { ...now.values, ...edited };
    problems.push(...checkOrderValues(merged, now.countryCode || country));
    if (problems.length > 0) {
      const message = problems.map((problem) => `${describeRef(row.ref, context.columnHeader(problem.column as EditableOrderField))}: ${problem.detail}`).join('; ');
      return { kind: 'failed', row, orderId, message, problems };
    }
    if (now.status !== 'exception') return { kind: 'skipped', row, orderId, message: `order is now ${now.status}` };

    const shown = context.valuesShown(orderId);
    const changes: Partial<Record<EditableOrderField, string>> = {};
    for (const [field, value] of Object.entries(edited) as [EditableOrderField, string][]) {
      if (field === 'foc_date') {
        // A date asks for a day: an order whose FOC is on that day (fitted into its window) has it.
        if (!isFocRequestMet(value, now.values.foc_date) && (shown === undefined || !isFocRequestMet(value, shown.foc_date))) changes[field] = value;
        continue;
      }
      const current = comparable(field, now.values[field], country);
      const wasShown = shown === undefined ? undefined : comparable(field, shown[field], country);
      if (value !== current && value !== wasShown) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) return { kind: 'unchanged', row, orderId, message: 'no value differs from the order' };
    const body = patchBody(changes, now.values);
    return { kind: 'patch', row, orderId, body, values: changes, bodyHash: createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16) };
  });
}

/** The order's value in the form a sheet value is compared in. */
function comparable(field: EditableOrderField, value: string, country: string): string {
  if (value === '') return '';
  if (field === 'billing_phone_number' || field === 'new_billing_phone_number') return normalizeBillingNumber(value, country) ?? value;
  if (field === 'port_type' || field === 'remaining_numbers_action') return value.toLowerCase();
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
