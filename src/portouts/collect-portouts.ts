import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import { LIST_PAGE_SIZE, type ApiSession } from '../api/api-session.js';
import { readEventFeed } from '../events/read-event-feed.js';
import { NO_PROGRESS, type Progress } from '../progress/progress.js';
import { fetchPortoutDocuments, fetchPortoutExtras, fetchPortouts } from './fetch-portouts.js';
import { eventsSince, planPortoutExtras, toPortoutEventEntry, type CachedExtras } from './plan-portout-extras.js';
import { isInFocRange, type PortoutListFilters } from './portout-filters.js';
import type { PortoutJournal } from './portout-journal.js';
import type { PortoutExtras } from './portout-list-row.js';

export interface CollectedPortouts {
  /** In Telnyx's order (newest first). */
  readonly portouts: readonly PortoutDetails[];
  readonly extras: ReadonlyMap<string, PortoutExtras>;
  /** How the comments and documents were had: `events` (from the cache and the events feed) or `full` (read for every request), and why. */
  readonly refresh: { readonly mode: 'events' | 'full'; readonly reason?: string; readonly eventPages: number; readonly newEvents: number; readonly extrasRead: number; readonly documentsRead: number };
}

/** The port-out events `listen` wrote to the state directory's inbox after `offset`. */
export type PortoutInbox = (offset: number) => Promise<{ readonly events: readonly unknown[]; readonly nextOffset: number }>;

export interface CollectOptions {
  /** `page[size]` of the list calls (tests page through small sets with a small size). */
  readonly pageSize?: number;
  /** Ticks once per port-out whose comments and documents are in. */
  readonly progress?: Progress;
  /** The port-out journal (its lock held): its events cursor and cache make later runs read only what changed. */
  readonly journal?: PortoutJournal;
  readonly inbox?: PortoutInbox;
  /** This machine's clock: how old the last events read is. */
  readonly now?: Date;
}

/** As long as `status` relies on Telnyx keeping events (plan-events-refresh.ts): past it, everything is read again. */
const EVENTS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Lists port-outs with the API filters and keeps those in the FOC range, then their comments and
 * supporting documents. With the port-out journal, the first run reads them for every request and
 * notes the events cursor; later runs follow `GET /portouts/events` (and the webhook inbox) from it:
 * comments come from `portout.new_comment` events, and only requests first seen or whose `updated_at`
 * moved are read in full (pending ones have their documents read again: documents have no event).
 */
export async function collectPortouts(session: ApiSession, filters: PortoutListFilters, options: CollectOptions = {}): Promise<CollectedPortouts> {
  const progress = options.progress ?? NO_PROGRESS;
  const listed = await fetchPortouts(session, filters.api, options.pageSize ?? LIST_PAGE_SIZE);
  const portouts = listed.filter((p) => isInFocRange(p, filters.focRange));
  progress.setTotal(portouts.length);
  const journal = options.journal;
  if (journal === undefined) {
    const ids = portouts.flatMap((p) => (p.id === undefined ? [] : [p.id]));
    const extras = await fetchPortoutExtras(session, ids, () => progress.tick());
    return { portouts, extras, refresh: { mode: 'full', reason: 'no port-out journal', eventPages: 0, newEvents: 0, extrasRead: ids.length, documentsRead: 0 } };
  }

  const now = options.now ?? new Date(Date.now());
  const desk = journal.desk();
  const ageMs = desk.lastReadAt === undefined ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(desk.lastReadAt);
  const reason = desk.lastReadAt === undefined ? 'first run' : ageMs > EVENTS_KEPT_MS ? 'the last events read is more than 7 days old' : undefined;
  const inbox = (await options.inbox?.(desk.inboxOffset)) ?? { events: [], nextOffset: desk.inboxOffset };
  const feed = await readEventFeed(session, 'portout', reason === undefined ? { since: eventsSince(desk.cursor) } : { firstPageOnly: true });
  const entries = [...inbox.events, ...feed.events].flatMap((raw) => toPortoutEventEntry(raw) ?? []);
  const plan = planPortoutExtras(portouts, desk.cache, reason === undefined ? entries : undefined, { ids: desk.seenIds, cursor: desk.cursor });
  // Without events, every listed request is read in full: the events of the first page are reflected in those reads.
  const fresh = reason === undefined ? plan.fresh : entries.filter((e) => !desk.seenIds.has(e.id));

  const read = await fetchPortoutExtras(session, plan.readInFull, () => progress.tick());
  const documents = await fetchPortoutDocuments(session, plan.readDocuments);
  const extras = new Map<string, PortoutExtras>();
  const changed: Record<string, CachedExtras> = {};
  for (const portout of portouts) {
    const id = portout.id ?? '';
    const updatedAt = portout.updated_at ?? '';
    const full = read.get(id);
    const known = plan.known.get(id);
    const next: CachedExtras | undefined = full !== undefined ? { updatedAt, ...full } : known === undefined ? undefined : { ...known, documents: documents.get(id) ?? known.documents };
    if (next === undefined) continue;
    extras.set(id, next);
    if (JSON.stringify(desk.cache.get(id)) !== JSON.stringify(next)) changed[id] = next;
    if (full === undefined) progress.tick();
  }
  await journal.append({
    type: 'events',
    at: now.toISOString(),
    runId: journal.runId,
    cursor: plan.cursor,
    recentIds: plan.recentIds,
    applied: fresh.map((e) => e.id),
    inboxOffset: inbox.nextOffset,
    extras: changed,
  });
  return {
    portouts,
    extras,
    refresh: { mode: reason === undefined ? 'events' : 'full', ...(reason === undefined ? {} : { reason }), eventPages: feed.pageCount, newEvents: fresh.length, extrasRead: plan.readInFull.length, documentsRead: plan.readDocuments.length },
  };
}

export const NO_EXTRAS: PortoutExtras = { comments: [], documents: [] };
