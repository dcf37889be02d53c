import type { CampaignState } from '../campaign/campaign-state.js';
import type { PortingEventEntry, TrackedOrderView } from '../campaign/journal-records.js';

/**
 * How far before the cursor each events read starts again (`filter[created_at][gte]` = cursor − this).
 * An event can become visible after a later one (Telnyx records some changes late; the simulator
 * records a lifecycle step when it falls due): 15 minutes of overlap catches those, and the events
 * already read in it are skipped by id.
 */
export const EVENTS_OVERLAP_MS = 15 * 60 * 1000;

/**
 * How long bulkport relies on Telnyx keeping events. The docs say nothing about retention (the
 * simulator keeps 30 days), so bulkport assumes a week: when the last events read is older than
 * that (by this machine's clock), events may have been dropped unseen and `status` falls back to a
 * full refresh. A daily cron never meets the bound.
 */
const EVENTS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export type RefreshChoice = { readonly mode: 'full'; readonly reason: string } | { readonly mode: 'events'; readonly since: string | undefined };

/**
 * Full refresh or events (pure): full on the first refresh, on `--full`, for a journal that never
 * read the feed, while a create's answer is unknown (its orders are found by listing), and when the
 * last events read is older than EVENTS_KEPT_MS; otherwise the events since cursor − overlap.
 */
export function chooseRefresh(state: CampaignState, options: { readonly isFullAsked: boolean; readonly now: Date }): RefreshChoice {
  if (options.isFullAsked) return { mode: 'full', reason: '--full' };
  if (state.tracking.refreshCount === 0) return { mode: 'full', reason: 'first refresh' };
  const last = state.tracking.lastEvents;
  if (last === undefined) return { mode: 'full', reason: 'the journal has no events cursor yet' };
  if (state.openCreates.size > 0) return { mode: 'full', reason: 'a create without a known answer: its orders are found by listing' };
  const ageMs = options.now.getTime() - Date.parse(last.at);
  if (!(ageMs <= EVENTS_KEPT_MS)) {
    const days = Math.floor(ageMs / (24 * 60 * 60 * 1000));
    return { mode: 'full', reason: `the last events read was ${days} days ago, more than the ${EVENTS_KEPT_MS / (24 * 60 * 60 * 1000)} days bulkport relies on Telnyx keeping events` };
  }
  return { mode: 'events', since: eventsSince(last.cursor) };
}

/** `filter[created_at][gte]` for a read from `cursor`: the overlap before it; everything kept when there is none. */
function eventsSince(cursor: string | null): string | undefined {
  return cursor === null ? undefined : new Date(Date.parse(cursor) - EVENTS_OVERLAP_MS).toISOString();
}

/** What a set of events means for the campaign (pure; the reads and journal records follow from it). */
export interface EventsPlan {
  /** The campaign's events not applied before, oldest first. */
  readonly applied: PortingEventEntry[];
  /** Orders to read in full: their status moved, they split or were split off, their LOA changed, or this tool touched them. */
  readonly toRead: string[];
  /** Orders split off a campaign order (to adopt), with the order they came from. */
  readonly splits: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Drafts deleted. */
  readonly deleted: string[];
  /** The newest new comment per order. */
  readonly comments: ReadonlyMap<string, NonNullable<TrackedOrderView['lastComment']>>;
  /** Events about orders of other campaigns or of no campaign, not seen before. */
  readonly ignoredCount: number;
  /** The newest event time read (or the previous cursor when it is newer). */
  readonly cursor: string | null;
  /** Ids of every event at or after cursor − overlap. */
  readonly recentIds: string[];
}

const STATUS_CHANGED = 'porting_order.status_changed';
const SPLIT = 'porting_order.split';
const DELETED = 'porting_order.deleted';
const NEW_COMMENT = 'porting_order.new_comment';
const LOA_UPDATED = 'porting_order.loa_updated';

/**
 * Applies events to the campaign's state (pure). `events` are those read from the feed and the inbox,
 * in any order and with copies; each id counts once, and ids the journal has applied (or read near the
 * cursor) are skipped. An event belongs to the campaign when its order is one of the campaign's, was
 * split off one (a split event earlier in time names it), or carries one of the campaign's part keys as
 * customer_reference (an order of a create whose answer was lost); every other new event is counted
 * as ignored. Orders without a view yet and orders this tool touched since the last refresh are read
 * too (a PATCH of ours has no event).
 */
