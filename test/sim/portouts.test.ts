import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { REJECTION_CODES } from '../../src/sim/portouts-seed.js';
import { portoutStore } from '../../src/sim/routes/portouts.js';
import { KEY_BULKPORT_DEMO, startSimulator } from '../../src/sim/simulator.js';
import { listAll, portoutContractProblems, startPortoutSim, type PortoutSim } from '../portouts/portouts-harness.js';

let po: PortoutSim;

beforeAll(async () => {
  po = await startPortoutSim(40);
});

afterAll(async () => {
  expect(portoutContractProblems(po, 'successful')).toEqual([]);
  await po.sim.close();
});

describe('GET /portouts', () => {
  test('pages with page[number]/page[size] and meta, and the SDK auto-pagination walks every page', async () => {
    const first = await po.client.portouts.list({ 'page[size]': 7, 'page[number]': 1 });
    expect(first.data).toHaveLength(7);
    expect(first.meta).toEqual({ page_number: 1, page_size: 7, total_pages: 6, total_results: 40 });
    const last = await po.client.portouts.list({ 'page[size]': 7, 'page[number]': 6 });
    expect(last.data).toHaveLength(5);

    const seen: string[] = [];
    for await (const portout of po.client.portouts.list({ 'page[size]': 7 })) seen.push(portout.id ?? '');
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
  });

  test('page[size] above 250 is a 422', async () => {
    await expect(po.client.portouts.list({ 'page[size]': 251 })).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });

  test('a seeded mix of statuses, mostly pending, with realistic fields', async () => {
    const all = await listAll(po.client);
    const statuses = new Set(all.map((p) => p.status));
    expect(all.filter((p) => p.status === 'pending').length).toBeGreaterThan(20);
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    for (const p of all) {
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(p.phone_numbers?.length).toBeGreaterThan(0);
      for (const n of p.phone_numbers ?? []) expect(n).toMatch(/^\+[1-9]\d{9,13}$/);
      expect(p.support_key).toMatch(/^PO_\d{6}$/);
      expect(p.record_type).toBe('portout');
      expect(p.inserted_at).toBe(p.created_at);
      expect(Date.parse(p.created_at ?? '')).toBeLessThanOrEqual(po.sim.clock.nowMs());
      expect(p.already_ported).toBe(p.status === 'ported');
    }
  });

  test('every filter the spec declares narrows the list', async () => {
    const all = await listAll(po.client);
    const sample = all.find((p) => p.status === 'pending' && (p.phone_numbers?.length ?? 0) > 1) ?? all[0];
    if (!sample) throw new Error('no port-outs');
    const expectOnly = async (filter: Record<string, unknown>, matches: (p: (typeof all)[number]) => boolean): Promise<void> => {
      const got = await listAll(po.client, filter);
      const expected = all.filter(matches);
      expect(expected.length).toBeGreaterThan(0);
      expect(got.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    };
    await expectOnly({ status: 'pending' }, (p) => p.status === 'pending');
    await expectOnly({ status_in: ['ported', 'canceled'] }, (p) => p.status === 'ported' || p.status === 'canceled');
    await expectOnly({ carrier_name: sample.carrier_name }, (p) => p.carrier_name === sample.carrier_name);
    await expectOnly({ spid: sample.spid }, (p) => p.spid === sample.spid);
    await expectOnly({ pon: sample.pon }, (p) => p.pon === sample.pon);
    await expectOnly({ support_key: sample.support_key }, (p) => p.support_key === sample.support_key);
    await expectOnly({ phone_number: sample.phone_numbers?.[1] }, (p) => p.phone_numbers?.includes(sample.phone_numbers?.[1] ?? '') === true);
    await expectOnly({ foc_date: sample.foc_date }, (p) => p.foc_date?.slice(0, 10) === sample.foc_date?.slice(0, 10));
    await expectOnly({ inserted_at: { gte: sample.created_at } }, (p) => (p.created_at ?? '') >= (sample.created_at ?? ''));
    await expectOnly({ inserted_at: { lte: sample.created_at } }, (p) => (p.created_at ?? '') <= (sample.created_at ?? ''));
    const usCount = (await listAll(po.client, { country_code: 'US' })).length;
    const nonUs = (await listAll(po.client, { country_code_in: ['CA', 'GB', 'IE'] })).length;
    expect(usCount + nonUs).toBe(all.length);
  });

  test('a filter the spec does not declare is ignored, as production would; a bad status is a 422', async () => {
    const all = await listAll(po.client);
    const ignored = await po.client.portouts.list({ 'page[size]': 250, filter: { end_user_name: 'nobody' } as never });
    expect(ignored.data).toHaveLength(all.length);
    const error = await po.client.portouts.list({ filter: { status: 'approved' as never } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect((error as { error?: unknown }).error).toMatchObject({ errors: [{ code: '10015', source: { parameter: 'filter[status]' } }] });
  });
});

describe('one port-out', () => {
  test('GET /portouts/{id} returns it; an unknown id is a 404 in the Telnyx error envelope', async () => {
    const [first] = await listAll(po.client);
    const got = await po.client.portouts.retrieve(first?.id ?? '');
    expect(got.data).toEqual(first);
    const error = await po.client.portouts.retrieve('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.NotFoundError);
    expect((error as { error?: unknown }).error).toMatchObject({ errors: [{ code: '10005', title: 'Resource not found' }] });
  });

  test('rejection codes: the eligible ones of that request, {code:int, description, reason_required}, optional filter[code]', async () => {
    const pending = await listAll(po.client, { status: 'pending' });
    const codeSets = new Set<string>();
    for (const p of pending) {
      const answer = await po.client.portouts.listRejectionCodes(p.id ?? '');
      const codes = answer.data ?? [];
      expect(codes.map((c) => c.code)).toContain(1001);
      for (const c of codes) {
        expect(Number.isInteger(c.code)).toBe(true);
        expect(REJECTION_CODES.find((known) => known.code === c.code)).toMatchObject({ description: c.description, reasonRequired: c.reason_required });
      }
      codeSets.add(codes.map((c) => c.code).join(','));
    }
    // Eligibility differs from request to request.
    expect(codeSets.size).toBeGreaterThan(1);
    const id = pending[0]?.id ?? '';
    const one = await po.client.portouts.listRejectionCodes(id, { filter: { code: 1001 } });
    expect(one.data).toEqual([{ code: 1001, description: 'Other', reason_required: true }]);
  });

  test('comments and supporting documents: list and create, in the spec shapes (checked by the contract)', async () => {
    const [p] = await listAll(po.client, { status: 'pending' });
    const id = p?.id ?? '';
    const before = await po.client.portouts.comments.list(id);
    const created = await po.client.portouts.comments.create(id, { body: 'Called the customer: port confirmed.' });
    expect(created.data).toMatchObject({ body: 'Called the customer: port confirmed.', portout_id: id });
    expect(created.data?.id).toBeTruthy();
    const after = await po.client.portouts.comments.list(id);
    expect(after.data).toHaveLength((before.data?.length ?? 0) + 1);
    expect(after.meta).toMatchObject({ total_results: after.data?.length });
    await expect(po.client.portouts.comments.create(id, { body: ' ' })).rejects.toMatchObject({ status: 422, error: { errors: [{ source: { pointer: '/body' } }] } });

    const loa = po.sim.state.documents.create({ bytes: Buffer.from('%PDF-1.4 loa'), filename: 'loa.pdf' });
    const docs = await po.client.portouts.supportingDocuments.create(id, { documents: [{ document_id: loa.id, type: 'loa' }] });
    expect(docs.data).toEqual([expect.objectContaining({ document_id: loa.id, type: 'loa', portout_id: id, record_type: expect.any(String) })]);
    const listed = await po.client.portouts.supportingDocuments.list(id);
    expect(listed.data?.map((d) => d.document_id)).toContain(loa.id);
    await expect(
      po.client.portouts.supportingDocuments.create(id, { documents: [{ document_id: '00000000-0000-4000-8000-000000000000', type: 'loa' }] }),
    ).rejects.toMatchObject({ status: 422, error: { errors: [{ source: { pointer: '/documents/0/document_id' } }] } });
  });
});

describe('PATCH /portouts/{id}/{status}', () => {
  test('reason is required by the schema, even to authorize: 422 at /reason', async () => {
    const [p] = await listAll(po.client, { status: 'pending' });
    const error = await po.client.portouts.updateStatus('authorized', { id: p?.id ?? '' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect((error as { error?: unknown }).error).toMatchObject({ errors: [{ source: { pointer: '/reason' } }] });
  });

  test('authorize moves pending to authorized; answering it again is a 422', async () => {
    const [p] = await listAll(po.client, { status: 'pending' });
    const id = p?.id ?? '';
    const answer = await po.client.portouts.updateStatus('authorized', { id, reason: 'Customer confirmed', host_messaging: true });
    expect(answer.data).toMatchObject({ id, status: 'authorized', reason: 'Customer confirmed', host_messaging: true });
    expect(Date.parse(answer.data?.updated_at ?? '')).toBeGreaterThan(Date.parse(p?.updated_at ?? ''));
    await expect(po.client.portouts.updateStatus('rejected-pending', { id, reason: 'x', rejection_code: 1001 } as never)).rejects.toMatchObject({
      status: 422,
      error: { errors: [{ detail: expect.stringContaining('only a pending port-out') }] },
    });
  });

  test('reject needs an eligible rejection_code (tolerated in the body, as the docs send it) and a reason where the code asks', async () => {
    const pending = await listAll(po.client, { status: 'pending' });
    const p = pending[1];
    const id = p?.id ?? '';
    const eligible = (await po.client.portouts.listRejectionCodes(id)).data?.map((c) => c.code) ?? [];
    const ineligible = REJECTION_CODES.map((c) => c.code).find((code) => !eligible.includes(code)) ?? 9999;
    const reject = (body: Record<string, unknown>) => po.client.portouts.updateStatus('rejected-pending', { id, ...body } as never);
    await expect(reject({ reason: 'PIN does not match' })).rejects.toMatchObject({ status: 422, error: { errors: [{ source: { pointer: '/rejection_code' } }] } });
    await expect(reject({ reason: 'PIN does not match', rejection_code: ineligible })).rejects.toMatchObject({
      status: 422,
      error: { errors: [{ source: { pointer: '/rejection_code' } }] },
    });
    await expect(reject({ reason: ' ', rejection_code: 1001 })).rejects.toMatchObject({ status: 422, error: { errors: [{ source: { pointer: '/reason' } }] } });
    const answer = await reject({ reason: 'Not our customer', rejection_code: 1001 });
    expect(answer.data).toMatchObject({ status: 'rejected-pending', rejection_code: 1001, reason: 'Not our customer' });
  });

  test('an unknown status in the path is a 422', async () => {
    const [p] = await listAll(po.client, { status: 'pending' });
    await expect(po.client.portouts.updateStatus('ported' as never, { id: p?.id ?? '', reason: 'x' })).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });
});

describe('life on the simulated clock', () => {
  test('an unanswered request is authorized 24–48 h after it arrived (per request), then ported on its FOC date', async () => {
    const sim = await startSimulator({ seed: 'portout-clock', rate: 1000 });
    try {
      const client = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 });
      const pending = await listAll(client, { status: 'pending' });
      const store = portoutStore(sim.state);
      const deadlines = pending.map((p) => store.autoAuthorizeAtMs(p.id ?? '') ?? 0);
      const hours = pending.map((p, i) => ((deadlines[i] ?? 0) - Date.parse(p.created_at ?? '')) / HOUR_MS);
      for (const h of hours) {
        expect(h).toBeGreaterThanOrEqual(24);
        expect(h).toBeLessThanOrEqual(48);
      }
      expect(new Set(hours).size).toBeGreaterThan(1);

      const first = Math.min(...deadlines);
      const firstId = pending[deadlines.indexOf(first)]?.id ?? '';
      sim.advance(first - sim.clock.nowMs() - 1000);
      expect((await client.portouts.retrieve(firstId)).data?.status).toBe('pending');
      sim.advance(2000);
      const authorized = (await client.portouts.retrieve(firstId)).data;
      expect(authorized).toMatchObject({ status: 'authorized', updated_at: new Date(first).toISOString() });

      sim.advance(20 * 24 * HOUR_MS);
      expect((await listAll(client, { status: 'pending' })).length).toBe(0);
      const ported = (await client.portouts.retrieve(firstId)).data;
      expect(ported).toMatchObject({ status: 'ported', already_ported: true });
    } finally {
      await sim.close();
    }
  });

  test('Porting Ops moves rejected-pending back to pending (POST /_sim/portouts/:id/reopen); otherwise it becomes rejected', async () => {
    const pending = await listAll(po.client, { status: 'pending' });
    const [a, b] = [pending[2]?.id ?? '', pending[3]?.id ?? ''];
    for (const id of [a, b]) await po.client.portouts.updateStatus('rejected-pending', { id, reason: 'Other reason', rejection_code: 1001 } as never);
    const reopened = await fetch(`${po.sim.origin}/_sim/portouts/${a}/reopen`, { method: 'POST' });
    expect(reopened.status).toBe(200);
    const again = (await po.client.portouts.retrieve(a)).data;
    expect(again?.status).toBe('pending');
    expect(again?.rejection_code).toBeUndefined();
    // Decided again after the move.
    expect((await po.client.portouts.updateStatus('authorized', { id: a, reason: 'Customer confirmed after all' })).data?.status).toBe('authorized');
    const refused = await fetch(`${po.sim.origin}/_sim/portouts/${a}/reopen`, { method: 'POST' });
    expect(refused.status).toBe(422);

    po.sim.advance(13 * HOUR_MS);
    expect((await po.client.portouts.retrieve(b)).data?.status).toBe('rejected');
  });

  test('the same seed and start time give the same requests', async () => {
    const startAt = new Date('2026-06-01T12:00:00Z');
    const [one, two] = await Promise.all([startSimulator({ seed: 'same', startAt }), startSimulator({ seed: 'same', startAt })]);
    try {
      const list = (sim: typeof one) => listAll(new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 }));
      const [a, b] = await Promise.all([list(one), list(two)]);
      expect(a).toEqual(b);
      expect(a).toHaveLength(40);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('POST /_sim/portouts/reset reseeds a given number of requests', async () => {
    const sim = await startSimulator({ seed: 'reset', rate: 1000 });
    try {
      const reset = await fetch(`${sim.origin}/_sim/portouts/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 3 }) });
      expect(reset.status).toBe(200);
      expect(await listAll(new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 }))).toHaveLength(3);
    } finally {
      await sim.close();
    }
  });
});
