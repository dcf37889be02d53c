import { EDITABLE_ORDER_FIELDS, type EditableOrderField, type TrackedOrderView } from '../campaign/journal-records.js';
import { maskPin } from '../core/mask-pin.js';
import type { WireOrder } from '../orders/wire-order.js';

/** The fields of a Telnyx PortingOrder `status` reads beyond what submit reads (all optional in the spec). */
export interface TrackWireOrder extends WireOrder {
  readonly status?: { readonly value?: string; readonly details?: ReadonlyArray<{ readonly code?: string | null }> | null } | null;
  readonly end_user?: {
    readonly admin?: Readonly<Record<string, string | null | undefined>> | null;
    readonly location?: Readonly<Record<string, string | null | undefined>> | null;
  } | null;
  readonly misc?: { readonly type?: string | null; readonly remaining_numbers_action?: string | null; readonly new_billing_phone_number?: string | null } | null;
}

export interface ViewExtras {
  readonly lastComment: TrackedOrderView['lastComment'];
  readonly missingRequirements: readonly string[];
}

/** Statuses after which nothing more happens to an order. */
export const FINAL_ORDER_STATUSES: ReadonlySet<string> = new Set(['ported', 'cancelled', 'deleted']);

/** Where each editable field lives on the order (and in a PATCH body). */
export const FIELD_PATHS: Readonly<Record<EditableOrderField, readonly [group: 'admin' | 'location' | 'activation_settings' | 'misc', key: string]>> = {
  entity_name: ['admin', 'entity_name'],
  auth_person_name: ['admin', 'auth_person_name'],
  billing_phone_number: ['admin', 'billing_phone_number'],
  account_number: ['admin', 'account_number'],
  pin_passcode: ['admin', 'pin_passcode'],
  street_address: ['location', 'street_address'],
  extended_address: ['location', 'extended_address'],
  locality: ['location', 'locality'],
  administrative_area: ['location', 'administrative_area'],
  postal_code: ['location', 'postal_code'],
  foc_date: ['activation_settings', 'foc_datetime_requested'],
  port_type: ['misc', 'type'],
  remaining_numbers_action: ['misc', 'remaining_numbers_action'],
  new_billing_phone_number: ['misc', 'new_billing_phone_number'],
};

/** The current values of the editable fields of an order ('' for empty). */
export function editableValues(order: TrackWireOrder): Record<EditableOrderField, string> {
  const values = {} as Record<EditableOrderField, string>;
  for (const field of EDITABLE_ORDER_FIELDS) {
    const [group, key] = FIELD_PATHS[field];
    let value: string | null | undefined;
    if (group === 'admin') value = order.end_user?.admin?.[key];
    else if (group === 'location') value = order.end_user?.location?.[key];
    else if (group === 'activation_settings') value = order.activation_settings?.foc_datetime_requested;
    else value = (order.misc as Record<string, string | null | undefined> | null | undefined)?.[key];
    values[field] = value ?? '';
  }
  return values;
}

/** Field values as they may be stored or shown: the PIN masked. */
export function maskedValues<T extends Partial<Record<EditableOrderField, string>>>(values: T): T {
  return values.pin_passcode === undefined ? values : { ...values, pin_passcode: maskPin(values.pin_passcode) };
}

/** What `status` keeps of an order (pure). */
export function toTrackedOrderView(order: TrackWireOrder, extras: ViewExtras): TrackedOrderView {
  const numbers = order.phone_numbers ?? [];
  return {
    status: order.status?.value ?? 'draft',
    detailCodes: (order.status?.details ?? []).flatMap((d) => (d.code ? [d.code] : [])),
    focRequested: order.activation_settings?.foc_datetime_requested ?? '',
    focActual: order.activation_settings?.foc_datetime_actual ?? '',
    requirementsMet: order.requirements_met === true,
    missingRequirements: extras.missingRequirements,
    supportKey: order.support_key ?? '',
    parentSupportKey: order.parent_support_key ?? '',
    count: order.porting_phone_numbers_count ?? numbers.length,
    ...(extras.lastComment === undefined ? {} : { lastComment: extras.lastComment }),
    // The journal keeps views: never the real PIN (docs/design.md §9); `fix` reads the PIN from its sheet.
    values: maskedValues(editableValues(order)),
  };
}

/** Whether two views differ (the journal gets a snapshot only then). */
export function isSameView(a: TrackedOrderView | undefined, b: TrackedOrderView): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The exception codes of an order in `exception` (its status details), [] otherwise. */
export function exceptionCodes(view: Pick<TrackedOrderView, 'status' | 'detailCodes'>): string[] {
  if (view.status !== 'exception') return [];
  return view.detailCodes.length > 0 ? [...view.detailCodes] : ['OTHER'];
}
