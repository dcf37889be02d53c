import { renderMessaging } from './order-render.js';
import type { SimOrder } from './sim-order.js';

/** What an order looked like before a change, in the parts events report on. */
export interface OrderMark {
  readonly status: string;
  readonly commentCount: number;
  readonly messaging: string;
  readonly loa: string | null;
  readonly additionalDocumentCount: number;
  readonly webhookUrl: string | null;
}

export function markOrder(order: SimOrder): OrderMark {
  return {
    status: order.status,
    commentCount: order.comments.length,
    messaging: JSON.stringify(renderMessaging(order)),
    loa: order.documents.loa,
    additionalDocumentCount: order.additionalDocuments.length,
    webhookUrl: order.webhookUrl,
  };
}

/**
 * One change to one order, as the order store reports it to its observer (the events log): the order
 * after the change, what it looked like before, and when it happened on the simulated clock.
 */
export interface OrderChange {
  readonly order: SimOrder;
  readonly before: OrderMark;
  readonly atMs: number;
  /** `deleted`: the draft is gone; `split`: `splitTo` took `movedNumbers` from it. */
  readonly kind?: 'deleted' | 'split';
  readonly splitTo?: SimOrder;
  readonly movedNumbers?: readonly string[];
}

export type OrderObserver = (change: OrderChange) => void;
