import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';
import { completeOrder, findNumbers, startTestSimulator, type TestSimulator } from '../sim/sim-fixture.js';
import { ACME, campaignOrders, GLOBEX, makeCampaignDir, readResults, runBulkport, writeSheet } from '../submit/campaign-fixture.js';
import { CAMPAIGN, ON_CARRIER, readJson } from './track-fixture.js';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.sim.close();
  t = undefined;
});

describe('status call count', () => {
  it('orders larger than their 50 embedded numbers: ceil(orders/250) + ceil(numbers/250) list calls plus one comment read per moving order', async () => {
    t = await startTestSimulator({ startAt: new Date('2026-11-24T10:00:00Z') });
    const sim = t.sim;
    const campaign = await makeCampaignDir();
    const pool = findNumbers(sim, 323, ON_CARRIER('9104'));
    const acme = pool.slice(0, 260);
    const globex = pool.slice(260, 320);
    // Someone else's order in the account: its numbers are listed too, and left out by porting_order_id.
    const other = pool.slice(320);
    const created = await t.client.portingOrders.create({ phone_numbers: other, customer_group_reference: 'another-campaign' });
    const otherId = created.data?.[0]?.id ?? '';
    await completeOrder(t.client, otherId);
    await t.client.portingOrders.actions.confirm(otherId);
    await writeSheet(campaign, [...acme.map((n) => ({ ...ACME, phone_number: n })), ...globex.map((n) => ({ ...GLOBEX, phone_number: n }))]);
    const run = (...args: string[]) => runBulkport([...args, '--state-dir', campaign.stateDir], sim, campaign.dir);
    const submit = await run('submit', campaign.sheet, '--campaign', CAMPAIGN, '--confirm', '--max-per-order', '500', '-o', path.join(campaign.dir, 'sub'));
    expect(submit.code).toBe(0);
    expect(campaignOrders(sim, CAMPAIGN).map((o) => o.porting_phone_numbers_count).sort()).toEqual([260, 60]);

    sim.resetStats();
    const out = path.join(campaign.dir, 'st');
    const status = await run('status', '--campaign', CAMPAIGN, '-o', out);
    expect(status.code).toBe(0);
    const calls = sim.stats().calls;
    const orders = 2;
    const numbers = 320;
    const listCalls = (calls['GET /porting_orders'] ?? 0) + (calls['GET /porting_phone_numbers'] ?? 0);
    expect(listCalls).toBeLessThanOrEqual(Math.ceil(orders / 250) + Math.ceil(numbers / 250));
    expect(calls['GET /porting_orders/:id/comments']).toBe(orders);
    expect(calls['GET /porting_orders/:id/requirements'] ?? 0).toBe(0);
    // The first refresh is a full one: plus one page of the events feed, which sets the cursor.
    expect(calls['GET /porting/events']).toBe(1);
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(listCalls + orders + 1);
    const summary = await readJson<TrackingSummary>(path.join(out, 'summary.json'));
    expect(summary.details).toMatchObject({ reads: { orderPages: 1, numberPages: 2, comments: 2, requirements: 0, other: 0 }, numberCount: 320 });

    // Every number of the 260-number order (only 50 embedded) is traced to it.
    const holder = new Map(campaignOrders(sim, CAMPAIGN).flatMap((o) => (o.phone_numbers ?? []).map((n) => [n.phone_number, o.id] as const)));
    const rows = await readResults(out);
    expect(rows).toHaveLength(320);
    expect(rows.some((r) => r.porting_order_id === otherId)).toBe(false);
    for (const row of rows) expect(row.porting_order_id).toBe(holder.get(row.e164 ?? ''));
  });
});
