import type { RatePacer } from './rate-pacer.js';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/** A FIFO that does not cost O(n) per shift (a run queues tens of thousands of calls). */
class WaiterQueue {
  #items: Array<Waiter | undefined> = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(waiter: Waiter): void {
    this.#items.push(waiter);
  }

  shift(): Waiter | undefined {
    if (this.size === 0) return undefined;
    const waiter = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return waiter;
  }

  drain(): Waiter[] {
    const rest = this.#items.slice(this.#head).filter((w): w is Waiter => w !== undefined);
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}

/**
 * Where every HTTP attempt waits its turn: at most `concurrency` in flight (the p-limit idea) and
 * no faster than the pacer allows (the rate). Retries queue ahead of first attempts so a batch
 * that hit a 429 is not sent to the back of a long queue.
 */
export class SendGate {
  readonly #concurrency: number;
  readonly #pacer: RatePacer;
  readonly #nowMs: () => number;
  readonly #retries = new WaiterQueue();
  readonly #firsts = new WaiterQueue();
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #closedWith: Error | undefined;
  /**
   * Until the first attempt ends, only one is let out: before any answer the pacer knows nothing
   * of the server's limit, and a slow first answer (cold connection, TLS) would otherwise let a
   * whole second of requests go out blind.
   */
  #hasFinishedOne = false;
  #idleWaiters: Array<() => void> = [];

  constructor(concurrency: number, pacer: RatePacer, nowMs: () => number) {
    this.#concurrency = concurrency;
    this.#pacer = pacer;
    this.#nowMs = nowMs;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when this attempt may leave; the caller must call `leave()` once it has its answer. */
  enter(isRetry: boolean): Promise<void> {
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    return new Promise<void>((resolve, reject) => {
      (isRetry ? this.#retries : this.#firsts).push({ resolve, reject });
      this.#pump();
    });
  }

  leave(): void {
    this.#inFlight -= 1;
    this.#hasFinishedOne = true;
    if (this.#inFlight === 0 && this.#idleWaiters.length > 0) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
    this.#pump();
  }

  /** Rejects every queued attempt and every later one with `error`; attempts in flight go on. */
  close(error: Error): void {
    this.#closedWith ??= error;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of [...this.#retries.drain(), ...this.#firsts.drain()]) waiter.reject(this.#closedWith);
  }

  /** Resolves once no attempt is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    if (this.#closedWith) return;
    const cap = this.#hasFinishedOne ? this.#concurrency : 1;
    while (this.#retries.size + this.#firsts.size > 0 && this.#inFlight < cap) {
      const nowMs = this.#nowMs();
      const sendAtMs = this.#pacer.nextSendAtMs();
      if (sendAtMs > nowMs) {
        this.#arm(sendAtMs - nowMs);
        return;
      }
      const waiter = this.#retries.shift() ?? this.#firsts.shift();
      if (waiter === undefined) return;
      this.#pacer.sent(nowMs);
      this.#inFlight += 1;
      waiter.resolve();
    }
  }

  #arm(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
      // Re-checked on wake-up: a far send time sleeps in steps, never past setTimeout's 2^31 ms range
      // (beyond it Node fires at once, and the pump would spin).
    }, Math.min(MAX_TIMER_MS, Math.ceil(delayMs)));
  }
}

/** Longest single timer the gate arms (a minute): the pacer's own pauses are clamped well below setTimeout's range. */
const MAX_TIMER_MS = 60_000;
