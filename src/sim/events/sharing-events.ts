import type { NewEvent } from './event-log.js';

/**
 * `porting_order.sharing_token_expired` (a `PortingEventWithoutWebhook`: no payload, no webhook),
 * recorded at the moment the token expired on the simulated clock.
 */
export function sharingTokenExpiredEvent(orderId: string, orderWebhookUrl: string | null, expiredAtMs: number): NewEvent {
  const at = new Date(expiredAtMs).toISOString();
  return {
    feed: 'porting',
    eventType: 'porting_order.sharing_token_expired',
    subjectId: orderId,
    createdAtMs: expiredAtMs,
    webhookUrl: orderWebhookUrl,
    isWebhook: false,
    build: (id) => ({
      id,
      event_type: 'porting_order.sharing_token_expired',
      porting_order_id: orderId,
      available_notification_methods: orderWebhookUrl === null ? ['email'] : ['email', 'webhook'],
      payload_status: 'created',
      payload: null,
      record_type: 'porting_event',
      created_at: at,
      updated_at: at,
    }),
  };
}
