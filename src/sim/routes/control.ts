import { randomUUID } from 'node:crypto';
import type { FaultInjector, FaultRule } from '../faults.js';
import type { HoldHandle, HoldPoint } from '../hold.js';
import { ok, SimApiError } from '../http.js';
import type { Router } from '../router.js';
import type { OrderStore } from '../orders/order-store.js';
import { verificationCodesOf } from '../orders/ownership.js';
import type { SimStats } from '../stats.js';

/** What the control endpoints drive: the simulator handle, for tests that run the CLI in a child process. */
export interface ControlTarget {
  stats(): SimStats;
  resetStats(): void;
  advance(ms: number): void;
  nowIso(): string;
  readonly faults: FaultInjector;
  hold(endpoint: string, k: number, point?: HoldPoint): HoldHandle;
  readonly orders: OrderStore;
}

/**
 * `/_sim/*`: test controls, without auth, rate limit, faults or counting.
 * GET stats · POST stats/reset · GET clock · POST advance {ms} · GET|POST faults {spec | rules} ·
 * POST hold {endpoint, k, point} → {id} · GET hold/:id → {reached} · POST hold/:id/release|drop ·
 * GET verification_codes[?porting_order_id=] → the codes last sent (what the number's holder received).
 */
export function registerControlRoutes(router: Router, target: ControlTarget): void {
  const holds = new Map<string, HoldHandle>();

  router.add('GET', '/_sim/stats', () => ok(target.stats()));
  router.add('POST', '/_sim/stats/reset', () => {
    target.resetStats();
    return ok(target.stats());
  });
  router.add('GET', '/_sim/clock', () => ok({ now: target.nowIso() }));
  router.add('POST', '/_sim/advance', (request) => {
    const ms = (request.body as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw SimApiError.invalid('/ms', 'expected milliseconds from 0 up');
    target.advance(ms);
    return ok({ now: target.nowIso() });
  });
  router.add('GET', '/_sim/verification_codes', (request) => {
    const wanted = request.query.get('porting_order_id');
    const data = target.orders
      .list()
      .filter((order) => wanted === null || order.id === wanted)
      .flatMap((order) =>
        verificationCodesOf(order).map((c) => ({ porting_order_id: order.id, phone_number: c.phoneNumber, code: c.code, verified: c.verified, method: c.method, send_count: c.sendCount })),
      );
    return ok({ data });
  });
  router.add('GET', '/_sim/faults', () => ok({ rules: target.faults.rules(), injected: target.faults.injectedCounts() }));
  router.add('POST', '/_sim/faults', (request) => {
    const body = (request.body ?? {}) as { spec?: unknown; rules?: unknown };
    try {
      if (typeof body.spec === 'string') target.faults.set(body.spec);
      else if (Array.isArray(body.rules)) target.faults.set(body.rules as FaultRule[]);
      else throw new RangeError('expected {"spec": "5xx=0.1,…"} or {"rules": [...]}');
    } catch (error) {
      if (error instanceof RangeError) throw SimApiError.invalid('/spec', error.message);
      throw error;
    }
    return ok({ rules: target.faults.rules() });
  });
  router.add('POST', '/_sim/hold', (request) => {
    const body = (request.body ?? {}) as { endpoint?: unknown; k?: unknown; point?: unknown };
    if (typeof body.endpoint !== 'string') throw SimApiError.invalid('/endpoint', 'expected an endpoint name such as "POST /porting_orders"');
    const k = typeof body.k === 'number' ? body.k : 1;
    const point: HoldPoint = body.point === 'after' ? 'after' : 'before';
    const id = randomUUID();
    holds.set(id, target.hold(body.endpoint, k, point));
    return ok({ id }, 201);
  });
  const holdOf = (id: string | undefined): HoldHandle => {
    const hold = id === undefined ? undefined : holds.get(id);
    if (!hold) throw SimApiError.notFound(`hold ${id ?? ''}`);
    return hold;
  };
  router.add('GET', '/_sim/hold/:id', (request) => ok({ reached: holdOf(request.params.id).isReached }));
  router.add('POST', '/_sim/hold/:id/release', (request) => {
    holdOf(request.params.id).release();
    return ok({ released: true });
  });
  router.add('POST', '/_sim/hold/:id/drop', (request) => {
    holdOf(request.params.id).drop();
    return ok({ dropped: true });
  });
}
