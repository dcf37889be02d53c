/** API figures for the summary and the benchmarks (docs/design.md §7). */
export interface ApiStats {
  /** HTTP attempts sent, retries included. */
  readonly calls: number;
  /** Attempts beyond the first of each scheduler call. */
  readonly retries: number;
  /** 429 answers. */
  readonly rateLimited: number;
  /** 5xx and 408 answers. */
  readonly serverErrors: number;
  /** Attempts that got no answer: dropped connections and timeouts. */
  readonly connectionErrors: number;
  /** Scheduler calls that ended in an error (after retries, or not retried). */
  readonly failures: number;
  readonly latency: { readonly avgMs: number; readonly p95Ms: number; readonly maxMs: number };
  /** From the first attempt leaving to the last one ending (or now, while calls are in flight). */
  readonly elapsedMs: number;
  /** Achieved attempts per second over `elapsedMs`. */
  readonly callsPerSecond: number;
  /** Most HTTP attempts in flight at once. */
  readonly maxInFlight: number;
}

/**
 * Latency histogram: 1 ms buckets below 1 s, 10 ms buckets up to 2 min; enough for a p95 at any
 * run size in fixed memory, without keeping one number per call.
 */
const FINE_LIMIT_MS = 1000;
const COARSE_STEP_MS = 10;
const BUCKET_COUNT = FINE_LIMIT_MS + (120_000 - FINE_LIMIT_MS) / COARSE_STEP_MS + 1;

export class ApiStatsRecorder {
  #calls = 0;
  #retries = 0;
  #rateLimited = 0;
  #serverErrors = 0;
  #connectionErrors = 0;
  #failures = 0;
  #inFlight = 0;
  #maxInFlight = 0;
  #latencyTotalMs = 0;
  #latencyMaxMs = 0;
  #latencyCount = 0;
  readonly #histogram = new Uint32Array(BUCKET_COUNT);
  #firstStartMs: number | undefined;
  #lastEndMs: number | undefined;
  readonly #nowMs: () => number;

  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  attemptStarted(): number {
    const now = this.#nowMs();
    this.#calls += 1;
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    this.#firstStartMs ??= now;
    return now;
  }

  attemptEnded(startedMs: number, outcome: 'answered' | 'rate_limited' | 'server_error' | 'no_answer'): void {
    const now = this.#nowMs();
    this.#inFlight -= 1;
    this.#lastEndMs = now;
    if (outcome === 'rate_limited') this.#rateLimited += 1;
    if (outcome === 'server_error') this.#serverErrors += 1;
    if (outcome === 'no_answer') {
      this.#connectionErrors += 1;
      return;
    }
    const latencyMs = Math.max(0, now - startedMs);
    this.#latencyTotalMs += latencyMs;
    this.#latencyCount += 1;
    this.#latencyMaxMs = Math.max(this.#latencyMaxMs, latencyMs);
    this.#histogram[bucketOf(latencyMs)]! += 1;
  }

  retried(): void {
    this.#retries += 1;
  }

  failed(): void {
    this.#failures += 1;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  snapshot(): ApiStats {
    const end = this.#inFlight > 0 ? this.#nowMs() : (this.#lastEndMs ?? this.#firstStartMs);
    const elapsedMs = this.#firstStartMs === undefined || end === undefined ? 0 : Math.max(0, end - this.#firstStartMs);
    return {
      calls: this.#calls,
      retries: this.#retries,
      rateLimited: this.#rateLimited,
      serverErrors: this.#serverErrors,
      connectionErrors: this.#connectionErrors,
      failures: this.#failures,
      latency: {
        avgMs: this.#latencyCount === 0 ? 0 : round1(this.#latencyTotalMs / this.#latencyCount),
        p95Ms: this.#percentile(0.95),
        maxMs: round1(this.#latencyMaxMs),
      },
      elapsedMs: Math.round(elapsedMs),
      callsPerSecond: elapsedMs === 0 ? 0 : round1((this.#calls * 1000) / elapsedMs),
      maxInFlight: this.#maxInFlight,
    };
  }

  #percentile(fraction: number): number {
    if (this.#latencyCount === 0) return 0;
    const wanted = Math.ceil(this.#latencyCount * fraction);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket += 1) {
      seen += this.#histogram[bucket]!;
      if (seen >= wanted) return bucket < FINE_LIMIT_MS ? bucket + 1 : FINE_LIMIT_MS + (bucket - FINE_LIMIT_MS + 1) * COARSE_STEP_MS;
    }
    return round1(this.#latencyMaxMs);
  }
}

function bucketOf(latencyMs: number): number {
  if (latencyMs < FINE_LIMIT_MS) return Math.floor(latencyMs);
  return Math.min(BUCKET_COUNT - 1, FINE_LIMIT_MS + Math.floor((latencyMs - FINE_LIMIT_MS) / COARSE_STEP_MS));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
