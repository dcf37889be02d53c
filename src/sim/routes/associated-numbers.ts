import { randomUUID } from 'node:crypto';
import { deepFilters, ok, paginate, SimApiError, type SimRequest } from '../http.js';
import type { OrderStore } from '../orders/order-store.js';
import type { SimOrder } from '../orders/sim-order.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

/** One associated phone number (a number or range that stays with the losing carrier), as stored. */
interface AssociatedRecord {
  id: string;
  orderId: string;
  action: 'keep' | 'disconnect';
  startAt: string;
  endAt: string;
  createdAtMs: number;
  updatedAtMs: number;
}

interface AssociatedState {
  entries: AssociatedRecord[];
}

/** Statuses in which an order's associated numbers may change (as Telnyx's block guide says for blocks). */
const EDITABLE = new Set(['draft', 'in-process', 'exception']);
const E164 = /^\+\d{7,15}$/;
/** Largest range one entry may hold (the docs are silent; DIFFERENCES.md). */
const MAX_RANGE = 10_000;

/**
 * `GET|POST /porting_orders/{porting_order_id}/associated_phone_numbers`, `DELETE …/{id}`: the numbers
 * of a GB partial port's account that are kept or disconnected. The spec: "used for partial porting in
 * GB"; so only a GB order takes them, each a range (start ≤ end, same length, +44) that overlaps
 * neither the order's own numbers nor its other entries.
 */
export function registerAssociatedNumberRoutes(router: Router, ctx: SimContext, orders: OrderStore): void {
  const state = (): AssociatedState => ctx.moduleState<AssociatedState>('associated-numbers', () => ({ entries: [] }));
  const orderOf = (request: SimRequest): SimOrder => orders.get(request.params.porting_order_id ?? '');

  router.add('GET', '/porting_orders/:porting_order_id/associated_phone_numbers', (request) => {
    const order = orderOf(request);
    const filters = deepFilters(request.query);
    const action = filters.get('action');
    if (action !== undefined && action !== 'keep' && action !== 'disconnect') {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: 'filter[action] must be keep or disconnect', source: { parameter: 'filter[action]' } }]);
    }
    const number = filters.get('phone_number');
    const sort = request.query.get('sort[value]') ?? '-created_at';
    if (sort !== 'created_at' && sort !== '-created_at') {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: 'sort[value] must be created_at or -created_at', source: { parameter: 'sort[value]' } }]);
    }
    const entries = state()
      .entries.filter((e) => e.orderId === order.id && (action === undefined || e.action === action) && (number === undefined || inRange(number, e.startAt, e.endAt)))
      .sort((a, b) => (sort === 'created_at' ? a.createdAtMs - b.createdAtMs : b.createdAtMs - a.createdAtMs))
      .map((e) => render(e, order));
    return ok(paginate(entries, request.query));
  });

  router.add('POST', '/porting_orders/:porting_order_id/associated_phone_numbers', (request) => {
    const order = orderOf(request);
    const body = (request.body ?? {}) as { action?: unknown; phone_number_range?: { start_at?: unknown; end_at?: unknown } | null };
    if (body.action !== 'keep' && body.action !== 'disconnect') throw SimApiError.invalid('/action', 'action must be keep or disconnect');
    const start = body.phone_number_range?.start_at;
    const end = body.phone_number_range?.end_at;
    if (typeof start !== 'string' || !E164.test(start)) throw SimApiError.invalid('/phone_number_range/start_at', 'start_at must be an E.164 number (^\\+\\d{7,15}$)');
    if (typeof end !== 'string' || !E164.test(end)) throw SimApiError.invalid('/phone_number_range/end_at', 'end_at must be an E.164 number (^\\+\\d{7,15}$)');
    if (order.countryCode !== 'GB') throw SimApiError.unprocessable(`associated phone numbers are for GB partial ports; porting order ${order.id} is ${order.countryCode}`);
    if (!EDITABLE.has(order.status)) throw SimApiError.unprocessable(`associated phone numbers can only change while the order is draft, in-process or exception; it is ${order.status}`);
    if (!start.startsWith('+44') || !end.startsWith('+44')) throw SimApiError.invalid('/phone_number_range', 'associated phone numbers must be GB numbers (+44), like the order');
    if (start.length !== end.length || start > end) throw SimApiError.invalid('/phone_number_range/end_at', 'end_at must have as many digits as start_at and not be before it');
    if (Number(end.slice(1)) - Number(start.slice(1)) + 1 > MAX_RANGE) throw SimApiError.invalid('/phone_number_range', `a range holds at most ${MAX_RANGE} numbers`);
    const ported = order.phoneNumbers.find((n) => inRange(n, start, end));
    if (ported !== undefined) throw SimApiError.invalid('/phone_number_range', `${ported} is a number of this porting order; a number cannot be both ported and left behind`);
    const overlapping = state().entries.find((e) => e.orderId === order.id && start <= e.endAt && e.startAt <= end && e.startAt.length === start.length);
    if (overlapping !== undefined) throw SimApiError.invalid('/phone_number_range', `overlaps associated phone number ${overlapping.id} (${overlapping.startAt} to ${overlapping.endAt})`);
    const nowMs = ctx.clock.nowMs();
    const entry: AssociatedRecord = { id: randomUUID(), orderId: order.id, action: body.action, startAt: start, endAt: end, createdAtMs: nowMs, updatedAtMs: nowMs };
    state().entries.push(entry);
    ctx.markChanged();
    return ok({ data: render(entry, order) }, 201);
  });

  router.add('DELETE', '/porting_orders/:porting_order_id/associated_phone_numbers/:id', (request) => {
    const order = orderOf(request);
    const entries = state().entries;
    const index = entries.findIndex((e) => e.id === request.params.id && e.orderId === order.id);
    const entry = entries[index];
    if (entry === undefined) throw SimApiError.notFound(`associated phone number ${request.params.id ?? ''}`);
    if (!EDITABLE.has(order.status)) throw SimApiError.unprocessable(`associated phone numbers can only change while the order is draft, in-process or exception; it is ${order.status}`);
    entries.splice(index, 1);
    ctx.markChanged();
    return ok({ data: render(entry, order) });
  });
}

function inRange(number: string, start: string, end: string): boolean {
  return number.length === start.length && start <= number && number <= end;
}

function render(entry: AssociatedRecord, order: SimOrder): Record<string, unknown> {
  return {
    id: entry.id,
    action: entry.action,
    country_code: 'GB',
    phone_number_range: { start_at: entry.startAt, end_at: entry.endAt },
    phone_number_type: order.phoneNumberType,
    porting_order_id: order.id,
    record_type: 'porting_associated_phone_number',
    created_at: new Date(entry.createdAtMs).toISOString(),
    updated_at: new Date(entry.updatedAtMs).toISOString(),
  };
}
