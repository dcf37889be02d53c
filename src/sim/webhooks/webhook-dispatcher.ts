import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock.js';
import type { StoredEvent } from '../events/event-log.js';
import type { FaultInjector, WebhookFaultPlan } from '../faults.js';
import { signWebhook, type WebhookSigningKey } from './webhook-key.js';

/** One delivery attempt, as `sim.webhooks.deliveries()` and `GET /_sim/webhooks/deliveries` list it. */
export interface WebhookDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly url: string;
  /** 1 for the first attempt; `meta.attempt` in the body. */
  readonly attempt: number;
  /** `delivered` (2xx), `failed` (other status or no answer), `dropped` (a webhook-drop fault: never sent). */
  readonly outcome: 'delivered' | 'failed' | 'dropped';
  readonly httpStatus?: number;
  readonly error?: string;
  /** The last attempt failed and no retry follows. */
  readonly isFinal: boolean;
  /** A second copy sent by a webhook-duplicate fault. */
  readonly isDuplicate: boolean;
  /** Sent because of `POST …/events/{id}/republish`. */
  readonly isRepublish: boolean;
  /** Simulated time of the attempt. */
  readonly at: string;
}

export interface WebhookSettings {
  /** Attempts per event before giving up; default 5. */
  readonly maxAttempts?: number;
  /** Simulated wait before the first retry; each next one waits 4× longer. Default 30 s (30 s, 2 min, 8 min, 32 min). */
  readonly firstRetryMs?: number;
  /** Real milliseconds an attempt may take; default 10 s. */
  readonly timeoutMs?: number;
  /** Attempts under way at once; default 4. */
  readonly concurrency?: number;
  /** The account's notification URL (Portal → Notifications): port-out events, and porting events of orders without webhook_url. */
  readonly accountUrl?: string | undefined;
  /** Real time for `telnyx-timestamp` (receivers check it against their wall clock); default Date.now. */
  readonly realNow?: () => number;
}

interface Pending {
  readonly seq: number;
  readonly event: StoredEvent;
  readonly url: string;
  readonly isRepublish: boolean;
  attempt: number;
  dueAtMs: number;
  plan: WebhookFaultPlan | undefined;
  isHeldForReorder: boolean;
}

/** Most attempts kept in the delivery list (oldest dropped first). */
const MAX_DELIVERY_RECORDS = 20_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Signed webhook delivery: each recorded event with a target URL is POSTed as Telnyx does
 * (`{data: {event_type, id, occurred_at, payload, record_type: "event"}, meta: {attempt, delivered_to}}`,
 * signed with `telnyx-signature-ed25519` over `${telnyx-timestamp}|${body}`). A non-2xx answer or no
 * answer is retried with backoff on the simulated clock, up to `maxAttempts`. Faults apply per attempt.
 */
export class WebhookDispatcher {
  readonly #clock: SimClock;
  readonly #key: WebhookSigningKey;
  readonly #faults: FaultInjector;
  readonly #maxAttempts: number;
  readonly #firstRetryMs: number;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #realNow: () => number;
  #accountUrl: string | undefined;
  #queue: Pending[] = [];
  #seq = 0;
  #ordinal = 0;
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #isClosed = false;
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #idleWaiters: Array<() => void> = [];
  readonly #inFlightAborts = new Set<AbortController>();

  constructor(clock: SimClock, key: WebhookSigningKey, faults: FaultInjector, settings: WebhookSettings = {}) {
    this.#clock = clock;
    this.#key = key;
    this.#faults = faults;
    this.#maxAttempts = settings.maxAttempts ?? 5;
    this.#firstRetryMs = settings.firstRetryMs ?? 30_000;
    this.#timeoutMs = settings.timeoutMs ?? 10_000;
    this.#concurrency = settings.concurrency ?? 4;
    this.#realNow = settings.realNow ?? Date.now;
    this.#accountUrl = settings.accountUrl;
  }

  get publicKey(): string {
    return this.#key.publicKeyBase64;
  }

  get accountUrl(): string | undefined {
    return this.#accountUrl;
  }

  set accountUrl(url: string | undefined) {
    this.#accountUrl = url;
  }

  /** Where an event's webhook goes, if anywhere. */
  targetOf(event: StoredEvent): string | undefined {
    if (!event.isWebhook) return undefined;
    return event.webhookUrl ?? this.#accountUrl;
  }

