import type { ApiSession } from '../api/api-session.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import type { ListedOrder } from '../orders/wire-order.js';
import { SHAPES } from '../api/response-shapes.js';

type OrderStatusFilter = 'draft' | 'in-process' | 'submitted' | 'exception' | 'foc-date-confirmed' | 'cancel-pending' | 'ported' | 'cancelled';
const FILTERABLE = new Set<string>(['draft', 'in-process', 'submitted', 'exception', 'foc-date-confirmed', 'cancel-pending', 'ported', 'cancelled']);

/**
 * Which order holds each number, for the one case the order answers cannot tell: a part Telnyx split
 * into several orders, one of which holds more than the 50 numbers an order embeds (only possible
 * with --max-per-order above 50). Those numbers are read from `GET /porting_phone_numbers` (its one
 * filter is the order status, so one listing per status involved); every other number's order is
 * known from the answers already. Returns e164 → order id; empty (no call) in the usual case.
 */
export async function findNumberOrders(session: ApiSession, state: CampaignState, seen: ReadonlyMap<string, ListedOrder>): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  const statuses = new Set<string>();
  for (const ids of state.partOrders.values()) {
    const live = ids.filter((id) => state.orders.get(id)?.status !== 'deleted');
    if (live.length < 2) continue;
    for (const id of live) {
      const order = seen.get(id) ?? state.orders.get(id);
      if (order === undefined || order.count <= order.numbers.length) continue;
      wanted.add(id);
      statuses.add(order.status);
    }
  }
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  for (const status of statuses) {
    if (!FILTERABLE.has(status)) continue;
    const rows = await session.scheduler.listAll(`porting phone numbers (${status})`, (pageNumber, pageSize) =>
      session.client.portingPhoneNumbers.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { porting_order_status: status as OrderStatusFilter } }),
      SHAPES.portingPhoneNumbers,
    );
    for (const row of rows) {
      // Check the order id on each row: the listing holds every order of the account, not only ours.
      if (row.phone_number !== undefined && row.porting_order_id !== undefined && wanted.has(row.porting_order_id)) found.set(row.phone_number, row.porting_order_id);
    }
  }
  return found;
}
