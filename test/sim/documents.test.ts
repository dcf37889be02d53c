import Telnyx from 'telnyx';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/sim/clock.js';
import { KEY_BULKPORT_DEMO } from '../../src/sim/simulator.js';
import { assertContract } from '../contract/contract.js';
import { errorsOf, startTestSimulator, type TestSimulator } from './sim-fixture.js';

let running: TestSimulator | undefined;
afterEach(async () => {
  if (running) {
    assertContract(running.recorder.exchanges, { requests: 'successful' });
    await running.sim.close();
  }
  running = undefined;
});

const LOA = Buffer.from('%PDF-1.4\nsigned letter of authorization\n%%EOF\n');

describe('documents', () => {
  it('takes the SDK upload (JSON base64 to ?content-type=multipart) with 200 and serves the bytes back', async () => {
    running = await startTestSimulator();
    const { client } = running;
    const uploaded = await client.documents.upload({ document: { file: LOA.toString('base64'), filename: 'signed loa.pdf', customer_reference: 'camp' } });
    const document = uploaded.data;
    expect(document).toMatchObject({ filename: 'signedloa.pdf', content_type: 'application/pdf', size: { amount: LOA.length, unit: 'bytes' }, customer_reference: 'camp', record_type: 'document' });
    expect(document?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const retrieved = await client.documents.retrieve(document?.id ?? '');
    expect(retrieved.data?.id).toBe(document?.id);
    const download = await client.documents.download(document?.id ?? '');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(LOA);
    expect(running.recorder.exchanges[0]?.query.get('content-type')).toBe('multipart');
  });

  it('takes a real multipart/form-data upload', async () => {
    running = await startTestSimulator();
    const form = new FormData();
    form.append('file', new Blob([LOA], { type: 'application/pdf' }), 'invoice.pdf');
    form.append('customer_reference', 'multi');
    const answer = await fetch(`${running.sim.baseURL}/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${KEY_BULKPORT_DEMO}` } });
    expect(answer.status).toBe(200);
    const { data } = (await answer.json()) as { data: { filename: string; size: { amount: number }; customer_reference: string } };
    expect(data).toMatchObject({ filename: 'invoice.pdf', size: { amount: LOA.length }, customer_reference: 'multi' });
  });

  it('refuses files over 20 MB with 422', async () => {
    running = await startTestSimulator();
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const refused = await running.client.documents.upload({ document: { file: big.toString('base64'), filename: 'big.pdf' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect(errorsOf(refused)[0]?.source?.pointer).toBe('/file');
  });

  it('deletes an upload no order uses after 30 simulated minutes, keeps one an order uses', async () => {
    running = await startTestSimulator();
    const { sim, client } = running;
    const unused = (await client.documents.upload({ document: { file: LOA.toString('base64'), filename: 'a.pdf' } })).data?.id ?? '';
    const used = (await client.documents.upload({ document: { file: LOA.toString('base64'), filename: 'b.pdf' } })).data?.id ?? '';
    const number = sim.state.numbers.profile('+13035550100')?.portable ? '+13035550100' : '+13035550101';
    const order = (await client.portingOrders.create({ phone_numbers: [number] })).data?.[0]?.id ?? '';
    await client.portingOrders.update(order, { documents: { loa: used } });
    sim.advance(31 * MINUTE_MS);
    await expect(client.documents.retrieve(unused)).rejects.toBeInstanceOf(Telnyx.NotFoundError);
    await expect(client.documents.retrieve(used)).resolves.toBeDefined();
    expect((await client.documents.retrieve(used)).data?.status).toBe('verified');
  });
});