  /** Queues the event's webhook (a new event, or a republish); false when it has no target. */
  enqueue(event: StoredEvent, isRepublish = false): boolean {
    const url = this.targetOf(event);
    if (url === undefined || this.#isClosed) return false;
    this.#seq += 1;
    this.#queue.push({ seq: this.#seq, event, url, isRepublish, attempt: 1, dueAtMs: this.#clock.nowMs(), plan: undefined, isHeldForReorder: false });
    queueMicrotask(() => this.wake());
    return true;
  }

  /** Every attempt so far, oldest first. */
  deliveries(): WebhookDelivery[] {
    return [...this.#deliveries];
  }

  /** Starts every attempt that is due (call after moving the clock). */
  wake(): void {
    if (this.#isClosed) return;
    const nowMs = this.#clock.nowMs();
    this.#queue.sort((a, b) => a.dueAtMs - b.dueAtMs || a.event.createdAtMs - b.event.createdAtMs || a.seq - b.seq);
    while (this.#inFlight < this.#concurrency) {
      const next = this.#queue[0];
      if (!next || next.dueAtMs > nowMs) break;
      this.#queue.shift();
      this.#start(next, nowMs);
    }
    this.#schedule();
    this.#notifyIdle();
  }

  /** Resolves when nothing is under way and nothing is due (later retries do not count). */
  idle(): Promise<void> {
    this.wake();
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  close(): void {
    this.#isClosed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const controller of this.#inFlightAborts) controller.abort();
    this.#queue = [];
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #start(item: Pending, nowMs: number): void {
    if (item.plan === undefined) {
      this.#ordinal += 1;
      item.plan = this.#faults.planWebhook(item.event.eventType, this.#ordinal);
      if (item.plan.delayMs !== undefined) {
        item.dueAtMs = nowMs + item.plan.delayMs;
        this.#queue.push(item);
        return;
      }
      if (item.plan.reorderMs !== undefined) {
        item.dueAtMs = nowMs + item.plan.reorderMs;
        item.isHeldForReorder = true;
        this.#queue.push(item);
        return;
      }
    }
    const plan = item.plan;
    item.plan = undefined;
    if (plan.drop) {
      this.#finish(item, { outcome: 'dropped' }, nowMs);
      return;
    }
    this.#inFlight += 1;
    void this.#send(item, item.attempt, false).then(async (result) => {
      if (result.outcome === 'delivered' && plan.duplicate) await this.#send(item, item.attempt + 1, true);
      this.#inFlight -= 1;
      this.#finish(item, result, this.#clock.nowMs());
    });
  }

  /** Records a non-duplicate attempt's outcome, schedules the retry, releases held deliveries to the same URL. */
  #finish(item: Pending, result: { outcome: WebhookDelivery['outcome']; httpStatus?: number; error?: string }, nowMs: number): void {
    const isRetried = result.outcome !== 'delivered' && item.attempt < this.#maxAttempts && !this.#isClosed;
    this.#record(item, item.attempt, false, { ...result, isFinal: result.outcome !== 'delivered' && !isRetried });
    if (isRetried) {
      item.dueAtMs = nowMs + this.#firstRetryMs * 4 ** (item.attempt - 1);
      item.attempt += 1;
      this.#queue.push(item);
    }
    if (result.outcome !== 'dropped') {
      for (const held of this.#queue) {
        if (held.isHeldForReorder && held.url === item.url && held !== item) {
          held.isHeldForReorder = false;
          held.dueAtMs = Math.min(held.dueAtMs, nowMs);
        }
      }
    }
    this.wake();
  }

  async #send(item: Pending, attempt: number, isDuplicate: boolean): Promise<{ outcome: 'delivered' | 'failed'; httpStatus?: number; error?: string }> {
    const event = item.event;
    const body = JSON.stringify({
      data: {
        event_type: event.eventType,
        id: event.id,
        occurred_at: new Date(event.createdAtMs).toISOString(),
        payload: event.json.payload ?? null,
        record_type: 'event',
      },
      meta: { attempt, delivered_to: item.url },
    });
    const timestamp = String(Math.floor(this.#realNow() / 1000));
    const controller = new AbortController();
    this.#inFlightAborts.add(controller);
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    timer.unref();
    let result: { outcome: 'delivered' | 'failed'; httpStatus?: number; error?: string };
    try {
      const response = await fetch(item.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'telnyx-signature-ed25519': signWebhook(this.#key, timestamp, body),
          'telnyx-timestamp': timestamp,
          'user-agent': 'bulkport-sim-webhooks',
        },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      result = response.ok ? { outcome: 'delivered', httpStatus: response.status } : { outcome: 'failed', httpStatus: response.status };
    } catch (error) {
      result = { outcome: 'failed', error: controller.signal.aborted ? `no answer within ${this.#timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message) };
    } finally {
      clearTimeout(timer);
      this.#inFlightAborts.delete(controller);
    }
    if (isDuplicate) this.#record(item, attempt, true, { ...result, isFinal: false });
    return result;
  }

  #record(item: Pending, attempt: number, isDuplicate: boolean, result: { outcome: WebhookDelivery['outcome']; httpStatus?: number; error?: string; isFinal: boolean }): void {
    this.#deliveries.push({
      id: randomUUID(),
      eventId: item.event.id,
      eventType: item.event.eventType,
      url: item.url,
      attempt,
      outcome: result.outcome,
      ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
      ...(result.error === undefined ? {} : { error: result.error }),
      isFinal: result.isFinal,
      isDuplicate,
      isRepublish: item.isRepublish,
      at: this.#clock.iso(),
    });
    if (this.#deliveries.length > MAX_DELIVERY_RECORDS) this.#deliveries.splice(0, this.#deliveries.length - MAX_DELIVERY_RECORDS);
  }

  /** A real-time timer for the next due attempt (simulated wait ÷ clock speed). */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0 || this.#clock.speed === 0 || this.#inFlight >= this.#concurrency) return;
    const nextMs = Math.min(...this.#queue.map((p) => p.dueAtMs));
    const realMs = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((nextMs - this.#clock.nowMs()) / this.#clock.speed)));
    this.#timer = setTimeout(() => this.wake(), realMs);
    this.#timer.unref();
  }

  #isIdle(): boolean {
    const nowMs = this.#clock.nowMs();
    return this.#inFlight === 0 && this.#queue.every((p) => p.dueAtMs > nowMs);
  }

  #notifyIdle(): void {
    if (this.#idleWaiters.length === 0 || !this.#isIdle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

