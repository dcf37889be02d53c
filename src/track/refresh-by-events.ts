import type { NewJournalRecord } from '../campaign/campaign-journal.js';
import type { TrackedOrderView } from '../campaign/journal-records.js';
import { reconcileOrders } from '../campaign/reconcile-orders.js';
import { forEachBounded } from '../core/bounded.js';
import { readEventFeed } from '../events/read-event-feed.js';
import { toJournalOrder, toListedOrder } from '../orders/wire-order.js';
import { NO_PROGRESS } from '../progress/progress.js';
import { describeChanges, type OrderTransition } from './describe-changes.js';
import { listCampaignNumbers, type OrderToComplete } from './list-campaign-numbers.js';
import { planEventsRefresh, sharingTokensExpired } from './plan-events-refresh.js';
import { toPortingEventEntry } from './porting-event-entry.js';
import { retrieveOrder } from './read-campaign-orders.js';
import { readMissingRequirements } from './read-order-extras.js';
import type { MutableReads, RefreshDeps, RefreshOutcome } from './refresh-campaign.js';
import { LIST_PAGE_SIZE } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';
import { FINAL_ORDER_STATUSES, isSameView, toTrackedOrderView, type TrackWireOrder } from './tracked-order-view.js';

/**
 * The events refresh (issue 14): the inbox's new porting events and `GET /porting/events` since
 * `since` (the cursor less the overlap), applied to the journal by `planEventsRefresh`; then one read
 * of each order an event says changed (k; the campaign listing instead when k is more than its pages,
 * which costs ⌈orders/250⌉ plus a read of each changed order it does not show), its complete numbers when it holds more than the 50 it
 * embeds, its missing requirements when they are not met, and the comments from the new_comment
 * events. Calls: ⌈E/250⌉ event pages (at least one) + k order reads (+ those extras); nothing changed
 * and no other activity: one call. The records written are those a full refresh would write for the
 * same changes, so both paths give the same results.
 */
