import type { PortoutDetails } from 'telnyx/resources/portouts/portouts';
import type { PortoutComment } from 'telnyx/resources/portouts/comments';
import type { PortOutSupportingDocument } from 'telnyx/resources/portouts/supporting-documents';

/** A port-out's comments and supporting documents as the desk last knew them, and the updated_at they were read at. */
export interface CachedExtras {
  readonly updatedAt: string;
  readonly comments: readonly PortoutComment[];
  readonly documents: readonly PortOutSupportingDocument[];
}

/** One event of `GET /portouts/events` (or the inbox) as the desk uses it. */
export interface PortoutEventEntry {
  readonly id: string;
  readonly type: string;
  readonly portoutId: string;
  readonly at: string;
  /** portout.new_comment: the comment, as the comments listing would show it. */
  readonly comment?: PortoutComment;
}

/** A port-out event as the feed or the inbox gives it → entry, or undefined when it lacks an id, type, port-out or time. Pure. */
export function toPortoutEventEntry(raw: unknown): PortoutEventEntry | undefined {
  if (!isObject(raw)) return undefined;
  const payload = isObject(raw.payload) ? raw.payload : {};
  const id = text(raw.id);
  const type = text(raw.event_type);
  const portoutId = text(raw.portout_id) ?? text(payload.portout_id) ?? text(payload.id);
  const at = typeof raw.created_at === 'string' && !Number.isNaN(Date.parse(raw.created_at)) ? raw.created_at : undefined;
  if (id === undefined || type === undefined || portoutId === undefined || at === undefined) return undefined;
  if (type !== 'portout.new_comment' || typeof payload.comment !== 'string') return { id, type, portoutId, at };
  const userId = text(payload.user_id);
  const comment = { id: text(payload.id) ?? id, body: payload.comment, created_at: at, portout_id: portoutId, record_type: 'portout_comment', ...(userId === undefined ? {} : { user_id: userId }) } as PortoutComment;
  return { id, type, portoutId, at, comment };
}

/** What the desk reads for the listed port-outs, and what it learnt from the events. */
export interface ExtrasPlan {
  /** Port-outs whose comments and documents are read in full: first seen, or changed in a way the events may not show. */
  readonly readInFull: string[];
  /** Port-outs whose documents alone are read again (still pending: documents come without an event). */
  readonly readDocuments: string[];
  /** Extras known without a read: the cache plus the comments of new events. */
  readonly known: ReadonlyMap<string, CachedExtras>;
  /** Events not seen before. */
  readonly fresh: PortoutEventEntry[];
  readonly cursor: string | null;
  readonly recentIds: string[];
}

const OVERLAP_MS = 15 * 60 * 1000;

/**
 * Which comments and documents the desk must read (pure). Without events (`events` undefined: the
 * first run, or a cursor too old) every listed port-out is read in full. With them, a port-out is read
 * in full when the cache has none for it or its `updated_at` moved; a pending one has its documents
 * read again (supporting documents have no event); new comments come from `portout.new_comment`
 * events, each id once.
 */
export function planPortoutExtras(
  listed: readonly PortoutDetails[],
  cache: ReadonlyMap<string, CachedExtras>,
  events: readonly PortoutEventEntry[] | undefined,
  seen: { readonly ids: ReadonlySet<string>; readonly cursor: string | null },
): ExtrasPlan {
  const unique = new Map<string, PortoutEventEntry>();
  for (const event of events ?? []) if (!unique.has(event.id)) unique.set(event.id, event);
  const fresh = [...unique.values()].filter((event) => !seen.ids.has(event.id)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const added = new Map<string, PortoutComment[]>();
  for (const event of fresh) if (event.comment !== undefined) added.set(event.portoutId, [...(added.get(event.portoutId) ?? []), event.comment]);

  const readInFull: string[] = [];
  const readDocuments: string[] = [];
  const known = new Map<string, CachedExtras>();
  for (const portout of listed) {
    const id = portout.id;
    if (id === undefined) continue;
    const cached = cache.get(id);
    if (events === undefined || cached === undefined || cached.updatedAt !== (portout.updated_at ?? '')) {
      readInFull.push(id);
      continue;
    }
    const ids = new Set(cached.comments.map((c) => c.id));
    const comments = [...cached.comments, ...(added.get(id) ?? []).filter((c) => !ids.has(c.id))];
    known.set(id, { ...cached, comments });
    if (portout.status === 'pending') readDocuments.push(id);
  }

  let cursorMs = seen.cursor === null ? Number.NEGATIVE_INFINITY : Date.parse(seen.cursor);
  for (const event of unique.values()) cursorMs = Math.max(cursorMs, Date.parse(event.at));
  const cursor = Number.isFinite(cursorMs) ? new Date(cursorMs).toISOString() : null;
  const recentIds = [...unique.values()].filter((event) => Date.parse(event.at) >= cursorMs - OVERLAP_MS).map((event) => event.id);
  return { readInFull, readDocuments, known, fresh, cursor, recentIds };
}

/** `filter[created_at][gte]` for the next read: the cursor less the overlap. */
export function eventsSince(cursor: string | null): string | undefined {
  return cursor === null ? undefined : new Date(Date.parse(cursor) - OVERLAP_MS).toISOString();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
