/** Where a held request waits: before its handler runs (nothing happened yet) or after (done, answer not sent). */
export type HoldPoint = 'before' | 'after';

export interface HoldHandle {
  /** Resolves when the held request arrives and is waiting. */
  readonly reached: Promise<void>;
  readonly isReached: boolean;
  /** Lets the request go on. */
  release(): void;
  /** Destroys the held request's connection without answering (and, held `before`, without handling it). */
  drop(): void;
}

export type HoldOutcome = 'release' | 'drop';

interface PendingHold {
  readonly endpoint: string;
  readonly ordinal: number;
  readonly point: HoldPoint;
  readonly outcome: Promise<HoldOutcome>;
  settle: (outcome: HoldOutcome) => void;
  markReached: () => void;
  isReached: boolean;
}

/**
 * Holds the k-th request of an endpoint so a test can kill a client at an exact point (instead of
 * after a sleep), then release or drop it.
 */
export class HoldRegistry {
  readonly #pending: PendingHold[] = [];
  readonly #countOf: (endpoint: string) => number;

  /** `countOf` gives how many requests of the endpoint have arrived so far. */
  constructor(countOf: (endpoint: string) => number) {
    this.#countOf = countOf;
  }

  /** Holds the k-th request of `endpoint` (e.g. `POST /porting_orders`) that arrives from now on. */
  hold(endpoint: string, k: number, point: HoldPoint = 'before'): HoldHandle {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`hold: expected k to be a whole number from 1 up, got ${String(k)}`);
    let settle: (outcome: HoldOutcome) => void = () => undefined;
    let markReached: () => void = () => undefined;
    const outcome = new Promise<HoldOutcome>((resolve) => {
      settle = resolve;
    });
    const reached = new Promise<void>((resolve) => {
      markReached = resolve;
    });
    const pending: PendingHold = {
      endpoint,
      ordinal: this.#countOf(endpoint) + k,
      point,
      outcome,
      settle: (value) => settle(value),
      markReached: () => {
        pending.isReached = true;
        markReached();
      },
      isReached: false,
    };
    this.#pending.push(pending);
    return {
      reached,
      get isReached() {
        return pending.isReached;
      },
      release: () => this.#settle(pending, 'release'),
      drop: () => this.#settle(pending, 'drop'),
    };
  }

  /** Called by the server at each hold point; resolves at once unless this request is held there. */
  async wait(endpoint: string, ordinal: number, point: HoldPoint): Promise<HoldOutcome> {
    const pending = this.#pending.find((p) => p.endpoint === endpoint && p.ordinal === ordinal && p.point === point);
    if (!pending) return 'release';
    pending.markReached();
    return pending.outcome;
  }

  /** Lets every held request go (on close). */
  releaseAll(): void {
    for (const pending of [...this.#pending]) this.#settle(pending, 'release');
  }

  #settle(pending: PendingHold, outcome: HoldOutcome): void {
    const index = this.#pending.indexOf(pending);
    if (index >= 0) this.#pending.splice(index, 1);
    pending.settle(outcome);
  }
}
