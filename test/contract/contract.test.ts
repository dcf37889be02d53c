import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/sim/clock.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import type { SimExchange } from '../../src/sim/simulator.js';
import { completeOrder, findNumbers, isPortableLocal, startTestSimulator } from '../sim/sim-fixture.js';
import { assertContract, checkContract } from './contract.js';

function exchange(overrides: Partial<SimExchange>): SimExchange {
  return {
    endpoint: 'GET /porting_orders/:id',
    method: 'GET',
    path: '/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222',
    query: new URLSearchParams(),
    requestContentType: undefined,
    requestBody: undefined,
    status: 200,
    responseContentType: 'application/json',
    responseBody: undefined,
    responseHeaders: {},
    ...overrides,
  };
}

describe('contract checker', () => {
  it('catches undeclared keys, missing fields the tool reads, undeclared statuses and bad requests', () => {
    const problems = (e: SimExchange) => checkContract([e]).map((v) => v.problem);
    expect(problems(exchange({ responseBody: { data: { id: 'eef10fb8-f3df-4c67-97c5-e18179723222', surprise: 1 } } })).join('\n')).toContain('(surprise)');
    expect(problems(exchange({ responseBody: { data: { id: 'eef10fb8-f3df-4c67-97c5-e18179723222' } } })).join('\n')).toContain("must have required property 'customer_reference'");
    expect(problems(exchange({ status: 418, responseBody: { errors: [] } })).join('\n')).toContain('status 418 is not declared');
    expect(problems(exchange({ method: 'GET', path: '/not_in_spec' }))).toEqual(['GET /not_in_spec is not an operation of the spec']);
    const badPatch = exchange({
      method: 'PATCH',
      requestContentType: 'application/json',
      requestBody: { misc: { type: 'half' }, invented: true },
      status: 422,
      responseBody: { errors: [{ code: '10015', title: 'Invalid value' }] },
    });
    expect(problems(badPatch).join('\n')).toMatch(/request \/misc/);
    expect(problems(badPatch).join('\n')).toContain('(invented)');
    expect(checkContract([badPatch], { requests: 'successful' })).toEqual([]);
  });

  it('requires the keys the spec examples show', () => {
    const problems = checkContract([
      exchange({
        method: 'POST',
        path: '/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/additional_documents',
        status: 201,
        requestBody: undefined,
        responseBody: { data: [{ id: 'eef10fb8-f3df-4c67-97c5-e18179723222', document_id: 'eef10fb8-f3df-4c67-97c5-e18179723222', document_type: 'loa', porting_order_id: 'eef10fb8-f3df-4c67-97c5-e18179723222' }] },
      }),
    ]).map((v) => v.problem);
    expect(problems).toContain("answer /data/0/created_at is missing (the spec's example has it)");
  });
});

describe('the simulator against the spec', () => {
  it('answers every core operation as the spec says, for requests that are themselves valid', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    try {
      const numbers = findNumbers(sim, 3, isPortableLocal);
      await client.portabilityChecks.run({ phone_numbers: numbers });
      await client.numberLookup.retrieve(numbers[0] ?? '', { type: 'carrier' });
      const orders = (await client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'c:1', customer_group_reference: 'c' })).data ?? [];
      const id = orders[0]?.id ?? '';
      await completeOrder(client, id, { phone_number_configuration: { connection_id: '1752379429071357070', tags: ['bulk'] }, webhook_url: 'https://example.com/hooks' });
      await client.portingOrders.list({ filter: { customer_group_reference: 'c' }, 'page[size]': 1 });
      await client.portingOrders.retrieveRequirements(id);
      await client.portingOrders.retrieveAllowedFocWindows(id);
      await client.portingOrders.retrieveLoaTemplate(id);
      await client.portingOrders.retrieveExceptionTypes();
      await client.portingOrders.comments.create(id, { body: 'hello' });
      await client.portingOrders.comments.list(id);
      const extra = await client.documents.upload({ document: { file: Buffer.from('csr').toString('base64'), filename: 'csr.pdf' } });
      await client.portingOrders.additionalDocuments.create(id, { additional_documents: [{ document_id: extra.data?.id ?? '', document_type: 'csr' }] });
      await client.portingOrders.additionalDocuments.list(id);
      await client.documents.retrieve(extra.data?.id ?? '');
      await client.documents.download(extra.data?.id ?? '');
      await client.portingOrders.actions.confirm(id);
      sim.advance(2 * DAY_MS);
      await client.portingOrders.actions.cancel(id);
      await client.portingPhoneNumbers.list();
      const draft = orders[1]?.id;
      if (draft) await client.portingOrders.delete(draft);
      await client.portingOrders.retrieve(id);
      assertContract(recorder.exchanges, { requests: 'all' });
      const operations = new Set(recorder.exchanges.map((e) => e.endpoint));
      expect(operations.size).toBeGreaterThanOrEqual(19);
    } finally {
      await sim.close();
    }
  });
});

