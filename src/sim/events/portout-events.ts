import type { PortoutObserver, PortoutRecord } from '../portouts-store.js';
import type { SeedComment } from '../portouts-seed.js';
import type { EventLog, NewEvent } from './event-log.js';

/**
 * Port-out events in the spec's shapes (`PortoutEvent`): every status change (answers, the clock's
 * auto-authorization, porting, Ops' review, a reopen), every new comment, every FOC date move.
 * Port-outs have no webhook URL of their own: their webhooks go to the account's notification URL.
 */
export function portoutEventRecorder(log: EventLog): PortoutObserver {
  return {
    statusChanged: (record, atMs) => {
      const isRejected = record.status === 'rejected' || record.status === 'rejected-pending';
      log.record(
        event(record, 'portout.status_changed', atMs, {
          carrier_name: record.carrierName,
          id: record.id,
          phone_numbers: [...record.phoneNumbers],
          rejection_reason: isRejected ? record.reason : null,
          spid: record.spid,
          status: record.status,
          subscriber_name: record.endUserName,
          user_id: record.userId,
        }),
      );
    },
    commentAdded: (record: PortoutRecord, comment: SeedComment) => {
      log.record(event(record, 'portout.new_comment', comment.createdAtMs, { comment: comment.body, id: comment.id, portout_id: record.id, user_id: comment.userId }));
    },
    focDateChanged: (record, atMs) => {
      log.record(event(record, 'portout.foc_date_changed', atMs, { foc_date: new Date(record.focMs).toISOString(), id: record.id, user_id: record.userId }));
    },
  };
}

function event(record: PortoutRecord, eventType: string, atMs: number, payload: Record<string, unknown>): NewEvent {
  const at = new Date(atMs).toISOString();
  return {
    feed: 'portout',
    eventType,
    subjectId: record.id,
    createdAtMs: atMs,
    webhookUrl: null,
    isWebhook: true,
    build: (id) => ({
      id,
      event_type: eventType,
      portout_id: record.id,
      available_notification_methods: ['email', 'webhook'],
      payload_status: 'created',
      payload,
      record_type: 'portout_event',
      created_at: at,
      updated_at: at,
    }),
  };
}
