import { LIST_PAGE_SIZE, type ApiSession } from '../api/api-session.js';
import { SHAPES } from '../api/response-shapes.js';

/** The two event feeds: `GET /porting/events` and `GET /portouts/events`. */
export type EventFeed = 'porting' | 'portout';

export interface EventFeedRead {
  /** The events as the feed gave them (shape-checked: id, event_type, the subject id, payload), copies included. */
  readonly events: ReadonlyArray<Record<string, unknown>>;
  readonly pageCount: number;
}

export interface EventFeedQuery {
  /** `filter[created_at][gte]`; every kept event when absent. */
  readonly since?: string | undefined;
  /** Read only the first page (the newest events: a full refresh's cursor). */
  readonly firstPageOnly?: boolean;
}

/**
 * The events of one feed created at or after `since`, 250 a page, each page one `read` through the
 * scheduler with its answer checked against the feed's shape. The feed is account-wide (no campaign
 * filter exists), so the caller keeps its own. Newest first on Telnyx and the simulator: an event
 * published while the pages are read pushes the older ones back, so a page may repeat an event (the
 * caller de-duplicates by id) but none is skipped.
 */
export async function readEventFeed(session: ApiSession, feed: EventFeed, query: EventFeedQuery = {}): Promise<EventFeedRead> {
  const events: Array<Record<string, unknown>> = [];
  const createdAt = query.since === undefined ? {} : { created_at: { gte: query.since } };
  let pageCount = 0;
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = await readPage(session, feed, pageNumber, createdAt);
    pageCount += 1;
    events.push(...page.data);
    const totalPages = page.meta?.total_pages;
    const isLast = query.firstPageOnly === true || page.data.length === 0 || (typeof totalPages === 'number' ? pageNumber >= totalPages : page.data.length < LIST_PAGE_SIZE);
    if (isLast) return { events, pageCount };
  }
}

interface FeedPage {
  readonly data: Array<Record<string, unknown>>;
  readonly meta?: { readonly total_pages?: number | null } | null;
}

/** One page; the feeds name their filters differently (`filter[type]`/`filter[porting_order_id]` vs `filter[event_type]`/`filter[portout_id]`), `filter[created_at]` alike. */
async function readPage(session: ApiSession, feed: EventFeed, pageNumber: number, createdAt: { created_at?: { gte: string } }): Promise<FeedPage> {
  const page = { 'page[number]': pageNumber, 'page[size]': LIST_PAGE_SIZE };
  if (feed === 'porting') {
    return (await session.scheduler.call('read', `porting events (page ${pageNumber})`, () => session.client.porting.events.list({ ...page, filter: createdAt }), SHAPES.portingEvents)) as unknown as FeedPage;
  }
  return (await session.scheduler.call('read', `port-out events (page ${pageNumber})`, () => session.client.portouts.events.list({ ...page, filter: createdAt }), SHAPES.portoutEvents)) as unknown as FeedPage;
}
