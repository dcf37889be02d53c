import type { JournalOrder } from '../campaign/journal-records.js';

/**
 * The fields of a Telnyx PortingOrder this tool reads (the SDK's `PortingOrder` conforms). Every
 * field is optional in the spec, so each use says what it falls back to.
 */
export interface WireOrder {
  readonly id?: string;
  readonly customer_reference?: string | null;
  readonly customer_group_reference?: string | null;
  readonly status?: { readonly value?: string } | null;
  readonly phone_numbers?: ReadonlyArray<{ readonly phone_number?: string }> | null;
  readonly porting_phone_numbers_count?: number | null;
  readonly requirements_met?: boolean | null;
  readonly support_key?: string | null;
  readonly parent_support_key?: string | null;
  readonly additional_steps?: readonly string[] | null;
  readonly activation_settings?: { readonly foc_datetime_requested?: string | null; readonly foc_datetime_actual?: string | null; readonly fast_port_eligible?: boolean | null } | null;
}

/** An order as listed: what resume and the results need. */
export interface ListedOrder extends JournalOrder {
  readonly customerReference: string | undefined;
  readonly requirementsMet: boolean;
  readonly focRequested: string | undefined;
  readonly focActual: string | undefined;
  readonly supportKey: string | undefined;
  /** Steps Telnyx asks for before submitting (`associated_phone_numbers`, `phone_number_verification_codes`). */
  readonly additionalSteps: readonly string[];
}

export function toListedOrder(order: WireOrder): ListedOrder {
  const numbers = (order.phone_numbers ?? []).flatMap((n) => (n.phone_number ? [n.phone_number] : []));
  return {
    id: order.id ?? '',
    numbers,
    count: order.porting_phone_numbers_count ?? numbers.length,
    status: order.status?.value ?? 'draft',
    customerReference: order.customer_reference ?? undefined,
    requirementsMet: order.requirements_met === true,
    focRequested: order.activation_settings?.foc_datetime_requested ?? undefined,
    focActual: order.activation_settings?.foc_datetime_actual ?? undefined,
    supportKey: order.support_key ?? undefined,
    // Not required by the answer's shape (older answers lack it): anything but a list of words reads as none.
    additionalSteps: Array.isArray(order.additional_steps) ? order.additional_steps.filter((step): step is string => typeof step === 'string') : [],
  };
}

/** The journal's view of an order: ids, numbers and status only. */
export function toJournalOrder(order: ListedOrder): JournalOrder {
  return { id: order.id, numbers: order.numbers, count: order.count, status: order.status };
}
