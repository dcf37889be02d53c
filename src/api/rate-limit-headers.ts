/** Telnyx's rate-limit headers and Retry-After, read from one answer. */
export interface RateLimitHeaders {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** `x-ratelimit-reset`: seconds until the bucket is full again. */
  readonly resetSeconds: number | undefined;
  /** `retry-after-ms`, else `retry-after` (seconds or an HTTP date), in ms. */
  readonly retryAfterMs: number | undefined;
}

export function readRateLimitHeaders(headers: Headers, nowMs: number): RateLimitHeaders {
  return {
    limit: wholeNumber(headers.get('x-ratelimit-limit')),
    remaining: wholeNumber(headers.get('x-ratelimit-remaining')),
    resetSeconds: wholeNumber(headers.get('x-ratelimit-reset')),
    retryAfterMs: retryAfterMs(headers, nowMs),
  };
}

/** Longest Retry-After we honour: a server asking for more is treated as asking for this. */
const MAX_RETRY_AFTER_MS = 5 * 60 * 1000;

function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const milliseconds = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.min(MAX_RETRY_AFTER_MS, milliseconds);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(MAX_RETRY_AFTER_MS, seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs));
}

function wholeNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
