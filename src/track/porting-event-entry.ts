import type { PortingEventEntry } from '../campaign/journal-records.js';

/**
 * A porting event as the feed (`GET /porting/events`) or the events inbox gives it → the journal's
 * `PortingEventEntry`, or undefined when it lacks what any use needs: an id, a type, the order, a
 * time. Pure. The deleted event has no top-level `created_at` (the spec's PortingEventDeletedPayload):
 * its time is `payload.deleted_at`, its order also `payload.id`.
 */
export function toPortingEventEntry(raw: unknown): PortingEventEntry | undefined {
  if (!isObject(raw)) return undefined;
  const payload = isObject(raw.payload) ? raw.payload : {};
  const id = text(raw.id);
  const type = text(raw.event_type);
  const order = text(raw.porting_order_id) ?? text(payload.id) ?? text(payload.porting_order_id) ?? (isObject(payload.from) ? text(payload.from.id) : undefined);
  const at = isoTime(raw.created_at) ?? isoTime(payload.deleted_at) ?? isoTime(raw.occurred_at);
  if (id === undefined || type === undefined || order === undefined || at === undefined) return undefined;
  const entry: { -readonly [K in keyof PortingEventEntry]: PortingEventEntry[K] } = { id, type, order, at };
  if (type === 'porting_order.new_comment' && isObject(payload.comment)) {
    const comment = payload.comment;
    // As Telnyx wrote it, like the comment listing's created_at that a full refresh keeps.
    entry.comment = { at: rawTime(comment.inserted_at) ?? rawTime(comment.created_at) ?? at, userType: text(comment.user_type) ?? '', body: typeof comment.body === 'string' ? comment.body : '' };
  }
  if (type === 'porting_order.split' && isObject(payload.to)) {
    const to = text(payload.to.id);
    if (to !== undefined) entry.splitTo = to;
  }
  if (type === 'porting_order.status_changed' && isObject(payload.status)) {
    const status = text(payload.status.value);
    if (status !== undefined) entry.status = status;
  }
  const reference = text(payload.customer_reference);
  if (reference !== undefined) entry.customerReference = reference;
  return entry;
}

function rawTime(value: unknown): string | undefined {
  return isoTime(value) === undefined ? undefined : (value as string);
}

/** The time an event carries as ISO text, normalized (`2026-11-24T10:00:00Z` and `…00.000Z` are one time). */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
