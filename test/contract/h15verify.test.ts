import { describe, expect, it } from 'vitest';
import { errorsOf, findNumbers, startTestSimulator } from '../sim/sim-fixture.js';
import { assertContract } from './contract.js';

const AU_END_USER = {
  admin: { entity_name: 'Koala Freight Pty Ltd', auth_person_name: 'Mary Smith', billing_phone_number: '+61293744000', account_number: 'KF-2040' },
  location: { street_address: '1 Harbour Street', locality: 'Sydney', postal_code: '2000', country_code: 'AU' },
};

async function codesOf(origin: string, orderId: string): Promise<Map<string, string>> {
  const body = (await (await fetch(`${origin}/_sim/verification_codes?porting_order_id=${orderId}`)).json()) as { data: Array<{ phone_number: string; code: string }> };
  return new Map(body.data.map((c) => [c.phone_number, c.code]));
}

describe('AU ownership routes against the spec (issue 15)', () => {
  it('verification codes: send (all or listed, sms|call), list (filter, sort), verify right and wrong codes, resend, confirm refused until verified', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    try {
      const numbers = findNumbers(sim, 3, (p) => p.portable && p.phoneNumberType === 'mobile', '+6141255');
      const [order] = (await client.portingOrders.create({ phone_numbers: numbers, customer_reference: 'au:1' })).data ?? [];
      const id = order?.id ?? '';
      expect(order?.additional_steps).toEqual(['phone_number_verification_codes']);
      const loa = await client.documents.upload({ document: { file: Buffer.from('%PDF-1.4 loa').toString('base64'), filename: 'loa.pdf' } });
      const invoice = await client.documents.upload({ document: { file: Buffer.from('%PDF-1.4 invoice').toString('base64'), filename: 'invoice.pdf' } });
      await client.portingOrders.update(id, { end_user: AU_END_USER, documents: { loa: loa.data?.id ?? null, invoice: invoice.data?.id ?? null } });

      // Nothing sent yet: no code listed; confirming is refused, one error per unverified number.
      expect((await client.portingOrders.verificationCodes.list(id)).data).toEqual([]);
      const refused = await client.portingOrders.actions.confirm(id).catch((e: unknown) => e);
      expect(errorsOf(refused).filter((e) => e.title === 'Additional step required').map((e) => e.source?.pointer)).toEqual(['/phone_numbers/0', '/phone_numbers/1', '/phone_numbers/2']);

      await client.portingOrders.verificationCodes.send(id, { phone_numbers: numbers.slice(0, 2), verification_method: 'sms' });
      await client.portingOrders.verificationCodes.send(id, { verification_method: 'call' });
      const listed = await client.portingOrders.verificationCodes.list(id, { filter: { verified: false }, sort: { value: 'created_at' } });
      expect(listed.data.map((c) => c.phone_number).sort()).toEqual([...numbers].sort());
      const codes = await codesOf(sim.origin, id);
      expect([...codes.values()].every((c) => /^\d{6}$/.test(c))).toBe(true);

      const [a, b, c] = numbers as [string, string, string];
      const wrongCode = codes.get(b) === '000000' ? '000001' : '000000';
      const verified = await client.portingOrders.verificationCodes.verify(id, {
        verification_codes: [
          { phone_number: a, code: codes.get(a) ?? '' },
          { phone_number: b, code: wrongCode },
        ],
      });
      expect(verified.data?.map((v) => [v.phone_number, v.verified])).toEqual([
        [a, true],
        [b, false],
      ]);
      // A resend gives b a new code and a new id; a verified number keeps its verification.
      const before = (await client.portingOrders.verificationCodes.list(id)).data.find((v) => v.phone_number === b)?.id;
      await client.portingOrders.verificationCodes.send(id, { phone_numbers: [a, b] });
      const after = (await client.portingOrders.verificationCodes.list(id, { filter: { verified: true } })).data;
      expect(after.map((v) => v.phone_number)).toEqual([a]);
      expect((await client.portingOrders.verificationCodes.list(id)).data.find((v) => v.phone_number === b)?.id).not.toBe(before);
      const fresh = await codesOf(sim.origin, id);
      await client.portingOrders.verificationCodes.verify(id, { verification_codes: [b, c].map((n) => ({ phone_number: n, code: fresh.get(n) ?? '' })) });
      const confirmed = await client.portingOrders.actions.confirm(id);
      expect(confirmed.data?.status?.value).toBe('in-process');
      assertContract(recorder.exchanges.filter((e) => e.status < 400), { requests: 'all' });
    } finally {
      await sim.close();
    }
  });

  it('refuses a send or verify the spec or the order does not allow, with a 422 the spec declares', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    try {
      const [mobile] = findNumbers(sim, 1, (p) => p.portable && p.phoneNumberType === 'mobile', '+6141255');
      const [local] = findNumbers(sim, 1, (p) => p.portable && p.phoneNumberType === 'local');
      const [au] = (await client.portingOrders.create({ phone_numbers: [mobile ?? ''] })).data ?? [];
      const [us] = (await client.portingOrders.create({ phone_numbers: [local ?? ''] })).data ?? [];
      const status = async (call: Promise<unknown>) => ((await call.then(() => undefined, (e: unknown) => e)) as { status?: number } | undefined)?.status;
      expect(await status(client.portingOrders.verificationCodes.send(us?.id ?? ''))).toBe(422);
      expect(await status(client.portingOrders.verificationCodes.send(au?.id ?? '', { phone_numbers: ['+61400000000'] }))).toBe(422);
      expect(await status(client.portingOrders.verificationCodes.send(au?.id ?? '', { phone_numbers: Array.from({ length: 101 }, () => mobile ?? '') }))).toBe(422);
      expect(await status(client.portingOrders.verificationCodes.verify(au?.id ?? '', { verification_codes: [{ phone_number: mobile ?? '', code: '123456' }] }))).toBe(422);
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });

  it('action requirements: an AU order has one au_id_verification; initiate with first and last name gives an action_url; it completes later', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    try {
      const numbers = findNumbers(sim, 1, (p) => p.portable && p.phoneNumberType === 'mobile', '+6141255');
      const [order] = (await client.portingOrders.create({ phone_numbers: numbers })).data ?? [];
      const id = order?.id ?? '';
      const [requirement] = (await client.portingOrders.actionRequirements.list(id, { filter: { action_type: 'au_id_verification', status: 'created' }, sort: { value: '-created_at' } })).data;
      expect(requirement).toMatchObject({ action_type: 'au_id_verification', status: 'created', action_url: null });
      const missing = await client.portingOrders.actionRequirements.initiate(requirement?.id ?? '', { porting_order_id: id, params: { first_name: 'Mary', last_name: '' } }).catch((e: unknown) => e);
      expect(errorsOf(missing).map((e) => e.source?.pointer)).toEqual(['/params/last_name']);
      const started = await client.portingOrders.actionRequirements.initiate(requirement?.id ?? '', { porting_order_id: id, params: { first_name: 'Mary', last_name: 'Smith' } });
      expect(started.data).toMatchObject({ status: 'pending', action_url: expect.stringMatching(/^https:\/\//) as unknown });
      const again = await client.portingOrders.actionRequirements.initiate(requirement?.id ?? '', { porting_order_id: id, params: { first_name: 'Mary', last_name: 'Smith' } }).catch((e: unknown) => e);
      expect((again as { status?: number }).status).toBe(422);
      sim.advance(11 * 60 * 1000);
      expect((await client.portingOrders.actionRequirements.list(id)).data[0]?.status).toBe('completed');
      assertContract(recorder.exchanges.filter((e) => e.status < 400), { requests: 'all' });
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });
});
