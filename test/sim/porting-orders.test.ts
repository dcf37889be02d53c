import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/sim/clock.js';
import { assertContract } from '../contract/contract.js';
import { completeOrder, errorsOf, findNumbers, isPortableLocal, startTestSimulator, US_END_USER, type TestSimulator } from './sim-fixture.js';

let running: TestSimulator | undefined;
afterEach(async () => {
  if (running) {
    assertContract(running.recorder.exchanges, { requests: 'successful' });
    await running.sim.close();
  }
  running = undefined;
});

describe('creating porting orders', () => {
  it('keeps same-type UK numbers of different carriers in one order: Telnyx splits by SPID for US/CA only', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const numbers = ['+44207946', '+44161496', '+44113496', '+44117496', '+44121496'].flatMap((prefix) =>
      findNumbers(sim, 8, (p) => p.portable && p.phoneNumberType === 'landline' && !p.fastPortable, prefix),
    );
    const carriers = new Set(numbers.map((n) => sim.state.numbers.profile(n)?.carrier.spid));
    expect(carriers.size).toBeGreaterThan(1);
    const response = await client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'uk:part-1', customer_group_reference: 'uk' });
    expect(response.data?.length).toBe(1);
    expect(response.data?.[0]?.porting_phone_numbers_count).toBe(numbers.length);
  });

  it('splits one request by number type, carrier/SPID and FastPort eligibility, keeping both references', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const numbers = [
      ...findNumbers(sim, 30, (p) => p.portable),
      ...findNumbers(sim, 2, (p) => p.portable && p.phoneNumberType === 'toll_free', '+1800555'),
    ];
    const response = await client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'camp:part-1', customer_group_reference: 'camp' });
    const orders = response.data ?? [];
    const keyOf = (n: string) => {
      const p = sim.state.numbers.profile(n);
      return `${p?.phoneNumberType}|${p?.carrier.spid}|${p?.fastPortable}`;
    };
    expect(orders.length).toBe(new Set(numbers.map(keyOf)).size);
    expect(orders.length).toBeGreaterThan(2);
    const ordered = orders.flatMap((o) => (o.phone_numbers ?? []).map((n) => n.phone_number));
    expect(ordered.sort()).toEqual([...numbers].sort());
    for (const order of orders) {
      expect(order.status?.value).toBe('draft');
      expect(order.customer_reference).toBe('camp:part-1');
      expect(order.customer_group_reference).toBe('camp');
      expect(order.support_key).toBeNull();
      expect(order.parent_support_key).toBeNull();
      const keys = new Set((order.phone_numbers ?? []).map((n) => keyOf(n.phone_number ?? '')));
      expect(keys.size).toBe(1);
      expect(order.porting_phone_numbers_count).toBe(order.phone_numbers?.length);
      for (const number of order.phone_numbers ?? []) expect(number.porting_order_id).toBe(order.id);
    }
    expect(sim.stats().ordersCreatedByCustomerReference).toEqual({ 'camp:part-1': orders.length });
  });

  it('refuses non-portable, invalid, duplicate and already-ordered numbers with a pointer to each', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [portable, other] = findNumbers(sim, 2, isPortableLocal);
    const [notPortable] = findNumbers(sim, 1, (p) => !p.portable);
    const bad = await client.portingOrders.create({ phone_numbers: [portable ?? '', notPortable ?? '', '555-0100', portable ?? ''] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(bad).map((e) => [e.code, e.source?.pointer])).toEqual([
      ['10015', '/phone_numbers/1'],
      ['10016', '/phone_numbers/2'],
      ['10015', '/phone_numbers/3'],
    ]);
    await client.portingOrders.create({ phone_numbers: [portable ?? ''] });
    const taken = await client.portingOrders.create({ phone_numbers: [other ?? '', portable ?? ''] }).catch((e: unknown) => e);
    expect(errorsOf(taken)[0]).toMatchObject({ source: { pointer: '/phone_numbers/1' } });
    expect(errorsOf(taken)[0]?.detail).toContain('already in porting order');
    const empty = await client.portingOrders.create({ phone_numbers: [] }).catch((e: unknown) => e);
    expect(errorsOf(empty)[0]?.source?.pointer).toBe('/phone_numbers');
  });

  it('embeds only the first 50 numbers and counts them all', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const numbers = findNumbers(sim, 60, (p) => isPortableLocal(p) && p.carrier.spid === sim.state.numbers.profile('+13035550000')?.carrier.spid && !p.fastPortable);
    const [order] = (await client.portingOrders.create({ phone_numbers: numbers })).data ?? [];
    expect(order?.porting_phone_numbers_count).toBe(60);
    expect(order?.phone_numbers).toHaveLength(50);
    const retrieved = await client.portingOrders.retrieve(order?.id ?? '');
    expect(retrieved.data?.phone_numbers).toHaveLength(50);
    expect(retrieved.meta?.phone_numbers_url).toContain(order?.id);
    const lean = await client.portingOrders.retrieve(order?.id ?? '', { include_phone_numbers: false });
    expect(lean.data?.phone_numbers).toBeUndefined();
  });
});