export async function refreshByEvents(deps: RefreshDeps, since: string | undefined): Promise<RefreshOutcome> {
  const { session, journal, campaign } = deps;
  const state = journal.state;
  const reads: MutableReads = { orderPages: 0, numberPages: 0, comments: 0, requirements: 0, other: 0, eventPages: 0, orderReads: 0 };
  const record = async (records: readonly NewJournalRecord[]): Promise<void> => {
    for (const r of records) await journal.record(r);
  };
  const statusBefore = new Map([...state.orders].map(([id, order]) => [id, order.status]));
  const viewsBefore = new Map(state.tracking.views);

  // 1. The events: the inbox first (no call), then the feed.
  const inboxOffset = state.tracking.lastEvents?.inboxOffset ?? 0;
  const inbox = (await deps.inbox?.read(inboxOffset)) ?? { events: [], nextOffset: inboxOffset };
  const feed = await readEventFeed(session, 'porting', { since });
  reads.eventPages = feed.pageCount;
  const entries = [...inbox.events, ...feed.events].flatMap((raw) => toPortingEventEntry(raw) ?? []);
  const plan = planEventsRefresh(state, entries);

  // 2. One read of each order that changed; when more changed than the campaign listing has pages,
  // the listing (250 orders a page) reads them for less, and only orders it does not show are read by id.
  const progress = deps.progress ?? NO_PROGRESS;
  progress.setTotal(plan.toRead.length);
  const wires = new Map<string, TrackWireOrder>();
  const gone = new Set(plan.deleted);
  let byId = plan.toRead;
  const liveCount = [...state.orders.values()].filter((order) => order.status !== 'deleted').length;
  if (plan.toRead.length > Math.ceil(liveCount / LIST_PAGE_SIZE)) {
    const listed = await listCampaignWires(session, campaign);
    reads.orderPages = listed.pageCount;
    for (const id of plan.toRead) {
      const wire = listed.wires.get(id);
      if (wire !== undefined) wires.set(id, wire);
    }
    byId = plan.toRead.filter((id) => !wires.has(id));
    progress.tick(plan.toRead.length - byId.length);
  }
  await forEachBounded(byId, deps.orderConcurrency, async (id) => {
    reads.orderReads += 1;
    const wire = await retrieveOrder(session, id);
    if (wire === undefined) gone.add(id);
    else wires.set(id, wire);
    progress.tick(1);
  });
  await record([...gone].filter((id) => state.orders.has(id) && state.orders.get(id)?.status !== 'deleted').map((id): NewJournalRecord => ({ t: 'order', order: id, status: 'deleted' })));

  // 3. Orders split off a campaign order: adopted as a full refresh does (same family: the parent support key).
  const adoptedNow = new Map<string, string>();
  for (const { from, to } of plan.splits) {
    const wire = wires.get(to);
    const original = state.orders.get(from);
    if (wire === undefined || original === undefined || state.orders.has(to)) continue;
    const parentKey = wires.get(from)?.parent_support_key ?? viewsBefore.get(from)?.parentSupportKey;
    if (wire.parent_support_key && parentKey && wire.parent_support_key !== parentKey) continue;
    const via = wire.customer_group_reference === campaign ? 'group-reference' : 'parent-support-key';
    await record([{ t: 'adopted', part: original.partKey, order: toJournalOrder(toListedOrder(wire)), splitFrom: from, via }]);
    adoptedNow.set(to, from);
  }

  // 4. Status changes, and orders of a create whose answer was lost (named by their part key).
  await record(reconcileOrders(state, [...wires.values()].map(toListedOrder)).records);
  const current = [...wires.entries()].filter(([id]) => state.orders.has(id) && state.orders.get(id)?.status !== 'deleted');

  // 5. Complete number lists of the orders read (an order embeds only its first 50).
  const toComplete: OrderToComplete[] = [];
  for (const [id, wire] of current) {
    const embedded = wire.phone_numbers?.length ?? 0;
    const count = wire.porting_phone_numbers_count ?? embedded;
    if (count > embedded) toComplete.push({ id, status: wire.status?.value ?? 'draft', count });
  }
  let listed = new Map<string, string[]>();
  if (toComplete.length > 0) {
    const numbersByStatus = new Map<string, number>();
    for (const [id, order] of state.orders) {
      if (order.status === 'deleted') continue;
      const view = state.tracking.views.get(id);
      const wire = wires.get(id);
      const status = wire?.status?.value ?? view?.status ?? order.status;
      const count = wire?.porting_phone_numbers_count ?? view?.count ?? order.count;
      numbersByStatus.set(status, (numbersByStatus.get(status) ?? 0) + count);
    }
    const numbers = await listCampaignNumbers(session, new Set(current.map(([id]) => id)), toComplete, numbersByStatus);
    reads.numberPages = numbers.pageCount;
    listed = numbers.byOrder;
  }
  for (const [id, wire] of current) {
    const embedded = (wire.phone_numbers ?? []).flatMap((n) => (n.phone_number ? [n.phone_number] : []));
    const numbers = listed.get(id) ?? embedded;
    const all = numbers.length >= embedded.length ? numbers : embedded;
    const known = state.tracking.numbers.get(id) ?? state.orders.get(id)?.numbers ?? [];
    if (!sameMembers(known, all)) await record([{ t: 'numbers', order: id, numbers: all }]);
  }

  // 6. Views: the orders read, with their missing requirements; comments from the events.
  const views = new Map<string, TrackedOrderView>();
  await forEachBounded(current, deps.orderConcurrency, async ([id, wire]) => {
    const status = wire.status?.value ?? 'draft';
    let missingRequirements: string[] = [];
    if (wire.requirements_met !== true && !FINAL_ORDER_STATUSES.has(status)) {
      reads.requirements += 1;
      missingRequirements = await readMissingRequirements(session, id);
    }
    views.set(id, toTrackedOrderView(wire, { lastComment: newest(viewsBefore.get(id)?.lastComment, plan.comments.get(id)), missingRequirements }));
  });
  for (const [id, comment] of plan.comments) {
    const before = viewsBefore.get(id);
    if (views.has(id) || before === undefined || gone.has(id)) continue;
    views.set(id, { ...before, lastComment: newest(before.lastComment, comment) });
  }
  for (const [id, view] of views) if (!isSameView(viewsBefore.get(id), view)) await record([{ t: 'snapshot', order: id, view }]);

  // 7. What moved.
  const transitions: OrderTransition[] = [];
  for (const id of new Set([...views.keys(), ...gone, ...adoptedNow.keys()])) {
    const previousStatus = statusBefore.get(id);
    if (previousStatus === 'deleted') continue;
    const before = viewsBefore.get(id) ?? (previousStatus === undefined ? undefined : { status: previousStatus, detailCodes: [] });
    const splitFrom = adoptedNow.get(id);
    transitions.push({ id, before, after: gone.has(id) ? undefined : views.get(id), ...(splitFrom === undefined ? {} : { splitFrom }) });
  }
  const changes = describeChanges(transitions, false);
  let orderCount = 0;
  let numberCount = 0;
  for (const [id, order] of state.orders) {
    if (order.status === 'deleted') continue;
    orderCount += 1;
    numberCount += (state.tracking.numbers.get(id) ?? order.numbers).length;
  }
  await record([
    { t: 'events', via: 'events', cursor: plan.cursor, recentIds: plan.recentIds, applied: plan.applied, ignoredCount: plan.ignoredCount, inboxOffset: inbox.nextOffset },
    { t: 'refreshed', orderCount, numberCount, changes: changes.lines },
  ]);
  return {
    changes,
    reads,
    orderCount,
    numberCount,
    mode: 'events',
    events: { fromFeed: feed.events.length, fromInbox: inbox.events.length, applied: plan.applied.length, changedOrders: plan.toRead.length, ignored: plan.ignoredCount, sharingTokensExpired: sharingTokensExpired(plan.applied) },
  };
}

/** The campaign's orders by `customer_group_reference` (filtered again here: design §8). */
async function listCampaignWires(session: RefreshDeps['session'], campaign: string): Promise<{ wires: Map<string, TrackWireOrder>; pageCount: number }> {
  let pageCount = 0;
  const listed = (await session.scheduler.listAll(`porting orders of campaign ${campaign}`, (pageNumber, pageSize) => {
    pageCount += 1;
    return session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { customer_group_reference: campaign } });
  }, SHAPES.portingOrders)) as TrackWireOrder[];
  const wires = new Map<string, TrackWireOrder>();
  for (const order of listed) if (order.id && order.customer_group_reference === campaign) wires.set(order.id, order);
  return { wires, pageCount };
}

/** The later of two comments (the new one on a tie: the feed names it after). */
function newest(before: TrackedOrderView['lastComment'], added: TrackedOrderView['lastComment']): TrackedOrderView['lastComment'] {
  if (added === undefined) return before;
  if (before === undefined) return added;
  return Date.parse(added.at) >= Date.parse(before.at) ? added : before;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((n) => set.has(n));
}
