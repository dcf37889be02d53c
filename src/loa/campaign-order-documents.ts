import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';

/** A campaign order as `loa download` and `share` need it: status, part, end user, numbers, LOA. */
export interface LoaOrder {
  readonly id: string;
  readonly status: string;
  /** The plan part key (customer_reference); '' when the order has none. */
  readonly orderKey: string;
  readonly entityName: string;
  /** Embedded numbers (Telnyx embeds the first 50). */
  readonly numbers: readonly string[];
  readonly numberCount: number;
  /** `documents.loa`, '' when the order has none. */
  readonly loaDocumentId: string;
}

interface WireLoaOrder {
  readonly id?: string;
  readonly status?: { readonly value?: string } | null;
  readonly customer_reference?: string | null;
  readonly end_user?: { readonly admin?: { readonly entity_name?: unknown } | null } | null;
  readonly phone_numbers?: ReadonlyArray<{ readonly phone_number?: unknown }> | null;
  readonly porting_phone_numbers_count?: number | null;
  readonly documents?: { readonly loa?: unknown } | null;
}

/**
 * Every order of the campaign as the server has it (`filter[customer_group_reference]`, one read per
 * 250 orders), with the fields the LOA and sharing commands read. Fields of the wrong type read as
 * absent: a hostile answer cannot put anything but text into a file name.
 */
export async function listLoaOrders(session: ApiSession, campaign: string): Promise<LoaOrder[]> {
  const orders = (await session.scheduler.listAll(`porting orders of campaign ${campaign}`, (pageNumber, pageSize) =>
    session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { customer_group_reference: campaign } }),
    SHAPES.portingOrders,
  )) as WireLoaOrder[];
  return orders.flatMap((order) => {
    if (typeof order.id !== 'string' || order.id === '') return [];
    const numbers = (order.phone_numbers ?? []).flatMap((n) => (typeof n.phone_number === 'string' ? [n.phone_number] : []));
    const loa = order.documents?.loa;
    const entity = order.end_user?.admin?.entity_name;
    return [
      {
        id: order.id,
        status: order.status?.value ?? 'draft',
        orderKey: order.customer_reference ?? '',
        entityName: typeof entity === 'string' ? entity : '',
        numbers,
        numberCount: typeof order.porting_phone_numbers_count === 'number' ? order.porting_phone_numbers_count : numbers.length,
        loaDocumentId: typeof loa === 'string' ? loa : '',
      },
    ];
  });
}
