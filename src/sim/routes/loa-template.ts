import type { SimOrder } from '../orders/sim-order.js';
import { textPdf } from '../pdf.js';
import { loaConfigurationLines, type StoredLoaConfiguration } from './loa-configurations.js';

/** Numbers listed by name on the template; the rest are counted. */
const LISTED_NUMBERS = 200;

/**
 * The pre-filled LOA of an order (GET /porting_orders/{id}/loa_template): the letterhead of the LOA
 * configuration used (the account's default when none is named; Telnyx's own when the account has
 * none), the end user as the order has it, the numbers, and a place to sign.
 */
export function loaTemplatePdf(order: SimOrder, configuration: StoredLoaConfiguration | undefined): Buffer {
  const value = (text: string | null): string => (text === null || text === '' ? '(not given)' : text);
  const { admin, location } = order;
  const listed = order.phoneNumbers.slice(0, LISTED_NUMBERS);
  const lines = [
    'LETTER OF AUTHORIZATION',
    ...(configuration === undefined ? ['Letterhead: Telnyx LLC (default)'] : loaConfigurationLines(configuration)),
    '',
    `Porting order: ${order.id}`,
    `Losing carrier: ${order.carrierName}`,
    `Entity name: ${value(admin.entity_name)}`,
    `Authorized person: ${value(admin.auth_person_name)}`,
    `Billing phone number: ${value(admin.billing_phone_number)}`,
    `Account number: ${value(admin.account_number)}`,
    `Service address: ${[location.street_address, location.extended_address, location.locality, location.administrative_area, location.postal_code, location.country_code].filter((p) => p !== null && p !== '').join(', ') || '(not given)'}`,
    `Phone numbers (${order.phoneNumbers.length}):`,
    ...listed.map((n) => `  ${n}`),
    ...(order.phoneNumbers.length > listed.length ? [`  ... and ${order.phoneNumbers.length - listed.length} more`] : []),
    '',
    'I authorize the change of service provider for the numbers above.',
    'Signature: ______________________________   Date: ______________',
  ];
  return textPdf(lines);
}
