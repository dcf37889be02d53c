/**
 * Simulated time: `start + (real elapsed × speed) + advanced offset`. Order lifecycles, document
 * expiry and port-out deadlines read this clock, never `Date.now()`, so tests move time with
 * `advance(ms)` instead of sleeping and `--speed 3600` makes an hour pass per second.
 */
export class SimClock {
  readonly #realNow: () => number;
  readonly #realStartMs: number;
  readonly #simStartMs: number;
  #speed: number;
  #offsetMs = 0;

  constructor(options: { startMs?: number; speed?: number; realNow?: () => number } = {}) {
    this.#realNow = options.realNow ?? Date.now;
    this.#realStartMs = this.#realNow();
    this.#simStartMs = options.startMs ?? this.#realStartMs;
    this.#speed = options.speed ?? 1;
    if (!Number.isFinite(this.#speed) || this.#speed < 0) {
      throw new RangeError(`clock speed: expected a number from 0 up, got ${String(options.speed)}`);
    }
  }

  nowMs(): number {
    return Math.floor(this.#simStartMs + (this.#realNow() - this.#realStartMs) * this.#speed + this.#offsetMs);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  iso(): string {
    return this.now().toISOString();
  }

  get speed(): number {
    return this.#speed;
  }

  /** Moves simulated time forward (never back: lifecycles only run forward). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: expected milliseconds from 0 up, got ${String(ms)}`);
    this.#offsetMs += ms;
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
