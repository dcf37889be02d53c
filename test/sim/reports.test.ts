import { parse } from 'csv-parse/sync';
import Telnyx from 'telnyx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portoutReportRows } from '../../src/sim/routes/portouts.js';
import { PORTING_ORDER_REPORT_COLUMNS, PORTOUT_REPORT_COLUMNS, reportModuleState } from '../../src/sim/routes/reports.js';
import { KEY_BULKPORT_DEMO, startSimulator, type SimulatorHandle } from '../../src/sim/simulator.js';
import { assertContract, recordExchanges, type ExchangeRecorder } from '../contract/contract.js';
import { portableNumbers } from '../export/export-harness.js';

let sim: SimulatorHandle;
let client: Telnyx;
let recorder: ExchangeRecorder;

beforeEach(async () => {
  recorder = recordExchanges();
  sim = await startSimulator({ seed: 'reports-tests', rate: 1000, onExchange: recorder.onExchange });
  client = new Telnyx({ apiKey: KEY_BULKPORT_DEMO, baseURL: sim.baseURL, maxRetries: 0 });
  Object.assign(reportModuleState(sim.state).settings, { pendingPolls: 2, pendingMs: 0 });
});

afterEach(async () => {
  await sim.close();
});

async function orderIds(references: readonly string[]): Promise<string[]> {
  const pool = portableNumbers(sim, references.length);
  const ids: string[] = [];
  for (const [i, reference] of references.entries()) {
    const created = await client.portingOrders.create({ phone_numbers: [pool[i] ?? ''], customer_reference: reference });
    ids.push(...(created.data ?? []).map((o) => o.id ?? ''));
  }
  return ids;
}

async function completedCsv(reportId: string, family: 'porting' | 'portouts'): Promise<Record<string, string>[]> {
  for (let i = 0; i < 10; i += 1) {
    const { data } = family === 'porting' ? await client.porting.reports.retrieve(reportId) : await client.portouts.reports.retrieve(reportId);
    if (data?.status === 'completed') {
      const response = await client.documents.download(data.document_id ?? '');
      return parse(Buffer.from(await response.arrayBuffer()), { columns: true }) as Record<string, string>[];
    }
  }
  throw new Error(`report ${reportId} never completed`);
}

