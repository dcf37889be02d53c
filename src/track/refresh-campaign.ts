import type { ApiSession } from '../api/api-session.js';
import type { CampaignJournal, NewJournalRecord } from '../campaign/campaign-journal.js';
import type { TrackedOrderView } from '../campaign/journal-records.js';
import { reconcileOrders } from '../campaign/reconcile-orders.js';
import { NO_PROGRESS, type Progress } from '../progress/progress.js';
import { forEachBounded } from '../core/bounded.js';
import { readEventFeed, type EventFeedQuery } from '../events/read-event-feed.js';
import { toJournalOrder, toListedOrder } from '../orders/wire-order.js';
import { describeChanges, type CampaignChanges, type OrderTransition } from './describe-changes.js';
import { listCampaignNumbers, type OrderToComplete } from './list-campaign-numbers.js';
import { chooseRefresh, planEventsRefresh, sharingTokensExpired } from './plan-events-refresh.js';
import { toPortingEventEntry } from './porting-event-entry.js';
import { readCampaignOrders } from './read-campaign-orders.js';
import { readLatestComment, readMissingRequirements } from './read-order-extras.js';
import { refreshByEvents } from './refresh-by-events.js';
import { FINAL_ORDER_STATUSES, isSameView, toTrackedOrderView, type TrackWireOrder } from './tracked-order-view.js';
import { SHAPES } from '../api/response-shapes.js';

/** The events inbox of the state directory as a refresh reads it (`listen` writes it). */
export interface EventsInboxSource {
  /** The porting events written after byte `offset`, and the offset past them. */
  read(offset: number): Promise<{ readonly events: readonly unknown[]; readonly nextOffset: number }>;
}

export interface RefreshDeps {
  readonly session: ApiSession;
  readonly journal: CampaignJournal;
  readonly campaign: string;
  /** Orders whose comments and requirements are read at once (the scheduler bounds the calls in flight). */
  readonly orderConcurrency: number;
  readonly progress?: Progress;
  /** `--full`: list every order even when the events feed could be followed. */
  readonly isFullAsked?: boolean;
  /** This machine's clock (how old the last events read is). */
  readonly now?: () => Date;
  readonly inbox?: EventsInboxSource;
}

/** Reads made by one refresh, by kind (the call-count target of issue 7). */
export interface RefreshReads {
  readonly orderPages: number;
  readonly numberPages: number;
  readonly comments: number;
  readonly requirements: number;
  /** Retrieves of orders the listing did not show, and parent-support-key listings after a split. */
  readonly other: number;
  /** Pages of `GET /porting/events`. */
  readonly eventPages: number;
  /** Orders read one by one because an event (or this tool) changed them: the events refresh's k. */
  readonly orderReads: number;
}

/** What the events feed and the inbox brought in one refresh. */
export interface RefreshEvents {
  /** Events read from the feed (copies included) and from the inbox. */
  readonly fromFeed: number;
  readonly fromInbox: number;
  /** The campaign's events applied for the first time. */
  readonly applied: number;
  /** Orders an event (or this tool) changed, read again in full: the k of the call budget (0 on a full refresh). */
  readonly changedOrders: number;
  /** Events of other campaigns' orders or of no campaign. */
  readonly ignored: number;
  /** Orders whose sharing token expired (events applied in this refresh). */
  readonly sharingTokensExpired: ReadonlyArray<{ readonly order: string; readonly at: string }>;
}

export interface RefreshOutcome {
  readonly changes: CampaignChanges;
  readonly reads: RefreshReads;
  readonly orderCount: number;
  readonly numberCount: number;
  /** `full`: every order listed; `events`: only what the events said changed. */
  readonly mode: 'full' | 'events';
  /** Why a full refresh ran. */
  readonly reason?: string;
  readonly events: RefreshEvents;
}

export type MutableReads = { -readonly [K in keyof RefreshReads]: RefreshReads[K] };

/**
 * One refresh of a campaign (reads only). After the first, it follows the events feed (`GET
 * /porting/events` from the journal's cursor, plus the webhook inbox) and reads only the orders an
 * event named; the first refresh, `--full`, and a cursor older than Telnyx is relied on to keep events
 * list every order instead (plan-events-refresh.ts decides). Both end in the same journal records.
 */
export async function refreshCampaign(deps: RefreshDeps): Promise<RefreshOutcome> {
  const now = deps.now ?? ((): Date => new Date(Date.now()));
  const choice = chooseRefresh(deps.journal.state, { isFullAsked: deps.isFullAsked === true, now: now() });
  if (choice.mode === 'events') return refreshByEvents(deps, choice.since);
  // On --full with a cursor still in the window, the events since it are read whole (an expired sharing
  // token among them is not missed); otherwise the newest page is enough to set the cursor.
  const unasked = deps.isFullAsked === true ? chooseRefresh(deps.journal.state, { isFullAsked: false, now: now() }) : choice;
  return refreshFully(deps, choice.reason, unasked.mode === 'events' ? { since: unasked.since } : { firstPageOnly: true });
}

