import { ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { mapBounded } from '../core/bounded.js';
import { toTrackedOrderView, type TrackWireOrder } from '../track/tracked-order-view.js';
import type { FindHit } from './campaign-hits.js';

/** An order as Telnyx has it now (`find --refresh`); `gone` when the server no longer has it (a deleted draft). */
export type LiveOrder =
  | { readonly gone: false; readonly status: string; readonly detailCodes: readonly string[]; readonly focRequested: string; readonly focConfirmed: string; readonly supportKey: string }
  | { readonly gone: true };

/**
 * One read per distinct order of the hits (`GET /porting_orders/{id}`), through the session's scheduler,
 * fanned out no wider than it allows. Reads only: nothing is journaled (the next `status` does that).
 */
export async function readLiveOrders(session: ApiSession, hits: Iterable<FindHit>): Promise<Map<string, LiveOrder>> {
  const ids = [...new Set([...hits].flatMap((hit) => (hit.order === '' ? [] : [hit.order])))];
  // Bounded fan-out ahead of the scheduler, which caps concurrency and paces the calls.
  const entries = await mapBounded(ids, session.scheduler.concurrency * 2, async (id): Promise<[string, LiveOrder]> => {
    try {
      const response = await session.scheduler.call('read', `porting order ${id}`, () => session.client.portingOrders.retrieve(id), SHAPES.portingOrder);
      const wire = response.data as TrackWireOrder | undefined;
      if (wire === undefined) return [id, { gone: true }];
      const view = toTrackedOrderView(wire, { lastComment: undefined, missingRequirements: [] });
      return [id, { gone: false, status: view.status, detailCodes: view.detailCodes, focRequested: view.focRequested, focConfirmed: view.focActual, supportKey: view.supportKey }];
    } catch (error) {
      if (error instanceof ApiRejectedError && error.isNotFound) return [id, { gone: true }];
      throw error;
    }
  });
  return new Map(entries);
}
