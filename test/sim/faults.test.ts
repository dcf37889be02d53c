import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/sim/clock.js';
import { parseFaultSpec } from '../../src/sim/faults.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { assertContract } from '../contract/contract.js';
import { findNumbers, isPortableLocal, startTestSimulator, type TestSimulator } from './sim-fixture.js';

const started: TestSimulator[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) {
    assertContract(t.recorder.exchanges, { requests: 'successful' });
    await t.sim.close();
  }
});

async function start(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<TestSimulator> {
  const t = await startTestSimulator(options);
  started.push(t);
  return t;
}

describe('fault injection', () => {
  it('answers a 5xx instead of handling the request', async () => {
    const { sim, client } = await start();
    sim.faults.set([{ kind: '5xx', rate: 1, endpoints: ['GET /porting_orders'], count: 1 }]);
    const failed = await client.portingOrders.list().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Telnyx.InternalServerError);
    await expect(client.portingOrders.list()).resolves.toBeDefined();
    expect(sim.stats().faultsInjected).toEqual({ '5xx': 1 });
  });

  it('drops the connection without an answer', async () => {
    const { sim, client } = await start({ faults: 'drop=1' });
    const failed = await client.portingOrders.list().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Telnyx.APIConnectionError);
    expect(sim.stats().calls['GET /porting_orders']).toBe(1);
  });

  it('answers slowly, past a client timeout', async () => {
    const { sim } = await start({ faults: 'slow=1:1500' });
    const impatient = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0, timeout: 200 });
    await expect(impatient.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.APIConnectionTimeoutError);
  });

  it('creates the order but loses the answer (lost-create), so only a lookup by reference tells', async () => {
    const { sim, client } = await start({ faults: 'lost-create=1' });
    const numbers = findNumbers(sim, 1, isPortableLocal);
    const failed = await client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'ambiguous' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Telnyx.APIConnectionError);
    const found = await client.portingOrders.list({ filter: { customer_reference: 'ambiguous' } });
    expect(found.data.map((o) => o.phone_numbers?.[0]?.phone_number)).toEqual(numbers);
    expect(sim.stats().ordersCreatedByCustomerReference).toEqual({ ambiguous: 1 });
  });

  it('streams a download slowly in many chunks, bytes intact', async () => {
    const { sim, client } = await start();
    const bytes = Buffer.alloc(64 * 1024, 7);
    const id = (await client.documents.upload({ document: { file: bytes.toString('base64'), filename: 'r.csv' } })).data?.id ?? '';
    sim.faults.set('slow-download=1:200');
    const answer = await fetch(`${sim.baseURL}/documents/${id}/download`, { headers: { authorization: `Bearer ${KEY_BULKPORT_DEMO}` } });
    const reader = answer.body?.getReader();
    const chunks: Uint8Array[] = [];
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) chunks.push(part.value);
    expect(Buffer.concat(chunks)).toEqual(bytes);
    expect(chunks.length).toBeGreaterThan(1);
    expect(sim.stats().faultsInjected).toEqual({ 'slow-download': 1 });
  });

  it('is seeded: the same seed hits the same requests, another seed others', async () => {
    const pattern = async (seed: string): Promise<string> => {
      const { client } = await start({ seed, faults: '5xx=0.3' });
      let result = '';
      for (let i = 0; i < 30; i += 1) result += await client.portingOrders.list().then(() => '.', () => 'x');
      return result;
    };
    const first = await pattern('replay-1');
    expect(first).toContain('x');
    expect(await pattern('replay-1')).toBe(first);
    expect(await pattern('replay-2')).not.toBe(first);
  });

  it('parses the --faults spec and refuses nonsense', () => {
    expect(parseFaultSpec('5xx=0.05, drop=0.02,slow=0.01:5000,lost-create=0.1,slow-download=0.2:3000')).toEqual([
      { kind: '5xx', rate: 0.05 },
      { kind: 'drop', rate: 0.02 },
      { kind: 'slow', rate: 0.01, ms: 5000 },
      { kind: 'lost-create', rate: 0.1 },
      { kind: 'slow-download', rate: 0.2, ms: 3000 },
    ]);
    expect(() => parseFaultSpec('boom=0.1')).toThrow(/expected one of 5xx, drop/);
    expect(() => parseFaultSpec('5xx=2')).toThrow(/from 0 to 1/);
    expect(() => parseFaultSpec('5xx')).toThrow(/kind=rate/);
  });
});

