import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../src/api/rate-pacer.js';

/**
 * The pacer against a token bucket like the simulator's, in simulated time (no wall clock):
 * every request leaves when the pacer allows, reaches the bucket after half the latency and is
 * answered after the full latency.
 */
function drive(options: { rate: number; burst: number; ceiling: number; seconds: number; latencyMs: number; retryAfter: boolean }) {
  const pacer = new RatePacer(options.ceiling);
  let tokens = options.burst;
  let refilledAt = 0;
  let now = 0;
  let sent = 0;
  let limited = 0;
  const answers: Array<{ atMs: number; sentAtMs: number; isRateLimited: boolean; remaining: number; retryAfterMs: number | undefined }> = [];
  while (now < options.seconds * 1000) {
    const sendAt = Math.max(now, pacer.nextSendAtMs());
    answers.sort((a, b) => a.atMs - b.atMs);
    const due = answers[0];
    if (due && due.atMs <= sendAt) {
      answers.shift();
      now = due.atMs;
      pacer.observe({ ...due, limit: options.burst });
      continue;
    }
    now = sendAt;
    pacer.sent(now);
    sent += 1;
    const arrival = now + options.latencyMs / 2;
    tokens = Math.min(options.burst, tokens + ((arrival - refilledAt) / 1000) * options.rate);
    refilledAt = arrival;
    const isRateLimited = tokens < 1;
    if (isRateLimited) limited += 1;
    else tokens -= 1;
    const retryAfterMs = isRateLimited && options.retryAfter ? 1000 : undefined;
    answers.push({ atMs: now + options.latencyMs, sentAtMs: now, isRateLimited, remaining: Math.floor(tokens), retryAfterMs });
  }
  return { accepted: (sent - limited) / (options.rate * options.seconds), limitedShare: limited / sent };
}

describe('RatePacer', () => {
  it.each([
    { rate: 200, burst: 5, ceiling: 400, latencyMs: 2, retryAfter: false },
    { rate: 200, burst: 5, ceiling: 400, latencyMs: 2, retryAfter: true },
    { rate: 200, burst: 10, ceiling: 1000, latencyMs: 30, retryAfter: true },
    { rate: 20, burst: 5, ceiling: 40, latencyMs: 30, retryAfter: false },
    { rate: 20, burst: 5, ceiling: 40, latencyMs: 30, retryAfter: true },
  ])('finds a token bucket of $rate/s (burst $burst) from a ceiling of $ceiling/s: ≥ 90% of the rate, < 2% 429s (Retry-After $retryAfter)', (c) => {
    const result = drive({ ...c, seconds: c.rate === 200 ? 50 : 100 });
    expect(result.accepted).toBeGreaterThanOrEqual(0.9);
    expect(result.limitedShare).toBeLessThan(0.02);
  });

  it('climbs from its slow start to the ceiling within a second when the server has room', () => {
    const result = drive({ rate: 1000, burst: 50, ceiling: 100, latencyMs: 5, retryAfter: false, seconds: 20 });
    expect(result.limitedShare).toBe(0);
    // 20 s at 100/s would be 2000 requests, 0.1 of the server's 1000/s; the slow start costs under a second.
    expect(result.accepted).toBeGreaterThan(0.095);
    expect(result.accepted).toBeLessThanOrEqual(0.1);
  });

  it('pauses every request until Retry-After has passed', () => {
    const pacer = new RatePacer(100);
    pacer.sent(0);
    pacer.observe({ atMs: 5, sentAtMs: 0, isRateLimited: true, limit: 5, remaining: 0, retryAfterMs: 1000 });
    expect(pacer.nextSendAtMs()).toBe(1005);
    expect(pacer.ratePerSecond).toBeLessThan(100);
  });
});