describe('listing porting orders', () => {
  it('pages with page[number]/page[size] and the SDK auto-paginates across pages', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const numbers = findNumbers(sim, 7, isPortableLocal);
    for (const [i, number] of numbers.entries()) await client.portingOrders.create({ phone_numbers: [number], customer_reference: `ref-${i}` });
    const first = await client.portingOrders.list({ 'page[size]': 3 });
    expect(first.meta).toEqual({ page_number: 1, page_size: 3, total_pages: 3, total_results: 7 });
    expect(first.data.map((o) => o.customer_reference)).toEqual(['ref-6', 'ref-5', 'ref-4']);
    const all = [];
    for await (const order of client.portingOrders.list({ 'page[size]': 3 })) all.push(order.customer_reference);
    expect(all).toEqual(['ref-6', 'ref-5', 'ref-4', 'ref-3', 'ref-2', 'ref-1', 'ref-0']);
    const oldestFirst = await client.portingOrders.list({ sort: { value: 'created_at' }, 'page[size]': 2 });
    expect(oldestFirst.data.map((o) => o.customer_reference)).toEqual(['ref-0', 'ref-1']);
    const tooBig = await client.portingOrders.list({ 'page[size]': 251 }).catch((e: unknown) => e);
    expect(tooBig).toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });

  it('applies the filters the spec declares and ignores others', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [a, b, c] = findNumbers(sim, 3, isPortableLocal);
    await client.portingOrders.create({ phone_numbers: [a ?? ''], customer_reference: 'part-a', customer_group_reference: 'camp-1' });
    await client.portingOrders.create({ phone_numbers: [b ?? ''], customer_reference: 'part-b', customer_group_reference: 'camp-1' });
    await client.portingOrders.create({ phone_numbers: [c ?? ''], customer_reference: 'part-c', customer_group_reference: 'camp-2' });
    const refs = async (filter: Telnyx.PortingOrderListParams['filter']) =>
      (await client.portingOrders.list({ filter })).data.map((o) => o.customer_reference).sort();
    expect(await refs({ customer_reference: 'part-b' })).toEqual(['part-b']);
    expect(await refs({ customer_group_reference: 'camp-1' })).toEqual(['part-a', 'part-b']);
    expect(await refs({ phone_numbers: { phone_number: { contains: (c ?? '').slice(-6) } } })).toEqual(['part-c']);
    expect(await refs({ parent_support_key: 'pr_nothing' })).toEqual([]);
    // `status` is not a declared filter of GET /porting_orders: ignored, as production may.
    const undeclared = await client.get('/porting_orders', { query: { 'filter[status]': 'ported' } }) as { data: unknown[] };
    expect(undeclared.data).toHaveLength(3);
  });
});

