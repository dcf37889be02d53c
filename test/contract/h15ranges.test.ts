import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { completeOrder, errorsOf, startTestSimulator } from '../sim/sim-fixture.js';
import { portableGermanHundred } from '../ranges/ranges-fixture.js';
import { assertContract, SPEC_DEVIATIONS } from './contract.js';

function hundred(start: string): { start_at: string; end_at: string } {
  return { start_at: start, end_at: `${start.slice(0, -2)}99` };
}

describe('the simulator against the spec: phone number blocks and extensions (issue 15)', () => {
  it('names its one deviation: a create with phone_number_blocks, as the block-porting guide sends it', () => {
    expect(SPEC_DEVIATIONS).toEqual(['POST /porting_orders: phone_number_blocks (Telnyx block-porting guide)']);
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
});
