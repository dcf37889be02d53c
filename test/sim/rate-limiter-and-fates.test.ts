import { describe, expect, it } from 'vitest';
import { decideFate } from '../../src/sim/orders/order-lifecycle.js';
import { draftOrderState, emptyAdmin, type SimOrder } from '../../src/sim/orders/sim-order.js';
import { RateLimiter } from '../../src/sim/rate-limiter.js';

describe('rate limiter', () => {
  it('refills at the rate up to the burst and describes the bucket in the header values', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 4, now: () => now });
    const taken = [1, 2, 3, 4, 5].map(() => limiter.take('key'));
    expect(taken.map((d) => d.isAllowed)).toEqual([true, true, true, true, false]);
    expect(taken.map((d) => d.remaining)).toEqual([3, 2, 1, 0, 0]);
    expect(taken[4]).toMatchObject({ limit: 4, resetSeconds: 2, retryAfterSeconds: 1 });
    now += 500;
    expect(limiter.take('key')).toMatchObject({ isAllowed: true, remaining: 0 });
    now += 10_000;
    expect(limiter.peek('key')).toMatchObject({ remaining: 4, resetSeconds: 0 });
    expect(limiter.take('other').remaining).toBe(3);
  });
});

function order(accountNumber: string, numbers: string[]): SimOrder {
  return {
    id: `order-${accountNumber}`,
    seq: 1,
    createdAtMs: 0,
    updatedAtMs: 0,
    customerReference: null,
    customerGroupReference: null,
    countryCode: 'US',
    phoneNumberType: 'local',
    carrierName: 'AT&T Local',
    spid: '9104',
    fastPortEligible: false,
    phoneNumbers: numbers,
    supportKey: 'sr_000000',
    parentSupportKey: 'pr_000000',
    ...draftOrderState(0),
    admin: { ...emptyAdmin(), account_number: accountNumber },
  };
}

describe('order fates', () => {
  it('are fixed by seed and end user: same inputs, same exception; shares near the configured ones', () => {
    const fates = (seed: string) =>
      Array.from({ length: 1000 }, (_, i) => {
        const o = order(`ACCT-${i}`, [`+1303555${String(i).padStart(4, '0')}`, `+1303556${String(i).padStart(4, '0')}`]);
        decideFate(o, seed, { exceptionShare: 0.08, splitShare: 0.05 });
        return `${o.fate}:${o.plannedExceptionCode}`;
      });
    const first = fates('fate-seed');
    expect(fates('fate-seed')).toEqual(first);
    expect(fates('other-seed')).not.toEqual(first);
    const share = (fate: string) => first.filter((f) => f.startsWith(`${fate}:`)).length / first.length;
    expect(share('exception')).toBeGreaterThan(0.05);
    expect(share('exception')).toBeLessThan(0.11);
    expect(share('split')).toBeGreaterThan(0.025);
    expect(share('split')).toBeLessThan(0.075);
  });
});
