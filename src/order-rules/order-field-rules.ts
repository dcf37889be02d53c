import type { CanonicalColumn } from '../input/columns.js';
import { normalizeBillingNumber } from '../plan/normalize-field.js';
import { readFocRequest } from './foc-request.js';
import { takesAssociatedNumbers } from './partial-port.js';

/**
 * What a porting order needs, by field and by stage: the one list `plan` (reading the input sheet),
 * `submit` (confirming) and `fix` (reading the edited Exceptions sheet) call, so the three can never
 * disagree on a value (pure: no I/O, no clock; `now` is passed in).
 *
 * Stages: creating a DRAFT order needs the numbers and the end user (the fields below); CONFIRMING it
 * also needs the documents Telnyx requires (a signed LOA and a recent invoice: "A Letter of
 * Authorization (LOA) and recent invoice are required for most port orders"). A row without them is
 * still ordered, as a draft that `submit --confirm` leaves alone and reports.
 */

/** A problem with one field, without the place: each caller prefixes the row and the header it read. */
export interface FieldProblem {
  readonly code: 'MISSING_FIELD' | 'INVALID_FIELD' | 'FOC_IN_PAST' | 'PARTIAL_PORT_INCOMPLETE';
  readonly column: CanonicalColumn;
  /** What was expected and what was found. */
  readonly detail: string;
}

/** Fields no draft order can go without, whatever the country. */
const ALWAYS_REQUIRED = [
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'account_number',
  'street_address',
  'locality',
  'postal_code',
] as const satisfies readonly CanonicalColumn[];

/** Every cell the order-field rules read from a row (documents and routing are read apart). */
export const ORDER_FIELD_COLUMNS = [
  ...ALWAYS_REQUIRED,
  'administrative_area',
  'country_code',
  'foc_date',
  'port_type',
  'remaining_numbers_action',
  'new_billing_phone_number',
] as const satisfies readonly CanonicalColumn[];

/** Countries whose addresses always carry a state or province; elsewhere (GB, DE…) it is often absent. */
const COUNTRIES_REQUIRING_ADMINISTRATIVE_AREA: ReadonlySet<string> = new Set(['US', 'CA']);

const PHONE_FIELDS: ReadonlySet<CanonicalColumn> = new Set(['billing_phone_number', 'new_billing_phone_number']);

/** The fields a draft order needs for a service address in `countryCode` (ISO alpha-2). */
function requiredOrderFields(countryCode: string): readonly CanonicalColumn[] {
  return COUNTRIES_REQUIRING_ADMINISTRATIVE_AREA.has(countryCode.toUpperCase()) ? [...ALWAYS_REQUIRED, 'administrative_area'] : ALWAYS_REQUIRED;
}

export interface FieldContext {
  /** ISO alpha-2 of the order's numbers: national-format phone numbers are read in it. */
  readonly country: string;
  /** A FOC before it is in the past (see `readFocRequest`). */
  readonly now: Date;
}

/**
 * One cell as the value the order carries: phone numbers in E.164, `port_type` and
 * `remaining_numbers_action` in lower case, the FOC as an ISO date-time, `country_code` in upper
 * case, anything else trimmed. An empty cell reads as `''`: whether the order may go without it is
 * `checkOrderValues`' question.
 */
export function readOrderField(column: CanonicalColumn, cell: string, context: FieldContext): { value: string } | { problem: FieldProblem } {
  const text = cell.trim();
  if (text === '') return { value: '' };
  const problem = (detail: string, code: FieldProblem['code'] = 'INVALID_FIELD'): { problem: FieldProblem } => ({ problem: { code, column, detail } });
  if (PHONE_FIELDS.has(column)) {
    const e164 = normalizeBillingNumber(text, context.country);
    if (e164 !== undefined) return { value: e164 };
    return problem(`expected a ${column === 'billing_phone_number' ? 'billing ' : ''}phone number for ${context.country}, got "${text}"`);
  }
  if (column === 'port_type') {
    const lower = text.toLowerCase();
    return lower === 'full' || lower === 'partial' ? { value: lower } : problem(`expected full or partial, got "${text}"`);
  }
  if (column === 'remaining_numbers_action') {
    const lower = text.toLowerCase();
    return lower === 'keep' || lower === 'disconnect' ? { value: lower } : problem(`expected keep or disconnect, got "${text}"`);
  }
  if (column === 'country_code') {
    const upper = text.toUpperCase();
    return /^[A-Z]{2}$/.test(upper) ? { value: upper } : problem(`expected an ISO 3166 alpha-2 country such as US, got "${text}"`);
  }
  if (column === 'foc_date') {
    const foc = readFocRequest(text, context.now);
    return 'value' in foc ? foc : problem(foc.problem.detail, foc.problem.code);
  }
  return { value: text };
}