describe('updating porting orders', () => {
  it('merges the fields given, clears explicit nulls and updates requirements_met', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [number] = findNumbers(sim, 1, isPortableLocal);
    const [order] = (await client.portingOrders.create({ phone_numbers: [number ?? ''] })).data ?? [];
    const id = order?.id ?? '';
    expect(order?.requirements_met).toBe(false);
    await completeOrder(client, id);
    const updated = await client.portingOrders.update(id, { end_user: { admin: { pin_passcode: null } }, customer_reference: 'new-ref' });
    expect(updated.data?.requirements_met).toBe(true);
    expect(updated.data?.end_user?.admin?.pin_passcode).toBeNull();
    expect(updated.data?.end_user?.admin?.entity_name).toBe(US_END_USER.admin.entity_name);
    expect(updated.data?.customer_reference).toBe('new-ref');
    const requirements = await client.portingOrders.retrieveRequirements(id);
    expect(requirements.data.map((r) => r.requirement_status)).toEqual(['approved', 'approved']);
  });

  it('answers 422 with source.pointer for each bad field and changes nothing', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [number] = findNumbers(sim, 1, isPortableLocal);
    const [order] = (await client.portingOrders.create({ phone_numbers: [number ?? ''] })).data ?? [];
    const id = order?.id ?? '';
    const past = new Date(sim.clock.nowMs() - DAY_MS).toISOString();
    const refused = await client.portingOrders
      .update(id, {
        end_user: { admin: { entity_name: 'Changed' }, location: { postal_code: 'ABCDE', country_code: 'US' } },
        misc: { type: 'half' as 'full' },
        activation_settings: { foc_datetime_requested: past },
        documents: { loa: '3a5b98a0-5049-47c3-96e1-aa6c8d119117' },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(refused).map((e) => e.source?.pointer).sort()).toEqual([
      '/activation_settings/foc_datetime_requested',
      '/documents/loa',
      '/end_user/location/postal_code',
      '/misc/type',
    ]);
    const unchanged = await client.portingOrders.retrieve(id);
    expect(unchanged.data?.end_user?.admin?.entity_name).toBeNull();
  });

  it('accepts a FOC inside an allowed window and refuses one outside', async () => {
    running = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    const { sim, client } = running;
    const [number] = findNumbers(sim, 1, (p) => isPortableLocal(p) && !p.fastPortable);
    const [order] = (await client.portingOrders.create({ phone_numbers: [number ?? ''] })).data ?? [];
    const windows = await client.portingOrders.retrieveAllowedFocWindows(order?.id ?? '');
    const first = windows.data?.[0];
    expect(first?.started_at).toBe('2026-11-27T12:00:00.000Z');
    const inside = new Date(Date.parse(first?.started_at ?? '') + HOUR_MS).toISOString();
    const accepted = await client.portingOrders.update(order?.id ?? '', { activation_settings: { foc_datetime_requested: inside } });
    expect(accepted.data?.activation_settings?.foc_datetime_requested).toBe(inside);
    const outside = await client.portingOrders
      .update(order?.id ?? '', { activation_settings: { foc_datetime_requested: '2026-11-29T15:00:00Z' } })
      .catch((e: unknown) => e);
    expect(errorsOf(outside)[0]?.detail).toContain('not within an allowed FOC window');
  });
});

describe('order actions', () => {
  it('confirms only a complete draft, listing every missing item', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [number] = findNumbers(sim, 1, isPortableLocal);
    const [order] = (await client.portingOrders.create({ phone_numbers: [number ?? ''] })).data ?? [];
    const id = order?.id ?? '';
    const refused = await client.portingOrders.actions.confirm(id).catch((e: unknown) => e);
    const pointers = errorsOf(refused).map((e) => e.source?.pointer);
    expect(pointers).toContain('/end_user/admin/entity_name');
    expect(pointers).toContain('/documents/loa');
    expect(pointers).toContain('/documents/invoice');
    await completeOrder(client, id);
    const confirmed = await client.portingOrders.actions.confirm(id);
    expect(confirmed.data?.status?.value).toBe('in-process');
    expect(confirmed.data?.support_key).toMatch(/^sr_[0-9a-f]{6}$/);
    expect(confirmed.data?.parent_support_key).toMatch(/^pr_[0-9a-f]{6}$/);
    const again = await client.portingOrders.actions.confirm(id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });

  it('deletes drafts (204) and refuses to delete anything else', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const [one, two] = findNumbers(sim, 2, isPortableLocal);
    const [draft] = (await client.portingOrders.create({ phone_numbers: [one ?? ''] })).data ?? [];
    const { response } = await client.portingOrders.delete(draft?.id ?? '').withResponse();
    expect(response.status).toBe(204);
    await expect(client.portingOrders.retrieve(draft?.id ?? '')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    const [live] = (await client.portingOrders.create({ phone_numbers: [two ?? ''] })).data ?? [];
    await completeOrder(client, live?.id ?? '');
    await client.portingOrders.actions.confirm(live?.id ?? '');
    await expect(client.portingOrders.delete(live?.id ?? '')).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
    // A deleted draft frees its number for a new order.
    await expect(client.portingOrders.create({ phone_numbers: [one ?? ''] })).resolves.toBeDefined();
  });

  it('refuses to cancel within 48 hours of the FOC date, and cancels otherwise', async () => {
    running = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    const { sim, client } = running;
    const [one, two] = findNumbers(sim, 2, (p) => isPortableLocal(p) && !p.fastPortable);
    const soon = (await client.portingOrders.create({ phone_numbers: [one ?? ''] })).data?.[0]?.id ?? '';
    await completeOrder(client, soon, { activation_settings: { foc_datetime_requested: '2026-11-27T13:00:00Z' } });
    await client.portingOrders.actions.confirm(soon);
    sim.advance(2 * DAY_MS);
    const refused = await client.portingOrders.actions.cancel(soon).catch((e: unknown) => e);
    expect(errorsOf(refused)[0]?.detail).toContain('within 48 hours');
    const later = (await client.portingOrders.create({ phone_numbers: [two ?? ''] })).data?.[0]?.id ?? '';
    await completeOrder(client, later);
    await client.portingOrders.actions.confirm(later);
    const cancelled = await client.portingOrders.actions.cancel(later);
    expect(cancelled.data?.status?.value).toBe('cancel-pending');
    const draftCancel = await client.portingOrders.actions.cancel(
      (await client.portingOrders.create({ phone_numbers: findNumbers(sim, 3, (p) => isPortableLocal(p) && !p.fastPortable).slice(2) })).data?.[0]?.id ?? '',
    ).catch((e: unknown) => e);
    expect(errorsOf(draftCancel)[0]?.detail).toContain('delete a draft instead');
  });
});

