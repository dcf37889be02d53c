import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/sim/clock.js';
import { assertContract } from '../contract/contract.js';
import { completeOrder, findNumbers, isPortableLocal, startTestSimulator, type TestSimulator } from './sim-fixture.js';

let running: TestSimulator | undefined;
afterEach(async () => {
  if (running) {
    assertContract(running.recorder.exchanges, { requests: 'successful' });
    await running.sim.close();
  }
  running = undefined;
});

const START = new Date('2026-11-24T10:00:00Z');

async function confirmedOrder(t: TestSimulator, count = 1): Promise<string> {
  const numbers = findNumbers(t.sim, count, (p) => isPortableLocal(p) && !p.fastPortable && p.carrier.spid === t.sim.state.numbers.profile('+13035550000')?.carrier.spid);
  const id = (await t.client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'life', customer_group_reference: 'camp' })).data?.[0]?.id ?? '';
  await completeOrder(t.client, id);
  await t.client.portingOrders.actions.confirm(id);
  return id;
}

describe('order lifecycle on the simulated clock', () => {
  it('moves confirmed → in-process → submitted → foc-date-confirmed → ported as time advances', async () => {
    running = await startTestSimulator({ startAt: START });
    const { sim, client } = running;
    const id = await confirmedOrder(running);
    const status = async () => (await client.portingOrders.retrieve(id)).data;
    expect((await status())?.status?.value).toBe('in-process');
    sim.advance(HOUR_MS);
    expect((await status())?.status?.value).toBe('submitted');
    sim.advance(DAY_MS);
    const confirmed = await status();
    expect(confirmed?.status?.value).toBe('foc-date-confirmed');
    expect(confirmed?.activation_settings?.foc_datetime_actual).toBe('2026-11-30T12:00:00.000Z');
    sim.advance(7 * DAY_MS);
    expect((await status())?.status?.value).toBe('ported');
    const numbers = await client.portingPhoneNumbers.list({ filter: { porting_order_status: 'ported' } });
    expect(numbers.data.map((n) => n.activation_status)).toEqual(['Active']);
    const comments = await client.portingOrders.comments.list(id);
    expect(comments.data.some((c) => c.user_type === 'system' && (c.body ?? '').includes('FOC date confirmed'))).toBe(true);
  });

  it('lands a whole jump of time in the same final state as small steps', async () => {
    running = await startTestSimulator({ startAt: START });
    const { sim, client } = running;
    const id = await confirmedOrder(running);
    sim.advance(30 * DAY_MS);
    expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('ported');
  });

  it('raises a documented exception that a PATCH correcting the named field clears', async () => {
    running = await startTestSimulator({ startAt: START, exceptionShare: 1 });
    const { sim, client } = running;
    const id = await confirmedOrder(running);
    sim.advance(HOUR_MS + 4 * HOUR_MS);
    const order = (await client.portingOrders.retrieve(id)).data;
    expect(order?.status?.value).toBe('exception');
    const detail = order?.status?.details?.[0];
    const types = (await client.portingOrders.retrieveExceptionTypes()).data?.map((t) => t.code);
    expect(types).toContain(detail?.code);
    const field = /correct (end_user\.(admin|location)\.[a-z_]+)/.exec(detail?.description ?? '')?.[1] ?? '';
    expect(field).not.toBe('');
    const [, group, name] = field.split('.') as [string, 'admin' | 'location', string];
    // Any other PATCH leaves the exception open.
    await client.portingOrders.update(id, { webhook_url: 'https://example.com/hook' });
    expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('exception');
    const corrected = name === 'postal_code' ? '78702' : name === 'billing_phone_number' ? '+13035550198' : 'Corrected value';
    const fixed = await client.portingOrders.update(id, { end_user: { [group]: { [name]: corrected } } });
    expect(fixed.data?.status?.value).toBe('in-process');
    expect(fixed.data?.status?.details).toEqual([]);
    sim.advance(30 * DAY_MS);
    expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('ported');
  });

  it('splits an order after submission; the new order carries the parent_support_key and takes half the numbers', async () => {
    running = await startTestSimulator({ startAt: START, splitShare: 1 });
    const { sim, client } = running;
    const id = await confirmedOrder(running, 6);
    const parent = (await client.portingOrders.retrieve(id)).data?.parent_support_key ?? '';
    sim.advance(HOUR_MS + 2 * HOUR_MS);
    const family = (await client.portingOrders.list({ filter: { parent_support_key: parent } })).data;
    expect(family).toHaveLength(2);
    const original = family.find((o) => o.id === id);
    const split = family.find((o) => o.id !== id);
    expect(original?.porting_phone_numbers_count).toBe(3);
    expect(split?.porting_phone_numbers_count).toBe(3);
    expect(split?.status?.value).toBe('submitted');
    expect(split?.customer_reference).toBe('life');
    expect(split?.status?.details?.[0]?.code).toBe('PORTING_ORDER_SPLIT_REQUIRED');
    const rows = [];
    for await (const row of client.portingPhoneNumbers.list()) rows.push(row);
    expect(rows.filter((r) => r.porting_order_id === split?.id)).toHaveLength(3);
    sim.advance(30 * DAY_MS);
    const done = (await client.portingOrders.list({ filter: { parent_support_key: parent } })).data;
    expect(done.map((o) => o.status?.value)).toEqual(['ported', 'ported']);
  });

  it('cancel moves to cancel-pending, then cancelled, and frees the numbers', async () => {
    running = await startTestSimulator({ startAt: START });
    const { sim, client } = running;
    const id = await confirmedOrder(running);
    const numbers = (await client.portingOrders.retrieve(id)).data?.phone_numbers?.map((n) => n.phone_number ?? '') ?? [];
    expect((await client.portingOrders.actions.cancel(id)).data?.status?.value).toBe('cancel-pending');
    sim.advance(4 * HOUR_MS);
    expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('cancelled');
    await expect(client.portingOrders.create({ phone_numbers: numbers })).resolves.toBeDefined();
  });

  it('runs the clock faster with speed', async () => {
    running = await startTestSimulator({ startAt: START, speed: 3600 });
    const before = running.sim.clock.nowMs();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running.sim.clock.nowMs() - before).toBeGreaterThanOrEqual(20 * 3600 * 0.9);
  });
});
