/**
 * Plain-words guidance for every documented porting-order exception type (api-facts §3): what it
 * means and what to change. `fields` names the Exceptions-sheet columns a person usually edits
 * (the `fields_to_edit` column); exceptions no sheet edit can clear point at `bulkport comment` or
 * `bulkport cancel`. A test keeps the table equal to the spec's list of exception types.
 */
export interface ExceptionGuidance {
  readonly meaning: string;
  readonly action: string;
  readonly fields: readonly string[];
}

export const EXCEPTION_GUIDE = {
  ACCOUNT_NUMBER_MISMATCH: {
    meaning: 'The losing carrier says the account number does not match its records.',
    action: 'Get the exact account number from a recent bill of the losing carrier and correct account_number.',
    fields: ['account_number'],
  },
  AUTH_PERSON_MISMATCH: {
    meaning: 'The authorized person is not the one the losing carrier has on the account.',
    action: 'Correct auth_person_name to the person on the account (and have that person sign a new LOA).',
    fields: ['auth_person_name'],
  },
  BTN_ATN_MISMATCH: {
    meaning: 'The billing telephone number (BTN/ATN) does not match the account.',
    action: 'Correct billing_phone_number to the main billing number shown on the invoice.',
    fields: ['billing_phone_number'],
  },
  ENTITY_NAME_MISMATCH: {
    meaning: 'The end user name differs from the name on the losing carrier account.',
    action: 'Correct entity_name exactly as it appears on the invoice.',
    fields: ['entity_name'],
  },
  FOC_EXPIRED: {
    meaning: 'The confirmed port date passed before the port completed.',
    action: 'Choose a new date in foc_date (a business day at least a few days ahead).',
    fields: ['foc_date'],
  },
  FOC_REJECTED: {
    meaning: 'The losing carrier rejected the requested port date.',
    action: 'Choose a later foc_date inside the allowed FOC window.',
    fields: ['foc_date'],
  },
  LOCATION_MISMATCH: {
    meaning: 'The service address does not match the losing carrier records.',
    action: 'Correct the service address (street_address, locality, administrative_area, postal_code) as on the invoice.',
    fields: ['street_address', 'extended_address', 'locality', 'administrative_area', 'postal_code'],
  },
  LSR_PENDING: {
    meaning: 'The local service request is waiting on the losing carrier.',
    action: 'Nothing to change yet; wait, or ask Telnyx to escalate with `bulkport comment`.',
    fields: [],
  },
  MAIN_BTN_PORTING: {
    meaning: 'The billing number itself is being ported but the account keeps other numbers.',
    action: 'Port all numbers (port_type full) or give a new_billing_phone_number for the numbers that stay.',
    fields: ['new_billing_phone_number', 'port_type'],
  },
  OSP_IRRESPONSIVE: {
    meaning: 'The losing carrier is not answering the port request.',
    action: 'Nothing to change in the sheet; ask Telnyx to chase the carrier with `bulkport comment`, or contact Telnyx support.',
    fields: [],
  },
  OTHER: {
    meaning: 'Telnyx reported an exception of another kind.',
    action: 'Read the last comment (Orders sheet) for details; correct the fields it names, or answer with `bulkport comment`.',
    fields: [],
  },
  PASSCODE_PIN_INVALID: {
    meaning: 'The account PIN or passcode is wrong or missing.',
    action: 'Ask the customer for the port-out PIN at the losing carrier and correct pin_passcode.',
    fields: ['pin_passcode'],
  },
  PHONE_NUMBER_HAS_SPECIAL_FEATURE: {
    meaning: 'A number has a feature (hunt group, DSL, alarm line) that blocks the port.',
    action: 'Have the customer remove the feature at the losing carrier, then say so with `bulkport comment`.',
    fields: [],
  },
  PHONE_NUMBER_MISMATCH: {
    meaning: 'Some numbers are not on the account given.',
    action: 'Check which account each number belongs to; move rows to the right account and re-submit them.',
    fields: ['account_number'],
  },
  PHONE_NUMBER_NOT_PORTABLE: {
    meaning: 'A number cannot be ported to Telnyx.',
    action: 'The number cannot come: cancel the order (`bulkport cancel --order`) and re-submit the other numbers, or ask Telnyx to drop it.',
    fields: [],
  },
  PORT_TYPE_INCORRECT: {
    meaning: 'Full/partial port type does not match what the account holds.',
    action: 'Correct port_type (full when every number of the account ports, else partial with remaining_numbers_action).',
    fields: ['port_type', 'remaining_numbers_action'],
  },
  PORTING_ORDER_SPLIT_REQUIRED: {
    meaning: 'Telnyx must split the order (numbers with different carriers or types).',
    action: 'Nothing to change; `bulkport status` adopts the new orders found by their parent support key.',
    fields: [],
  },
  POSTAL_CODE_MISMATCH: {
    meaning: 'The postal code does not match the service address on file.',
    action: 'Correct postal_code as on the invoice.',
    fields: ['postal_code'],
  },
  RATE_CENTER_NOT_PORTABLE: {
    meaning: 'The numbers\' rate center is not served by Telnyx.',
    action: 'These numbers cannot port: cancel the order (`bulkport cancel --order`) or ask Telnyx to remove them.',
    fields: [],
  },
  SV_CONFLICT: {
    meaning: 'A subscription version conflict at the number portability administrator.',
    action: 'Usually the losing carrier must concur; ask Telnyx to follow up with `bulkport comment`, then wait.',
    fields: [],
  },
  SV_UNKNOWN_FAILURE: {
    meaning: 'The number portability administrator reported an unknown failure.',
    action: 'Ask Telnyx for details with `bulkport comment`.',
    fields: [],
  },
} as const satisfies Record<string, ExceptionGuidance>;

export function guidanceFor(code: string): ExceptionGuidance {
  return (EXCEPTION_GUIDE as Record<string, ExceptionGuidance>)[code] ?? EXCEPTION_GUIDE.OTHER;
}