export function planEventsRefresh(state: CampaignState, events: readonly PortingEventEntry[]): EventsPlan {
  const known = new Set([...state.tracking.eventIds, ...(state.tracking.lastEvents?.recentIds ?? [])]);
  const unique = new Map<string, PortingEventEntry>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, event);
  const all = [...unique.values()];
  const timeline = all.map((event, index) => ({ event, index, ms: Date.parse(event.at) })).sort((a, b) => a.ms - b.ms || a.index - b.index).map((e) => e.event);

  const ours = new Set(state.orders.keys());
  for (const event of timeline) {
    if (event.type === SPLIT && event.splitTo !== undefined && ours.has(event.order)) ours.add(event.splitTo);
    if (!ours.has(event.order) && event.customerReference !== undefined && state.parts.has(event.customerReference)) ours.add(event.order);
  }

  const applied: PortingEventEntry[] = [];
  const toRead = new Set<string>();
  const splits: Array<{ from: string; to: string }> = [];
  const deleted = new Set<string>();
  const comments = new Map<string, NonNullable<TrackedOrderView['lastComment']>>();
  let ignoredCount = 0;
  for (const event of timeline) {
    if (known.has(event.id)) continue;
    if (!ours.has(event.order)) {
      ignoredCount += 1;
      continue;
    }
    applied.push(event);
    switch (event.type) {
      case STATUS_CHANGED:
      case LOA_UPDATED:
        toRead.add(event.order);
        break;
      case SPLIT:
        toRead.add(event.order);
        if (event.splitTo !== undefined) {
          toRead.add(event.splitTo);
          if (!state.orders.has(event.splitTo)) splits.push({ from: event.order, to: event.splitTo });
        }
        break;
      case DELETED:
        deleted.add(event.order);
        break;
      case NEW_COMMENT: {
        const comment = event.comment;
        const previous = comments.get(event.order);
        if (comment !== undefined && (previous === undefined || Date.parse(comment.at) >= Date.parse(previous.at))) comments.set(event.order, comment);
        break;
      }
      default:
        // messaging_changed and sharing_token_expired change nothing `status` reads from the order: journaled only.
        break;
    }
    if (!state.orders.has(event.order) && event.type !== DELETED) toRead.add(event.order);
  }
  for (const id of state.touchedSinceRefresh) toRead.add(id);
  for (const [id, order] of state.orders) if (order.status !== 'deleted' && !state.tracking.views.has(id)) toRead.add(id);
  for (const id of [...toRead]) if (deleted.has(id) || state.orders.get(id)?.status === 'deleted') toRead.delete(id);

  const previousCursor = state.tracking.lastEvents?.cursor ?? null;
  let cursorMs = previousCursor === null ? Number.NEGATIVE_INFINITY : Date.parse(previousCursor);
  for (const event of all) cursorMs = Math.max(cursorMs, Date.parse(event.at));
  const cursor = Number.isFinite(cursorMs) ? new Date(cursorMs).toISOString() : null;
  const recentIds = all.filter((event) => Date.parse(event.at) >= cursorMs - EVENTS_OVERLAP_MS).map((event) => event.id);
  return { applied, toRead: [...toRead], splits, deleted: [...deleted], comments, ignoredCount, cursor, recentIds };
}

/** The sharing_token_expired events among those applied. */
export function sharingTokensExpired(applied: readonly PortingEventEntry[]): Array<{ order: string; at: string }> {
  return applied.filter((event) => event.type === 'porting_order.sharing_token_expired').map((event) => ({ order: event.order, at: event.at }));
}

/**
 * Orders of the campaign, still moving, whose sharing token expired (porting_order.sharing_token_expired)
 * and that have no token of `share` valid past that moment (Telnyx's times on both sides). Pure.
 */
export function expiredSharingTokens(state: CampaignState): Array<{ order: string; at: string }> {
  const expired: Array<{ order: string; at: string }> = [];
  for (const [order, at] of state.tracking.sharingTokensExpired) {
    const status = state.orders.get(order)?.status ?? 'deleted';
    if (status === 'ported' || status === 'cancelled' || status === 'deleted') continue;
    const isReplaced = (state.sharingTokens.get(order) ?? []).some((token) => token.expiresAt !== undefined && Date.parse(token.expiresAt) > Date.parse(at));
    if (!isReplaced) expired.push({ order, at });
  }
  return expired;
}
