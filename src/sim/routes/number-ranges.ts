import { deepFilters, ok, paginate, SimApiError, type SimRequest } from '../http.js';
import { renderBlock, renderExtension } from '../orders/number-blocks.js';
import type { OrderStore } from '../orders/order-store.js';
import type { Router } from '../router.js';

const SORTS = ['created_at', '-created_at'] as const;

function sorted<T extends { createdAtMs: number }>(items: readonly T[], request: SimRequest): T[] {
  const value = request.query.get('sort[value]') ?? '-created_at';
  if (!(SORTS as readonly string[]).includes(value)) {
    throw new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: `sort[value] must be one of ${SORTS.join(', ')}`, source: { parameter: 'sort[value]' } }]);
  }
  const sign = value.startsWith('-') ? -1 : 1;
  return [...items].map((item, at) => ({ item, at })).sort((a, b) => sign * (a.item.createdAtMs - b.item.createdAtMs || a.at - b.at)).map((x) => x.item);
}

function orderIdOf(request: SimRequest): string {
  return request.params.porting_order_id ?? '';
}

/**
 * Phone number blocks and extensions of a porting order (German DID blocks and the extension ranges
 * behind their numbers): list, create, delete. The rules are in src/sim/orders/number-blocks.ts.
 */
export function registerNumberRangeRoutes(router: Router, orders: OrderStore): void {
  router.add('GET', '/porting_orders/:porting_order_id/phone_number_blocks', (request) => {
    const order = orders.get(orderIdOf(request));
    return ok(paginate(sorted(orders.blocksOf(order.id), request).map((block) => renderBlock(block, order)), request.query));
  });
  router.add('POST', '/porting_orders/:porting_order_id/phone_number_blocks', (request) => {
    const block = orders.addBlock(orderIdOf(request), request.body);
    return ok({ data: renderBlock(block, orders.get(orderIdOf(request))) }, 201);
  });
  router.add('DELETE', '/porting_orders/:porting_order_id/phone_number_blocks/:id', (request) => {
    const block = orders.removeBlock(orderIdOf(request), request.params.id ?? '');
    return ok({ data: renderBlock(block, orders.get(orderIdOf(request))) });
  });

  router.add('GET', '/porting_orders/:porting_order_id/phone_number_extensions', (request) => {
    const wanted = deepFilters(request.query).get('porting_phone_number_id');
    const extensions = orders.extensionsOf(orderIdOf(request), wanted);
    return ok(paginate(sorted(extensions, request).map(renderExtension), request.query));
  });
  router.add('POST', '/porting_orders/:porting_order_id/phone_number_extensions', (request) => ok({ data: renderExtension(orders.addExtension(orderIdOf(request), request.body)) }, 201));
  router.add('DELETE', '/porting_orders/:porting_order_id/phone_number_extensions/:id', (request) =>
    ok({ data: renderExtension(orders.removeExtension(orderIdOf(request), request.params.id ?? '')) }),
  );
}
