import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { loadOrCreateWebhookKey, WebhookKeyError } from '../../src/sim/webhooks/webhook-key.js';
import { assertContract } from '../contract/contract.js';
import { completeOrder, findNumbers, isPortableLocal, startTestSimulator, type TestSimulator } from './sim-fixture.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver.js';

const started: TestSimulator[] = [];
const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) {
    assertContract(t.recorder.exchanges, { requests: 'successful' });
    await t.sim.close();
  }
  for (const r of receivers.splice(0)) await r.close();
});

/** A simulator whose clock only moves when the test says (speed 0), and a loopback receiver. */
async function setup(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<TestSimulator & { hooks: WebhookReceiver }> {
  const t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), speed: 0, ...options });
  started.push(t);
  const hooks = await startWebhookReceiver();
  receivers.push(hooks);
  return { ...t, hooks };
}

/** An order that names the receiver as its webhook_url, confirmed. */
async function confirmedOrder(t: TestSimulator & { hooks: WebhookReceiver }): Promise<string> {
  const id = (await t.client.portingOrders.create({ phone_numbers: findNumbers(t.sim, 1, isPortableLocal), customer_reference: 'hook:1' })).data?.[0]?.id ?? '';
  await completeOrder(t.client, id, { webhook_url: t.hooks.url });
  await t.client.portingOrders.actions.confirm(id);
  await t.sim.webhooks.idle();
  return id;
}

const types = (received: readonly ReceivedWebhook[]): string[] => received.map((r) => r.event.data.event_type);

