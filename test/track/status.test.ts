import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/campaign/campaign-journal.js';
import { assertContract } from '../contract/contract.js';
import { campaignOrders, readResults } from '../submit/campaign-fixture.js';
import { CAMPAIGN, readJson, submittedCampaign, type TrackedSetup } from './track-fixture.js';
import type { TrackingSummary } from '../../src/track/write-tracking-results.js';

let setup: TrackedSetup | undefined;
afterEach(async () => {
  await setup?.t.sim.close();
  setup = undefined;
});

async function status(s: TrackedSetup, out: string, ...extra: string[]) {
  const dir = path.join(s.campaign.dir, out);
  const run = await s.run('status', '--campaign', CAMPAIGN, '-o', dir, ...extra);
  const summary = await readJson<TrackingSummary>(path.join(dir, 'summary.json')).catch(() => undefined);
  return { ...run, dir, summary };
}

describe('status', () => {
  it('follows a campaign from submitted to ported across refreshes and reports what moved', async () => {
    const s = (setup = await submittedCampaign());
    const first = await status(s, 's1');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.summary?.changes?.lines).toEqual(['first refresh: no order moved since submit']);
    const rows1 = await readResults(first.dir);
    expect(rows1).toHaveLength(6);
    expect(new Set(rows1.map((r) => r.order_status))).toEqual(new Set(['in-process']));
    expect(new Set(rows1.map((r) => r.status))).toEqual(new Set(['submitted']));

    s.advanceHours(2);
    const second = await status(s, 's2');
    expect(second.code).toBe(0);
    expect(second.summary?.changes?.lines).toEqual(['2 orders submitted']);
    expect(second.stdout).toContain('changed: 2 orders submitted');

    s.advanceHours(24);
    const third = await status(s, 's3');
    expect(third.summary?.changes?.lines).toEqual(['2 orders foc-date-confirmed', '2 orders with a new comment']);
    const rows3 = await readResults(third.dir);
    expect(new Set(rows3.map((r) => r.status))).toEqual(new Set(['foc_confirmed']));

    s.advanceHours(24 * 14);
    const fourth = await status(s, 's4');
    expect(fourth.code).toBe(0);
    expect(fourth.summary?.changes?.lines).toEqual(['2 orders ported']);
    const rows4 = await readResults(fourth.dir);
    expect(new Set(rows4.map((r) => r.status))).toEqual(new Set(['ported']));
    // every number traceable to the order that holds it in the simulator
    const holder = new Map(campaignOrders(s.t.sim, CAMPAIGN).flatMap((o) => (o.phone_numbers ?? []).map((n) => [n.phone_number, o.id] as const)));
    for (const row of rows4) expect(row.porting_order_id).toBe(holder.get(row.e164 ?? ''));

    const again = await status(s, 's5');
    expect(again.summary?.changes?.lines).toEqual(['nothing moved since the last refresh']);
    // After the first refresh status follows the events feed: nothing moved, one call.
    expect(again.summary?.details).toMatchObject({ refresh: 'events', reads: { comments: 0, requirements: 0, numberPages: 0, orderPages: 0, eventPages: 1, orderReads: 0 } });
    const full = await status(s, 's6', '--full');
    expect(full.summary?.changes?.lines).toEqual(['nothing moved since the last refresh']);
    // A full refresh lists the orders; final orders' comments are not read again.
    expect(full.summary?.details).toMatchObject({ refresh: 'full', fullRefreshReason: '--full', reads: { comments: 0, requirements: 0, numberPages: 0, orderPages: 1, eventPages: 1 } });
    const state = await readCampaign(s.campaign.stateDir, CAMPAIGN);
    expect(state?.tracking.refreshCount).toBe(6);
    assertContract(s.t.recorder.exchanges);
  });
});

describe('status after Telnyx splits orders', () => {
  it('adopts the orders split off after submission: every number in exactly one current order', async () => {
    const s = (setup = await submittedCampaign({ splitShare: 1 }, { acme: 4, globex: 2 }));
    s.advanceHours(4);
    const run = await status(s, 'split');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.summary?.changes?.lines).toEqual(['2 orders submitted', '2 orders split into 4', '2 orders with a new comment']);
    const orders = campaignOrders(s.t.sim, CAMPAIGN);
    expect(orders).toHaveLength(4);
    const holder = new Map(orders.flatMap((o) => (o.phone_numbers ?? []).map((n) => [n.phone_number, o.id] as const)));
    const rows = await readResults(run.dir);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.porting_order_id).toBe(holder.get(row.e164 ?? ''));
    expect(new Set(rows.map((r) => r.porting_order_id)).size).toBe(4);
    const state = await readCampaign(s.campaign.stateDir, CAMPAIGN);
    expect([...(state?.tracking.adopted.values() ?? [])].sort()).toEqual(orders.filter((o) => !(o.status.details ?? []).some((d) => d.description.startsWith('Split from'))).map((o) => o.id).sort());

    const again = await status(s, 'split2');
    expect(again.summary?.changes?.lines).toEqual(['nothing moved since the last refresh']);
    assertContract(s.t.recorder.exchanges);
  });

  it('finds a split-off order without the campaign reference by its parent support key', async () => {
    const s = (setup = await submittedCampaign({ splitShare: 1 }, { acme: 4, globex: 0 }));
    s.advanceHours(4);
    // Production may not copy the references onto the new order: take them off the sibling.
    const sibling = s.t.sim.orders.list().find((o) => o.statusDetails.some((d) => d.description.startsWith('Split from')));
    expect(sibling).toBeDefined();
    sibling!.customerGroupReference = null;
    sibling!.customerReference = null;
    const run = await status(s, 'split');
    expect(run.summary?.changes?.lines).toContain('1 order split into 2');
    const state = await readCampaign(s.campaign.stateDir, CAMPAIGN);
    expect(state?.tracking.adoptedByParentKey.has(sibling!.id)).toBe(true);
    const rows = await readResults(run.dir);
    expect(rows.filter((r) => r.porting_order_id === sibling!.id).map((r) => r.e164).sort()).toEqual([...sibling!.phoneNumbers].sort());
    const listingsBefore = s.callsTo('GET /porting_orders/:id');
    const listingsOfCampaign = s.callsTo('GET /porting_orders');
    s.advanceHours(24);
    const later = await status(s, 'split2');
    expect(later.summary?.changes?.lines[0]).toBe('2 orders foc-date-confirmed');
    // Both orders moved: the events refresh reads them through one page of the campaign listing, and by id
    // the adopted one, which the listing cannot show.
    expect(s.callsTo('GET /porting_orders/:id')).toBe(listingsBefore + 1);
    expect(s.callsTo('GET /porting_orders')).toBe(listingsOfCampaign + 1);
  });
});
