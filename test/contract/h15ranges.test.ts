import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { completeOrder, errorsOf, findNumbers, startTestSimulator } from '../sim/sim-fixture.js';
import { portableGermanHundred } from '../ranges/ranges-fixture.js';
import { assertContract, SPEC_DEVIATIONS } from './contract.js';

function hundred(start: string): { start_at: string; end_at: string } {
  return { start_at: start, end_at: `${start.slice(0, -2)}99` };
}

describe('the simulator against the spec: phone number blocks and extensions (issue 15)', () => {
  it('names its one deviation: a create with phone_number_blocks, as the block-porting guide sends it', () => {
    expect(SPEC_DEVIATIONS).toContain('POST /porting_orders: phone_number_blocks (Telnyx block-porting guide)');
  });

  it('creates blocks in the create body and on an existing order, lists and deletes them, and refuses what the guide forbids', async () => {
    const { sim, client, recorder } = await startTestSimulator();
    try {
      const first = portableGermanHundred(sim);
      const second = portableGermanHundred(sim, '+49302449', 1);
      const created = await client.portingOrders.create({
        phone_numbers: [],
        phone_number_blocks: [{ phone_number_range: hundred(first), activation_ranges: [{ start_at: first, end_at: `${first.slice(0, -2)}49` }] }],
        customer_reference: 'blocks',
      } as never);
      const order = created.data?.[0];
      expect(created.data).toHaveLength(1);
      const id = order?.id ?? '';
      const added = await client.portingOrders.phoneNumberBlocks.create(id, { phone_number_range: hundred(second), activation_ranges: [hundred(second)] });
      expect(added.data?.record_type).toBe('porting_phone_number_block');
      expect(added.data?.country_code).toBe('DE');
      const listed = await client.portingOrders.phoneNumberBlocks.list(id);
      expect(listed.data.map((b) => b.phone_number_range?.start_at).sort()).toEqual([first, second].sort());

      // Overlapping a block of a live order, outside Germany, an activation range outside the block, overlapping activation ranges.
      const refusals: Array<[string, Promise<unknown>]> = [
        ['already in porting order', client.portingOrders.phoneNumberBlocks.create(id, { phone_number_range: hundred(first), activation_ranges: [] })],
        ['only available for Germany', client.portingOrders.create({ phone_numbers: [], phone_number_blocks: [{ phone_number_range: { start_at: '+13035550100', end_at: '+13035550199' }, activation_ranges: [] }] } as never)],
        ['must lie inside the block', client.portingOrders.phoneNumberBlocks.create(id, { phone_number_range: hundred(second), activation_ranges: [{ start_at: '+4930244000000', end_at: '+4930244000001' }] })],
        ['must not overlap', client.portingOrders.phoneNumberBlocks.create(id, { phone_number_range: hundred(second), activation_ranges: [hundred(second), { start_at: `${second.slice(0, -2)}10`, end_at: `${second.slice(0, -2)}20` }] })],
      ];
      for (const [detail, call] of refusals) {
        const error = await call.then(() => undefined, (e: unknown) => e);
        expect(errorsOf(error).map((e) => e.detail).join(' '), detail).toContain(detail);
      }

      const removed = await client.portingOrders.phoneNumberBlocks.delete(added.data?.id ?? '', { porting_order_id: id });
      expect(removed.data?.id).toBe(added.data?.id);
      expect((await client.portingOrders.phoneNumberBlocks.list(id)).data).toHaveLength(1);

      // Blocks may change only while the order is draft, in-process or exception: not once it is submitted.
      await completeOrder(client, id);
      await client.portingOrders.actions.confirm(id);
      sim.advance(HOUR_MS);
      expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('submitted');
      const late = await client.portingOrders.phoneNumberBlocks.delete(added.data?.id ?? '', { porting_order_id: id }).then(() => undefined, (e: unknown) => e);
      expect(errorsOf(late).length).toBe(1);
      const remaining = (await client.portingOrders.phoneNumberBlocks.list(id)).data[0]?.id ?? '';
      const tooLate = await client.portingOrders.phoneNumberBlocks.delete(remaining, { porting_order_id: id }).then(() => undefined, (e: unknown) => e);
      expect(errorsOf(tooLate)[0]?.detail).toContain('only while it is draft, in-process or exception');
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });

  it('adds, lists and deletes extensions behind a number of a German order, and refuses one on a number not in the order', async () => {
    const { sim, client, recorder } = await startTestSimulator();
    try {
      const german = findNumbers(sim, 1, (p) => p.portable && p.countryCode === 'DE', '+4930901820');
      const created = await client.portingOrders.create({ phone_numbers: german, customer_reference: 'ext' });
      const id = created.data?.[0]?.id ?? '';
      const rows = await client.portingPhoneNumbers.list({ 'page[size]': 250 });
      const portingNumberId = (rows.data as Array<{ id?: string; phone_number?: string }>).find((r) => r.phone_number === german[0])?.id ?? '';
      expect(portingNumberId).not.toBe('');
      const extension = await client.portingOrders.phoneNumberExtensions.create(id, {
        porting_phone_number_id: portingNumberId,
        extension_range: { start_at: 1, end_at: 99 },
        activation_ranges: [{ start_at: 1, end_at: 49 }],
      });
      expect(extension.data?.extension_range).toEqual({ start_at: 1, end_at: 99 });
      const listed = await client.portingOrders.phoneNumberExtensions.list(id, { filter: { porting_phone_number_id: portingNumberId } });
      expect(listed.data.map((e) => e.id)).toEqual([extension.data?.id]);
      const overlap = await client.portingOrders.phoneNumberExtensions
        .create(id, { porting_phone_number_id: portingNumberId, extension_range: { start_at: 50, end_at: 150 }, activation_ranges: [] })
        .then(() => undefined, (e: unknown) => e);
      expect(errorsOf(overlap)[0]?.detail).toContain('overlap');
      const stranger = await client.portingOrders.phoneNumberExtensions
        .create(id, { porting_phone_number_id: '9f1c1d0e-0000-4000-8000-000000000000', extension_range: { start_at: 1, end_at: 9 }, activation_ranges: [] })
        .then(() => undefined, (e: unknown) => e);
      expect(errorsOf(stranger)[0]?.source?.pointer).toBe('/porting_phone_number_id');
      const removed = await client.portingOrders.phoneNumberExtensions.delete(extension.data?.id ?? '', { porting_order_id: id });
      expect(removed.data?.id).toBe(extension.data?.id);
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });
});
