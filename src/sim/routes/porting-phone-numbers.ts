import { deepFilters, ok, pageWindow, SimApiError } from '../http.js';
import type { OrderStore } from '../orders/order-store.js';
import { PORTING_ORDER_STATUSES, type PortingPhoneNumberJson } from '../orders/porting-order-json.js';
import type { SimOrder } from '../orders/sim-order.js';
import { renderPortingNumber } from '../orders/order-render.js';
import type { Router } from '../router.js';

const CSV_COLUMNS = ['phone_number', 'phone_number_type', 'porting_order_id', 'support_key', 'porting_order_status'] as const;

/**
 * `GET /porting_phone_numbers`: every number of every order, oldest order first, each row naming its
 * `porting_order_id`. The only filter the spec declares is `porting_order_status`; in particular
 * `filter[porting_order_id]` (which `meta.phone_numbers_url` shows) is not declared and is ignored.
 */
export function registerPortingPhoneNumberRoutes(router: Router, orders: OrderStore): void {
  router.add('GET', '/porting_phone_numbers', (request) => {
    const status = deepFilters(request.query).get('porting_order_status');
    if (status !== undefined && !(PORTING_ORDER_STATUSES as readonly string[]).includes(status)) {
      throw new SimApiError(422, [
        { code: '10015', title: 'Invalid parameter', detail: `filter[porting_order_status] must be one of ${PORTING_ORDER_STATUSES.join(', ')}`, source: { parameter: 'filter[porting_order_status]' } },
      ]);
    }
    const matching = orders.list().filter((order) => status === undefined || order.status === status);
    const rowsOf = (order: SimOrder, from = 0, to = order.phoneNumbers.length): PortingPhoneNumberJson[] => {
      const met = orders.isRequirementsMet(order);
      return order.phoneNumbers.slice(from, to).map((number) => renderPortingNumber(order, number, met));
    };
    if (/^text\/csv/i.test(request.headers.accept ?? '')) {
      const rows = matching.flatMap((order) => rowsOf(order));
      const lines = [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => row[column]).join(','))];
      return { status: 200, raw: { bytes: Buffer.from(`${lines.join('\r\n')}\r\n`), contentType: 'text/csv' } };
    }
    // Only the requested page is rendered: a 50,000-number campaign pages through 200 of them.
    const total = matching.reduce((sum, order) => sum + order.phoneNumbers.length, 0);
    const { start, end, meta } = pageWindow(total, request.query);
    const data: PortingPhoneNumberJson[] = [];
    let offset = 0;
    for (const order of matching) {
      const count = order.phoneNumbers.length;
      if (offset + count > start && offset < end) data.push(...rowsOf(order, Math.max(0, start - offset), Math.min(count, end - offset)));
      offset += count;
      if (offset >= end) break;
    }
    return ok({ data, meta });
  });
}
