import { deepFilters, noContent, ok, paginate, SimApiError, type SimRequest } from '../http.js';
import type { OrderStore } from '../orders/order-store.js';
import {
  actionRequirementsOf,
  initiateActionRequirement,
  renderActionRequirement,
  renderVerificationCode,
  sendVerificationCodes,
  verificationCodesOf,
  verifyVerificationCodes,
} from '../orders/ownership.js';
import type { SimOrder } from '../orders/sim-order.js';
import type { Router } from '../router.js';
import type { SimContext } from '../state.js';

const CODE_SORTS = ['created_at', '-created_at'] as const;
const REQUIREMENT_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at'] as const;

/** AU ownership: verification codes (list, send, verify) and action requirements (list, initiate). */
export function registerOwnershipRoutes(router: Router, ctx: SimContext, orders: OrderStore): void {
  router.add('GET', '/porting_orders/:id/verification_codes', (request) => {
    const order = orders.get(request.params.id ?? '');
    const verified = deepFilters(request.query).get('verified');
    if (verified !== undefined && verified !== 'true' && verified !== 'false') throw invalidParameter('filter[verified]', 'expected true or false');
    const records = verificationCodesOf(order).filter((c) => verified === undefined || String(c.verified) === verified);
    const sorted = sortBy(records, sortOf(request, CODE_SORTS, '-created_at'), (c) => ({ created_at: c.createdAtMs, updated_at: c.updatedAtMs }));
    const page = paginate(sorted, request.query);
    return ok({ data: page.data.map((c) => renderVerificationCode(order, c)), meta: page.meta });
  });

  router.add('POST', '/porting_orders/:id/verification_codes/send', (request) => {
    sendVerificationCodes(orders.get(request.params.id ?? ''), request.body, ctx.seed, ctx.clock.nowMs());
    return noContent();
  });

  router.add('POST', '/porting_orders/:id/verification_codes/verify', (request) => {
    const order = orders.get(request.params.id ?? '');
    const records = verifyVerificationCodes(order, request.body, ctx.clock.nowMs());
    return ok({ data: records.map((c) => renderVerificationCode(order, c)) });
  });

  router.add('GET', '/porting_orders/:porting_order_id/action_requirements', (request) => {
    const order = orderOf(orders, request);
    const filters = deepFilters(request.query);
    const ids = new Set([...request.query].filter(([key]) => key.startsWith('filter[id]')).flatMap(([, value]) => value.split(',')).filter((v) => v !== ''));
    const matching = actionRequirementsOf(order, ctx.clock.nowMs()).filter(
      (r) =>
        (ids.size === 0 || ids.has(r.id)) &&
        [['status', r.status], ['action_type', r.actionType], ['requirement_type_id', r.requirementTypeId]].every(([name, value]) => {
          const wanted = filters.get(name as string);
          return wanted === undefined || wanted === value;
        }),
    );
    const sorted = sortBy(matching, sortOf(request, REQUIREMENT_SORTS, '-created_at'), (r) => ({ created_at: r.createdAtMs, updated_at: r.updatedAtMs }));
    const page = paginate(sorted, request.query);
    return ok({ data: page.data.map((r) => renderActionRequirement(order, r)), meta: page.meta });
  });

  router.add('POST', '/porting_orders/:porting_order_id/action_requirements/:id/initiate', (request) => {
    const order = orderOf(orders, request);
    const record = initiateActionRequirement(order, request.params.id ?? '', request.body, ctx.clock.nowMs());
    return ok({ data: renderActionRequirement(order, record) });
  });
}

function orderOf(orders: OrderStore, request: SimRequest): SimOrder {
  return orders.get(request.params.porting_order_id ?? '');
}

function invalidParameter(parameter: string, detail: string): SimApiError {
  return new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: `${parameter}: ${detail}`, source: { parameter } }]);
}

function sortOf(request: SimRequest, allowed: readonly string[], fallback: string): string {
  const value = request.query.get('sort[value]') ?? fallback;
  if (!allowed.includes(value)) throw invalidParameter('sort[value]', `must be one of ${allowed.join(', ')}`);
  return value;
}

function sortBy<T>(items: readonly T[], sort: string, keys: (item: T) => Record<string, number>): T[] {
  const descending = sort.startsWith('-');
  const field = sort.replace(/^-/, '');
  return [...items].sort((a, b) => {
    const difference = (keys(a)[field] ?? 0) - (keys(b)[field] ?? 0);
    return descending ? -difference : difference;
  });
}
