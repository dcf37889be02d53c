import { LIST_PAGE_SIZE, type ApiSession } from '../api/api-session.js';
import type { TrackedOrderView } from '../campaign/journal-records.js';
import { SHAPES } from '../api/response-shapes.js';

/**
 * The latest comment of an order: one read of up to 250 comments, and one more for the last page
 * when an order has more (the spec declares no sort for comments, so the newest is picked by time).
 */
export async function readLatestComment(session: ApiSession, orderId: string): Promise<{ comment: TrackedOrderView['lastComment']; readCount: number }> {
  const label = `comments of porting order ${orderId}`;
  const first = await session.scheduler.call('read', label, () => session.client.portingOrders.comments.list(orderId, { 'page[number]': 1, 'page[size]': LIST_PAGE_SIZE }), SHAPES.comments);
  let comments = first.data;
  let readCount = 1;
  const totalPages = (first as { meta?: { total_pages?: number | null } }).meta?.total_pages ?? 1;
  if (totalPages > 1) {
    const last = await session.scheduler.call('read', `${label} (page ${totalPages})`, () =>
      session.client.portingOrders.comments.list(orderId, { 'page[number]': totalPages, 'page[size]': LIST_PAGE_SIZE }),
      SHAPES.comments,
    );
    comments = [...comments, ...last.data];
    readCount += 1;
  }
  let latest: TrackedOrderView['lastComment'];
  for (const comment of comments) {
    const at = comment.created_at ?? '';
    if (latest === undefined || at >= latest.at) latest = { at, userType: comment.user_type ?? '', body: comment.body ?? '' };
  }
  return { comment: latest, readCount };
}

/** What an order still needs, by requirement name (GET …/requirements): one read per 250 requirements. */
export async function readMissingRequirements(session: ApiSession, orderId: string): Promise<string[]> {
  const requirements = await session.scheduler.listAll(`requirements of porting order ${orderId}`, (pageNumber, pageSize) =>
    session.client.portingOrders.retrieveRequirements(orderId, { 'page[number]': pageNumber, 'page[size]': pageSize }),
    SHAPES.requirements,
  );
  return requirements
    .filter((r) => (r.field_value ?? '') === '' || r.requirement_status === 'rejected' || r.requirement_status === 'declined')
    .map((r) => `${r.requirement_type?.name ?? r.requirement_type?.id ?? 'unnamed requirement'}${r.requirement_status ? ` (${r.requirement_status})` : ''}`);
}
