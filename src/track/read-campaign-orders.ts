import { ApiRejectedError } from '../api/api-errors.js';
import type { ApiSession } from '../api/api-session.js';
import type { CampaignState } from '../campaign/campaign-state.js';
import type { TrackWireOrder } from './tracked-order-view.js';
import { SHAPES } from '../api/response-shapes.js';

export interface CampaignOrdersNow {
  /** Every order of the campaign the server has, by id. */
  readonly wires: Map<string, TrackWireOrder>;
  /** Orders the journal knows that the server no longer has (deleted drafts). */
  readonly gone: readonly string[];
  readonly listPages: number;
  /** Single-order reads for orders the listing did not show. */
  readonly retrieves: number;
}

/**
 * The campaign's orders as the server has them now: the listing by `customer_group_reference`
 * (250 a page; filtered again here, as the tool must not depend on a server filter, docs/design.md §8),
 * plus a read of each order the journal knows that the listing did not show — an order adopted
 * after a split that lacks the campaign's reference, or a deleted draft (404).
 */
export async function readCampaignOrders(session: ApiSession, state: CampaignState, campaign: string): Promise<CampaignOrdersNow> {
  const wires = new Map<string, TrackWireOrder>();
  let listPages = 0;
  const listed = (await session.scheduler.listAll(`porting orders of campaign ${campaign}`, (pageNumber, pageSize) => {
    listPages += 1;
    return session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { customer_group_reference: campaign } });
  }, SHAPES.portingOrders)) as TrackWireOrder[];
  for (const order of listed) if (order.id && order.customer_group_reference === campaign) wires.set(order.id, order);
  const gone: string[] = [];
  let retrieves = 0;
  for (const [id, order] of state.orders) {
    if (wires.has(id) || order.status === 'deleted') continue;
    retrieves += 1;
    const found = await retrieveOrder(session, id);
    if (found === undefined) gone.push(id);
    else wires.set(id, found);
  }
  return { wires, gone, listPages, retrieves };
}

/** One order in full (`GET /porting_orders/{id}`), or undefined when the server no longer has it (404). */
export async function retrieveOrder(session: ApiSession, id: string): Promise<TrackWireOrder | undefined> {
  try {
    const response = await session.scheduler.call('read', `porting order ${id}`, () => session.client.portingOrders.retrieve(id), SHAPES.portingOrder);
    return (response.data ?? undefined) as TrackWireOrder | undefined;
  } catch (error) {
    if (error instanceof ApiRejectedError && error.isNotFound) return undefined;
    throw error;
  }
}
