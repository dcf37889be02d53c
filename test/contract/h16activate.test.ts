import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { completeOrder, errorsOf, findNumbers, startTestSimulator } from '../sim/sim-fixture.js';
import { assertContract } from './contract.js';

const fastLocal = (p: { portable: boolean; fastPortable: boolean; phoneNumberType: string }) => p.portable && p.fastPortable && p.phoneNumberType === 'local';

/**
 * Activation jobs (issue 16) against the spec: on-demand activation of a US FastPort order on its
 * FOC day, the scheduled job Telnyx creates at FOC confirmation, listing, retrieving and moving jobs,
 * and the refusals (not FastPort, before the FOC day, outside the windows). Every exchange is checked.
 */
describe('activation jobs: the simulator against the spec', () => {
  it('answers activate, list, retrieve and PATCH of activation jobs as the spec says; the order and its numbers follow the job', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), activationFailShare: 0 });
    try {
      const [fast] = findNumbers(sim, 1, fastLocal);
      const [slow] = findNumbers(sim, 1, (p) => p.portable && !p.fastPortable && p.phoneNumberType === 'local');
      const created = (await client.portingOrders.create({ phone_numbers: [fast ?? '', slow ?? ''] })).data ?? [];
      const fastId = created.find((o) => o.activation_settings?.fast_port_eligible)?.id ?? '';
      const slowId = created.find((o) => !o.activation_settings?.fast_port_eligible)?.id ?? '';
      for (const id of [fastId, slowId]) {
        await completeOrder(client, id);
        await client.portingOrders.actions.confirm(id);
      }
      // A draft or submitted order has no jobs; activating it before its FOC is confirmed is refused.
      expect((await client.portingOrders.activationJobs.list(fastId)).data).toEqual([]);
      await expect(client.portingOrders.actions.activate(fastId)).rejects.toMatchObject({ status: 422 });
      sim.advance(2 * HOUR_MS + 60_000);
      const order = (await client.portingOrders.retrieve(fastId)).data;
      expect(order?.status?.value).toBe('foc-date-confirmed');
      const focMs = Date.parse(order?.activation_settings?.foc_datetime_actual ?? '');
      // The scheduled job: activate_at at the FOC, windows on the FOC date.
      const [scheduled] = (await client.portingOrders.activationJobs.list(fastId)).data;
      expect(scheduled).toMatchObject({ activation_type: 'scheduled', status: 'created', activate_at: new Date(focMs).toISOString() });
      expect(scheduled?.activation_windows?.every((w) => (w.start_at ?? '').slice(0, 10) === new Date(focMs).toISOString().slice(0, 10))).toBe(true);
      // Before the FOC day: refused, saying why.
      const early = await client.portingOrders.actions.activate(fastId).catch((error: unknown) => error);
      expect(errorsOf(early)[0]?.detail).toContain('before its FOC date');
      // Not FastPort: refused whatever the day.
      const notFast = await client.portingOrders.actions.activate(slowId).catch((error: unknown) => error);
      expect(errorsOf(notFast)[0]?.detail).toContain('limited to US FastPort orders');
      // PATCH: outside every window → 422 naming the windows; inside one → moved.
      const dayStart = Math.floor(focMs / (24 * HOUR_MS)) * 24 * HOUR_MS;
      const outside = await client.portingOrders.activationJobs.update(scheduled?.id ?? '', { id: fastId, activate_at: new Date(dayStart + 17 * HOUR_MS).toISOString() }).catch((error: unknown) => error);
      expect(errorsOf(outside)[0]).toMatchObject({ source: { pointer: '/activate_at' } });
      expect(errorsOf(outside)[0]?.detail).toContain('outside every activation window');
      const moved = await client.portingOrders.activationJobs.update(scheduled?.id ?? '', { id: fastId, activate_at: new Date(dayStart + 20 * HOUR_MS).toISOString() });
      expect(moved.data?.activate_at).toBe(new Date(dayStart + 20 * HOUR_MS).toISOString());
      // On the FOC day (06:00, before the windows): on demand.
      sim.advance(dayStart + 6 * HOUR_MS - sim.clock.nowMs());
      const job = (await client.portingOrders.actions.activate(fastId)).data;
      expect(job).toMatchObject({ activation_type: 'on-demand', status: 'created' });
      // A second activate while one waits is refused.
      await expect(client.portingOrders.actions.activate(fastId)).rejects.toMatchObject({ status: 422 });
      sim.advance(2 * 60_000);
      expect((await client.portingOrders.activationJobs.retrieve(job?.id ?? '', { id: fastId })).data?.status).toBe('in-process');
      const sending = (await client.portingOrders.retrieve(fastId)).data;
      expect(sending?.phone_numbers?.[0]?.activation_status).toBe('Sending');
      sim.advance(5 * 60_000);
      expect((await client.portingOrders.activationJobs.retrieve(job?.id ?? '', { id: fastId })).data?.status).toBe('completed');
      const ported = (await client.portingOrders.retrieve(fastId)).data;
      expect(ported?.status?.value).toBe('ported');
      expect(ported?.phone_numbers?.[0]?.activation_status).toBe('Active');
      // The waiting scheduled job completed with it; the events feed saw the order ported.
      expect((await client.portingOrders.activationJobs.list(fastId)).data.map((j) => j.status)).toEqual(['completed', 'completed']);
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });

  it('a seeded share of first jobs fails: the order stays foc-date-confirmed with an SV_ detail, its numbers Failed; the next job completes', async () => {
    const { sim, client, recorder } = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z'), activationFailShare: 1 });
    try {
      const [fast] = findNumbers(sim, 1, fastLocal);
      const id = (await client.portingOrders.create({ phone_numbers: [fast ?? ''] })).data?.[0]?.id ?? '';
      await completeOrder(client, id);
      await client.portingOrders.actions.confirm(id);
      sim.advance(2 * HOUR_MS + 60_000);
      const focMs = Date.parse((await client.portingOrders.retrieve(id)).data?.activation_settings?.foc_datetime_actual ?? '');
      sim.advance(Math.floor(focMs / (24 * HOUR_MS)) * 24 * HOUR_MS + HOUR_MS - sim.clock.nowMs());
      const first = (await client.portingOrders.actions.activate(id)).data;
      sim.advance(6 * 60_000);
      expect((await client.portingOrders.activationJobs.retrieve(first?.id ?? '', { id })).data?.status).toBe('failed');
      const failed = (await client.portingOrders.retrieve(id)).data;
      expect(failed?.status?.value).toBe('foc-date-confirmed');
      expect(failed?.status?.details?.[0]?.code).toMatch(/^SV_/);
      expect(failed?.phone_numbers?.[0]?.activation_status).toBe('Failed');
      const second = (await client.portingOrders.actions.activate(id)).data;
      sim.advance(6 * 60_000);
      expect((await client.portingOrders.activationJobs.retrieve(second?.id ?? '', { id })).data?.status).toBe('completed');
      expect((await client.portingOrders.retrieve(id)).data?.status?.value).toBe('ported');
      const events = await client.porting.events.list();
      expect(events.data.map((e) => e.event_type)).toEqual(expect.arrayContaining(['porting_order.new_comment', 'porting_order.status_changed']));
      assertContract(recorder.exchanges, { requests: 'successful' });
    } finally {
      await sim.close();
    }
  });
});