/**
 * What a draft order whose values (as `readOrderField` reads them) are `values` still lacks: the
 * required fields for its service address country, and a partial port's remaining-numbers action and,
 * when the remaining numbers are kept, the account's new billing number.
 */
export function checkOrderValues(values: Partial<Record<CanonicalColumn, string>>, countryCode: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const value = (column: CanonicalColumn): string => values[column]?.trim() ?? '';
  const country = countryCode.toUpperCase();
  for (const column of requiredOrderFields(country)) {
    if (value(column) !== '') continue;
    const detail =
      column === 'administrative_area'
        ? `expected a state or province for a ${country} service address, got an empty cell`
        : `expected a value (the porting order needs ${column}), got an empty cell`;
    problems.push({ code: 'MISSING_FIELD', column, detail });
  }
  // A GB partial port lists the numbers that stay behind as associated numbers instead (partial-port.ts).
  if (value('port_type').toLowerCase() === 'partial' && !takesAssociatedNumbers(country)) {
    const action = value('remaining_numbers_action').toLowerCase();
    if (action === '') {
      problems.push({
        code: 'PARTIAL_PORT_INCOMPLETE',
        column: 'remaining_numbers_action',
        detail: 'a partial port must say what happens to the numbers left on the account (keep or disconnect), got an empty cell',
      });
    } else if (action === 'keep' && value('new_billing_phone_number') === '') {
      problems.push({
        code: 'PARTIAL_PORT_INCOMPLETE',
        column: 'new_billing_phone_number',
        detail: "a partial port that keeps the remaining numbers needs the account's new billing number, got an empty cell",
      });
    }
  }
  return problems;
}

/** A document confirming needs and the order does not have yet. */
export interface DocumentNotice {
  readonly code: 'LOA_MISSING' | 'INVOICE_MISSING';
  readonly column: 'loa_file' | 'invoice_file';
  readonly slot: 'loa' | 'invoice';
  readonly detail: string;
}

const DOCUMENT_NOTICES: readonly DocumentNotice[] = [
  { code: 'LOA_MISSING', column: 'loa_file', slot: 'loa', detail: 'no LOA yet: the order stays a draft; attach a signed LOA before --confirm' },
  { code: 'INVOICE_MISSING', column: 'invoice_file', slot: 'invoice', detail: 'no invoice yet: the order stays a draft; attach a recent invoice before --confirm' },
];

/**
 * The documents confirming needs that `documents` lacks (a slot is present when the order has a
 * document for it). A draft needs none: for `plan` and `submit` these are notices on a good row;
 * for `submit --confirm` they are why an order stays a draft.
 */
export function documentsMissingToConfirm(documents: { readonly loa?: unknown; readonly invoice?: unknown }): DocumentNotice[] {
  return DOCUMENT_NOTICES.filter((notice) => documents[notice.slot] === undefined);
}

/**
 * A `user_bundle_id` cell (a regulatory bundle for one number): blank is none; otherwise a Telnyx id
 * (a UUID), as the phone number configuration the number gets once its order exists must name it.
 */
export function readUserBundleId(cell: string | undefined): { value: string | undefined } | { problem: FieldProblem } {
  const text = (cell ?? '').trim();
  if (text === '') return { value: undefined };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return { value: text.toLowerCase() };
  return { problem: { code: 'INVALID_FIELD', column: 'user_bundle_id', detail: `expected a Telnyx user bundle id (a UUID such as ff901545-3e27-462a-ba9d-2b34654cab82), got "${text}"` } };
}
