import type { Issue } from '../core/issue-codes.js';
import { describeRef, type RowRef } from '../core/row-ref.js';
import type { CanonicalColumn } from '../input/columns.js';
import { normalizeBillingNumber } from './normalize-field.js';
import type { DocumentInspection, DocumentRef, EndUserDetails, OrderSettings } from './plan-types.js';

/** Fields a porting order cannot be placed without (docs/design.md §3 "per order"). */
const REQUIRED_ORDER_FIELDS = [
  'entity_name',
  'auth_person_name',
  'billing_phone_number',
  'account_number',
  'street_address',
  'locality',
  'postal_code',
] as const satisfies readonly CanonicalColumn[];

/** Countries whose addresses always carry a state or province; elsewhere (GB, DE…) it is often absent. */
const COUNTRIES_REQUIRING_ADMINISTRATIVE_AREA: ReadonlySet<string> = new Set(['US', 'CA']);

export interface OrderFieldOptions {
  /** The plan's clock: a FOC date before it is in the past. */
  readonly now: Date;
  /** `--connection-id` / `--messaging-profile-id`: used where the row's column is blank. */
  readonly connectionId?: string | undefined;
  readonly messagingProfileId?: string | undefined;
  /** Keyed by the document cell's text as the sheet wrote it. */
  readonly documents: ReadonlyMap<string, DocumentInspection>;
  readonly columnHeader: (column: CanonicalColumn) => string;
}

export interface RowOrderFields {
  readonly endUser: EndUserDetails;
  readonly settings: OrderSettings;
  readonly carrier: string | undefined;
}

export interface RowForOrder {
  readonly ref: RowRef;
  /** ISO alpha-2 of the number. */
  readonly country: string;
  /** After the account's details were filled in (resolveAccounts). */
  readonly fields: Partial<Record<CanonicalColumn, string>>;
}

/**
 * Everything the plan can check before an order exists (docs/design.md §4): fields the order needs, document
 * files present, FOC not in the past, partial ports complete. Allowed FOC windows and requirements
 * only exist once the order does, so `submit` checks those.
 */
export function readOrderFields(row: RowForOrder, options: OrderFieldOptions): { fields?: RowOrderFields; issues: Issue[] } {
  const issues: Issue[] = [];
  const value = (column: CanonicalColumn): string => row.fields[column]?.trim() ?? '';
  // Every message starts with where it is, as validate's do (docs/architecture.md §8.5).
  const issue = (code: Issue['code'], column: CanonicalColumn, detail: string): void => {
    const header = options.columnHeader(column);
    issues.push({ code, ref: row.ref, column: header, message: `${describeRef(row.ref, header)}: ${detail}` });
  };

  for (const column of REQUIRED_ORDER_FIELDS) {
    if (value(column) === '') {
      issue('MISSING_FIELD', column, `expected a value (the porting order needs ${column}), got an empty cell`);
    }
  }

  let billingNumber = '';
  if (value('billing_phone_number') !== '') {
    billingNumber = normalizeBillingNumber(value('billing_phone_number'), row.country) ?? '';
    if (billingNumber === '') {
      issue('INVALID_FIELD', 'billing_phone_number', `expected a billing phone number for ${row.country}, got "${value('billing_phone_number')}"`);
    }
  }

  const countryCode = (value('country_code') || row.country).toUpperCase();
  if (COUNTRIES_REQUIRING_ADMINISTRATIVE_AREA.has(countryCode) && value('administrative_area') === '') {
    issue('MISSING_FIELD', 'administrative_area', `expected a state or province for a ${countryCode} service address, got an empty cell`);
  }
  if (!/^[A-Z]{2}$/.test(countryCode)) {
    issue('INVALID_FIELD', 'country_code', `expected an ISO 3166 alpha-2 country such as US, got "${value('country_code')}"`);
  }

  const loa = readDocument(value('loa_file'), 'loa_file', 'LOA', options, issue);
  const invoice = readDocument(value('invoice_file'), 'invoice_file', 'invoice', options, issue);
  const focDatetimeRequested = readFoc(value('foc_date'), options.now, (code, message) => issue(code, 'foc_date', message));

  const portTypeText = value('port_type').toLowerCase();
  let portType: 'full' | 'partial' | undefined;
  if (portTypeText === 'full' || portTypeText === 'partial') portType = portTypeText;
  else if (portTypeText !== '') issue('INVALID_FIELD', 'port_type', `expected full or partial, got "${value('port_type')}"`);

  const actionText = value('remaining_numbers_action').toLowerCase();
  let remainingNumbersAction: 'keep' | 'disconnect' | undefined;
  if (actionText === 'keep' || actionText === 'disconnect') remainingNumbersAction = actionText;
  else if (actionText !== '') issue('INVALID_FIELD', 'remaining_numbers_action', `expected keep or disconnect, got "${value('remaining_numbers_action')}"`);
  if (portType === 'partial' && remainingNumbersAction === undefined && actionText === '') {
    issue('PARTIAL_PORT_INCOMPLETE', 'remaining_numbers_action', `a partial port must say what happens to the numbers left on the account (keep or disconnect), got an empty cell`);
  }
  if (portType === 'partial' && remainingNumbersAction === 'keep' && value('new_billing_phone_number') === '') {
    issue('PARTIAL_PORT_INCOMPLETE', 'new_billing_phone_number', `a partial port that keeps the remaining numbers needs the account's new billing number, got an empty cell`);
  }

  let newBillingPhoneNumber: string | undefined;
  if (value('new_billing_phone_number') !== '') {
    newBillingPhoneNumber = normalizeBillingNumber(value('new_billing_phone_number'), row.country);
    if (newBillingPhoneNumber === undefined) {
      issue('INVALID_FIELD', 'new_billing_phone_number', `expected a phone number for ${row.country}, got "${value('new_billing_phone_number')}"`);
    }
  }

  if (issues.length > 0 || loa === undefined || invoice === undefined) return { issues };

  const optional = (column: CanonicalColumn): string | undefined => value(column) || undefined;
  const connectionId = optional('connection_id') ?? options.connectionId;
  const messagingProfileId = optional('messaging_profile_id') ?? options.messagingProfileId;
  const endUser: EndUserDetails = {
    admin: {
      entity_name: value('entity_name'),
      auth_person_name: value('auth_person_name'),
      billing_phone_number: billingNumber,
      account_number: value('account_number'),
      ...definedEntries({ pin_passcode: optional('pin_passcode'), tax_identifier: optional('tax_identifier'), business_identifier: optional('business_identifier') }),
    },
    location: {
      street_address: value('street_address'),
      ...definedEntries({ extended_address: optional('extended_address') }),
      locality: value('locality'),
      administrative_area: value('administrative_area'),
      postal_code: value('postal_code'),
      country_code: countryCode,
    },
  };
  const settings: OrderSettings = {
    ...definedEntries({ focDatetimeRequested, portType, remainingNumbersAction, newBillingPhoneNumber, connectionId, messagingProfileId }),
    loa,
    invoice,
  };
  return { fields: { endUser, settings, carrier: optional('carrier') }, issues };
}

