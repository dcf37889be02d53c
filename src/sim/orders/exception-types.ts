/** Every exception type the spec lists (`PortingOrdersExceptionType.code`), with a description. */
export const EXCEPTION_TYPES = [
  { code: 'ACCOUNT_NUMBER_MISMATCH', description: 'Account number does not match the losing carrier\'s records' },
  { code: 'AUTH_PERSON_MISMATCH', description: 'Authorized person does not match the losing carrier\'s records' },
  { code: 'BTN_ATN_MISMATCH', description: 'Billing telephone number does not match the losing carrier\'s records' },
  { code: 'ENTITY_NAME_MISMATCH', description: 'Entity name does not match that on the CSR' },
  { code: 'FOC_EXPIRED', description: 'The FOC date expired before the port completed' },
  { code: 'FOC_REJECTED', description: 'The losing carrier rejected the requested FOC date' },
  { code: 'LOCATION_MISMATCH', description: 'Service address does not match the losing carrier\'s records' },
  { code: 'LSR_PENDING', description: 'Local service request is pending with the losing carrier' },
  { code: 'MAIN_BTN_PORTING', description: 'The main billing number is being ported; a new billing number is required' },
  { code: 'OSP_IRRESPONSIVE', description: 'The losing carrier is not responding' },
  { code: 'OTHER', description: 'Other exception; see the comments' },
  { code: 'PASSCODE_PIN_INVALID', description: 'PIN or passcode is invalid' },
  { code: 'PHONE_NUMBER_HAS_SPECIAL_FEATURE', description: 'A phone number has a feature that blocks the port' },
  { code: 'PHONE_NUMBER_MISMATCH', description: 'Phone numbers do not match the losing carrier\'s account' },
  { code: 'PHONE_NUMBER_NOT_PORTABLE', description: 'A phone number is not portable' },
  { code: 'PORT_TYPE_INCORRECT', description: 'Port type (full or partial) is incorrect' },
  { code: 'PORTING_ORDER_SPLIT_REQUIRED', description: 'The porting order must be split' },
  { code: 'POSTAL_CODE_MISMATCH', description: 'Postal code does not match the losing carrier\'s records' },
  { code: 'RATE_CENTER_NOT_PORTABLE', description: 'The rate center is not portable' },
  { code: 'SV_CONFLICT', description: 'Subscription version conflict' },
  { code: 'SV_UNKNOWN_FAILURE', description: 'Subscription version failed for an unknown reason' },
] as const;

/**
 * The exceptions the simulated losing carrier raises, each tied to the one end-user field whose
 * correction clears it (see order-lifecycle.ts for the rule).
 */
export const CORRECTABLE_EXCEPTIONS = [
  { code: 'ACCOUNT_NUMBER_MISMATCH', pointer: '/end_user/admin/account_number' },
  { code: 'PASSCODE_PIN_INVALID', pointer: '/end_user/admin/pin_passcode' },
  { code: 'ENTITY_NAME_MISMATCH', pointer: '/end_user/admin/entity_name' },
  { code: 'AUTH_PERSON_MISMATCH', pointer: '/end_user/admin/auth_person_name' },
  { code: 'BTN_ATN_MISMATCH', pointer: '/end_user/admin/billing_phone_number' },
  { code: 'POSTAL_CODE_MISMATCH', pointer: '/end_user/location/postal_code' },
  { code: 'LOCATION_MISMATCH', pointer: '/end_user/location/street_address' },
] as const;

export function exceptionDescription(code: string): string {
  return EXCEPTION_TYPES.find((t) => t.code === code)?.description ?? code;
}
