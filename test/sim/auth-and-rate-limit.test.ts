import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { assertContract } from '../contract/contract.js';
import { errorsOf, startTestSimulator, type TestSimulator } from './sim-fixture.js';

let running: TestSimulator | undefined;
afterEach(async () => {
  if (running) {
    assertContract(running.recorder.exchanges.filter((e) => e.endpoint !== undefined), { requests: 'successful' });
    await running.sim.close();
  }
  running = undefined;
});

describe('authentication', () => {
  it('refuses a missing or unknown bearer key with 401 code 10009 and accepts the demo key', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const stranger = new Telnyx({ apiKey: 'KEY_NOT_ACCEPTED', baseURL: sim.baseURL, maxRetries: 0 });
    const refused = await stranger.portingOrders.list().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.AuthenticationError);
    expect(errorsOf(refused)[0]).toMatchObject({ code: '10009', title: 'Authentication failed' });

    const bare = await fetch(`${sim.baseURL}/porting_orders`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('x-ratelimit-limit')).not.toBeNull();

    const page = await client.portingOrders.list();
    expect(page.data).toEqual([]);
    expect(sim.stats().unauthorized).toBe(2);
  });

  it('accepts exactly the configured keys when keys are given', async () => {
    running = await startTestSimulator({ apiKeys: ['KEY_ONE', 'KEY_TWO'] });
    const { sim } = running;
    const two = new Telnyx({ apiKey: 'KEY_TWO', baseURL: sim.baseURL, maxRetries: 0 });
    await expect(two.portingOrders.list()).resolves.toBeDefined();
    const demo = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 });
    await expect(demo.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.AuthenticationError);
  });
});

describe('not found', () => {
  it('answers 404 code 10005 for an unknown order and an unknown route', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const missing = await client.portingOrders.retrieve('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Telnyx.NotFoundError);
    expect(errorsOf(missing)[0]?.code).toBe('10005');
    const route = await fetch(`${sim.baseURL}/no_such_resource`, { headers: { authorization: `Bearer ${KEY_BULKPORT_DEMO}` } });
    expect(route.status).toBe(404);
    expect(((await route.json()) as { errors: Array<{ code: string }> }).errors[0]?.code).toBe('10005');
    expect(route.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });
});

describe('rate limit', () => {
  it('sends the rate-limit headers on every answer and 429 code 10011 once the bucket is empty', async () => {
    running = await startTestSimulator({ rate: 1, burst: 3 });
    const { sim, client } = running;
    const answers = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(await client.portingOrders.list().withResponse().then(({ response }) => response).catch((e: unknown) => e));
    }
    const [first, second, third, fourth] = answers as [Response, Response, Response, unknown];
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(third.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(fourth).toBeInstanceOf(Telnyx.RateLimitError);
    const limited = fourth as InstanceType<typeof Telnyx.RateLimitError>;
    expect(errorsOf(limited)[0]).toMatchObject({ code: '10011', title: 'Too many requests' });
    expect(limited.headers?.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers?.get('retry-after')).toBeNull();
    expect(sim.stats().rateLimited).toBe(1);
  });

  it('adds Retry-After to 429 when asked to', async () => {
    running = await startTestSimulator({ rate: 0.5, burst: 1, sendRetryAfter: true });
    const { client } = running;
    await client.portingOrders.list();
    const limited = await client.portingOrders.list().catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(Telnyx.RateLimitError);
    expect(Number((limited as InstanceType<typeof Telnyx.RateLimitError>).headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps one bucket per key', async () => {
    running = await startTestSimulator({ rate: 0.1, burst: 1, apiKeys: ['KEY_A', 'KEY_B'] });
    const { sim } = running;
    const a = new Telnyx({ apiKey: 'KEY_A', baseURL: sim.baseURL, maxRetries: 0 });
    const b = new Telnyx({ apiKey: 'KEY_B', baseURL: sim.baseURL, maxRetries: 0 });
    await a.portingOrders.list();
    await expect(a.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.RateLimitError);
    await expect(b.portingOrders.list()).resolves.toBeDefined();
  });
});
