import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { completeOrder, errorsOf, findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { assertContract, SPEC_DEVIATIONS } from './contract.js';

/**
 * The simulator against the spec for the routes h15accounts' features call (issue 15): associated phone
 * numbers, phone number configurations, UK carriers, and the porting phone number id they rely on.
 * Every answer and request recorded here is checked by `assertContract`.
 */
const isGb = (p: { portable: boolean; countryCode: string; phoneNumberType: string }): boolean => p.portable && p.countryCode === 'GB' && p.phoneNumberType === 'landline';
const GB_END_USER = {
  admin: { entity_name: 'Albion Widgets Ltd', auth_person_name: 'Jane Doe', billing_phone_number: '+442079460999', account_number: 'UK-1' },
  location: { street_address: '1 Fleet Street', locality: 'London', postal_code: 'EC4Y 1AA', country_code: 'GB' },
};
const BUNDLE = 'ff901545-3e27-462a-ba9d-2b34654cab82';

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  return errorsOf(error).map((e) => `${e.detail ?? ''} ${e.source?.pointer ?? ''}`).join(' | ');
}

async function gbPartialOrder(t: TestSimulator, numbers: readonly string[]): Promise<string> {
  const created = await t.client.portingOrders.create({ phone_numbers: [...numbers], customer_reference: 'uk' });
  const id = created.data?.[0]?.id ?? '';
  await t.client.portingOrders.update(id, { end_user: GB_END_USER, misc: { type: 'partial' } } as never);
  return id;
}

