import { deepFilters, noContent, ok, paginate, SimApiError, type SimRequest } from '../http.js';
import { EXCEPTION_TYPES } from '../orders/exception-types.js';
import type { OrderStore } from '../orders/order-store.js';
import { renderOrder } from '../orders/order-render.js';
import type { SimOrder } from '../orders/sim-order.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

/** Sort orders the spec declares for `GET /porting_orders` (`sort[value]`). */
const SORTS = ['created_at', '-created_at', 'activation_settings.foc_datetime_requested', '-activation_settings.foc_datetime_requested'] as const;

/** Porting orders: create, list, retrieve, update, delete, confirm, cancel, exception types. */
export function registerPortingOrderRoutes(router: Router, ctx: SimContext, orders: OrderStore): void {
  const render = (order: SimOrder, request: SimRequest) =>
    renderOrder(order, ctx.documents, { includeNumbers: request.query.get('include_phone_numbers') !== 'false' });
  const single = (order: SimOrder, request: SimRequest) =>
    ok({ data: render(order, request), meta: { phone_numbers_url: `/v2/porting_phone_numbers?filter[porting_order_id]=${order.id}` } });

  router.add('POST', '/porting_orders', (request) => {
    const created = orders.create(request.body);
    return ok({ data: created.map((order) => render(order, request)) }, 201);
  });

  router.add('GET', '/porting_orders', (request) => {
    const matching = orders.list().filter(orderFilter(request.query));
    const page = paginate(sortOrders(matching, request.query.get('sort[value]')), request.query);
    return ok({ data: page.data.map((order) => render(order, request)), meta: page.meta });
  });

  router.add('GET', '/porting_orders/exception_types', () => ok({ data: EXCEPTION_TYPES.map((t) => ({ ...t })) }));

  router.add('GET', '/porting_orders/:id', (request) => single(orders.get(idOf(request)), request));
  router.add('PATCH', '/porting_orders/:id', (request) => single(orders.patch(idOf(request), request.body), request));
  router.add('DELETE', '/porting_orders/:id', (request) => {
    orders.remove(idOf(request));
    return noContent();
  });
  router.add('POST', '/porting_orders/:id/actions/confirm', (request) => single(orders.confirm(idOf(request)), request));
  router.add('POST', '/porting_orders/:id/actions/cancel', (request) => single(orders.cancel(idOf(request)), request));
}

export function idOf(request: SimRequest): string {
  return request.params.id ?? '';
}

/**
 * The filters the spec declares for listing orders; any other `filter[…]` is ignored, as
 * production may do, so a client cannot come to depend on one that does not exist.
 */
function orderFilter(query: URLSearchParams): (order: SimOrder) => boolean {
  const filters = deepFilters(query);
  const tests: Array<(order: SimOrder) => boolean> = [];
  const exact = (name: string, read: (order: SimOrder) => string | null) => {
    const wanted = filters.get(name);
    if (wanted !== undefined) tests.push((order) => read(order) === wanted);
  };
  exact('customer_reference', (o) => o.customerReference);
  exact('customer_group_reference', (o) => o.customerGroupReference);
  exact('parent_support_key', (o) => (o.status === 'draft' ? null : o.parentSupportKey));
  exact('phone_numbers.country_code', (o) => o.countryCode);
  exact('misc.type', (o) => o.misc?.type ?? null);
  exact('end_user.admin.entity_name', (o) => o.admin.entity_name);
  exact('end_user.admin.auth_person_name', (o) => o.admin.auth_person_name);
  const carrier = filters.get('phone_numbers.carrier_name');
  if (carrier !== undefined) tests.push((o) => o.carrierName.toLowerCase() === carrier.toLowerCase());
  const fast = filters.get('activation_settings.fast_port_eligible');
  if (fast !== undefined) tests.push((o) => String(o.fastPortEligible) === fast);
  const focAfter = filters.get('activation_settings.foc_datetime_requested.gt');
  if (focAfter !== undefined) tests.push((o) => o.focRequested !== null && Date.parse(o.focRequested) > Date.parse(focAfter));
  const focBefore = filters.get('activation_settings.foc_datetime_requested.lt');
  if (focBefore !== undefined) tests.push((o) => o.focRequested !== null && Date.parse(o.focRequested) < Date.parse(focBefore));
  const contains = filters.get('phone_numbers.phone_number.contains');
  if (contains !== undefined) tests.push((o) => o.phoneNumbers.some((n) => n.includes(contains)));
  return (order) => tests.every((test) => test(order));
}

function sortOrders(orders: SimOrder[], sort: string | null): SimOrder[] {
  const value = sort ?? '-created_at';
  if (!(SORTS as readonly string[]).includes(value)) {
    throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: `sort[value] must be one of ${SORTS.join(', ')}`, source: { parameter: 'sort[value]' } }]);
  }
  const descending = value.startsWith('-');
  const byFoc = value.endsWith('foc_datetime_requested');
  const key = (o: SimOrder): number => (byFoc ? (o.focRequested === null ? Number.POSITIVE_INFINITY : Date.parse(o.focRequested)) : o.createdAtMs);
  return [...orders].sort((a, b) => {
    const difference = key(a) - key(b) || a.seq - b.seq;
    return descending ? -difference : difference;
  });
}