describe('porting reports', () => {
  it('creates a pending report (201), keeps it pending for the configured polls, then completes it with a document', async () => {
    const created = await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: {} } });
    expect(created.data).toMatchObject({ status: 'pending', report_type: 'export_porting_orders_csv', record_type: 'porting_report', params: { filters: {} } });
    expect(created.data?.document_id).toBeUndefined();
    const id = created.data?.id ?? '';
    const statuses: string[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await client.porting.reports.retrieve(id)).data?.status ?? '');
    expect(statuses).toEqual(['pending', 'pending', 'completed']);
    const done = await client.porting.reports.retrieve(id);
    expect(done.data?.document_id).toMatch(/^[0-9a-f-]{36}$/);
    const document = await client.documents.retrieve(done.data?.document_id ?? '');
    expect(document.data).toMatchObject({ content_type: 'text/csv' });
    assertContract(recorder.exchanges);
  });

  it('stays pending until the simulated time has passed too', async () => {
    Object.assign(reportModuleState(sim.state).settings, { pendingPolls: 0, pendingMs: 60_000 });
    const id = (await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: {} } })).data?.id ?? '';
    expect((await client.porting.reports.retrieve(id)).data?.status).toBe('pending');
    sim.advance(60_000);
    expect((await client.porting.reports.retrieve(id)).data?.status).toBe('completed');
  });

  it('renders the CSV from the orders, filtered by status, customer reference and creation time', async () => {
    const [first, second] = await orderIds(['ref-a', 'ref-b']);
    sim.advance(60_000);
    const cutoff = sim.clock.iso();
    sim.advance(60_000);
    const [third] = await orderIds(['ref-c']);

    const all = await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: {} } });
    const rows = await completedCsv(all.data?.id ?? '', 'porting');
    expect(Object.keys(rows[0] ?? {})).toEqual([...PORTING_ORDER_REPORT_COLUMNS]);
    expect(rows.map((r) => r.id)).toEqual([first, second, third]);
    expect(rows[0]).toMatchObject({ status: 'draft', customer_reference: 'ref-a', phone_numbers_count: '1' });

    const byReference = await client.porting.reports.create({
      report_type: 'export_porting_orders_csv',
      params: { filters: { customer_reference__in: ['ref-b', 'ref-c'], created_at__lt: cutoff } },
    });
    expect((await completedCsv(byReference.data?.id ?? '', 'porting')).map((r) => r.id)).toEqual([second]);

    const byStatus = await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: { status__in: ['ported'], created_at__gt: cutoff } } });
    expect(await completedCsv(byStatus.data?.id ?? '', 'porting')).toEqual([]);
    assertContract(recorder.exchanges);
  });

  it.each([
    [{ report_type: 'export_porting_orders_csv' }, '/params'],
    [{ report_type: 'export_porting_orders_csv', params: {} }, '/params/filters'],
    [{ report_type: 'export_portouts_csv', params: { filters: {} } }, '/report_type'],
    [{ report_type: 'export_porting_orders_csv', params: { filters: { status__in: ['canceled'] } } }, '/params/filters/status__in/0'],
    [{ report_type: 'export_porting_orders_csv', params: { filters: { created_at__gt: 'yesterday' } } }, '/params/filters/created_at__gt'],
  ])('answers 422 with a pointer for %j', async (body, pointer) => {
    const error = await client.porting.reports.create(body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect((error as InstanceType<typeof Telnyx.UnprocessableEntityError>).error).toMatchObject({ errors: [{ source: { pointer } }] });
    assertContract(recorder.exchanges, { requests: 'none' });
  });

  it('lists reports newest first with filter[status], filter[report_type] and pagination; 404 for an unknown id', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: {} } })).data?.id ?? '');
      sim.advance(1000);
    }
    for (let i = 0; i < 3; i += 1) await client.porting.reports.retrieve(ids[0] ?? '');
    const page = await client.porting.reports.list({ 'page[size]': 2 });
    expect(page.data.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page.meta).toMatchObject({ page_number: 1, page_size: 2, total_pages: 2, total_results: 3 });
    const all: string[] = [];
    for await (const report of client.porting.reports.list({ 'page[size]': 2 })) all.push(report.id ?? '');
    expect(all).toEqual([...ids].reverse());
    expect((await client.porting.reports.list({ filter: { status: 'completed' } })).data.map((r) => r.id)).toEqual([ids[0]]);
    expect((await client.porting.reports.list({ filter: { status: 'pending', report_type: 'export_porting_orders_csv' } })).data).toHaveLength(2);
    expect(await client.porting.reports.retrieve('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e)).toBeInstanceOf(Telnyx.NotFoundError);
    // Port-out reports are a separate list.
    expect((await client.portouts.reports.list()).data).toEqual([]);
    assertContract(recorder.exchanges);
  });

  it('serves queued bad documents: zero bytes, a corrupt file, a header without rows', async () => {
    await orderIds(['ref-a']);
    reportModuleState(sim.state).settings.documentFaults.push('empty', 'corrupt', 'header-only');
    const bodies: Buffer[] = [];
    for (let i = 0; i < 4; i += 1) {
      const id = (await client.porting.reports.create({ report_type: 'export_porting_orders_csv', params: { filters: {} } })).data?.id ?? '';
      let report;
      do report = (await client.porting.reports.retrieve(id)).data;
      while (report?.status !== 'completed');
      bodies.push(Buffer.from(await (await client.documents.download(report.document_id ?? '')).arrayBuffer()));
    }
    const [empty, corrupt, headerOnly, good] = bodies;
    expect(empty?.length).toBe(0);
    expect(corrupt?.includes(Buffer.from([0xff, 0xfe]))).toBe(true);
    expect(headerOnly?.toString('utf8')).toBe(`${PORTING_ORDER_REPORT_COLUMNS.join(',')}\n`);
    expect(parse(good ?? Buffer.alloc(0), { columns: true })).toHaveLength(1);
  });
});

describe('port-out reports', () => {
  it('exports the port-out store, filtered by status, end user and overlapping numbers', async () => {
    const seeded = portoutReportRows(sim.state);
    expect(seeded.length).toBeGreaterThan(0);
    const created = await client.portouts.reports.create({ report_type: 'export_portouts_csv', params: { filters: {} } });
    expect(created.data).toMatchObject({ status: 'pending', record_type: 'portout_report', report_type: 'export_portouts_csv' });
    const rows = await completedCsv(created.data?.id ?? '', 'portouts');
    expect(Object.keys(rows[0] ?? {})).toEqual([...PORTOUT_REPORT_COLUMNS]);
    expect(rows.map((r) => r.id).sort()).toEqual(seeded.map((p) => p.id).sort());

    const target = seeded[0];
    const status = target?.status ?? 'pending';
    const byStatus = await client.portouts.reports.create({ report_type: 'export_portouts_csv', params: { filters: { status__in: [status as 'pending'] } } });
    const statusRows = await completedCsv(byStatus.data?.id ?? '', 'portouts');
    expect(statusRows.length).toBe(seeded.filter((p) => p.status === status).length);
    expect(statusRows.every((r) => r.status === status)).toBe(true);

    const number = target?.phone_numbers[0] ?? '';
    const byNumber = await client.portouts.reports.create({
      report_type: 'export_portouts_csv',
      params: { filters: { phone_numbers__overlaps: [number], end_user_name: (target?.end_user_name ?? '').toUpperCase() } },
    });
    const numberRows = await completedCsv(byNumber.data?.id ?? '', 'portouts');
    expect(numberRows.map((r) => r.id)).toEqual([target?.id]);
    expect((numberRows[0]?.phone_numbers ?? '').split(';')).toContain(number);
    assertContract(recorder.exchanges);
  });
});
