/** What `stats()` and `GET /_sim/stats` report. */
export interface SimStats {
  /** Requests per endpoint name (`POST /porting_orders`), including refused ones. */
  readonly calls: Record<string, number>;
  readonly totalCalls: number;
  /** Answers by HTTP status. */
  readonly statuses: Record<string, number>;
  readonly rateLimited: number;
  readonly unauthorized: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Porting orders created, by the request's `customer_reference` (`""` for none). */
  readonly ordersCreatedByCustomerReference: Record<string, number>;
  readonly ordersCreated: number;
  readonly faultsInjected: Record<string, number>;
}

/** Counters for tests and benchmarks. Arrival counts per endpoint survive `reset()` (holds count from them). */
export class StatsRecorder {
  #calls = new Map<string, number>();
  readonly #arrivals = new Map<string, number>();
  #statuses = new Map<number, number>();
  #total = 0;
  #rateLimited = 0;
  #unauthorized = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  #ordersByReference = new Map<string, number>();
  #ordersCreated = 0;

  /** Counts an arriving request and returns its ordinal among requests of that endpoint (from 1). */
  arrive(endpoint: string): number {
    this.#total += 1;
    this.#calls.set(endpoint, (this.#calls.get(endpoint) ?? 0) + 1);
    const ordinal = (this.#arrivals.get(endpoint) ?? 0) + 1;
    this.#arrivals.set(endpoint, ordinal);
    return ordinal;
  }

  arrivals(endpoint: string): number {
    return this.#arrivals.get(endpoint) ?? 0;
  }

  begin(): void {
    this.#inFlight += 1;
    if (this.#inFlight > this.#maxInFlight) this.#maxInFlight = this.#inFlight;
  }

  end(): void {
    this.#inFlight -= 1;
  }

  answered(status: number): void {
    this.#statuses.set(status, (this.#statuses.get(status) ?? 0) + 1);
    if (status === 429) this.#rateLimited += 1;
    if (status === 401) this.#unauthorized += 1;
  }

  orderCreated(customerReference: string | null): void {
    const key = customerReference ?? '';
    this.#ordersByReference.set(key, (this.#ordersByReference.get(key) ?? 0) + 1);
    this.#ordersCreated += 1;
  }

  snapshot(faultsInjected: Record<string, number>): SimStats {
    return {
      calls: Object.fromEntries(this.#calls),
      totalCalls: this.#total,
      statuses: Object.fromEntries([...this.#statuses].map(([status, count]) => [String(status), count])),
      rateLimited: this.#rateLimited,
      unauthorized: this.#unauthorized,
      inFlight: this.#inFlight,
      maxInFlight: this.#maxInFlight,
      ordersCreatedByCustomerReference: Object.fromEntries(this.#ordersByReference),
      ordersCreated: this.#ordersCreated,
      faultsInjected,
    };
  }

  reset(): void {
    this.#calls = new Map();
    this.#statuses = new Map();
    this.#total = 0;
    this.#rateLimited = 0;
    this.#unauthorized = 0;
    this.#maxInFlight = this.#inFlight;
    this.#ordersByReference = new Map();
    this.#ordersCreated = 0;
  }
}
