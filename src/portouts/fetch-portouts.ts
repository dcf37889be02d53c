import type { PortoutDetails, PortoutListParams } from 'telnyx/resources/portouts/portouts';
import { mapBounded } from '../core/bounded.js';
import { LIST_PAGE_SIZE, type ApiSession } from '../api/api-session.js';
import type { PortoutExtras } from './portout-list-row.js';
import { SHAPES } from '../api/response-shapes.js';

/** An eligible rejection code as `GET /portouts/rejections/{portout_id}` gives it. */
export interface RejectionCode {
  readonly code: number;
  readonly description: string;
  readonly isReasonRequired: boolean;
}

/** Every port-out matching the API filters, page by page through the scheduler. */
export async function fetchPortouts(session: ApiSession, filter: PortoutListParams.Filter, pageSize = LIST_PAGE_SIZE): Promise<PortoutDetails[]> {
  return session.scheduler.listAll(
    'port-outs',
    (pageNumber, size) => session.client.portouts.list({ filter, 'page[number]': pageNumber, 'page[size]': size }),
    SHAPES.portouts,
    pageSize,
  );
}

/** Comments and supporting documents of each port-out: two reads per request, paced by the scheduler. */
export async function fetchPortoutExtras(session: ApiSession, ids: readonly string[], onEach?: () => void): Promise<Map<string, PortoutExtras>> {
  // Bounded fan-out (p-limit) ahead of the scheduler, which caps concurrency and paces the calls.
  const entries = await mapBounded(ids, fanOut(session), async (id): Promise<[string, PortoutExtras]> => {
      const [comments, documents] = await Promise.all([
        session.scheduler.call('read', `comments of port-out ${id}`, () => session.client.portouts.comments.list(id), SHAPES.portoutComments),
        session.scheduler.call('read', `supporting documents of port-out ${id}`, () => session.client.portouts.supportingDocuments.list(id), SHAPES.portoutDocuments),
      ]);
      onEach?.();
      return [id, { comments: comments.data ?? [], documents: documents.data ?? [] }];
  });
  return new Map(entries);
}

/** Supporting documents alone (a pending request's may grow without an event): one read per request. */
export async function fetchPortoutDocuments(session: ApiSession, ids: readonly string[]): Promise<Map<string, PortoutExtras['documents']>> {
  const entries = await mapBounded(ids, fanOut(session), async (id): Promise<[string, PortoutExtras['documents']]> => {
    const documents = await session.scheduler.call('read', `supporting documents of port-out ${id}`, () => session.client.portouts.supportingDocuments.list(id), SHAPES.portoutDocuments);
    return [id, documents.data ?? []];
  });
  return new Map(entries);
}

/** The rejection codes Telnyx accepts for each port-out (they differ per request). */
export async function fetchRejectionCodes(session: ApiSession, ids: readonly string[]): Promise<Map<string, RejectionCode[]>> {
  const entries = await mapBounded(ids, fanOut(session), async (id): Promise<[string, RejectionCode[]]> => {
      const answer = await session.scheduler.call('read', `rejection codes of port-out ${id}`, () => session.client.portouts.listRejectionCodes(id), SHAPES.rejectionCodes);
      const codes = (answer.data ?? []).flatMap((c) =>
        typeof c.code === 'number' ? [{ code: c.code, description: c.description ?? '', isReasonRequired: c.reason_required === true }] : [],
      );
      return [id, codes.sort((a, b) => a.code - b.code)];
  });
  return new Map(entries);
}

/** How many port-outs are worked on at once: twice the scheduler's concurrency keeps it fed. */
export function fanOut(session: Pick<ApiSession, 'scheduler'>): number {
  return session.scheduler.concurrency * 2;
}
