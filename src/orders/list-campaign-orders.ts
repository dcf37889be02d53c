import type { ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { toListedOrder, type ListedOrder } from './wire-order.js';

/**
 * Every order of the campaign, as the server has it: `filter[customer_group_reference]` is the
 * campaign (the tool sets it on every order it creates). One read per 250 orders; this is how a
 * resumed run learns what a crashed one created before it creates anything.
 */
export async function listCampaignOrders(session: ApiSession, campaign: string): Promise<ListedOrder[]> {
  const orders = await session.scheduler.listAll(`porting orders of campaign ${campaign}`, (pageNumber, pageSize) =>
    session.client.portingOrders.list({
      'page[number]': pageNumber,
      'page[size]': pageSize,
      filter: { customer_group_reference: campaign },
    }),
    SHAPES.portingOrders,
  );
  return orders.map(toListedOrder).filter((order) => order.id !== '');
}

/** The orders of one plan part (after a create whose answer was lost). */
export async function listPartOrders(session: ApiSession, campaign: string, partKey: string): Promise<ListedOrder[]> {
  const orders = await session.scheduler.listAll(`porting orders of part ${partKey}`, (pageNumber, pageSize) =>
    session.client.portingOrders.list({
      'page[number]': pageNumber,
      'page[size]': pageSize,
      filter: { customer_group_reference: campaign, customer_reference: partKey },
    }),
    SHAPES.portingOrders,
  );
  // Filter again here: the tool must not depend on the server honouring a filter (docs/design.md §8).
  return orders.map(toListedOrder).filter((order) => order.id !== '' && order.customerReference === partKey);
}