describe('holding a request', () => {
  it('holds the k-th create before it is handled; dropping it leaves nothing created', async () => {
    const { sim, client } = await start();
    const [one, two] = findNumbers(sim, 2, isPortableLocal);
    const hold = sim.hold('POST /porting_orders', 2);
    await client.portingOrders.create({ phone_numbers: [one ?? ''], customer_reference: 'first' });
    const second = client.portingOrders.create({ phone_numbers: [two ?? ''], customer_reference: 'second' }).catch((e: unknown) => e);
    await hold.reached;
    expect(sim.stats().inFlight).toBe(1);
    expect(sim.stats().ordersCreated).toBe(1);
    hold.drop();
    expect(await second).toBeInstanceOf(Telnyx.APIConnectionError);
    expect(sim.stats().ordersCreatedByCustomerReference).toEqual({ first: 1 });
  });

  it('holds after handling: the order exists while the answer waits, and arrives on release', async () => {
    const { sim, client } = await start();
    const hold = sim.hold('POST /porting_orders', 1, 'after');
    const pending = client.portingOrders.create({ phone_numbers: findNumbers(sim, 1, isPortableLocal), customer_reference: 'held' });
    await hold.reached;
    expect(sim.stats().ordersCreatedByCustomerReference).toEqual({ held: 1 });
    hold.release();
    expect((await pending).data?.[0]?.customer_reference).toBe('held');
  });
});

describe('in-flight count', () => {
  it('reports the most requests in flight at once', async () => {
    const { sim, client } = await start();
    const holds = [1, 2, 3].map((k) => sim.hold('GET /porting_orders', k));
    const lists = [1, 2, 3].map(() => client.portingOrders.list());
    await Promise.all(holds.map((h) => h.reached));
    expect(sim.stats().inFlight).toBe(3);
    for (const hold of holds) hold.release();
    await Promise.all(lists);
    expect(sim.stats()).toMatchObject({ inFlight: 0, maxInFlight: 3 });
    sim.resetStats();
    expect(sim.stats().maxInFlight).toBe(0);
  });
});

describe('control endpoints (for a CLI in a child process)', () => {
  it('reports stats, sets faults, advances the clock and holds requests over HTTP', async () => {
    const { sim, client } = await start({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0 });
    const post = (path: string, body: unknown) =>
      fetch(`${sim.origin}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await client.portingOrders.list();
    const stats = (await fetch(`${sim.origin}/_sim/stats`).then((r) => r.json())) as { calls: Record<string, number>; totalCalls: number };
    expect(stats.calls).toEqual({ 'GET /porting_orders': 1 });
    expect(await post('/_sim/advance', { ms: DAY_MS })).toEqual({ now: '2026-11-25T10:00:00.000Z' });
    await post('/_sim/faults', { spec: '5xx=1' });
    await expect(client.portingOrders.list()).rejects.toBeInstanceOf(Telnyx.InternalServerError);
    await post('/_sim/faults', { spec: '' });
    const { id } = (await post('/_sim/hold', { endpoint: 'GET /porting_orders', k: 1 })) as { id: string };
    const held = client.portingOrders.list();
    for (let reached = false; !reached; ) {
      reached = ((await fetch(`${sim.origin}/_sim/hold/${id}`).then((r) => r.json())) as { reached: boolean }).reached;
    }
    await post(`/_sim/hold/${id}/release`, {});
    await expect(held).resolves.toBeDefined();
    await post('/_sim/stats/reset', {});
    expect(sim.stats().totalCalls).toBe(0);
  });
});
