/** What the rate limiter decided for one request, and the headers that describe the bucket. */
export interface RateDecision {
  readonly isAllowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until the bucket is full again (`x-ratelimit-reset`). */
  readonly resetSeconds: number;
  /** Whole seconds until the next request would be allowed (for the optional `Retry-After`). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * One token bucket per API key: `burst` tokens, refilled at `ratePerSecond`. It runs on real time,
 * not simulated time: the limit protects the server, whatever the simulated clock says.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #ratePerSecond: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(options: { ratePerSecond: number; burst: number; now?: () => number }) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`rate: expected requests per second above 0, got ${options.ratePerSecond}`);
    if (!(options.burst >= 1)) throw new RangeError(`burst: expected at least 1, got ${options.burst}`);
    this.#ratePerSecond = options.ratePerSecond;
    this.#burst = Math.floor(options.burst);
    this.#now = options.now ?? Date.now;
  }

  take(key: string): RateDecision {
    const bucket = this.#refill(key);
    const isAllowed = bucket.tokens >= 1;
    if (isAllowed) bucket.tokens -= 1;
    return this.#describe(bucket, isAllowed);
  }

  /** The headers for an answer that did not consume a token (e.g. a 401). */
  peek(key: string): RateDecision {
    return this.#describe(this.#refill(key), true);
  }

  #refill(key: string): Bucket {
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.#burst, updatedMs: now };
      this.#buckets.set(key, bucket);
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(this.#burst, bucket.tokens + elapsedSeconds * this.#ratePerSecond);
    bucket.updatedMs = now;
    return bucket;
  }

  #describe(bucket: Bucket, isAllowed: boolean): RateDecision {
    const missing = this.#burst - bucket.tokens;
    return {
      isAllowed,
      limit: this.#burst,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil(missing / this.#ratePerSecond),
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#ratePerSecond)),
    };
  }
}
