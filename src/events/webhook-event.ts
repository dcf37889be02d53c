import type { InboxEventRecord, InboxFeed } from './inbox.js';

/**
 * What a verified webhook body holds, read as the events feed would list it. Telnyx posts
 * `{data: {id, event_type, occurred_at, payload, record_type: "event"}, meta: {attempt, delivered_to}}`;
 * the feed (`GET /porting/events`, `/portouts/events`) lists `{id, event_type, created_at, payload,
 * porting_order_id | portout_id, record_type}`. The inbox keeps the feed's shape, so `status` applies
 * an event the same way whichever path brought it.
 */
export type WebhookEvent =
  | { readonly kind: 'event'; readonly feed: InboxFeed; readonly event: InboxEventRecord; readonly subjectIds: readonly string[] }
  /** Well-formed, but not a porting-order or port-out event (another Telnyx product posting to the same URL). */
  | { readonly kind: 'other'; readonly eventType: string; readonly id: string }
  /** Not a Telnyx webhook: `reason` says what was expected, never what the body held. */
  | { readonly kind: 'malformed'; readonly reason: string };

const MAX_ID_LENGTH = 200;

/** Reads a webhook body (already verified) into the feed's event record. */
export function readWebhookEvent(body: string): WebhookEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'malformed', reason: 'the body is not JSON' };
  }
  if (!isObject(parsed) || !isObject(parsed.data)) return { kind: 'malformed', reason: 'expected a JSON object with a "data" object (a Telnyx webhook)' };
  const data = parsed.data;
  if (typeof data.id !== 'string' || data.id === '' || data.id.length > MAX_ID_LENGTH) return { kind: 'malformed', reason: 'expected data.id, the event id, as a string' };
  if (typeof data.event_type !== 'string' || data.event_type === '') return { kind: 'malformed', reason: 'expected data.event_type as a string' };
  if (data.occurred_at !== undefined && (typeof data.occurred_at !== 'string' || Number.isNaN(Date.parse(data.occurred_at)))) {
    return { kind: 'malformed', reason: 'expected data.occurred_at as an ISO 8601 date-time' };
  }
  const feed: InboxFeed | undefined = data.event_type.startsWith('porting_order.') ? 'porting' : data.event_type.startsWith('portout.') ? 'portout' : undefined;
  if (feed === undefined) return { kind: 'other', eventType: data.event_type, id: data.id };
  const payload = data.payload ?? null;
  const subject = feed === 'porting' ? portingOrderIdOf(data.event_type, payload) : portoutIdOf(data.event_type, payload);
  const event: InboxEventRecord = {
    id: data.id,
    event_type: data.event_type,
    ...(typeof data.occurred_at === 'string' ? { created_at: data.occurred_at } : {}),
    ...(subject === undefined ? {} : feed === 'porting' ? { porting_order_id: subject } : { portout_id: subject }),
    payload,
    record_type: feed === 'porting' ? 'porting_event' : 'portout_event',
  };
  return { kind: 'event', feed, event, subjectIds: subjectIdsOf(data.event_type, payload, subject) };
}

/** The order an event is about: `payload.id`, except new_comment (`payload.porting_order_id`) and split (`payload.from.id`). */
function portingOrderIdOf(eventType: string, payload: unknown): string | undefined {
  if (!isObject(payload)) return undefined;
  if (eventType === 'porting_order.new_comment') return text(payload.porting_order_id);
  if (eventType === 'porting_order.split') return isObject(payload.from) ? text(payload.from.id) : undefined;
  return text(payload.id);
}

/** The port-out an event is about: `payload.id`, except new_comment (whose `id` is the comment's: `payload.portout_id`). */
function portoutIdOf(eventType: string, payload: unknown): string | undefined {
  if (!isObject(payload)) return undefined;
  return eventType === 'portout.new_comment' ? text(payload.portout_id) : text(payload.id);
}

/** Every order or port-out the event touches (a split touches the order it made, too). */
function subjectIdsOf(eventType: string, payload: unknown, subject: string | undefined): string[] {
  const ids = subject === undefined ? [] : [subject];
  if (eventType === 'porting_order.split' && isObject(payload) && isObject(payload.to)) {
    const to = text(payload.to.id);
    if (to !== undefined) ids.push(to);
  }
  return ids;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