describe('order sub-resources', () => {
  it('comments: POST 201, GET lists them with user_type', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const id = (await client.portingOrders.create({ phone_numbers: findNumbers(sim, 1, isPortableLocal) })).data?.[0]?.id ?? '';
    const created = await client.portingOrders.comments.create(id, { body: 'Customer asks for an evening cutover' });
    expect(created.data).toMatchObject({ body: 'Customer asks for an evening cutover', user_type: 'user', porting_order_id: id });
    const list = await client.portingOrders.comments.list(id);
    expect(list.data.map((c) => c.body)).toEqual(['Customer asks for an evening cutover']);
    await expect(client.portingOrders.comments.create(id, { body: '' })).rejects.toBeInstanceOf(Telnyx.UnprocessableEntityError);
  });

  it('additional documents satisfy requirements and are listed with a type filter', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const id = (await client.portingOrders.create({ phone_numbers: findNumbers(sim, 1, isPortableLocal) })).data?.[0]?.id ?? '';
    const loa = await client.documents.upload({ document: { file: Buffer.from('loa').toString('base64'), filename: 'loa.pdf' } });
    const csr = await client.documents.upload({ document: { file: Buffer.from('csr').toString('base64'), filename: 'csr.pdf' } });
    const created = await client.portingOrders.additionalDocuments.create(id, {
      additional_documents: [
        { document_id: loa.data?.id ?? '', document_type: 'loa' },
        { document_id: csr.data?.id ?? '', document_type: 'csr' },
      ],
    });
    expect(created.data?.map((d) => d.document_type)).toEqual(['loa', 'csr']);
    const onlyLoa = await client.portingOrders.additionalDocuments.list(id, { filter: { document_type: ['loa'] } });
    expect(onlyLoa.data.map((d) => d.document_id)).toEqual([loa.data?.id]);
    const requirements = await client.portingOrders.retrieveRequirements(id);
    expect(requirements.data.map((r) => r.requirement_status)).toEqual(['approved', 'pending']);
    const unknown = await client.portingOrders.additionalDocuments
      .create(id, { additional_documents: [{ document_id: '3a5b98a0-5049-47c3-96e1-aa6c8d119117', document_type: 'loa' }] })
      .catch((e: unknown) => e);
    expect(errorsOf(unknown)[0]?.source?.pointer).toBe('/additional_documents/0/document_id');
  });

  it('serves a PDF LOA template and the exception types', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const id = (await client.portingOrders.create({ phone_numbers: findNumbers(sim, 1, isPortableLocal) })).data?.[0]?.id ?? '';
    const pdf = await client.portingOrders.retrieveLoaTemplate(id);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const types = await client.portingOrders.retrieveExceptionTypes();
    expect(types.data?.map((t) => t.code)).toContain('ACCOUNT_NUMBER_MISMATCH');
    expect(types.data?.map((t) => t.code)).toContain('PORTING_ORDER_SPLIT_REQUIRED');
  });
});

describe('porting phone numbers', () => {
  it('lists every number of every order with its porting_order_id, paginated, filtered by order status', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const numbers = findNumbers(sim, 12, isPortableLocal);
    const orders = (await client.portingOrders.create({ phone_numbers: numbers })).data ?? [];
    const orderOf = new Map(orders.flatMap((o) => (o.phone_numbers ?? []).map((n) => [n.phone_number, o.id])));
    const rows = [];
    for await (const row of client.portingPhoneNumbers.list({ 'page[size]': 5 })) rows.push(row);
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row.porting_order_id).toBe(orderOf.get(row.phone_number));
    expect(sim.stats().calls['GET /porting_phone_numbers']).toBe(3);
    const drafts = await client.portingPhoneNumbers.list({ filter: { porting_order_status: 'draft' } });
    expect(drafts.meta).toMatchObject({ total_results: 12 });
    const ported = await client.portingPhoneNumbers.list({ filter: { porting_order_status: 'ported' } });
    expect(ported.data).toEqual([]);
  });
});
