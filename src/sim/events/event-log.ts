import { randomUUID } from 'node:crypto';
import { DAY_MS, type SimClock } from '../clock.js';
import { deepFilters, paginate, SimApiError, type PageMeta } from '../http.js';

/** The two feeds: `GET /porting/events` and `GET /portouts/events`. */
export type EventFeed = 'porting' | 'portout';

/** One event as the simulator keeps it (JSON-serializable: saved in the state file). */
export interface StoredEvent {
  readonly seq: number;
  readonly feed: EventFeed;
  readonly id: string;
  readonly eventType: string;
  /** The porting order or port-out the event is about. */
  readonly subjectId: string;
  /** When it happened on the simulated clock (also for deleted events, whose JSON has no created_at). */
  readonly createdAtMs: number;
  /** The event as `GET /…/events/{id}` serves it. */
  readonly json: Record<string, unknown>;
  /** Where its webhook goes: the order's `webhook_url`; null = the account's notification URL, if any. */
  readonly webhookUrl: string | null;
  /** False for the event types the spec names `PortingEventWithoutWebhook` (loa_updated, sharing_token_expired). */
  readonly isWebhook: boolean;
}

/** A new event before it has an id and sequence number. */
export type NewEvent = Omit<StoredEvent, 'seq' | 'id' | 'json'> & { readonly build: (id: string) => Record<string, unknown> };

export interface EventLogState {
  seq: number;
  events: StoredEvent[];
}

export const EVENTS_MODULE = 'events';
/** How long events are kept when the simulator is not told otherwise (Telnyx's docs name no bound). */
export const DEFAULT_EVENT_RETENTION_MS = 30 * DAY_MS;

const PORTING_EVENT_TYPES = [
  'porting_order.deleted',
  'porting_order.loa_updated',
  'porting_order.messaging_changed',
  'porting_order.status_changed',
  'porting_order.sharing_token_expired',
  'porting_order.new_comment',
  'porting_order.split',
] as const;
const PORTOUT_EVENT_TYPES = ['portout.status_changed', 'portout.new_comment', 'portout.foc_date_changed'] as const;

/** The filters each feed declares in the spec: the type and subject filters are named differently. */
const FEED_FILTERS: Readonly<Record<EventFeed, { type: string; subject: string; types: readonly string[] }>> = {
  porting: { type: 'type', subject: 'porting_order_id', types: PORTING_EVENT_TYPES },
  portout: { type: 'event_type', subject: 'portout_id', types: PORTOUT_EVENT_TYPES },
};

/**
 * Every event the simulator recorded, newest first per feed, kept for `retentionMs` of simulated
 * time. Listeners (the webhook dispatcher) see each event as it is recorded.
 */
export class EventLog {
  readonly #clock: SimClock;
  readonly #state: EventLogState;
  readonly #retentionMs: number;
  readonly #listeners: Array<(event: StoredEvent) => void> = [];

  constructor(clock: SimClock, state: EventLogState, retentionMs = DEFAULT_EVENT_RETENTION_MS) {
    this.#clock = clock;
    this.#state = state;
    this.#retentionMs = retentionMs;
  }

  get retentionMs(): number {
    return this.#retentionMs;
  }

  onRecorded(listener: (event: StoredEvent) => void): void {
    this.#listeners.push(listener);
  }

  record(input: NewEvent): StoredEvent {
    const id = randomUUID();
    this.#state.seq += 1;
    const { build, ...rest } = input;
    const event: StoredEvent = { ...rest, seq: this.#state.seq, id, json: build(id) };
    this.#state.events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /** `GET /porting/events` or `/portouts/events`: the spec's filters, newest first, Telnyx pagination. */
  list(feed: EventFeed, query: URLSearchParams): { data: Array<Record<string, unknown>>; meta: PageMeta } {
    const filter = parseFilter(feed, query);
    const matching = this.all(feed).filter(
      (e) =>
        (filter.type === undefined || e.eventType === filter.type) &&
        (filter.subjectId === undefined || e.subjectId === filter.subjectId) &&
        (filter.gteMs === undefined || e.createdAtMs >= filter.gteMs) &&
        (filter.lteMs === undefined || e.createdAtMs <= filter.lteMs),
    );
    matching.sort((a, b) => b.createdAtMs - a.createdAtMs || b.seq - a.seq);
    const page = paginate(matching, query);
    return { data: page.data.map((e) => e.json), meta: page.meta };
  }

  /** One kept event of the feed, or a 404. */
  get(feed: EventFeed, id: string): StoredEvent {
    const event = this.all(feed).find((e) => e.id === id);
    if (!event) throw SimApiError.notFound(`${feed === 'porting' ? 'porting' : 'port-out'} event ${id}`);
    return event;
  }

  /** The feed's kept events, oldest first (events past the retention are dropped here). */
  all(feed?: EventFeed): StoredEvent[] {
    this.#prune();
    return feed === undefined ? [...this.#state.events] : this.#state.events.filter((e) => e.feed === feed);
  }

  #prune(): void {
    const oldestMs = this.#clock.nowMs() - this.#retentionMs;
    const events = this.#state.events;
    if (events.length === 0 || events.every((e) => e.createdAtMs >= oldestMs)) return;
    this.#state.events = events.filter((e) => e.createdAtMs >= oldestMs);
  }
}

function parseFilter(feed: EventFeed, query: URLSearchParams): { type?: string; subjectId?: string; gteMs?: number; lteMs?: number } {
  const names = FEED_FILTERS[feed];
  const filters = deepFilters(query);
  const type = filters.get(names.type);
  if (type !== undefined && !names.types.includes(type)) {
    throw invalidParameter(`filter[${names.type}]`, `expected one of ${names.types.join(', ')}, got "${type}"`);
  }
  const time = (bound: 'gte' | 'lte'): number | undefined => {
    const value = filters.get(`created_at.${bound}`);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
      throw invalidParameter(`filter[created_at][${bound}]`, `expected an ISO 8601 date-time such as 2021-01-01T00:00:00Z, got "${value}"`);
    }
    return ms;
  };
  const subjectId = filters.get(names.subject);
  const gteMs = time('gte');
  const lteMs = time('lte');
  return {
    ...(type === undefined ? {} : { type }),
    ...(subjectId === undefined ? {} : { subjectId }),
    ...(gteMs === undefined ? {} : { gteMs }),
    ...(lteMs === undefined ? {} : { lteMs }),
  };
}

function invalidParameter(parameter: string, detail: string): SimApiError {
  return new SimApiError(422, [{ code: '10015', title: 'Invalid parameter', detail: `${parameter}: ${detail}`, source: { parameter } }]);
}
