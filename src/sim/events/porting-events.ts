import { markOrder, type OrderChange } from '../orders/order-change.js';
import { renderMessaging, SIM_USER_ID } from '../orders/order-render.js';
import type { CommentRecord, SimOrder } from '../orders/sim-order.js';
import type { NewEvent } from './event-log.js';
import { portingPhoneNumberId } from '../orders/porting-number-id.js';

/**
 * The porting events one order change produces, in the spec's shapes (`PortingEvent` by event_type):
 * a new status value → status_changed; a different `messaging` object → messaging_changed; an LOA
 * attached (documents.loa or an additional document of type loa) → loa_updated; a split → split;
 * each new comment (the user's, Telnyx admins', system notes) → new_comment; a deleted draft → deleted.
 * `porting_order.sharing_token_expired` comes from the sharing tokens (events/sharing-events.ts).
 */
export function portingEventsFor(change: OrderChange): NewEvent[] {
  const { order, before, atMs } = change;
  if (change.kind === 'deleted') return [deletedEvent(order, atMs)];
  const events: NewEvent[] = [];
  if (before.status !== order.status) events.push(statusChanged(order, atMs));
  if (before.messaging !== markOrder(order).messaging) events.push(messagingChanged(order, atMs));
  const addedLoa = order.additionalDocuments.slice(before.additionalDocumentCount).some((d) => d.documentType === 'loa');
  if ((order.documents.loa !== null && order.documents.loa !== before.loa) || addedLoa) events.push(loaUpdated(order, atMs));
  if (change.kind === 'split' && change.splitTo) {
    events.push(splitEvent(order, change.splitTo, change.movedNumbers ?? [], atMs));
    for (const comment of change.splitTo.comments) events.push(newComment(change.splitTo, comment));
  }
  for (const comment of order.comments.slice(before.commentCount)) events.push(newComment(order, comment));
  return events;
}

/** `email` always (the account's notification profile), `webhook` when the order names a URL. */
function notificationMethods(order: SimOrder): string[] {
  return order.webhookUrl === null ? ['email'] : ['email', 'webhook'];
}

function base(order: SimOrder, eventType: string, atMs: number, payload: unknown, isWebhook = true): NewEvent {
  const at = new Date(atMs).toISOString();
  return {
    feed: 'porting',
    eventType,
    subjectId: order.id,
    createdAtMs: atMs,
    webhookUrl: order.webhookUrl,
    isWebhook,
    build: (id) => ({
      id,
      event_type: eventType,
      porting_order_id: order.id,
      available_notification_methods: notificationMethods(order),
      payload_status: 'created',
      payload,
      record_type: 'porting_event',
      created_at: at,
      updated_at: at,
    }),
  };
}

/** The spec's types are plain strings: null support keys (drafts) and references are left out. */
function optional(name: string, value: string | null): Record<string, string> {
  return value === null ? {} : { [name]: value };
}

function supportKey(order: SimOrder): string | null {
  return order.status === 'draft' ? null : order.supportKey;
}

function statusChanged(order: SimOrder, atMs: number): NewEvent {
  return base(order, 'porting_order.status_changed', atMs, {
    id: order.id,
    ...optional('customer_reference', order.customerReference),
    status: { value: order.status, details: order.statusDetails.map((d) => ({ ...d })) },
    ...optional('support_key', supportKey(order)),
    updated_at: new Date(atMs).toISOString(),
    ...optional('webhook_url', order.webhookUrl),
  });
}

function messagingChanged(order: SimOrder, atMs: number): NewEvent {
  return base(order, 'porting_order.messaging_changed', atMs, {
    id: order.id,
    ...optional('customer_reference', order.customerReference),
    messaging: renderMessaging(order),
    ...optional('support_key', supportKey(order)),
  });
}

/** `PortingEventWithoutWebhook`: no payload, and no webhook. */
function loaUpdated(order: SimOrder, atMs: number): NewEvent {
  return base(order, 'porting_order.loa_updated', atMs, null, false);
}

function splitEvent(order: SimOrder, to: SimOrder, moved: readonly string[], atMs: number): NewEvent {
  return base(order, 'porting_order.split', atMs, {
    from: { id: order.id },
    to: { id: to.id },
    porting_phone_numbers: moved.map((number) => ({ id: portingPhoneNumberId(order, number) })),
  });
}

function newComment(order: SimOrder, comment: CommentRecord): NewEvent {
  return base(order, 'porting_order.new_comment', comment.createdAtMs, {
    comment: {
      body: comment.body,
      id: comment.id,
      inserted_at: new Date(comment.createdAtMs).toISOString(),
      ...(comment.userType === 'user' ? { user_id: SIM_USER_ID } : {}),
      user_type: comment.userType,
    },
    porting_order_id: order.id,
    ...optional('support_key', supportKey(order)),
  });
}

/** The spec's deleted event has no top-level created_at, updated_at or record_type: the times are in the payload. */
function deletedEvent(order: SimOrder, atMs: number): NewEvent {
  const at = new Date(atMs).toISOString();
  return {
    feed: 'porting',
    eventType: 'porting_order.deleted',
    subjectId: order.id,
    createdAtMs: atMs,
    webhookUrl: order.webhookUrl,
    isWebhook: true,
    build: (id) => ({
      id,
      event_type: 'porting_order.deleted',
      porting_order_id: order.id,
      available_notification_methods: notificationMethods(order),
      payload_status: 'created',
      payload: {
        id: order.id,
        ...optional('customer_reference', order.customerReference),
        deleted_at: at,
        record_type: 'porting_event',
        created_at: new Date(order.createdAtMs).toISOString(),
        updated_at: at,
      },
    }),
  };
}

