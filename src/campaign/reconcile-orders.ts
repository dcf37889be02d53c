import type { ExistingPart } from '../plan/plan-types.js';
import type { CampaignState } from './campaign-state.js';
import type { NewJournalRecord } from './campaign-journal.js';
import type { JournalOrder } from './journal-records.js';

/** Part keys the tool writes as `customer_reference` (see derivePartKey). */
const PART_KEY = /^bp-[0-9a-f]{16}$/;

/** An order as a listing shows it (the fields reconciliation needs). */
export interface ReconcilableOrder extends JournalOrder {
  readonly customerReference: string | undefined;
}

export interface Reconciliation {
  /** Records that bring the journal up to what the server has. */
  readonly records: NewJournalRecord[];
  /** Orders the journal knows that the listing did not show: retrieve them to tell "deleted" from "not listed yet". */
  readonly unlisted: readonly string[];
}

/**
 * Compares the journal with the server's list of the campaign's orders. Orders the journal does not
 * know but whose `customer_reference` is a part key were created by a run that never heard the
 * answer (crash, lost response) or split off later by Telnyx: they are recorded as created (`via:
 * listing`), so they are never created again. Status changes are recorded too.
 */
export function reconcileOrders(state: CampaignState, listed: readonly ReconcilableOrder[]): Reconciliation {
  const records: NewJournalRecord[] = [];
  const unknownByPart = new Map<string, JournalOrder[]>();
  const seen = new Set<string>();
  for (const order of listed) {
    seen.add(order.id);
    const known = state.orders.get(order.id);
    if (known !== undefined) {
      if (known.status !== order.status) records.push({ t: 'order', order: order.id, status: order.status });
      continue;
    }
    const key = order.customerReference;
    if (key === undefined || !PART_KEY.test(key)) continue;
    const orders = unknownByPart.get(key) ?? [];
    orders.push({ id: order.id, numbers: order.numbers, count: order.count, status: order.status });
    unknownByPart.set(key, orders);
  }
  for (const [part, orders] of unknownByPart) records.push({ t: 'created', part, orders, via: 'listing' });
  const unlisted = [...state.orders.values()].filter((order) => !seen.has(order.id) && order.status !== 'deleted').map((order) => order.id);
  return { records, unlisted };
}

/**
 * Parts with at least one order that still exists (deleted drafts do not count: their numbers may be
 * ordered again). Cancelled orders count: a cancelled port is a person's decision, not to be undone
 * by a re-run.
 */
export function existingParts(state: CampaignState): ExistingPart[] {
  const parts: ExistingPart[] = [];
  for (const [key, ids] of state.partOrders) {
    const live = ids.filter((id) => state.orders.get(id)?.status !== 'deleted');
    if (live.length === 0) continue;
    const part = state.parts.get(key);
    const numbers = part?.numbers ?? [...new Set(live.flatMap((id) => state.orders.get(id)?.numbers ?? []))];
    parts.push({ key, numbers, part, orderIds: live });
  }
  return parts;
}
