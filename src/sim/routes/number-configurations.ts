import { randomUUID } from 'node:crypto';
import { filterValues, ok, paginate, SimApiError } from '../http.js';
import type { OrderStore } from '../orders/order-store.js';
import { portingPhoneNumberId } from '../orders/porting-number-id.js';
import type { SimOrder } from '../orders/sim-order.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

interface ConfigurationRecord {
  id: string;
  portingPhoneNumberId: string;
  userBundleId: string;
  orderId: string;
  createdAtMs: number;
  updatedAtMs: number;
}

interface ConfigurationState {
  configurations: ConfigurationRecord[];
}

/** The spec's `maxItems` for one POST. */
const MAX_ITEMS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Orders whose numbers can no longer be configured. */
const CLOSED = new Set(['cancelled', 'cancel-pending', 'ported']);

/**
 * `GET|POST /porting_orders/phone_number_configurations`: a regulatory bundle (`user_bundle_id`) per
 * porting phone number. A POST of at most 20 items is checked whole before anything is stored (all or
 * nothing); a number that already has a configuration is refused rather than changed (DIFFERENCES.md).
 */
export function registerNumberConfigurationRoutes(router: Router, ctx: SimContext, orders: OrderStore): void {
  const state = (): ConfigurationState => ctx.moduleState<ConfigurationState>('number-configurations', () => ({ configurations: [] }));

  router.add('GET', '/porting_orders/phone_number_configurations', (request) => {
    const numberIds = filterValues(request.query, 'porting_phone_number') ?? filterValues(request.query, 'porting_phone_number][in');
    const bundleIds = filterValues(request.query, 'user_bundle_id') ?? filterValues(request.query, 'user_bundle_id][in');
    const statuses = filterValues(request.query, 'porting_order][status') ?? filterValues(request.query, 'porting_order][status][in');
    const sort = request.query.get('sort[value]') ?? '-created_at';
    if (sort !== 'created_at' && sort !== '-created_at') {
      throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: 'sort[value] must be created_at or -created_at', source: { parameter: 'sort[value]' } }]);
    }
    const statusOf = new Map(orders.list().map((order) => [order.id, order.status as string]));
    const rows = state()
      .configurations.filter(
        (c) =>
          (numberIds === undefined || numberIds.includes(c.portingPhoneNumberId)) &&
          (bundleIds === undefined || bundleIds.includes(c.userBundleId)) &&
          (statuses === undefined || statuses.includes(statusOf.get(c.orderId) ?? '')),
      )
      .sort((a, b) => (sort === 'created_at' ? a.createdAtMs - b.createdAtMs : b.createdAtMs - a.createdAtMs))
      .map(render);
    return ok(paginate(rows, request.query));
  });

  router.add('POST', '/porting_orders/phone_number_configurations', (request) => {
    const items = (request.body as { phone_number_configurations?: unknown } | undefined)?.phone_number_configurations;
    if (!Array.isArray(items) || items.length === 0) throw SimApiError.invalid('/phone_number_configurations', 'phone_number_configurations must be a non-empty array');
    if (items.length > MAX_ITEMS) throw SimApiError.invalid('/phone_number_configurations', `at most ${MAX_ITEMS} items per request, got ${items.length}`);
    const holders = numberIdIndex(orders.list());
    const taken = new Set(state().configurations.map((c) => c.portingPhoneNumberId));
    const errors: Array<{ code: string; title: string; detail: string; source: { pointer: string } }> = [];
    const accepted: Array<{ numberId: string; bundleId: string; orderId: string }> = [];
    items.forEach((raw: unknown, i) => {
      const item = (raw ?? {}) as { porting_phone_number_id?: unknown; user_bundle_id?: unknown };
      const fail = (field: string, detail: string): void => {
        errors.push({ code: '10015', title: 'Invalid value', detail, source: { pointer: `/phone_number_configurations/${i}/${field}` } });
      };
      const numberId = item.porting_phone_number_id;
      const bundleId = item.user_bundle_id;
      if (typeof numberId !== 'string' || !UUID.test(numberId)) return fail('porting_phone_number_id', 'porting_phone_number_id must be a UUID');
      if (typeof bundleId !== 'string' || !UUID.test(bundleId)) return fail('user_bundle_id', 'user_bundle_id must be a UUID');
      const holder = holders.get(numberId);
      if (holder === undefined) return fail('porting_phone_number_id', `no porting phone number ${numberId} in a live porting order`);
      if (taken.has(numberId) || accepted.some((a) => a.numberId === numberId)) return fail('porting_phone_number_id', `porting phone number ${numberId} already has a configuration`);
      accepted.push({ numberId, bundleId, orderId: holder.id });
    });
    if (errors.length > 0) throw new SimApiError(422, errors);
    const nowMs = ctx.clock.nowMs();
    const created = accepted.map((a): ConfigurationRecord => ({ id: randomUUID(), portingPhoneNumberId: a.numberId, userBundleId: a.bundleId, orderId: a.orderId, createdAtMs: nowMs, updatedAtMs: nowMs }));
    state().configurations.push(...created);
    ctx.markChanged();
    return ok({ data: created.map(render) }, 201);
  });
}

/** porting phone number id → its live order. */
function numberIdIndex(list: readonly SimOrder[]): Map<string, SimOrder> {
  const index = new Map<string, SimOrder>();
  for (const order of list) {
    if (CLOSED.has(order.status)) continue;
    for (const number of order.phoneNumbers) index.set(portingPhoneNumberId(order, number), order);
  }
  return index;
}

function render(c: ConfigurationRecord): Record<string, unknown> {
  return {
    id: c.id,
    porting_phone_number_id: c.portingPhoneNumberId,
    user_bundle_id: c.userBundleId,
    record_type: 'porting_phone_number_configuration',
    created_at: new Date(c.createdAtMs).toISOString(),
    updated_at: new Date(c.updatedAtMs).toISOString(),
  };
}
