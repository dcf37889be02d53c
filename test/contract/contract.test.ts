import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/sim/clock.js';
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