function readDocument(
  cell: string,
  column: 'loa_file' | 'invoice_file',
  label: string,
  options: OrderFieldOptions,
  issue: (code: Issue['code'], column: CanonicalColumn, message: string) => void,
): DocumentRef | undefined {
  if (cell === '') {
    issue('MISSING_DOCUMENT', column, `expected the path of the ${label} file (relative to the input file), got an empty cell`);
    return undefined;
  }
  const inspection = options.documents.get(cell);
  if (inspection === undefined || !inspection.isReadable) {
    const why = inspection === undefined ? 'not inspected' : `${inspection.reason} at ${inspection.path}`;
    issue('MISSING_DOCUMENT', column, `expected a readable ${label} file, got "${cell}" (${why})`);
    return undefined;
  }
  return inspection.document;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The requested FOC as an ISO date-time. A date alone means that day (UTC) and is in the past only
 * once the day is over; a date-time is in the past once its moment is.
 */
function readFoc(
  text: string,
  now: Date,
  issue: (code: 'FOC_IN_PAST' | 'INVALID_FIELD', message: string) => void,
): string | undefined {
  if (text === '') return undefined;
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly !== null) {
    const at = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) {
      issue('INVALID_FIELD', `expected a date as YYYY-MM-DD, got "${text}" (no such day)`);
      return undefined;
    }
    if (text < now.toISOString().slice(0, 10)) {
      issue('FOC_IN_PAST', `expected a FOC date from ${now.toISOString().slice(0, 10)} on, got "${text}" (in the past)`);
      return undefined;
    }
    return at.toISOString();
  }
  if (DATE_TIME.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const at = new Date(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    if (!Number.isNaN(at.getTime())) {
      if (at.getTime() < now.getTime()) {
        issue('FOC_IN_PAST', `expected a FOC date-time after ${now.toISOString()}, got "${text}" (in the past)`);
        return undefined;
      }
      return at.toISOString();
    }
  }
  issue('INVALID_FIELD', `expected a date as YYYY-MM-DD or an ISO date-time (UTC), got "${text}"`);
  return undefined;
}

/** Drops undefined values so optional fields are absent rather than `undefined` in JSON and hashes. */
function definedEntries<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(values)) if (entry !== undefined) out[key] = entry;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