describe('signed webhooks', () => {
  it('POSTs each event of an order with a webhook_url, signed so that the SDK verifier accepts it', async () => {
    const t = await setup();
    const id = await confirmedOrder(t);
    t.sim.advance(2 * HOUR_MS);
    await t.sim.webhooks.idle();
    // loa_updated is a PortingEventWithoutWebhook: listed, never POSTed.
    expect(types(t.hooks.received)).toEqual(['porting_order.status_changed', 'porting_order.status_changed']);
    const feed = (await t.client.porting.events.list({ filter: { porting_order_id: id, type: 'porting_order.status_changed' } })).data;
    expect(t.hooks.received.map((r) => r.event.data.id).sort()).toEqual(feed.map((e) => e.id).sort());
    const [first] = t.hooks.received;
    expect(first?.event).toMatchObject({ data: { record_type: 'event', payload: { id, status: { value: 'in-process' } } }, meta: { attempt: 1, delivered_to: t.hooks.url } });

    const verifier = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, publicKey: t.sim.webhooks.publicKey });
    for (const hook of t.hooks.received) {
      expect(Number(hook.headers['telnyx-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
      await expect(verifier.webhooks.unwrap(hook.body, { headers: hook.headers })).resolves.toMatchObject({ data: { id: hook.event.data.id } });
    }
    const tampered = first?.body.replace('in-process', 'ported') ?? '';
    await expect(verifier.webhooks.unwrap(tampered, { headers: first?.headers ?? {} })).rejects.toThrow(/signature does not match/);
    const otherKey = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, publicKey: Buffer.alloc(32, 1).toString('base64') });
    await expect(otherKey.webhooks.unwrap(first?.body ?? '', { headers: first?.headers ?? {} })).rejects.toThrow();
  });

  it('republish re-delivers the same event id', async () => {
    const t = await setup();
    await confirmedOrder(t);
    const [event] = t.hooks.received;
    await t.client.porting.events.republish(event?.event.data.id ?? '');
    await t.sim.webhooks.idle();
    expect(t.hooks.received.map((r) => r.event.data.id)).toEqual([event?.event.data.id, event?.event.data.id]);
    expect(t.sim.webhooks.deliveries().at(-1)).toMatchObject({ eventId: event?.event.data.id, isRepublish: true, outcome: 'delivered' });
  });

  it('retries a failed delivery with backoff on the simulated clock, then gives up after the last attempt', async () => {
    const t = await setup({ webhooks: { maxAttempts: 3, firstRetryMs: 60_000 } });
    t.hooks.failNext(1, 503);
    await confirmedOrder(t);
    expect(t.hooks.received).toEqual([]);
    t.sim.advance(59_000);
    await t.sim.webhooks.idle();
    expect(t.hooks.received).toEqual([]);
    t.sim.advance(1_000);
    await t.sim.webhooks.idle();
    expect(t.hooks.received.map((r) => r.event.meta.attempt)).toEqual([2]);
    expect(t.sim.webhooks.deliveries().map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'delivered', 200],
    ]);

    // A receiver that never answers 2xx: 3 attempts (60 s, then 240 s apart), the last one final.
    await t.sim.webhooks.idle();
    t.hooks.failNext(99, 500);
    await t.client.portingOrders.comments.create(t.sim.orders.list()[0]?.id ?? '', { body: 'ping' });
    await t.sim.webhooks.idle();
    t.sim.advance(60_000);
    await t.sim.webhooks.idle();
    t.sim.advance(240_000);
    await t.sim.webhooks.idle();
    const comment = t.sim.webhooks.deliveries().filter((d) => d.eventType === 'porting_order.new_comment');
    expect(comment.map((d) => [d.attempt, d.outcome, d.isFinal])).toEqual([
      [1, 'failed', false],
      [2, 'failed', false],
      [3, 'failed', true],
    ]);
  });

  it('port-out events go to the account notification URL', async () => {
    const t = await setup();
    const res = await fetch(`${t.sim.origin}/_sim/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: t.hooks.url }) });
    expect(await res.json()).toEqual({ public_key: t.sim.webhooks.publicKey, account_url: t.hooks.url });
    const [pending] = portoutStore(t.sim.state).list({ status: 'pending' });
    await t.client.portouts.updateStatus('authorized', { id: pending?.id ?? '', reason: 'ok' });
    await t.sim.webhooks.idle();
    expect(t.hooks.received.map((r) => r.event.data)).toEqual([expect.objectContaining({ event_type: 'portout.status_changed', payload: expect.objectContaining({ id: pending?.id, status: 'authorized' }) })]);
  });
});

describe('faults on webhook delivery', () => {
  it('webhook-drop loses an attempt, which is retried', async () => {
    const t = await setup({ faults: 'webhook-drop=1', webhooks: { firstRetryMs: 1_000 } });
    t.sim.faults.set([{ kind: 'webhook-drop', rate: 1, count: 1 }]);
    await confirmedOrder(t);
    expect(t.hooks.received).toEqual([]);
    t.sim.advance(1_000);
    await t.sim.webhooks.idle();
    expect(t.hooks.received.map((r) => r.event.meta.attempt)).toEqual([2]);
    expect(t.sim.webhooks.deliveries().map((d) => d.outcome)).toEqual(['dropped', 'delivered']);
    expect(t.sim.stats().faultsInjected).toMatchObject({ 'webhook-drop': 1 });
  });

  it('webhook-duplicate sends the same event id twice', async () => {
    const t = await setup({ faults: 'webhook-duplicate=1' });
    await confirmedOrder(t);
    const ids = t.hooks.received.map((r) => r.event.data.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('webhook-reorder lets the next event overtake; webhook-delay sends later on the simulated clock', async () => {
    const t = await setup();
    const id = await confirmedOrder(t);
    t.sim.faults.set([{ kind: 'webhook-reorder', rate: 1, count: 1 }]);
    await t.client.portingOrders.comments.create(id, { body: 'first' });
    await t.client.portingOrders.comments.create(id, { body: 'second' });
    await t.sim.webhooks.idle();
    const bodies = t.hooks.received.slice(1).map((r) => (r.event.data.payload as { comment: { body: string } }).comment.body);
    expect(bodies).toEqual(['second', 'first']);

    t.sim.faults.set('webhook-delay=1:120000');
    await t.client.portingOrders.comments.create(id, { body: 'late' });
    await t.sim.webhooks.idle();
    expect(t.hooks.received).toHaveLength(3);
    t.sim.advance(120_000);
    await t.sim.webhooks.idle();
    expect(t.hooks.received).toHaveLength(4);
  });

  it('--faults accepts the webhook kinds and refuses unknown ones', async () => {
    const { parseFaultSpec } = await import('../../src/sim/faults.js');
    expect(parseFaultSpec('webhook-drop=0.1,webhook-delay=0.2:5000,webhook-duplicate=0.05,webhook-reorder=0.05')).toHaveLength(4);
    expect(() => parseFaultSpec('webhook-explode=1')).toThrow(/expected one of/);
  });
});

describe('--webhook-key-file', () => {
  it('creates a PEM Ed25519 key (0600) when missing and reads the same key back; refuses other files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulkport-webhook-key-'));
    const file = path.join(dir, 'key.pem');
    const created = loadOrCreateWebhookKey(file);
    expect(created.isCreated).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateWebhookKey(file);
    expect(again).toMatchObject({ isCreated: false, key: { publicKeyBase64: created.key.publicKeyBase64 } });
    expect(Buffer.from(again.key.publicKeyBase64, 'base64')).toHaveLength(32);
    writeFileSync(path.join(dir, 'junk.pem'), 'not a key');
    expect(() => loadOrCreateWebhookKey(path.join(dir, 'junk.pem'))).toThrow(WebhookKeyError);
    expect(() => loadOrCreateWebhookKey(path.join(dir, 'junk.pem'))).toThrow(/expected a PEM private key/);
  });
});
