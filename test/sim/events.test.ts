import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/sim/clock.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { assertContract } from '../contract/contract.js';
import { completeOrder, findNumbers, isPortableLocal, startTestSimulator, type TestSimulator } from './sim-fixture.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const START = new Date('2026-11-24T10:00:00Z');
const started: TestSimulator[] = [];
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) {
    assertContract(t.recorder.exchanges, { requests: 'successful' });
    await t.sim.close();
  }
  for (const r of receivers.splice(0)) await r.close();
});

async function start(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<TestSimulator> {
  const t = await startTestSimulator({ startAt: START, ...options });
  started.push(t);
  return t;
}

async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

type Event = { id: string; event_type: string; porting_order_id?: string; created_at?: string; payload: Record<string, unknown> | null };

async function allPortingEvents(client: Telnyx, filter: Record<string, unknown> = {}): Promise<Event[]> {
  const events: Event[] = [];
  for await (const event of client.porting.events.list({ filter, 'page[size]': 3 } as never)) events.push(event as unknown as Event);
  return events;
}

describe('porting events', () => {
  it('records every kind of change with the spec shape, newest first, with filters and pagination', async () => {
    const { sim, client } = await start();
    const [a, b, c] = findNumbers(sim, 3, isPortableLocal);
    const order = (await client.portingOrders.create({ phone_numbers: [a ?? '', b ?? ''], customer_reference: 'ev:1' })).data?.[0];
    const draft = (await client.portingOrders.create({ phone_numbers: [c ?? ''], customer_reference: 'ev:2' })).data?.[0];
    const id = order?.id ?? '';
    await completeOrder(client, id, { messaging: { enable_messaging: true } });
    await client.portingOrders.comments.create(id, { body: 'Please hurry' });
    await client.portingOrders.actions.confirm(id);
    sim.advance(10 * DAY_MS);
    await client.portingOrders.delete(draft?.id ?? '');

    const events = await allPortingEvents(client);
    const times = events.map((e) => Date.parse(e.created_at ?? (e.payload?.deleted_at as string)));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const types = new Set(events.map((e) => e.event_type));
    for (const type of ['status_changed', 'new_comment', 'messaging_changed', 'loa_updated', 'deleted']) expect(types).toContain(`porting_order.${type}`);
    const statuses = events
      .filter((e) => e.event_type === 'porting_order.status_changed' && e.porting_order_id === id)
      .map((e) => (e.payload?.status as { value: string }).value)
      .reverse();
    expect(statuses).toEqual(['in-process', 'submitted', 'foc-date-confirmed', 'ported']);
    const comment = events.find((e) => e.event_type === 'porting_order.new_comment' && (e.payload?.comment as { user_type: string }).user_type === 'user');
    expect(comment?.payload).toMatchObject({ comment: { body: 'Please hurry' }, porting_order_id: id });
    const deleted = events.find((e) => e.event_type === 'porting_order.deleted');
    expect(deleted).toMatchObject({ porting_order_id: draft?.id, payload: { id: draft?.id, customer_reference: 'ev:2' } });
    expect(deleted).not.toHaveProperty('created_at');

    const byType = await allPortingEvents(client, { type: 'porting_order.status_changed', porting_order_id: id });
    expect(byType.map((e) => e.id)).toEqual(events.filter((e) => e.event_type === 'porting_order.status_changed' && e.porting_order_id === id).map((e) => e.id));
    const firstDay = await allPortingEvents(client, { created_at: { gte: START.toISOString(), lte: new Date(START.getTime() + 2 * HOUR_MS).toISOString() } });
    expect(firstDay.map((e) => (e.payload?.status as { value?: string } | undefined)?.value).filter(Boolean)).toEqual(['submitted', 'in-process']);
    const page = await client.porting.events.list({ 'page[size]': 2, 'page[number]': 2 } as never);
    expect(page.data.map((e) => e.id)).toEqual(events.slice(2, 4).map((e) => e.id));
    expect(page.meta).toMatchObject({ page_number: 2, page_size: 2, total_results: events.length, total_pages: Math.ceil(events.length / 2) });

    const one = await client.porting.events.retrieve(events[0]?.id ?? '');
    expect(one.data).toEqual(events[0]);
    await expect(client.porting.events.retrieve('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    await expect(client.porting.events.list({ filter: { type: 'porting_order.invented' } } as never)).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });

  it('records a split on the order that was split, naming the new order and the moved numbers', async () => {
    const { sim, client } = await start({ splitShare: 1 });
    const numbers = findNumbers(sim, 4, isPortableLocal);
    const id = (await client.portingOrders.create({ phone_numbers: numbers })).data?.[0]?.id ?? '';
    await completeOrder(client, id);
    await client.portingOrders.actions.confirm(id);
    sim.advance(3 * HOUR_MS + 1);
    const [split] = await allPortingEvents(client, { type: 'porting_order.split' });
    const to = (split?.payload?.to as { id: string } | undefined)?.id ?? '';
    const [original, sibling] = [(await client.portingOrders.retrieve(id)).data, (await client.portingOrders.retrieve(to)).data];
    expect(split).toMatchObject({ porting_order_id: id, payload: { from: { id } } });
    expect(sibling?.parent_support_key).toBe(original?.parent_support_key);
    expect((split?.payload?.porting_phone_numbers as unknown[]).length).toBe(sibling?.porting_phone_numbers_count);
  });

  it('keeps events for the retention bound of simulated time', async () => {
    const { sim, client } = await start({ eventRetentionMs: 2 * DAY_MS });
    const id = (await client.portingOrders.create({ phone_numbers: findNumbers(sim, 1, isPortableLocal) })).data?.[0]?.id ?? '';
    await client.portingOrders.comments.create(id, { body: 'old' });
    const [old] = await allPortingEvents(client);
    sim.advance(2 * DAY_MS + 1);
    expect(await allPortingEvents(client)).toEqual([]);
    await expect(client.porting.events.retrieve(old?.id ?? '')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });
});

describe('port-out events', () => {
  it('records status changes, comments and FOC date moves, filtered by event_type and portout_id', async () => {
    const { sim, client } = await start();
    const store = portoutStore(sim.state);
    const [first, second] = store.list({ status: 'pending' });
    await client.portouts.updateStatus('authorized', { id: first?.id ?? '', reason: 'ok' });
    await client.portouts.comments.create(second?.id ?? '', { body: 'Checking with the customer' });
    const moved = await fetch(`${sim.origin}/_sim/portouts/${second?.id ?? ''}/foc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ foc_date: '2026-12-10T16:00:00Z' }) });
    expect(moved.status).toBe(200);
    const list = async (filter: Record<string, string>) => (await client.portouts.events.list({ filter } as never)).data;
    const all = await list({});
    expect(all.map((e) => e.event_type)).toEqual(expect.arrayContaining(['portout.status_changed', 'portout.new_comment', 'portout.foc_date_changed']));
    expect(await list({ event_type: 'portout.status_changed', portout_id: first?.id ?? '' })).toEqual([
      expect.objectContaining({ portout_id: first?.id, payload: expect.objectContaining({ status: 'authorized', id: first?.id }) }),
    ]);
    const forSecond = await list({ portout_id: second?.id ?? '' });
    expect(forSecond.map((e) => e.event_type)).toEqual(['portout.foc_date_changed', 'portout.new_comment']);
    expect(forSecond[0]?.payload).toMatchObject({ foc_date: '2026-12-10T16:00:00.000Z' });
    // The clock's own moves are events too: an unanswered request is authorized on its own.
    sim.advance(3 * DAY_MS);
    const automatic = await list({ event_type: 'portout.status_changed', portout_id: second?.id ?? '' });
    expect(automatic.map((e) => (e.payload as { status: string }).status)).toContain('authorized');
    expect((await client.portouts.events.retrieve(all[0]?.id ?? '')).data).toEqual(all[0]);
    await client.portouts.events.republish(all[0]?.id ?? '');
  });
});

export { receiver };