describe('the simulator against the spec: UK partial ports, UK carriers, bundles (issue 15)', () => {
  it('names the porting phone number id as a deviation', () => {
    expect(SPEC_DEVIATIONS.some((d) => d.startsWith('PortingPhoneNumber: id'))).toBe(true);
  });

  it('associated phone numbers: GB only, ranges, filters, no overlap, no change once submitted; additional_steps on a GB partial', async () => {
    const t = await startTestSimulator();
    try {
      const [port, keep, from, to] = findNumbers(t.sim, 4, isGb, '+44207946');
      const id = await gbPartialOrder(t, [port ?? '']);
      expect((await t.client.portingOrders.retrieve(id)).data?.additional_steps).toEqual(['associated_phone_numbers']);
      const one = await t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'keep', phone_number_range: { start_at: keep ?? '', end_at: keep ?? '' } });
      expect(one.data).toMatchObject({ action: 'keep', country_code: 'GB', porting_order_id: id, record_type: 'porting_associated_phone_number' });
      await t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'disconnect', phone_number_range: { start_at: from ?? '', end_at: to ?? '' } });
      const listed = await t.client.portingOrders.associatedPhoneNumbers.list(id, { filter: { phone_number: keep ?? '' } });
      expect(listed.data.map((a) => a.id)).toEqual([one.data?.id]);
      expect((await t.client.portingOrders.associatedPhoneNumbers.list(id, { filter: { action: 'disconnect' } })).data).toHaveLength(1);

      expect(await refusal(t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'keep', phone_number_range: { start_at: keep ?? '', end_at: keep ?? '' } }))).toContain('overlaps associated phone number');
      expect(await refusal(t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'keep', phone_number_range: { start_at: port ?? '', end_at: port ?? '' } }))).toContain('is a number of this porting order');
      expect(await refusal(t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'keep', phone_number_range: { start_at: to ?? '', end_at: from ?? '' } }))).toContain('/phone_number_range/end_at');
      const [us] = findNumbers(t.sim, 1, (p) => p.portable && p.phoneNumberType === 'local');
      const usOrder = (await t.client.portingOrders.create({ phone_numbers: [us ?? ''] })).data?.[0]?.id ?? '';
      expect(await refusal(t.client.portingOrders.associatedPhoneNumbers.create(usOrder, { action: 'keep', phone_number_range: { start_at: '+442079469990', end_at: '+442079469990' } }))).toContain('for GB partial ports');

      const removed = await t.client.portingOrders.associatedPhoneNumbers.delete(one.data?.id ?? '', { porting_order_id: id });
      expect(removed.data?.id).toBe(one.data?.id);
      await completeOrder(t.client, id, { end_user: GB_END_USER, misc: { type: 'partial', remaining_numbers_action: null, new_billing_phone_number: null } });
      await t.client.portingOrders.actions.confirm(id);
      t.sim.advance(HOUR_MS);
      expect(await refusal(t.client.portingOrders.associatedPhoneNumbers.create(id, { action: 'keep', phone_number_range: { start_at: keep ?? '', end_at: keep ?? '' } }))).toContain('only change while the order is draft, in-process or exception');
      assertContract(t.recorder.exchanges);
    } finally {
      await t.sim.close();
    }
  });

  it('phone number configurations: at most 20 a call, all or nothing, by porting phone number id; UK carriers list', async () => {
    const t = await startTestSimulator();
    try {
      const numbers = findNumbers(t.sim, 22, (p) => p.portable && p.phoneNumberType === 'local' && p.carrier.spid === '9104' && !p.fastPortable);
      const created = await t.client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'bundles' });
      const id = created.data?.[0]?.id ?? '';
      const ids = new Map<string, string>();
      for await (const row of t.client.portingPhoneNumbers.list({ 'page[size]': 250 })) if (row.porting_order_id === id) ids.set(row.phone_number ?? '', (row as { id: string }).id);
      expect(ids.size).toBe(22);
      const items = numbers.map((n) => ({ porting_phone_number_id: ids.get(n) ?? '', user_bundle_id: BUNDLE }));
      expect(await refusal(t.client.portingOrders.phoneNumberConfigurations.create({ phone_number_configurations: items.slice(0, 21) }))).toContain('at most 20 items');
      // One unknown id refuses the whole call: nothing is stored.
      expect(await refusal(t.client.portingOrders.phoneNumberConfigurations.create({ phone_number_configurations: [items[0]!, { porting_phone_number_id: BUNDLE, user_bundle_id: BUNDLE }] }))).toContain('/phone_number_configurations/1/porting_phone_number_id');
      expect((await t.client.portingOrders.phoneNumberConfigurations.list()).data).toHaveLength(0);
      const made = await t.client.portingOrders.phoneNumberConfigurations.create({ phone_number_configurations: items.slice(0, 20) });
      expect(made.data).toHaveLength(20);
      expect(await refusal(t.client.portingOrders.phoneNumberConfigurations.create({ phone_number_configurations: [items[0]!] }))).toContain('already has a configuration');
      const filtered = await t.client.portingOrders.phoneNumberConfigurations.list({ filter: { porting_phone_number: [items[0]!.porting_phone_number_id, items[1]!.porting_phone_number_id] } });
      expect(filtered.data.map((c) => c.porting_phone_number_id).sort()).toEqual([items[0]!.porting_phone_number_id, items[1]!.porting_phone_number_id].sort());

      const carriers = await t.client.porting.listUkCarriers();
      expect(carriers.data?.find((c) => c.name === 'Virgin Media')).toMatchObject({ cupid: '017', alternative_cupids: ['061'], record_type: 'porting_uk_carrier' });
      // The 21-item request is invalid on purpose: requests are checked where they succeeded.
      assertContract(t.recorder.exchanges, { requests: 'successful' });
    } finally {
      await t.sim.close();
    }
  });

  it('faults and rate limits apply to the new routes like to every route', async () => {
    const t = await startTestSimulator({ rate: 2 });
    try {
      t.sim.faults.set([{ kind: '5xx', rate: 1, count: 1, endpoints: ['GET /porting/uk_carriers'] }]);
      const first = await t.client.porting.listUkCarriers().then(() => 'ok', (e: { status?: number }) => e.status);
      expect(first).toBeGreaterThanOrEqual(500);
      const statuses: Array<number | string> = [];
      for (let i = 0; i < 6; i += 1) statuses.push(await t.client.porting.listUkCarriers().then(() => 200, (e: { status?: number }) => e.status ?? 'error'));
      expect(statuses).toContain(429);
      // The new operations' spec declares no 429 (the first 32 carry the added one): every other answer is checked.
      assertContract(t.recorder.exchanges.filter((e) => e.status !== 429));
    } finally {
      await t.sim.close();
    }
  });
});
