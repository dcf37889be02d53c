import type { EventsRecord, RefreshedRecord, TrackedOrderView, TrackingRecord, TrackOp } from './journal-records.js';

/** A comment this tool posted (journaled), so a re-run after an ambiguous failure can look for it. */
export interface PostedComment {
  readonly key: string;
  readonly commentId: string | undefined;
}

/**
 * The fold of the tracking records (see journal-records.ts): what `status` last saw of each order,
 * each order's full number list, which orders were adopted after a split, and the fix, comment,
 * cancel and delete calls made. Part of `CampaignState`; derived only from the journal.
 */
export class TrackingState {
  /** Last view per order id. */
  readonly views = new Map<string, TrackedOrderView>();
  /** Full number list per order id, as porting_phone_numbers (or a complete embedded list) showed it. */
  readonly numbers = new Map<string, readonly string[]>();
  /** Adopted order id → the order it was split from ('' when unknown). */
  readonly adopted = new Map<string, string>();
  /** Adopted orders found only by parent support key: they lack the campaign's group reference. */
  readonly adoptedByParentKey = new Set<string>();
  /** `${op} ${order}` → key of the intent written without a result yet. */
  readonly openIntents = new Map<string, string>();
  /** Comments posted per order. */
  readonly comments = new Map<string, PostedComment[]>();
  lastRefresh: RefreshedRecord | undefined;
  refreshCount = 0;
  /** Ids of every porting event applied to the campaign (issue 14), whichever path brought it. */
  readonly eventIds = new Set<string>();
  /** The last read of the events feed: its cursor, the ids near it, the inbox offset, and when (our clock). */
  lastEvents: EventsRecord | undefined;
  /** When each order's sharing token last expired (porting_order.sharing_token_expired). */
  readonly sharingTokensExpired = new Map<string, string>();

  apply(record: TrackingRecord): void {
    switch (record.t) {
      case 'adopted':
        this.adopted.set(record.order.id, record.splitFrom ?? '');
        if (record.via === 'parent-support-key') this.adoptedByParentKey.add(record.order.id);
        break;
      case 'snapshot':
        this.views.set(record.order, record.view);
        break;
      case 'numbers':
        this.numbers.set(record.order, record.numbers);
        break;
      case 'refreshed':
        this.lastRefresh = record;
        this.refreshCount += 1;
        break;
      case 'events':
        this.lastEvents = record;
        for (const event of record.applied) {
          this.eventIds.add(event.id);
          if (event.type === SHARING_TOKEN_EXPIRED) this.sharingTokensExpired.set(event.order, event.at);
        }
        break;
      case 'track-intent':
        this.openIntents.set(intentKey(record.op, record.order), record.key);
        break;
      case 'track-result': {
        this.openIntents.delete(intentKey(record.op, record.order));
        if (record.outcome !== 'done') break;
        if (record.op === 'comment') {
          const list = this.comments.get(record.order) ?? [];
          list.push({ key: record.key, commentId: record.commentId });
          this.comments.set(record.order, list);
        }
        break;
      }
    }
  }

  /** The key of an intent of `op` on `order` still without a result (a crash or an unclear answer). */
  openIntent(op: TrackOp, order: string): string | undefined {
    return this.openIntents.get(intentKey(op, order));
  }
}

const SHARING_TOKEN_EXPIRED = 'porting_order.sharing_token_expired';

function intentKey(op: TrackOp, order: string): string {
  return `${op} ${order}`;
}