const SPLIT_DETAIL = 'PORTING_ORDER_SPLIT_REQUIRED';

/**
 * The full refresh: every order by `customer_group_reference` (250 a page), orders split off after
 * submission adopted, every order's complete number list, the latest comment of orders still moving
 * and the missing requirements of orders whose requirements are not met. First the newest page of
 * the events feed and the inbox's end are noted: what they hold is reflected by the reads that follow,
 * so the next refresh follows the feed from there. Everything learnt goes to the journal, which the
 * results are then written from.
 */
async function refreshFully(deps: RefreshDeps, reason: string, feedQuery: EventFeedQuery): Promise<RefreshOutcome> {
  const { session, journal, campaign } = deps;
  const state = journal.state;
  const reads: MutableReads = { orderPages: 0, numberPages: 0, comments: 0, requirements: 0, other: 0, eventPages: 0, orderReads: 0 };

  // 0. Where the events stand before anything is read.
  const inbox = await deps.inbox?.read(state.tracking.lastEvents?.inboxOffset ?? 0);
  const feed = await readEventFeed(session, 'porting', feedQuery);
  reads.eventPages = feed.pageCount;
  const entries = [...(inbox?.events ?? []), ...feed.events].flatMap((raw) => toPortingEventEntry(raw) ?? []);
  const eventsPlan = planEventsRefresh(state, entries);
  const isFirstRefresh = state.tracking.refreshCount === 0;
  const statusBefore = new Map([...state.orders].map(([id, order]) => [id, order.status]));
  const viewsBefore = new Map(state.tracking.views);
  const record = async (records: readonly NewJournalRecord[]): Promise<void> => {
    for (const r of records) await journal.record(r);
  };

  // 1. The campaign's orders; 2. orders the journal knows that the listing did not show.
  const now = await readCampaignOrders(session, state, campaign);
  const wires = now.wires;
  reads.orderPages = now.listPages;
  reads.other += now.retrieves;
  await record(now.gone.map((id): NewJournalRecord => ({ t: 'order', order: id, status: 'deleted' })));

  // 3. Orders Telnyx split off after submission carry the original's parent support key.
  const adoptedNow = new Map<string, string>();
  const knownByParent = new Map<string, string[]>();
  for (const [id, wire] of wires) {
    if (state.orders.has(id) && wire.parent_support_key) knownByParent.set(wire.parent_support_key, [...(knownByParent.get(wire.parent_support_key) ?? []), id]);
  }
  const countBefore = (id: string): number => viewsBefore.get(id)?.count ?? state.orders.get(id)?.count ?? 0;
  const shrunk = (id: string): boolean => (wires.get(id)?.porting_phone_numbers_count ?? Number.POSITIVE_INFINITY) < countBefore(id);
  for (const [id, wire] of wires) {
    if (state.orders.has(id) || !wire.parent_support_key) continue;
    const siblings = knownByParent.get(wire.parent_support_key) ?? [];
    // Orders of one create share the parent key: the original is the one that held these numbers.
    const first = wire.phone_numbers?.[0]?.phone_number;
    const heldThem = siblings.find((s) => first !== undefined && (state.tracking.numbers.get(s) ?? state.orders.get(s)?.numbers ?? []).includes(first));
    const count = wire.porting_phone_numbers_count ?? 0;
    const lostThatMany = siblings.find((s) => shrunk(s) && countBefore(s) - (wires.get(s)?.porting_phone_numbers_count ?? 0) === count);
    const from = heldThem ?? lostThatMany ?? siblings.find(shrunk) ?? siblings.find((s) => hasSplitDetail(wires.get(s))) ?? siblings[0];
    const part = from === undefined ? undefined : state.orders.get(from)?.partKey;
    if (from === undefined || part === undefined) continue;
    await record([{ t: 'adopted', part, order: toJournalOrder(toListedOrder(wire)), splitFrom: from, via: 'group-reference' }]);
    adoptedNow.set(id, from);
  }
  // An order that lost numbers without a sibling in the listing: its split-off order may lack the
  // campaign's reference, so ask for the orders that share its parent support key.
  for (const [id, wire] of [...wires]) {
    if (!state.orders.has(id) || adoptedNow.has(id) || !shrunk(id) || !wire.parent_support_key) continue;
    if ([...adoptedNow.values()].includes(id)) continue;
    const parentKey = wire.parent_support_key;
    reads.other += 1;
    const family = (await session.scheduler.listAll(`porting orders with parent support key ${parentKey}`, (pageNumber, pageSize) =>
      session.client.portingOrders.list({ 'page[number]': pageNumber, 'page[size]': pageSize, filter: { parent_support_key: parentKey } }),
      SHAPES.portingOrders,
    )) as TrackWireOrder[];
    const part = state.orders.get(id)?.partKey ?? '';
    for (const member of family) {
      if (!member.id || state.orders.has(member.id) || member.parent_support_key !== parentKey) continue;
      wires.set(member.id, member);
      await record([{ t: 'adopted', part, order: toJournalOrder(toListedOrder(member)), splitFrom: id, via: 'parent-support-key' }]);
      adoptedNow.set(member.id, id);
    }
  }

  // 4. Orders of a crashed create (unknown, with a part key) and status changes, as submit records them.
  const reconciliation = reconcileOrders(state, [...wires.values()].map(toListedOrder));
  await record(reconciliation.records);

  const current = [...wires.entries()].filter(([id]) => state.orders.has(id) && state.orders.get(id)?.status !== 'deleted');

  // 5. Complete number lists: an order embeds only its first 50.
  const toComplete: OrderToComplete[] = [];
  for (const [id, wire] of current) {
    const embedded = wire.phone_numbers?.length ?? 0;
    const count = wire.porting_phone_numbers_count ?? embedded;
    if (count > embedded) toComplete.push({ id, status: wire.status?.value ?? 'draft', count });
  }
  const numbersByStatus = new Map<string, number>();
  for (const [, wire] of current) {
    const status = wire.status?.value ?? 'draft';
    numbersByStatus.set(status, (numbersByStatus.get(status) ?? 0) + (wire.porting_phone_numbers_count ?? 0));
  }
  const listedNumbers = await listCampaignNumbers(session, new Set(current.map(([id]) => id)), toComplete, numbersByStatus);
  reads.numberPages = listedNumbers.pageCount;
  let numberCount = 0;
  for (const [id, wire] of current) {
    const embedded = (wire.phone_numbers ?? []).flatMap((n) => (n.phone_number ? [n.phone_number] : []));
    const numbers = listedNumbers.byOrder.get(id) ?? embedded;
    const all = numbers.length >= embedded.length ? numbers : embedded;
    numberCount += all.length;
    const known = state.tracking.numbers.get(id) ?? state.orders.get(id)?.numbers ?? [];
    if (!sameMembers(known, all)) await record([{ t: 'numbers', order: id, numbers: all }]);
  }

  // 6. Per-order reads for what the listing lacks: the latest comment, the missing requirements.
  const progress = deps.progress ?? NO_PROGRESS;
  progress.setTotal(current.length);
  const views = new Map<string, TrackedOrderView>();
  await forEachBounded(current, deps.orderConcurrency, async ([id, wire]) => {
    const status = wire.status?.value ?? 'draft';
    const before = viewsBefore.get(id);
    const isFinal = FINAL_ORDER_STATUSES.has(status);
    let lastComment = before?.lastComment;
    if (!isFinal || before === undefined || before.status !== status) {
      const latest = await readLatestComment(session, id);
      reads.comments += latest.readCount;
      lastComment = latest.comment;
    }
    let missingRequirements: string[] = [];
    if (wire.requirements_met !== true && !isFinal) {
      reads.requirements += 1;
      missingRequirements = await readMissingRequirements(session, id);
    }
    views.set(id, toTrackedOrderView(wire, { lastComment, missingRequirements }));
    progress.tick(1);
  });
  for (const [id] of current) {
    const view = views.get(id);
    if (view !== undefined && !isSameView(viewsBefore.get(id), view)) await record([{ t: 'snapshot', order: id, view }]);
  }

  // 7. What moved.
  const transitions: OrderTransition[] = [];
  const ids = new Set([...statusBefore.keys(), ...views.keys()]);
  for (const id of ids) {
    const previousStatus = statusBefore.get(id);
    if (previousStatus === 'deleted') continue;
    const before = viewsBefore.get(id) ?? (previousStatus === undefined ? undefined : { status: previousStatus, detailCodes: [] });
    const splitFrom = adoptedNow.get(id);
    transitions.push({ id, before, after: views.get(id), ...(splitFrom === undefined ? {} : { splitFrom }) });
  }
  const changes = describeChanges(transitions, isFirstRefresh);
  await record([
    {
      t: 'events',
      via: 'full',
      cursor: eventsPlan.cursor,
      recentIds: eventsPlan.recentIds,
      applied: eventsPlan.applied,
      ignoredCount: eventsPlan.ignoredCount,
      inboxOffset: inbox?.nextOffset ?? state.tracking.lastEvents?.inboxOffset ?? 0,
    },
    { t: 'refreshed', orderCount: current.length, numberCount, changes: changes.lines },
  ]);
  return {
    changes,
    reads,
    orderCount: current.length,
    numberCount,
    mode: 'full',
    reason,
    events: {
      fromFeed: feed.events.length,
      fromInbox: inbox?.events.length ?? 0,
      applied: eventsPlan.applied.length,
      changedOrders: 0,
      ignored: eventsPlan.ignoredCount,
      sharingTokensExpired: sharingTokensExpired(eventsPlan.applied),
    },
  };
}


function hasSplitDetail(order: TrackWireOrder | undefined): boolean {
  return (order?.status?.details ?? []).some((d) => d.code === SPLIT_DETAIL);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((n) => set.has(n));
}