describe('the events operations against the spec', () => {
  it('serves every porting and port-out event type it produces, listed, retrieved and republished, as the spec says', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), splitShare: 1 });
    try {
      const numbers = findNumbers(sim, 5, isPortableLocal);
      const orders = (await client.portingOrders.create({ phone_numbers: numbers.slice(0, 4), customer_reference: 'c:1' })).data ?? [];
      const draft = (await client.portingOrders.create({ phone_numbers: numbers.slice(4) })).data?.[0]?.id ?? '';
      const id = orders[0]?.id ?? '';
      await completeOrder(client, id, { messaging: { enable_messaging: true }, webhook_url: 'http://127.0.0.1:9/hooks' });
      await client.portingOrders.comments.create(id, { body: 'hello' });
      await client.portingOrders.actions.confirm(id);
      const [pending] = portoutStore(sim.state).list({ status: 'pending' });
      await client.portouts.updateStatus('authorized', { id: pending?.id ?? '', reason: 'ok' });
      await client.portouts.comments.create(pending?.id ?? '', { body: 'noted' });
      await fetch(`${sim.origin}/_sim/portouts/${pending?.id ?? ''}/foc`, { method: 'POST', body: JSON.stringify({ foc_date: '2026-12-20T16:00:00Z' }), headers: { 'content-type': 'application/json' } });
      sim.advance(20 * DAY_MS);
      await client.portingOrders.delete(draft);

      const porting = (await client.porting.events.list({ 'page[size]': 250 })).data;
      expect(new Set(porting.map((e) => e.event_type))).toEqual(
        new Set(['porting_order.status_changed', 'porting_order.new_comment', 'porting_order.split', 'porting_order.deleted', 'porting_order.messaging_changed', 'porting_order.loa_updated']),
      );
      for (const event of porting) await client.porting.events.retrieve(event.id ?? '');
      await client.porting.events.republish(porting[0]?.id ?? '');
      await client.porting.events.list({ filter: { type: 'porting_order.split', porting_order_id: id, created_at: { gte: '2026-11-24T00:00:00Z', lte: '2026-12-31T00:00:00Z' } } });
      const portout = (await client.portouts.events.list({ filter: { portout_id: pending?.id ?? '' } })).data;
      expect(new Set(portout.map((e) => e.event_type))).toEqual(new Set(['portout.status_changed', 'portout.new_comment', 'portout.foc_date_changed']));
      for (const event of portout) await client.portouts.events.retrieve(event.id ?? '');
      await client.portouts.events.republish(portout[0]?.id ?? '');
      await client.portouts.events.list({ filter: { event_type: 'portout.new_comment', created_at: { gte: '2026-11-24T00:00:00Z' } } });
      assertContract(recorder.exchanges, { requests: 'all' });
    } finally {
      await sim.close();
    }
  });

  it('refuses an event with a key its schema does not declare', () => {
    const deleted = {
      id: 'eef10fb8-f3df-4c67-97c5-e18179723222',
      event_type: 'porting_order.deleted',
      porting_order_id: 'eef10fb8-f3df-4c67-97c5-e18179723222',
      available_notification_methods: ['email'],
      payload_status: 'created',
      payload: { id: 'eef10fb8-f3df-4c67-97c5-e18179723222', deleted_at: '2026-11-24T10:00:00Z' },
    };
    const answer = (data: unknown) =>
      checkContract([exchange({ path: '/porting/events/eef10fb8-f3df-4c67-97c5-e18179723222', endpoint: 'GET /porting/events/:id', responseBody: { data } })]);
    expect(answer(deleted)).toEqual([]);
    expect(answer({ ...deleted, created_at: '2026-11-24T10:00:00Z' }).length).toBeGreaterThan(0);
  });
});
