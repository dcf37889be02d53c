import type { ApiSession } from '../api/api-session.js';
import { LIST_PAGE_SIZE } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';

/** An order whose numbers are not all embedded (Telnyx embeds only the first 50). */
export interface OrderToComplete {
  readonly id: string;
  readonly status: string;
  /** porting_phone_numbers_count */
  readonly count: number;
}

type PortingOrderStatus = 'draft' | 'in-process' | 'submitted' | 'exception' | 'foc-date-confirmed' | 'cancel-pending' | 'ported' | 'cancelled';

export interface CampaignNumbers {
  /** Numbers per order id, for every campaign order that a listed row named. */
  readonly byOrder: Map<string, string[]>;
  /** List pages read. */
  readonly pageCount: number;
}

/**
 * The complete number lists of orders with more numbers than they embed, from
 * `GET /porting_phone_numbers`, whose only declared filter is `filter[porting_order_status]`. Every
 * row is kept only if its `porting_order_id` is one of the campaign's orders (the listing covers
 * the whole account), and paging stops as soon as every wanted order has all its rows.
 *
 * Which listing: with the wanted orders all in one status, that status's listing (other campaigns'
 * finished orders never come into it). With several statuses, one status listing each would cost
 * a partly filled last page per status, so the first unfiltered page is read: its `total_pages`
 * says what listing everything costs, and when that is no more than the status listings would
 * cost at best (the account holds little besides this campaign) the unfiltered listing goes on;
 * otherwise the status listings follow (the first page's rows are kept either way).
 */
export async function listCampaignNumbers(
  session: ApiSession,
  campaignOrderIds: ReadonlySet<string>,
  toComplete: readonly OrderToComplete[],
  campaignNumbersByStatus: ReadonlyMap<string, number>,
): Promise<CampaignNumbers> {
  const byOrder = new Map<string, string[]>();
  let pageCount = 0;
  const isComplete = (wanted: readonly OrderToComplete[]): boolean => wanted.every((order) => (byOrder.get(order.id)?.length ?? 0) >= order.count);
  const readPage = async (status: string | undefined, pageNumber: number): Promise<{ isLast: boolean; totalPages: number | undefined }> => {
    const label = `porting phone numbers${status === undefined ? '' : ` in status ${status}`} (page ${pageNumber})`;
    const page = await session.scheduler.call('read', label, () =>
      session.client.portingPhoneNumbers.list({
        'page[number]': pageNumber,
        'page[size]': LIST_PAGE_SIZE,
        ...(status === undefined ? {} : { filter: { porting_order_status: status as PortingOrderStatus } }),
      }),
      SHAPES.portingPhoneNumbers,
    );
    pageCount += 1;
    for (const row of page.data) {
      const orderId = row.porting_order_id;
      if (orderId === undefined || row.phone_number === undefined || !campaignOrderIds.has(orderId)) continue;
      const numbers = byOrder.get(orderId) ?? [];
      if (!numbers.includes(row.phone_number)) numbers.push(row.phone_number);
      byOrder.set(orderId, numbers);
    }
    const totalPages = (page as { meta?: { total_pages?: number | null } }).meta?.total_pages ?? undefined;
    const isLast = page.data.length === 0 || (typeof totalPages === 'number' ? pageNumber >= totalPages : page.data.length < LIST_PAGE_SIZE);
    return { isLast, totalPages };
  };
  const listFrom = async (status: string | undefined, firstPage: number, wanted: readonly OrderToComplete[]): Promise<void> => {
    for (let pageNumber = firstPage; !isComplete(wanted); pageNumber += 1) {
      if ((await readPage(status, pageNumber)).isLast) return;
    }
  };

  const byStatus = groupBy(toComplete, (order) => order.status);
  if (byStatus.size > 1) {
    const first = await readPage(undefined, 1);
    const statusListingsAtBest = [...byStatus.keys()].reduce((sum, status) => sum + Math.max(1, Math.ceil((campaignNumbersByStatus.get(status) ?? 0) / LIST_PAGE_SIZE)), 0);
    if (!first.isLast && (first.totalPages ?? Number.POSITIVE_INFINITY) <= statusListingsAtBest) await listFrom(undefined, 2, toComplete);
  }
  const listed = new Set<string>();
  for (const [status, wanted] of byStatus) {
    listed.add(status);
    if (!isComplete(wanted)) await listFrom(status, 1, wanted);
  }
  // An order that moved on between the orders listing and this one is found under its new status.
  const missing = toComplete.filter((order) => !isComplete([order]));
  for (const order of missing) {
    const response = await session.scheduler.call('read', `porting order ${order.id}`, () => session.client.portingOrders.retrieve(order.id), SHAPES.portingOrder);
    const status = response.data?.status?.value;
    if (status !== undefined && !listed.has(status)) {
      listed.add(status);
      await listFrom(status, 1, [order]);
    }
  }
  return { byOrder, pageCount };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
