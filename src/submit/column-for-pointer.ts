import type { CanonicalColumn } from '../input/columns.js';

/** Request-body fields of create/PATCH that come from one input column. */
const POINTER_COLUMNS: Readonly<Record<string, CanonicalColumn>> = {
  '/end_user/admin/entity_name': 'entity_name',
  '/end_user/admin/auth_person_name': 'auth_person_name',
  '/end_user/admin/billing_phone_number': 'billing_phone_number',
  '/end_user/admin/account_number': 'account_number',
  '/end_user/admin/pin_passcode': 'pin_passcode',
  '/end_user/admin/tax_identifier': 'tax_identifier',
  '/end_user/admin/business_identifier': 'business_identifier',
  '/end_user/location/street_address': 'street_address',
  '/end_user/location/extended_address': 'extended_address',
  '/end_user/location/locality': 'locality',
  '/end_user/location/administrative_area': 'administrative_area',
  '/end_user/location/postal_code': 'postal_code',
  '/end_user/location/country_code': 'country_code',
  '/activation_settings/foc_datetime_requested': 'foc_date',
  '/misc/type': 'port_type',
  '/misc/remaining_numbers_action': 'remaining_numbers_action',
  '/misc/new_billing_phone_number': 'new_billing_phone_number',
  '/documents/loa': 'loa_file',
  '/documents/invoice': 'invoice_file',
  '/phone_number_configuration/connection_id': 'connection_id',
  '/phone_number_configuration/messaging_profile_id': 'messaging_profile_id',
};

export interface PointerTarget {
  readonly column: CanonicalColumn;
  /** For `/phone_numbers/N`: the index of the number in the request's `phone_numbers`. */
  readonly numberIndex?: number;
  /** For `/phone_number_blocks/N/…` (a create with German blocks): the index of the block. */
  readonly blockIndex?: number;
}

/**
 * The input column behind a Telnyx error's `source.pointer` (a JSON pointer into the request body),
 * so a rejected order points the person at the cell to fix. Undefined for pointers no column feeds.
 */
export function columnForPointer(pointer: string | undefined): PointerTarget | undefined {
  if (pointer === undefined) return undefined;
  const number = /^\/phone_numbers(?:\/(\d+))?(?:\/.*)?$/.exec(pointer);
  if (number !== null) return number[1] === undefined ? { column: 'phone_number' } : { column: 'phone_number', numberIndex: Number(number[1]) };
  const block = /^\/phone_number_blocks\/(\d+)(\/activation_ranges)?(?:\/.*)?$/.exec(pointer);
  if (block !== null) return { column: block[2] === undefined ? 'phone_number' : 'activation_range', blockIndex: Number(block[1]) };
  const column = POINTER_COLUMNS[pointer] ?? POINTER_COLUMNS[pointer.replace(/\/$/, '')];
  if (column !== undefined) return { column };
  // A pointer at a whole object (`/end_user/admin`) or deeper than we map names no single cell.
  return undefined;
}
