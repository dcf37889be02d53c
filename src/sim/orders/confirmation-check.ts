import type { DocumentStore } from '../documents-store.js';
import type { TelnyxErrorObject } from '../http.js';
import { satisfyingDocument } from './order-render.js';
import { REQUIREMENT_TYPES } from './requirements.js';
import type { SimOrder } from './sim-order.js';

const REQUIRED_FOR_CONFIRMATION = [
  ['/end_user/admin/entity_name', 'admin', 'entity_name'],
  ['/end_user/admin/auth_person_name', 'admin', 'auth_person_name'],
  ['/end_user/admin/billing_phone_number', 'admin', 'billing_phone_number'],
  ['/end_user/admin/account_number', 'admin', 'account_number'],
  ['/end_user/location/street_address', 'location', 'street_address'],
  ['/end_user/location/locality', 'location', 'locality'],
  ['/end_user/location/postal_code', 'location', 'postal_code'],
  ['/end_user/location/country_code', 'location', 'country_code'],
] as const;

/**
 * What a draft lacks before `actions/confirm` may submit it: every missing end-user field, unmet
 * requirement and past FOC, each as one error with its `source.pointer`.
 */
export function missingForConfirmation(order: SimOrder, documents: DocumentStore, nowMs: number): TelnyxErrorObject[] {
  const errors: TelnyxErrorObject[] = [];
  for (const [pointer, group, field] of REQUIRED_FOR_CONFIRMATION) {
    const record = group === 'admin' ? (order.admin as unknown as Record<string, string | null>) : (order.location as unknown as Record<string, string | null>);
    const value = record[field];
    if (value === null || value === undefined || value.trim() === '') {
      errors.push({ code: '10015', title: 'Missing required field', detail: `${pointer.slice(1).replace(/\//g, '.')} is required before confirming`, source: { pointer } });
    }
  }
  // A state or province is part of every North American address; elsewhere many addresses have none.
  const country = order.location.country_code?.toUpperCase();
  if ((country === 'US' || country === 'CA') && !order.location.administrative_area?.trim()) {
    const pointer = '/end_user/location/administrative_area';
    errors.push({ code: '10015', title: 'Missing required field', detail: `end_user.location.administrative_area is required for ${country} addresses before confirming`, source: { pointer } });
  }
  for (const type of REQUIREMENT_TYPES) {
    if (satisfyingDocument(order, type.documentSlot, documents) === undefined) {
      errors.push({
        code: '10015',
        title: 'Requirement not met',
        detail: `requirement "${type.name}" (${type.id}) is not met: attach a document as documents.${type.documentSlot}`,
        source: { pointer: `/documents/${type.documentSlot}` },
      });
    }
  }
  if (order.focRequested !== null && Date.parse(order.focRequested) <= nowMs) {
    errors.push({
      code: '10015',
      title: 'Invalid value',
      detail: `foc_datetime_requested ${order.focRequested} is in the past`,
      source: { pointer: '/activation_settings/foc_datetime_requested' },
    });
  }
  return errors;
}
