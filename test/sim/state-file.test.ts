import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/sim/clock.js';
import { completeOrder, findNumbers, isPortableLocal, startTestSimulator } from './sim-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('keeps orders, documents, their lifecycle and the clock across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulkport-sim-state-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'sim-state.json');
    const first = await startTestSimulator({ stateFile, startAt: new Date('2026-11-24T10:00:00Z'), speed: 0 });
    const numbers = findNumbers(first.sim, 2, isPortableLocal);
    const id = (await first.client.portingOrders.create({ phone_numbers: numbers.slice(0, 1), customer_reference: 'kept' })).data?.[0]?.id ?? '';
    await completeOrder(first.client, id);
    await first.client.portingOrders.actions.confirm(id);
    first.sim.advance(HOUR_MS);
    await first.sim.close();

    const second = await startTestSimulator({ stateFile, speed: 0 });
    try {
      expect(second.sim.clock.iso()).toBe('2026-11-24T11:00:00.000Z');
      const order = (await second.client.portingOrders.list({ filter: { customer_reference: 'kept' } })).data[0];
      expect(order?.id).toBe(id);
      expect(order?.status?.value).toBe('submitted');
      expect(order?.requirements_met).toBe(true);
      // The number is still taken after the restart.
      await expect(second.client.portingOrders.create({ phone_numbers: numbers.slice(0, 1) })).rejects.toThrow(/already in porting order/);
      const loa = order?.documents?.loa ?? '';
      expect((await second.client.documents.retrieve(loa)).data?.id).toBe(loa);
    } finally {
      await second.sim.close();
    }
  });
});
